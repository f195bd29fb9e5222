"""Every export format, written to files and read back: GEXF and JSON by networkx, the CSV tables and
the Neo4j import set by the csv module."""

import csv
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

import kg
from kg.export.formats import FORMATS, parse_formats, render
from kg.export.gexf import spells
from kg.export.html import graph_data
from kg.export.neo4j import NODE_HEADER, RELATIONSHIP_HEADER
from kg.export.tables import EDGE_COLUMNS, MENTION_COLUMNS, NODE_COLUMNS

ALL_FILES = {
    "graph.html", "graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv", "mentions.csv",
    "neo4j/nodes.csv", "neo4j/relationships.csv", "neo4j/import.cypher",
}


@pytest.fixture(scope="module")
def written(corpus_graph, tmp_path_factory):
    """The bundled corpus in every format, in one folder."""
    folder = tmp_path_factory.mktemp("out")
    paths = kg.write(corpus_graph, folder)
    assert {p.relative_to(folder).as_posix() for p in paths} == ALL_FILES
    return folder


def rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_format_and_only_those_asked_for(corpus_graph, tmp_path):
    assert set(render(corpus_graph)) == ALL_FILES
    kg.write(corpus_graph, tmp_path, formats=["gexf,json"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.gexf", "graph.json"]
    assert parse_formats(["CSV", " neo4j ,csv"]) == ["csv", "neo4j"]
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        parse_formats(["csv,pdf"])
    assert list(FORMATS) == ["html", "graphml", "gexf", "json", "csv", "neo4j"]


def test_gexf_reads_back_in_networkx(corpus_graph, written):
    G = nx.read_gexf(written / "graph.gexf")
    assert isinstance(G, nx.MultiDiGraph)
    assert set(G) == set(corpus_graph) and G.number_of_edges() == corpus_graph.number_of_edges()
    lecun, source = G.nodes["person:yann-lecun"], corpus_graph.nodes["person:yann-lecun"]
    assert lecun["label"] == "Yann LeCun" and lecun["label_zh"] == "杨立昆" and lecun["type"] == "PERSON"
    assert lecun["mentions"] == source["mentions"] and lecun["aliases"] == source["aliases"]
    assert {k: lecun["viz"]["color"][k] for k in "rgb"} == {k: source[k] for k in "rgb"}
    page = graph_data(corpus_graph)["nodes"]  # the page's positions, y pointing up as in Gephi
    at = {row[0]: tuple(row[page["fields"].index(c)] for c in ("x", "y")) for row in page["rows"]}
    for node, data in G.nodes(data=True):
        assert (data["viz"]["position"]["x"], -data["viz"]["position"]["y"]) == at[node]
        assert data["viz"]["size"] > 0
    relations = {(u, v, d["relation"]) for u, v, d in G.edges(data=True)}
    assert relations == {(u, v, k) for u, v, k in corpus_graph.edges(keys=True)}
    edge = next(d for u, v, d in G.edges(data=True) if (u, v, d["relation"]) == ("person:yann-lecun", "org:bell-labs", "WORKED_AT"))
    assert json.loads(edge["evidence"]) == corpus_graph.edges["person:yann-lecun", "org:bell-labs", "WORKED_AT"]["evidence"]
    assert edge["weight"] == corpus_graph.edges["person:yann-lecun", "org:bell-labs", "WORKED_AT"]["weight"]


def test_gexf_time_spells_follow_relation_years(corpus_graph, written):
    root = ET.parse(written / "graph.gexf").getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    graph = root.find("{http://gexf.net/1.3}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date", "directed")
    G = nx.read_gexf(written / "graph.gexf")
    dated = 0
    for u, v, data in G.edges(data=True):
        years = [y for y in data["years"].split("|") if y]
        years += [G.nodes[n]["label"] for n in (u, v) if G.nodes[n]["type"] == "YEAR"]
        assert data.get("spells", []) == spells(years)
        dated += bool(years)
    assert dated > 50
    assert any(s <= "1988-01-01" and "1988-12-31" <= e for s, e in G.nodes["year:1988"]["spells"])
    assert "spells" in G.nodes["person:yann-lecun"]  # dated through his relations
    for node, data in G.nodes(data=True):
        for start, end in data.get("spells", []):
            assert re.fullmatch(r"\d{4}-01-01", start) and re.fullmatch(r"\d{4}-12-31", end) and start < end


def test_spells_merge_years_and_decades():
    assert spells([]) == [] and spells(["not a year", "85"]) == []
    assert spells(["1998", "1985", "1986"]) == [("1985-01-01", "1986-12-31"), ("1998-01-01", "1998-12-31")]
    assert spells(["1980s", "1990"]) == [("1980-01-01", "1990-12-31")]


def test_json_is_node_link_with_structured_evidence(corpus_graph, written):
    data = json.loads((written / "graph.json").read_text(encoding="utf-8"))
    assert data["directed"] and data["multigraph"]
    G = nx.node_link_graph(data, edges="edges")
    assert set(G) == set(corpus_graph) and G.number_of_edges() == corpus_graph.number_of_edges()
    for u, v, key, attrs in corpus_graph.edges(keys=True, data=True):
        assert G.edges[u, v, key]["evidence"] == attrs["evidence"]
        assert isinstance(G.edges[u, v, key]["evidence"], list)
    assert G.nodes["person:yann-lecun"]["spans"] == corpus_graph.nodes["person:yann-lecun"]["spans"]


def test_csv_tables(corpus_graph, written):
    nodes, edges = rows(written / "nodes.csv"), rows(written / "edges.csv")
    assert list(nodes[0])[: len(NODE_COLUMNS)] == list(NODE_COLUMNS) and "spans" not in nodes[0]
    assert list(edges[0])[: len(EDGE_COLUMNS)] == list(EDGE_COLUMNS)
    assert [r["id"] for r in nodes] == list(corpus_graph)
    lecun = next(r for r in nodes if r["id"] == "person:yann-lecun")
    assert lecun["label_zh"] == "杨立昆" and int(lecun["mentions"]) == corpus_graph.nodes["person:yann-lecun"]["mentions"]
    ids = {r["id"] for r in nodes}
    assert len(edges) == corpus_graph.number_of_edges()
    for r in edges:
        assert r["source"] in ids and r["target"] in ids
        assert json.loads(r["evidence"]) == corpus_graph.edges[r["source"], r["target"], r["relation"]]["evidence"]


def test_mentions_csv_has_one_row_per_mention_pointing_into_the_text(corpus_graph, written):
    mentions = rows(written / "mentions.csv")
    assert list(mentions[0]) == list(MENTION_COLUMNS)
    assert len(mentions) == sum(d["mentions"] for _, d in corpus_graph.nodes(data=True))
    texts = {d.name: d.text for d in kg.read.read_paths([kg.bundled_corpus()])[0]}
    for r in mentions:
        assert texts[r["doc"]][int(r["start"]):int(r["end"])] == r["text"]
        assert corpus_graph.nodes[r["entity"]]["type"] == r["type"]
    order = [(r["doc"], int(r["start"])) for r in mentions]
    assert order == sorted(order)
    surfaces = {r["text"] for r in mentions if r["entity"] == "person:yann-lecun"}
    assert surfaces & {"楊立昆", "杨立昆"} and surfaces & {"Yann LeCun", "LeCun", "Yann"}


def test_neo4j_import_set(corpus_graph, written):
    nodes, relationships = rows(written / "neo4j" / "nodes.csv"), rows(written / "neo4j" / "relationships.csv")
    assert tuple(nodes[0]) == NODE_HEADER and tuple(relationships[0]) == RELATIONSHIP_HEADER
    assert {":LABEL", "id:ID"} <= set(nodes[0]) and {":START_ID", ":END_ID", ":TYPE"} <= set(relationships[0])
    ids = [r["id:ID"] for r in nodes]
    assert len(ids) == len(set(ids)) == len(corpus_graph)
    for r in relationships:
        assert r[":START_ID"] in set(ids) and r[":END_ID"] in set(ids)
    assert len(relationships) == corpus_graph.number_of_edges()
    assert {r[":TYPE"] for r in relationships} == {k for _, _, k in corpus_graph.edges(keys=True)}
    lecun = next(r for r in nodes if r["id:ID"] == "person:yann-lecun")
    assert lecun[":LABEL"] == "Entity|Person" and "楊立昆" in lecun["aliases:string[]"].split("|")
    assert all(re.fullmatch(r"Entity\|[A-Z][A-Za-z0-9]*", r[":LABEL"]) for r in nodes)
    assert all(int(r["mentions:int"]) >= 1 for r in nodes)


def test_neo4j_cypher_reads_only_columns_that_exist(corpus_graph, written):
    cypher = (written / "neo4j" / "import.cypher").read_text(encoding="utf-8")
    headers = {"nodes.csv": set(NODE_HEADER), "relationships.csv": set(RELATIONSHIP_HEADER)}
    statements = [s for s in cypher.split(";\n") if "LOAD CSV" in s]
    assert statements
    for statement in statements:
        file = re.search(r"'file:///([\w.]+)'", statement).group(1)
        used = set(re.findall(r"row\.`([^`]+)`", statement)) | set(re.findall(r"row\.(\w+)", statement))
        assert used and used <= headers[file], (file, used - headers[file])
    for relation in {k for _, _, k in corpus_graph.edges(keys=True)}:
        assert f"-[r:`{relation}`]->" in cypher
    for kind in {d["type"] for _, d in corpus_graph.nodes(data=True)}:
        assert f"{{type: '{kind}'}}" in cypher
    assert "CREATE CONSTRAINT" in cypher and "http" not in cypher


def test_odd_attributes_still_export_everywhere(tmp_path):
    """Hand-made graphs: missing attributes, None, lists, quotes, XML-illegal characters, odd types."""
    G = nx.MultiDiGraph()
    G.add_node("person:x", label='A "quoted", <b>&\x00 name', type="PERSON", aliases=["b", "a"], mentions=1, extra=None)
    G.add_node("odd,id'\n", type="SOME-TYPE", r=3.7, g=300, b=-1)
    G.add_node("year:1985", label="1985", type="YEAR")
    G.add_edge("person:x", "odd,id'\n", key="WORKS AT", relation="WORKS AT", years="1985|198x", weight=1.0)
    G.add_edge("person:x", "year:1985", key="CO_OCCURS", relation="CO_OCCURS", evidence=[{"doc": "d", "start": 0, "end": 1, "text": "'"}])
    paths = kg.write(G, tmp_path)
    assert len(paths) == len(ALL_FILES)
    H = nx.read_gexf(tmp_path / "graph.gexf")
    assert H.nodes["person:x"]["label"] == 'A "quoted", <b>& name'
    assert H.nodes["odd,id'\n"]["spells"] == [("1985-01-01", "1985-12-31")]
    assert H.nodes["odd,id'\n"]["viz"]["color"] == {"r": 3, "g": 255, "b": 0, "a": 1.0}
    assert kg.load(tmp_path / "graph.json").edges["person:x", "year:1985", "CO_OCCURS"]["evidence"][0]["text"] == "'"
    nodes = rows(tmp_path / "neo4j" / "nodes.csv")
    assert {r["id:ID"] for r in nodes} == {"person:x", "odd,id'\n", "year:1985"}
    assert {r[":LABEL"] for r in nodes} == {"Entity|Person", "Entity|SomeType", "Entity|Year"}
    assert {r[":TYPE"] for r in rows(tmp_path / "neo4j" / "relationships.csv")} == {"WORKS_AT", "CO_OCCURS"}
    assert "MERGE (a)-[r:`WORKS_AT`]->(b)" in (tmp_path / "neo4j" / "import.cypher").read_text(encoding="utf-8")
    assert rows(tmp_path / "mentions.csv") == []
