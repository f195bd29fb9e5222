"""`--cache DIR`: only new or changed documents are extracted, and the result is a clean build's."""

import shutil

import pytest

import kg
import kg.stages
from kg.build import build_corpus
from kg.export.graphml import to_graphml
from kg.export.html import html_bytes


@pytest.fixture
def counted(monkeypatch):
    """The names of the documents the spaCy pipeline runs over, in order."""
    seen = []
    real = kg.stages.extract

    def extract(documents, nlp):
        seen.extend(d.name for d in documents)
        return real(documents, nlp)

    monkeypatch.setattr(kg.stages, "extract", extract)
    return seen


def files(G) -> tuple[bytes, bytes]:
    return to_graphml(G), html_bytes(G)


def corpus(folder, count=3):
    folder.mkdir()
    for doc in sorted(kg.bundled_corpus().glob("*.txt"))[:count]:
        shutil.copy(doc, folder / doc.name)
    return folder


def test_adding_a_document_extracts_only_that_one(tmp_path, counted):
    texts = corpus(tmp_path / "in")
    cache = tmp_path / "cache"
    G, report = build_corpus([texts], cache=cache)
    assert len(counted) == 3 and report.cached == 0
    new = sorted(kg.bundled_corpus().glob("*.txt"))[3]
    shutil.copy(new, texts / new.name)
    counted.clear()
    G, report = build_corpus([texts], cache=cache)
    assert counted == [new.name]
    assert report.cached == 3 and len(report.documents) == 4
    clean, _ = build_corpus([texts])
    assert files(G) == files(clean)


def test_a_changed_document_is_extracted_again(tmp_path, counted):
    texts = corpus(tmp_path / "in", 2)
    cache = tmp_path / "cache"
    build_corpus([texts], cache=cache)
    changed = sorted(texts.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n楊立昆在 1988 年到貝爾實驗室。", encoding="utf-8")
    counted.clear()
    G, _ = build_corpus([texts], cache=cache)
    assert counted == [changed.name]
    assert files(G) == files(build_corpus([texts])[0])


def test_a_renamed_document_comes_from_the_cache(tmp_path, counted):
    texts = corpus(tmp_path / "in", 2)
    cache = tmp_path / "cache"
    build_corpus([texts], cache=cache)
    first = sorted(texts.iterdir())[0]
    first.rename(texts / "renamed.txt")
    counted.clear()
    G, report = build_corpus([texts], cache=cache)
    assert counted == [] and report.cached == 2
    assert "renamed.txt" in G.nodes["person:yann-lecun"]["docs"] or "renamed.txt" in G.nodes["person:geoffrey-hinton"]["docs"]
    assert files(G) == files(build_corpus([texts])[0])


def test_other_rules_extract_everything_again(tmp_path, counted):
    texts = corpus(tmp_path / "in", 2)
    cache = tmp_path / "cache"
    build_corpus([texts], cache=cache)
    rules = tmp_path / "rules"
    (rules / "entities").mkdir(parents=True)
    (rules / "entities" / "mine.yaml").write_text("type: TECH\nentities:\n  - id: zorblax\n    name: Zorblax\n", encoding="utf-8")
    counted.clear()
    build_corpus([texts], [rules], cache=cache)
    assert len(counted) == 2
    counted.clear()
    build_corpus([texts], [rules], cache=cache)
    assert counted == []


def test_a_damaged_entry_is_extracted_again(tmp_path, counted):
    texts = corpus(tmp_path / "in", 2)
    cache = tmp_path / "cache"
    clean, _ = build_corpus([texts], cache=cache)
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:-20])  # cut short
    entries[1].write_bytes(b"")
    counted.clear()
    G, report = build_corpus([texts], cache=cache)
    assert len(counted) == 2 and report.cached == 0 and report.warnings == []
    assert files(G) == files(clean)


def test_the_summary_says_what_came_from_the_cache(tmp_path, capsys):
    from kg.cli import main

    texts = corpus(tmp_path / "in", 2)
    args = ["build", str(texts), "-o", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")]
    assert main(args) == 0 and "documents: 2 read, 0 skipped" in capsys.readouterr().err
    assert main(args) == 0 and "documents: 2 read (2 from the cache), 0 skipped" in capsys.readouterr().err
