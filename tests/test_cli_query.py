"""`kg query`, `kg stats` and `kg export` through the entry point, on the bundled corpus's graph files."""

import json
import subprocess
import sys

import networkx as nx
import pytest

import kg
from kg.cli import main

LECUN, HINTON, BELL = "person:yann-lecun", "person:geoffrey-hinton", "org:bell-labs"


@pytest.fixture(scope="module")
def graphs(corpus_graph, tmp_path_factory):
    """graph.graphml and graph.json of the bundled corpus."""
    folder = tmp_path_factory.mktemp("graphs")
    kg.write(corpus_graph, folder, formats=["graphml", "json"])
    return folder


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_find_in_any_script(graphs, capsys, fmt):
    graph = graphs / f"graph.{fmt}"
    for names, key in ((["辛頓", "辛顿", "Hinton", "Geoffrey Hinton", "欣顿"], HINTON), (["楊立昆", "杨立昆", "LeCun", "Yann LeCun"], LECUN)):
        for name in names:
            found = run_json(capsys, "query", graph, "find", name)
            assert found["id"] == key, name
    assert found["label_zh"] == "杨立昆" and "楊立昆" in found["aliases"] and len(found["docs"]) >= 3
    code, out, _ = run(capsys, "query", graph, "find", "楊立昆")
    assert code == 0 and "person:yann-lecun" in out and "杨立昆" in out and "mentions" in out


def test_unknown_name_is_one_line_and_exit_1(graphs, capsys):
    for argv in (("find", "Nobody Atall"), ("neighbors", "Nobody Atall"), ("path", "Hinton", "Nobody Atall"), ("timeline", "Nobody Atall")):
        code, out, err = run(capsys, "query", graphs / "graph.graphml", *argv)
        assert code == 1 and out == ""
        assert err == f"error: no node named 'Nobody Atall' in {graphs / 'graph.graphml'}\n"


def test_unreadable_graph_is_one_line(tmp_path, capsys):
    (tmp_path / "g.txt").write_text("not a graph", encoding="utf-8")
    for graph in (tmp_path / "g.txt", tmp_path / "missing.graphml"):
        for argv in (("query", graph, "find", "x"), ("stats", graph), ("export", graph, "--format", "csv")):
            code, out, err = run(capsys, *argv)
            assert code == 1 and err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
            assert str(graph.name) in err


def test_neighbors_of_lecun_include_bell_labs_with_evidence(graphs, capsys):
    result = run_json(capsys, "query", graphs / "graph.graphml", "neighbors", "楊立昆")
    assert result["node"]["id"] == LECUN
    bell = [r for r in result["links"] if r["node"] == BELL]
    assert bell and bell[0]["label"] == "Bell Labs"
    worked = next(r for r in bell if r["relation"] == "WORKED_AT")
    assert worked["source"] == LECUN and any("貝爾實驗室" in e["text"] for e in worked["evidence"])
    code, out, _ = run(capsys, "query", graphs / "graph.graphml", "neighbors", "Yann LeCun", "--relation", "worked_at")
    assert code == 0 and "Bell Labs" in out and "WORKED_AT" in out and "CO_OCCURS" not in out
    assert worked["evidence"][0]["text"][:8] in out


def test_neighbors_filters(graphs, capsys):
    graph = graphs / "graph.graphml"
    orgs = run_json(capsys, "query", graph, "neighbors", "LeCun", "--type", "org")["links"]
    assert orgs and {r["node"].split(":")[0] for r in orgs} == {"org"}
    worked = run_json(capsys, "query", graph, "neighbors", "LeCun", "--relation", "WORKED_AT", "--type", "ORG")["links"]
    assert worked and {r["relation"] for r in worked} == {"WORKED_AT"}
    assert run_json(capsys, "query", graph, "neighbors", "LeCun", "--relation", "NO_SUCH")["links"] == []


def test_path_links_hinton_to_bell_labs(graphs, capsys):
    result = run_json(capsys, "query", graphs / "graph.json", "path", "辛頓", "Bell Labs")
    chain = [n["id"] for n in result["path"]]
    assert chain[0] == HINTON and chain[-1] == BELL
    assert [(h["from"], h["to"]) for h in result["hops"]] == list(zip(chain, chain[1:]))
    assert all(h["links"] and h["links"][0]["evidence"] for h in result["hops"])
    code, out, _ = run(capsys, "query", graphs / "graph.json", "path", "Hinton", "贝尔实验室")
    assert code == 0 and "Geoffrey Hinton" in out and "Bell Labs" in out


def test_no_path_is_an_error(tmp_path, capsys):
    G = nx.MultiDiGraph()
    G.add_node("person:a", label="Ann", type="PERSON")
    G.add_node("person:b", label="Ben", type="PERSON")
    (path,) = kg.write(G, tmp_path, formats=["graphml"])
    code, out, err = run(capsys, "query", path, "path", "Ann", "Ben")
    assert code == 1 and err == "error: no path between Ann and Ben\n"


def test_timeline_of_lecun(graphs, capsys, corpus_graph):
    result = run_json(capsys, "query", graphs / "graph.graphml", "timeline", "LeCun")
    rows = result["timeline"]
    assert rows == json.loads(json.dumps(kg.timeline(corpus_graph, LECUN), ensure_ascii=False))
    assert [int(r["year"][:4]) for r in rows] == sorted(int(r["year"][:4]) for r in rows)
    code, out, _ = run(capsys, "query", graphs / "graph.graphml", "timeline", "楊立昆")
    assert code == 0 and f"{len(rows)} dated relations" in out and rows[0]["year"] in out


def test_stats(graphs, capsys, corpus_graph):
    result = run_json(capsys, "stats", graphs / "graph.graphml")
    assert result == json.loads(json.dumps(kg.stats(corpus_graph), ensure_ascii=False))
    code, out, _ = run(capsys, "stats", graphs / "graph.json")
    assert code == 0 and f"{corpus_graph.number_of_nodes()}" in out and "type PERSON" in out and "relation WORKED_AT" in out


def test_export_formats(graphs, tmp_path, capsys, corpus_graph):
    code, _, err = run(capsys, "export", graphs / "graph.graphml", "--format", "gexf,csv", "-o", tmp_path / "a")
    assert code == 0 and "wrote 4 files" in err
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["edges.csv", "graph.gexf", "mentions.csv", "nodes.csv"]
    assert set(nx.read_gexf(tmp_path / "a" / "graph.gexf")) == set(corpus_graph)
    code, _, _ = run(capsys, "export", graphs / "graph.json", "--format", "neo4j", "--format", "graphml", "-o", tmp_path / "b")
    assert code == 0 and sorted(p.relative_to(tmp_path / "b").as_posix() for p in (tmp_path / "b").rglob("*.*")) == [
        "graph.graphml", "neo4j/import.cypher", "neo4j/nodes.csv", "neo4j/relationships.csv"]
    # the same graph, whichever file it came from
    assert (tmp_path / "b" / "graph.graphml").read_bytes() == (graphs / "graph.graphml").read_bytes()


def test_export_defaults_to_the_graphs_folder(corpus_graph, tmp_path, capsys):
    kg.write(corpus_graph, tmp_path, formats=["graphml"])
    assert main(["export", str(tmp_path / "graph.graphml"), "--format", "json"]) == 0
    assert kg.load(tmp_path / "graph.json").number_of_edges() == corpus_graph.number_of_edges()


def test_unknown_format_is_a_usage_error(graphs, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["export", str(graphs / "graph.graphml"), "--format", "pdf"])
    assert exit.value.code == 2 and "unknown format 'pdf'" in capsys.readouterr().err


def test_python_dash_m_query(graphs):
    run = subprocess.run([sys.executable, "-m", "kg", "query", str(graphs / "graph.graphml"), "find", "辛顿", "--json"], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["id"] == HINTON


def test_names_from_a_graph_file_are_never_markup(tmp_path, capsys):
    """A hand-made graph whose relation, type and year carry rich markup prints them as text."""
    G = nx.MultiDiGraph()
    G.add_node("a", label="Ada [bold]", type="PERSON[/x]", aliases="Ada", docs="d.txt", mentions=1)
    G.add_node("b", label="Lab", type="ORG", aliases="Lab", docs="d.txt", mentions=1)
    G.add_edge("a", "b", key="WORKED_AT[/bold]", relation="WORKED_AT[/bold]", years="1990[red]", docs="d.txt",
               evidence="[]", weight=1.0, confidence=0.8)
    kg.write(G, tmp_path, formats=["graphml"])
    graph = tmp_path / "graph.graphml"
    code, out, err = run(capsys, "query", graph, "neighbors", "Ada")
    assert code == 0, err
    assert "WORKED_AT[/bold]" in out and "PERSON[/x]" not in out and "1990[red]" in out
    code, out, err = run(capsys, "stats", graph)
    assert code == 0, err
    assert "type PERSON[/x]" in out and "relation WORKED_AT[/bold]" in out
