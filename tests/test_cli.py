"""The command line, through its entry point and as `python -m kg`."""

import os
import subprocess
import sys

import networkx as nx
import pytest

from kg.cli import main


def test_build_bundled_corpus_by_default(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    G = nx.read_graphml(tmp_path / "output" / "graph.graphml")
    assert "person:yann-lecun" in G
    html = (tmp_path / "output" / "graph.html").read_text(encoding="utf-8")
    assert "Yann LeCun" in html
    written = sorted(p.relative_to(tmp_path / "output").as_posix() for p in (tmp_path / "output").rglob("*") if p.is_file())
    assert written == sorted(["graph.html", "graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv", "mentions.csv",
                              "neo4j/nodes.csv", "neo4j/relationships.csv", "neo4j/import.cypher"])
    err = capsys.readouterr().err
    assert "documents: 5 read, 0 skipped" in err
    assert "PERSON" in err and "CO_OCCURS" in err and "elapsed:" in err
    assert "wrote 10 files to output: graph.html, graph.graphml, graph.gexf" in err


def test_build_format_narrows_the_outputs(tmp_path, capsys):
    (tmp_path / "doc.txt").write_text("Yann LeCun joined Bell Labs in 1988.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "doc.txt"), "-o", str(out), "--format", "gexf,json", "--format", "neo4j"]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "graph.gexf", "graph.json", "neo4j/import.cypher", "neo4j/nodes.csv", "neo4j/relationships.csv"]
    assert "wrote 5 files" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["build", "--format", "svg", "-o", str(out)])
    assert "unknown format 'svg'" in capsys.readouterr().err


def test_bad_files_do_not_stop_a_build(tmp_path, capsys):
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.md").write_text("---\ntitle: 訪談\n---\n楊立昆在 1988 年到貝爾實驗室。", encoding="utf-8")
    (corpus / "sub" / "good.html").write_text("<p>Geoffrey Hinton at the University of Toronto</p>", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 20)
    assert main(["build", str(corpus), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "documents: 2 read, 2 skipped" in err
    assert err.count("warning: ") == 2
    G = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert {"person:yann-lecun", "person:geoffrey-hinton", "org:bell-labs", "year:1988"} <= set(G)


def test_invalid_rules_give_one_line(tmp_path, capsys):
    (tmp_path / "rules" / "entities").mkdir(parents=True)
    (tmp_path / "rules" / "entities" / "x.yaml").write_text("type: PERSON\nentities:\n  - id: Not A Slug\n    name: x\n", encoding="utf-8")
    assert main(["build", "--rules", str(tmp_path / "rules"), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "x.yaml:3:" in err and "\n" not in err
    assert "Traceback" not in err


def test_no_readable_documents_is_an_error(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 1
    assert "no readable documents" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_missing_path_is_an_error_naming_it(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Yann LeCun joined Bell Labs in 1988.", encoding="utf-8")
    missing = tmp_path / "no-such-folder"
    assert main(["build", str(tmp_path / "good.txt"), str(missing), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == f"error: {missing}: no such file or folder\n"
    assert not (tmp_path / "out").exists()


def test_user_rules_add_entities(tmp_path):
    (tmp_path / "rules" / "entities").mkdir(parents=True)
    (tmp_path / "rules" / "entities" / "mine.yaml").write_text("type: TECH\nentities:\n  - id: zorblax\n    name: Zorblax\n    aliases: [佐布拉克斯]\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("我們用佐布拉克斯訓練了網路。", encoding="utf-8")
    assert main(["build", str(tmp_path / "doc.txt"), "--rules", str(tmp_path / "rules"), "-o", str(tmp_path / "out")]) == 0
    assert "tech:zorblax" in nx.read_graphml(tmp_path / "out" / "graph.graphml")


def test_python_dash_m(tmp_path):
    (tmp_path / "doc.txt").write_text("Yann LeCun joined Bell Labs in 1988.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg", "build", "doc.txt", "-o", "o"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "o" / "graph.html").exists()
    assert "documents: 1 read" in run.stderr


def test_outputs_are_byte_identical_across_runs(tmp_path):
    # Separate processes with different hash seeds: no set or dict order may leak into the files.
    for out, seed in (("a", "1"), ("b", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-m", "kg", "build", "-o", str(tmp_path / out)], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 10
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_repository_output_is_the_current_build(corpus_graph):
    """output/ in the repository holds exactly what `kg build` makes of the bundled corpus."""
    from pathlib import Path

    from kg.export.formats import render

    output = Path(__file__).resolve().parent.parent / "output"
    files = render(corpus_graph)
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == sorted(files)
    for name, data in files.items():
        assert (output / name).read_bytes() == data, f"run `kg build` to refresh output/ ({name})"
