"""Queries: find in any script, neighbours, timeline, path, evidence (on the bundled corpus)."""

import pytest

import kg


@pytest.mark.parametrize(
    "names,key",
    [
        (["楊立昆", "杨立昆", "Yann LeCun", "yann lecun"], "person:yann-lecun"),
        (["辛頓", "辛顿", "Geoffrey Hinton", "Hinton"], "person:geoffrey-hinton"),
        (["貝爾實驗室", "贝尔实验室", "Bell Labs"], "org:bell-labs"),
    ],
)
def test_find_in_any_script(corpus_graph, names, key):
    for name in names:
        assert kg.find(corpus_graph, name)[0] == key, name


def test_neighbors_timeline_path_evidence(corpus_graph):
    lecun = "person:yann-lecun"
    assert "tech:lenet-5" in kg.neighbors(corpus_graph, lecun)
    assert kg.neighbors(corpus_graph, lecun, relation="NO_SUCH") == []
    years = [year for year, _, _ in kg.timeline(corpus_graph, lecun)]
    assert "1998" in years and years == sorted(years)
    chain = kg.path(corpus_graph, lecun, "org:utoronto")
    assert chain[0] == lecun and chain[-1] == "org:utoronto"
    items = kg.evidence(corpus_graph, lecun, "tech:lenet-5")
    assert items and all({"relation", "doc", "start", "end", "text"} <= set(i) for i in items)


def test_load_gives_the_same_answers(corpus_graph, tmp_path):
    G = kg.load(kg.write_graphml(corpus_graph, tmp_path / "g.graphml"))
    assert kg.find(G, "楊立昆") == kg.find(corpus_graph, "楊立昆")
    assert kg.evidence(G, "person:yann-lecun", "tech:lenet-5") == kg.evidence(corpus_graph, "person:yann-lecun", "tech:lenet-5")
