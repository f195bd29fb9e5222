"""A Neo4j import set: `neo4j/nodes.csv` and `neo4j/relationships.csv` with neo4j-admin headers
(`:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed columns) and `neo4j/import.cypher`, which
loads the same two files with `LOAD CSV` (for a running database).

Every node has the label `Entity` and one for its type (`Person`, `Org`, `Tech`, `Year`, …);
relationship types are the relations (`WORKED_AT`, …, `CO_OCCURS`). Lists are `|`-joined, as
everywhere in kg: neo4j-admin needs `--array-delimiter="|"`, the Cypher script splits them itself.
"""

from __future__ import annotations

import re

import networkx as nx

from .graphml import sanitize
from .tables import csv_bytes

__all__ = ["NODE_HEADER", "RELATIONSHIP_HEADER", "neo4j_label", "to_neo4j"]

NODE_HEADER = ("id:ID", "label", "label_zh", "type", "aliases:string[]", "docs:string[]", "mentions:int", "first_year:int", ":LABEL")
RELATIONSHIP_HEADER = (":START_ID", ":END_ID", ":TYPE", "weight:float", "confidence:float", "years:string[]", "docs:string[]", "evidence")
# How import.cypher turns each column (a string in LOAD CSV) into its property.
_NODE_PROPERTIES = {"id": "row.`id:ID`", "label": "row.label", "label_zh": "row.label_zh", "type": "row.type",
                    "aliases": "split(row.`aliases:string[]`, '|')", "docs": "split(row.`docs:string[]`, '|')",
                    "mentions": "toInteger(row.`mentions:int`)", "first_year": "toInteger(row.`first_year:int`)"}
_RELATIONSHIP_PROPERTIES = {"weight": "toFloat(row.`weight:float`)", "confidence": "toFloat(row.`confidence:float`)",
                            "years": "split(row.`years:string[]`, '|')", "docs": "split(row.`docs:string[]`, '|')",
                            "evidence": "row.evidence"}


def neo4j_label(kind: str) -> str:
    """A node type as a Neo4j label: `ORG` → `Org`, `PERSON` → `Person` (`Entity` if nothing is left)."""
    return "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", kind)) or "Entity"


def _relationship_type(relation: str) -> str:
    return re.sub(r"[^0-9A-Za-z_]", "_", relation) or "RELATED"


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _assignments(variable: str, properties: dict, skip=()) -> str:
    return ",\n    ".join(f"{variable}.{name} = {value}" for name, value in properties.items() if name not in skip)


def _cypher(types: list[str], relations: list[str]) -> str:
    lines = [
        "// kg graph -> Neo4j. Copy nodes.csv and relationships.csv into the database's import folder, then",
        "//   cypher-shell -u neo4j -p PASSWORD -f import.cypher",
        "// Running it again updates the same nodes and relationships (MERGE).",
        "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
        "",
        "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
        "MERGE (n:Entity {id: row.`id:ID`})",
        "SET " + _assignments("n", _NODE_PROPERTIES, skip=("id",)) + ";",
        "",
    ]
    # A label cannot be a parameter in plain Cypher: one statement per type.
    lines += [f"MATCH (n:Entity {{type: {_quoted(kind)}}}) SET n:`{neo4j_label(kind)}`;" for kind in types]
    for relation in relations:
        lines += [
            "",
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
            f"WITH row WHERE row.`:TYPE` = {_quoted(relation)}",
            "MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})",
            f"MERGE (a)-[r:`{relation}`]->(b)",
            "SET " + _assignments("r", _RELATIONSHIP_PROPERTIES) + ";",
        ]
    return "\n".join(lines) + "\n"


def to_neo4j(G: nx.MultiDiGraph) -> dict[str, bytes]:
    """`{path: bytes}` of the import set, paths under `neo4j/`."""
    H = sanitize(G)
    nodes = [
        [node, *(d.get(c, "") for c in ("label", "label_zh", "type", "aliases", "docs", "mentions", "first_year")),
         f"Entity|{neo4j_label(str(d.get('type', '')))}"]
        for node, d in H.nodes(data=True)
    ]
    relationships = [
        [u, v, _relationship_type(str(d.get("relation", key))),
         *(d.get(c, "") for c in ("weight", "confidence", "years", "docs", "evidence"))]
        for u, v, key, d in H.edges(keys=True, data=True)
    ]
    types = sorted({str(d.get("type", "")) for _, d in H.nodes(data=True)})
    return {
        "neo4j/nodes.csv": csv_bytes(NODE_HEADER, nodes),
        "neo4j/relationships.csv": csv_bytes(RELATIONSHIP_HEADER, relationships),
        "neo4j/import.cypher": _cypher(types, sorted({r[2] for r in relationships})).encode("utf-8"),
    }
