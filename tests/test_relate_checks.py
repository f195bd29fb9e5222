"""The shortcuts of kg.relate (the checks of kg.relate_checks, and the pairs it does not look at)
skip only what the rules would find nothing in: with each of them off, the relations are the same."""

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

import kg
import kg.relate
from kg.extract import extract
from kg.normalize import fold_key, key_of
from kg.read import Document, read_paths
from kg.relate import relate
from kg.relation_rules import compiled
from kg.resolve import resolve

from .test_relate import GOLDEN, SPOKEN, SUBJECT

CASES = Path(__file__).parent.parent / "benchmarks" / "data" / "relation_cases.yaml"


def _texts() -> list[str]:
    """The bundled corpus, the relation cases and this suite's sentences."""
    corpus = [d.text for d in read_paths([kg.bundled_corpus()])[0]]
    cases = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))] if CASES.exists() else []
    return [*corpus, *cases, *(text for text, _ in GOLDEN), *(SUBJECT + text for text, _ in SPOKEN)]


@pytest.fixture(scope="module")
def documents(nlp, rules):
    """(resolved mentions, texts by document name) of every text, each a document."""
    texts = {f"t{i:03d}.txt": text for i, text in enumerate(_texts())}
    mentions, _ = resolve(extract([Document(name, text) for name, text in texts.items()], nlp), rules, texts)
    return mentions, texts


def _everyone_in_reach(by_types):
    def by_types_in_reach(rule_list):
        fitting, _ = by_types(rule_list)
        return fitting, defaultdict(lambda: 10**6)
    return by_types_in_reach


SHORTCUTS = {
    # kg.relate_checks: no word that could count stands where the rules look
    "unsaid": lambda monkeypatch, rules: monkeypatch.setattr(kg.relate, "unsaid", lambda *args: False),
    "silent": lambda monkeypatch, rules: monkeypatch.setattr(kg.relate, "silent", lambda *args: False),
    # too far apart for every rule
    "widest": lambda monkeypatch, rules: monkeypatch.setattr(kg.relate, "_by_types", _everyone_in_reach(kg.relate._by_types)),
    # no one near after someone too far off in another segment
    "grouped": lambda monkeypatch, rules: monkeypatch.setattr(kg.relate, "_grouped", lambda people: False),
    # a gap too wide to hold only what joins a list
    "joiner_overflow": lambda monkeypatch, rules: monkeypatch.setitem(compiled(rules)[1], "joiner_overflow", re.compile("(?!)")),
}


@pytest.mark.parametrize("shortcut", sorted(SHORTCUTS))
def test_a_shortcut_changes_no_relation(documents, rules, monkeypatch, shortcut):
    mentions, texts = documents
    taken = relate(mentions, texts, rules)
    assert any(r.relation != "CO_OCCURS" for r in taken)
    SHORTCUTS[shortcut](monkeypatch, rules)
    assert relate(mentions, texts, rules) == taken


def test_a_han_character_letter_or_digit_folds_to_one_key_character():
    # What `joiner_overflow` counts on: such a character is one character of the key, no space or bracket.
    for ch in [*map(chr, range(0x4E00, 0xA000)), *"abcXYZ019"]:
        key = key_of(ch)
        assert len(key) == 1 and not key.isspace() and key not in "()", ch


@pytest.mark.parametrize("kind", ["zero", "company"])
def test_the_look_ahead_that_skips_ahead_finds_the_same(rules, kind):
    pattern = compiled(rules)[1][kind]
    plain = re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", pattern.pattern))
    assert plain.pattern != pattern.pattern
    for text in _texts():
        key = fold_key(text)[0]
        assert [(m.span(), m.groups()) for m in pattern.finditer(key)] == [(m.span(), m.groups()) for m in plain.finditer(key)]
