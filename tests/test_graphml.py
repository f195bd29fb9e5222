"""GraphML round trips through files, and loads in networkx and igraph."""

import io
import json

import igraph
import networkx as nx
import pytest

import kg
from kg.export.graphml import sanitize, to_graphml, write_graphml


def test_round_trip_through_a_file(corpus_graph, tmp_path):
    path = write_graphml(corpus_graph, tmp_path / "g.graphml")
    G = kg.load(path)
    assert isinstance(G, nx.MultiDiGraph)
    assert set(G.nodes) == set(corpus_graph.nodes)
    assert G.number_of_edges() == corpus_graph.number_of_edges()
    for node, data in corpus_graph.nodes(data=True):
        assert G.nodes[node] == data
    for u, v, key, data in corpus_graph.edges(keys=True, data=True):
        assert G.edges[u, v, key] == data
    assert isinstance(data["evidence"], list) and data["evidence"]


def test_structured_attributes_are_json_in_the_file(corpus_graph):
    H = nx.read_graphml(io.BytesIO(to_graphml(corpus_graph)), force_multigraph=True)
    u, v, key, data = next(iter(corpus_graph.edges(keys=True, data=True)))
    assert json.loads(H.edges[u, v, key]["evidence"]) == data["evidence"]
    assert json.loads(H.nodes["person:yann-lecun"]["spans"]) == corpus_graph.nodes["person:yann-lecun"]["spans"]


def test_loads_in_igraph(corpus_graph, tmp_path):
    path = write_graphml(corpus_graph, tmp_path / "g.graphml")
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == corpus_graph.number_of_nodes()
    assert g.ecount() == corpus_graph.number_of_edges()
    assert "杨立昆" in g.vs["label_zh"]
    assert set(g.vs["type"]) >= {"PERSON", "ORG", "TECH", "YEAR"}


def test_unicode_and_illegal_characters(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("person:x", label="楊立昆\x00\x07 <b>&", aliases=["b", "a"], mentions=2)
    G.add_edge("person:x", "person:x", key="CO_OCCURS", relation="CO_OCCURS", evidence="[]", weight=1.0)
    H = kg.load(write_graphml(G, tmp_path / "u.graphml"))
    assert H.nodes["person:x"]["label"] == "楊立昆 <b>&"
    assert H.nodes["person:x"]["aliases"] == "a|b"
    assert "label" in G.nodes["person:x"] and isinstance(G.nodes["person:x"]["aliases"], list)  # caller's graph untouched


def test_one_type_per_attribute_name():
    G = nx.MultiDiGraph()
    G.add_node("a", weight=1)
    G.add_node("b", weight="heavy")
    with pytest.raises(TypeError, match="'weight' is both int and str"):
        sanitize(G)


def test_graphml_is_utf8_xml(corpus_graph):
    data = to_graphml(corpus_graph)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b"&#" not in data  # real UTF-8, not character references
    assert "杨立昆".encode("utf-8") in data
