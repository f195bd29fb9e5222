// kg graph -> Neo4j. Copy nodes.csv and relationships.csv into the database's import folder, then
//   cypher-shell -u neo4j -p PASSWORD -f import.cypher
// Running it again updates the same nodes and relationships (MERGE).
CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
MERGE (n:Entity {id: row.`id:ID`})
SET n.label = row.label,
    n.label_zh = row.label_zh,
    n.type = row.type,
    n.aliases = split(row.`aliases:string[]`, '|'),
    n.docs = split(row.`docs:string[]`, '|'),
    n.mentions = toInteger(row.`mentions:int`),
    n.first_year = toInteger(row.`first_year:int`);

MATCH (n:Entity {type: 'AWARD'}) SET n:`Award`;
MATCH (n:Entity {type: 'FIELD'}) SET n:`Field`;
MATCH (n:Entity {type: 'ORG'}) SET n:`Org`;
MATCH (n:Entity {type: 'PERSON'}) SET n:`Person`;
MATCH (n:Entity {type: 'PLACE'}) SET n:`Place`;
MATCH (n:Entity {type: 'TECH'}) SET n:`Tech`;
MATCH (n:Entity {type: 'VENUE'}) SET n:`Venue`;
MATCH (n:Entity {type: 'WORK'}) SET n:`Work`;
MATCH (n:Entity {type: 'YEAR'}) SET n:`Year`;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'ACQUIRED'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`ACQUIRED`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'ADVISED'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`ADVISED`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'COLLABORATED_WITH'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`COLLABORATED_WITH`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'CO_OCCURS'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`CO_OCCURS`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'CREATED'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`CREATED`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'INFLUENCED'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`INFLUENCED`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'IN_YEAR'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`IN_YEAR`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'LEADS'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`LEADS`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'MET'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`MET`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'PART_OF'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`PART_OF`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'STUDIED_AT'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`STUDIED_AT`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'USED'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`USED`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'WORKED_AT'
MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:`WORKED_AT`]->(b)
SET r.weight = toFloat(row.`weight:float`),
    r.confidence = toFloat(row.`confidence:float`),
    r.years = split(row.`years:string[]`, '|'),
    r.docs = split(row.`docs:string[]`, '|'),
    r.evidence = row.evidence;
