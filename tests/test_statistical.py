"""Optional statistical NER: a spaCy pipeline, when present, proposes candidates filtered by kg's rules.

No English model is installed in CI, so the test builds a small pipeline of its own (an entity ruler
saved to a folder) and hands it to kg the way a user names an installed one.
"""

import spacy

import kg
from kg.extract import extract, make_nlp
from kg.read import Document


def ner_model(tmp_path):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": "Zorana Veltkamp"},
        {"label": "PERSON", "pattern": "Veltkamp"},  # one word: too weak to be a person by itself
        {"label": "ORG", "pattern": "Hollow Pine Works"},
        {"label": "GPE", "pattern": "Utrecht"},  # not a label kg takes
    ])
    nlp.to_disk(tmp_path / "model")
    return str(tmp_path / "model")


TEXT = "Zorana Veltkamp joined Hollow Pine Works in Utrecht. Veltkamp stayed.\n她后来在 Hollow Pine Works 工作。"


def proposals(nlp):
    return [(m.text, m.type) for m in extract([Document("t.txt", TEXT)], nlp) if m.source == "discover:ner"]


def test_a_named_pipeline_proposes_people_and_organisations_in_english_sentences(tmp_path):
    nlp = make_nlp(ner=ner_model(tmp_path))
    assert "kg_statistical" in nlp.pipe_names
    # The Chinese sentence is not given to the English model; the one-word person is filtered out.
    assert proposals(nlp) == [("Zorana Veltkamp", "PERSON"), ("Hollow Pine Works", "ORG")]


def test_off_and_absent_mean_no_statistical_ner(tmp_path):
    assert "kg_statistical" not in make_nlp(ner="off").pipe_names
    if not any(spacy.util.is_package(m) for m in ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")):
        assert "kg_statistical" not in make_nlp().pipe_names


def test_the_cli_takes_a_pipeline(tmp_path):
    from kg.cli import main

    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    assert main(["build", str(tmp_path / "d.txt"), "-o", str(tmp_path / "out"), "--ner", ner_model(tmp_path)]) == 0
    G = kg.load(tmp_path / "out" / "graph.graphml")
    assert {"person:zorana-veltkamp", "org:hollow-pine-works"} <= set(G)
    assert "Veltkamp" in G.nodes["person:zorana-veltkamp"]["aliases"].split("|")
