"""The Python API: what `import kg` offers, documented with examples that run."""

import inspect

import networkx as nx
import pytest

import kg

API = {"build", "load", "find", "neighbors", "links", "path", "timeline", "evidence", "stats", "write"}


def test_all_is_the_api():
    assert set(kg.__all__) == API | {"FORMATS", "build_corpus", "bundled_corpus", "write_graphml", "write_html"}
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name
    namespace: dict = {}
    exec("from kg import *", namespace)  # noqa: S102
    assert set(kg.__all__) <= set(namespace)


@pytest.mark.parametrize("name", sorted(API))
def test_every_function_has_a_runnable_example(name):
    doc = inspect.getdoc(getattr(kg, name))
    assert doc and ">>> " in doc, name


def test_signatures():
    build = inspect.signature(kg.build).parameters
    assert build["rules"].kind is inspect.Parameter.KEYWORD_ONLY and build["rules"].default is None
    assert build["jobs"].kind is inspect.Parameter.KEYWORD_ONLY and build["jobs"].default == 1
    for name in ("relation", "type"):
        assert inspect.signature(kg.neighbors).parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
    assert list(inspect.signature(kg.evidence).parameters) == ["G", "u", "v", "relation"]


def test_build_takes_a_path_rules_and_jobs(tmp_path, corpus_graph):
    (tmp_path / "rules" / "entities").mkdir(parents=True)
    (tmp_path / "rules" / "entities" / "mine.yaml").write_text("type: TECH\nentities:\n  - id: zorblax\n    name: Zorblax\n    aliases: [佐布拉克斯]\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("楊立昆用佐布拉克斯訓練了網路。", encoding="utf-8")
    G = kg.build(str(tmp_path / "doc.txt"), rules=tmp_path / "rules", jobs=2)
    assert isinstance(G, nx.MultiDiGraph) and {"tech:zorblax", "person:yann-lecun"} <= set(G)
    assert kg.find(G, "佐布拉克斯") == "tech:zorblax"
    assert nx.utils.graphs_equal(kg.build(jobs=2), corpus_graph)
    for jobs in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="jobs"):
            kg.build(tmp_path / "doc.txt", jobs=jobs)
