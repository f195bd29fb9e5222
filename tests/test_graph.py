"""The graph follows the conventions of DESIGN.md (what GraphML, Gephi and score.py rely on)."""

import re

import pytest

from kg.graph import join

NODE_ATTRS = {"label": str, "label_zh": str, "type": str, "aliases": str, "docs": str, "mentions": int, "r": int, "g": int, "b": int, "first_year": int}


def test_node_keys_and_attributes(corpus_graph):
    assert len(corpus_graph) > 100
    for node, data in corpus_graph.nodes(data=True):
        assert re.fullmatch(r"[a-z]+:\S+", node), node
        assert node.split(":")[0] == data["type"].lower()
        for name, kind in NODE_ATTRS.items():
            assert isinstance(data[name], kind), (node, name)
        assert data["mentions"] >= 1
        assert data["aliases"] == "|".join(sorted(set(data["aliases"].split("|"))))


def test_bilingual_labels(corpus_graph):
    lecun = corpus_graph.nodes["person:yann-lecun"]
    assert lecun["label"] == "Yann LeCun"
    assert lecun["label_zh"] == "杨立昆"
    assert {"杨立昆", "Yann LeCun"} <= set(lecun["aliases"].split("|"))
    assert len(lecun["docs"].split("|")) >= 3


def test_years_and_decades_are_nodes(corpus_graph):
    assert corpus_graph.nodes["year:1988"]["type"] == "YEAR"
    assert corpus_graph.nodes["year:1980s"]["label"] == "1980s"


def test_edges_carry_weight_docs_confidence_and_capped_evidence(corpus_graph):
    from kg.schema import RELATIONS

    edges = list(corpus_graph.edges(keys=True, data=True))
    assert {k for _, _, k in corpus_graph.edges(keys=True)} > {"CO_OCCURS", "WORKED_AT", "CREATED"}
    for u, v, key, data in edges:
        assert key == data["relation"] and key in (*RELATIONS, "CO_OCCURS")
        assert data["weight"] >= 1.0
        # co-occurrence is the weakest claim there is
        assert (data["confidence"] == 0.2) == (key == "CO_OCCURS")
        evidence = data["evidence"]
        assert 1 <= len(evidence) <= 5
        for item in evidence:
            assert set(item) == {"doc", "start", "end", "text"}
            assert item["doc"] in data["docs"].split("|")


def test_evidence_points_into_the_document_in_its_own_script(corpus_build):
    G, _ = corpus_build
    import kg

    texts = {d.name: d.text for d in kg.read.read_paths([kg.bundled_corpus()])[0]}
    data = G.get_edge_data("org:bell-labs", "year:1988") or G.get_edge_data("year:1988", "org:bell-labs")
    item = data["CO_OCCURS"]["evidence"][0]
    assert " ".join(texts[item["doc"]][item["start"]:item["end"]].split()) == item["text"]
    assert "貝爾實驗室" in item["text"]  # Traditional, as the document wrote it


def test_spans_are_every_mention_in_place(corpus_build):
    G, _ = corpus_build
    import kg

    texts = {d.name: d.text for d in kg.read.read_paths([kg.bundled_corpus()])[0]}
    for node, data in G.nodes(data=True):
        assert len(data["spans"]) == data["mentions"], node
        for item in data["spans"]:
            assert texts[item["doc"]][item["start"]:item["end"]] == item["text"]
            assert item["doc"] in data["docs"].split("|")
    lecun = {item["text"] for item in G.nodes["person:yann-lecun"]["spans"]}
    assert {"楊立昆", "杨立昆", "Yann LeCun"} & lecun


def test_first_year(tmp_path):
    import kg

    (tmp_path / "d.txt").write_text("1985 年，Yann LeCun 到了貝爾實驗室。1990 年代他在那裡。沒有年份的句子提到 Hinton。", encoding="utf-8")
    G = kg.build([tmp_path / "d.txt"])
    assert G.nodes["year:1985"]["first_year"] == 1985  # a year is dated by itself
    assert G.nodes["year:1990s"]["first_year"] == 1990
    assert G.nodes["person:yann-lecun"]["first_year"] == 1985
    assert G.nodes["person:geoffrey-hinton"]["first_year"] == 0


@pytest.mark.parametrize("values,joined", [
    (["b", "a", "a"], "a|b"),
    (["x|y", "x/y", " ", ""], "x/y"),  # a bar inside a value cannot pass for a separator
    ([3, 1, "2"], "1|2|3"),
    ([], ""),
])
def test_join_sorts_dedupes_and_keeps_the_separator_free(values, joined):
    assert join(values) == joined
