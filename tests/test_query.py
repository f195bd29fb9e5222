"""Queries: find in any script, neighbours, links, timeline, path, evidence, stats, load."""

import networkx as nx
import pytest

import kg
from kg.query import CO_OCCURS_COST

LECUN, HINTON, BELL = "person:yann-lecun", "person:geoffrey-hinton", "org:bell-labs"


@pytest.mark.parametrize(
    "names,key",
    [
        (["辛頓", "辛顿", "Hinton", "Geoffrey Hinton", "欣顿", "geoffrey  HINTON"], HINTON),
        (["楊立昆", "杨立昆", "LeCun", "Yann LeCun", "yann lecun", "person:yann-lecun"], LECUN),
        (["貝爾實驗室", "贝尔实验室", "Bell Labs"], BELL),
    ],
)
def test_find_gives_one_node_in_any_script(corpus_graph, names, key):
    assert {kg.find(corpus_graph, name) for name in names} == {key}


def _toy() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("person:ada", label="Ada", label_zh="艾达", aliases="Ada|Countess", mentions=2, type="PERSON")
    G.add_node("person:countess", label="Countess", aliases="Countess", mentions=1, type="PERSON")
    G.add_node("person:bob", label="Bob", aliases="Bob|Ada", mentions=9, type="PERSON")
    G.add_node("org:lab", label="Lab", aliases="Lab", mentions=1, type="ORG")
    G.add_node("year:1990", label="1990", aliases="1990", mentions=1, type="YEAR")
    return G


def test_find_tie_break():
    G = _toy()
    assert kg.find(G, "ada") == "person:ada"  # its own name beats Bob's alias, though Bob is mentioned more
    assert kg.find(G, "countess") == "person:countess"
    assert kg.find(G, "艾達") == "person:ada"  # Traditional finds the Simplified label
    G.add_node("person:ada2", label="Ada", aliases="Ada", mentions=5, type="PERSON")
    assert kg.find(G, "Ada") == "person:ada2"  # two of the same name: the one mentioned more
    assert kg.find(G, "ountes") == "person:countess"  # part of a name, when no name is whole
    assert kg.find(G, "x") is None and kg.find(G, "") is None and kg.find(G, " · ") is None


def test_lecun_neighbours_include_bell_labs_with_evidence(corpus_graph):
    assert BELL in kg.neighbors(corpus_graph, LECUN)
    assert BELL in kg.neighbors(corpus_graph, LECUN, relation="worked_at", type="org")
    rows = [r for r in kg.links(corpus_graph, LECUN, relation="WORKED_AT") if r["node"] == BELL]
    assert rows and rows[0]["source"] == LECUN and rows[0]["target"] == BELL
    assert any("貝爾實驗室" in item["text"] or "贝尔实验室" in item["text"] for item in rows[0]["evidence"])


def test_neighbors_filters(corpus_graph):
    every = kg.neighbors(corpus_graph, LECUN)
    orgs = kg.neighbors(corpus_graph, LECUN, type="ORG")
    assert orgs and set(orgs) < set(every)
    assert all(corpus_graph.nodes[n]["type"] == "ORG" for n in orgs)
    assert kg.neighbors(corpus_graph, LECUN, relation="NO_SUCH") == []
    assert every == sorted(every)
    # in either direction: Hinton is a source of edges into LeCun too
    assert HINTON in every and any(r["target"] == LECUN for r in kg.links(corpus_graph, LECUN) if r["node"] == HINTON)
    with pytest.raises(nx.NodeNotFound):
        kg.neighbors(corpus_graph, "person:nobody")


def test_links_put_typed_relations_first(corpus_graph):
    relations = [r["relation"] for r in kg.links(corpus_graph, LECUN)]
    first_co = relations.index("CO_OCCURS")
    assert "CO_OCCURS" not in relations[:first_co] and set(relations[first_co:]) == {"CO_OCCURS"}


def _year(y: str) -> int:
    return int(y[:4])


def test_lecun_timeline_lists_his_dated_relations(corpus_graph):
    rows = kg.timeline(corpus_graph, LECUN)
    assert rows and [_year(r["year"]) for r in rows] == sorted(_year(r["year"]) for r in rows)
    assert all(r["evidence"] for r in rows)
    listed = {(r["year"], r["relation"], r["node"]) for r in rows}
    expected = set()
    for u, v, key, data in list(corpus_graph.out_edges(LECUN, keys=True, data=True)) + list(corpus_graph.in_edges(LECUN, keys=True, data=True)):
        for year in filter(None, data["years"].split("|")):
            expected.add((year, key, v if u == LECUN else u))
    assert expected and expected <= listed
    assert {r["relation"] for r in rows} - {"CO_OCCURS"}, "typed dated relations are listed"


def test_timeline_dates_by_year_nodes_without_repeating_them():
    G = _toy()
    evidence = [{"doc": "d", "start": 0, "end": 9, "text": "x"}]
    G.add_edge("person:ada", "org:lab", key="WORKED_AT", relation="WORKED_AT", years="1990", evidence=evidence)
    G.add_edge("person:ada", "year:1990", key="CO_OCCURS", relation="CO_OCCURS", years="", evidence=evidence)
    G.add_edge("person:bob", "year:1990", key="CO_OCCURS", relation="CO_OCCURS", years="", evidence=evidence)
    G.add_edge("person:ada", "person:bob", key="MET", relation="MET", years="", evidence=evidence)
    assert [(r["year"], r["relation"], r["node"]) for r in kg.timeline(G, "person:ada")] == [("1990", "WORKED_AT", "org:lab")]
    assert [(r["year"], r["relation"], r["node"]) for r in kg.timeline(G, "person:bob")] == [("1990", "CO_OCCURS", "year:1990")]


def test_path_links_hinton_to_bell_labs(corpus_graph):
    chain = kg.path(corpus_graph, HINTON, BELL)
    assert chain[0] == HINTON and chain[-1] == BELL
    for u, v in zip(chain, chain[1:]):
        assert corpus_graph.has_edge(u, v) or corpus_graph.has_edge(v, u)
    assert not any(n.startswith("year:") for n in chain)
    assert kg.path(corpus_graph, HINTON, "person:nobody") == []


def test_path_prefers_typed_relations_and_avoids_years():
    G = _toy()
    G.add_edge("person:ada", "person:bob", key="CO_OCCURS", relation="CO_OCCURS")
    G.add_edge("person:ada", "org:lab", key="WORKED_AT", relation="WORKED_AT")
    G.add_edge("person:bob", "org:lab", key="WORKED_AT", relation="WORKED_AT")
    assert CO_OCCURS_COST > 2
    assert kg.path(G, "person:ada", "person:bob") == ["person:ada", "org:lab", "person:bob"]
    G.add_edge("person:countess", "year:1990", key="CO_OCCURS", relation="CO_OCCURS")
    G.add_edge("person:ada", "year:1990", key="CO_OCCURS", relation="CO_OCCURS")
    assert kg.path(G, "person:ada", "person:countess") == []  # same year, not connected
    assert kg.path(G, "person:ada", "year:1990") == ["person:ada", "year:1990"]


def test_evidence_either_direction_and_by_relation(corpus_graph):
    both = kg.evidence(corpus_graph, BELL, LECUN)
    assert both and {i["relation"] for i in both} >= {"WORKED_AT"}
    worked = kg.evidence(corpus_graph, LECUN, BELL, "worked_at")
    assert worked and all(i["relation"] == "WORKED_AT" and i["source"] == LECUN for i in worked)
    assert all({"relation", "source", "target", "doc", "start", "end", "text"} <= set(i) for i in both)
    assert kg.evidence(corpus_graph, LECUN, "person:nobody") == []


def test_stats_count_what_is_there(corpus_graph):
    s = kg.stats(corpus_graph)
    assert s["nodes"] == len(corpus_graph) and s["edges"] == corpus_graph.number_of_edges()
    assert sum(s["types"].values()) == s["nodes"] and sum(s["relations"].values()) == s["edges"]
    assert s["documents"] == 5
    assert s["years"][0] <= 1988 <= s["years"][1]
    assert s["largest_component"] <= s["nodes"] and s["components"] >= 1
    degrees = [t["degree"] for t in s["top"]]
    assert degrees == sorted(degrees, reverse=True) and degrees[0] == max(d for _, d in corpus_graph.degree())


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_load_gives_the_same_graph(corpus_graph, tmp_path, fmt):
    (path,) = kg.write(corpus_graph, tmp_path, formats=[fmt])
    G = kg.load(path)
    assert isinstance(G, nx.MultiDiGraph)
    assert dict(G.nodes(data=True)) == dict(corpus_graph.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True), key=str) == sorted(corpus_graph.edges(keys=True, data=True), key=str)
    assert kg.find(G, "楊立昆") == LECUN
    assert kg.evidence(G, LECUN, BELL) == kg.evidence(corpus_graph, LECUN, BELL)


def test_load_refuses_what_is_not_a_graph(tmp_path):
    (tmp_path / "notes.txt").write_text("just words", encoding="utf-8")
    (tmp_path / "broken.graphml").write_text("<graphml><graph", encoding="utf-8")
    for name in ("notes.txt", "broken.graphml"):
        with pytest.raises(ValueError, match=name):
            kg.load(tmp_path / name)
    with pytest.raises(FileNotFoundError):
        kg.load(tmp_path / "missing.graphml")
