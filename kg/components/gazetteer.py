"""spaCy component `kg_gazetteer`: every alias in `rules/entities` found in the text, already resolved.

Aliases are folded like the text (script, case, spacing), compiled into one Aho-Corasick automaton,
and each hit becomes a candidate (kg.components.spans) whose `ids` is the canonical key (or several
keys joined by "|" when a weak form is shared) and whose `rule` names the rule that found it.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Iterator, NamedTuple

import ahocorasick
import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ..chars import LATIN, char_kinds, codes_of
from ..normalize import fold_key, keys_of
from ..ruleset import Rules, load_rules
from .spans import doc_key, doc_text, span_adder

__all__ = ["AliasEntry", "Gazetteer", "WordFinder", "alias_index", "case_mode"]

DEFAULT_CONFIG = {"rules": []}


class AliasEntry(NamedTuple):
    key: str
    type: str
    weak: bool
    case: str
    letters: str


_NOT_LETTER = re.compile("[^A-Za-z]+")


def _letters(text: str) -> str:
    return _NOT_LETTER.sub("", text)


def case_mode(alias: str, rule_case: str, weak: bool = False, letters: str | None = None) -> str:
    """'any' or 'exact': how the Latin letters of `alias` (`letters`, when known) must match (see
    rules/README.md).

    Short acronyms (GPU, EM, SN) and weak forms with a capital (Sun, Page) must match exactly;
    other forms match in any case ("backpropagation" finds "Backpropagation").
    """
    if rule_case != "auto":
        return rule_case
    letters = _letters(alias) if letters is None else letters
    if not letters or letters == letters.lower():
        return "any"
    if weak or (letters.isupper() and len(letters) <= 4):
        return "exact"
    return "any"


def alias_index(rules: Rules) -> dict[str, list[AliasEntry]]:
    """Folded alias → entries. One alias may name several entities (scispacy's alias → set of ids)."""
    index: dict[str, list[AliasEntry]] = defaultdict(list)
    forms_of = {}
    for rule in rules.entities.values():
        forms_of[rule.key] = [(a, False) for a in (rule.label, rule.label_zh, *rule.aliases) if a] + [(a, True) for a in rule.short]
    every = [alias for forms in forms_of.values() for alias, _ in forms]
    keys = dict(zip(every, keys_of(every)))  # folded together: one pass instead of thirty thousand
    for rule in rules.entities.values():
        best: dict[tuple[str, bool], AliasEntry] = {}
        for alias, weak in forms_of[rule.key]:
            key = keys[alias]
            if (len(key) < 2 and not key.isdigit()) or key in rules.stop_keys:
                continue
            letters = _letters(alias)
            entry = AliasEntry(rule.key, rule.type, weak, case_mode(alias, rule.case, weak, letters), letters)
            # The same folded form written twice ("Dropout", "dropout") matches as leniently as either.
            if (key, weak) not in best or entry.case == "any":
                best[(key, weak)] = entry
        for (key, _), entry in best.items():
            index[key].append(entry)
    return dict(index)


def _symbols(text: str) -> str:
    """`text` as the string the automaton walks: two symbols a character, the high bits (and, for
    a Latin letter or digit, whether one stands right before it and right after it) then the low
    eight bits, from two ranges apart. A word's Latin ends thus carry "nothing Latin beyond": it
    matches only where the text's do too, never inside a Latin word ("AI" in "MAIL")."""
    codes = codes_of(text)
    latin = (char_kinds(codes) == LATIN).view(numpy.uint8)
    before, after = numpy.zeros_like(latin), numpy.zeros_like(latin)
    before[1:], after[:-1] = latin[:-1], latin[1:]
    flags = (latin * (before | (after << 1))).astype(numpy.uint32)
    symbols = numpy.empty((len(codes), 2), dtype=numpy.uint32)
    symbols[:, 0] = (codes >> 8) | (flags << 13)  # at most 0x70FF
    symbols[:, 1] = 0x8000 | (codes & 0xFF)
    return symbols.tobytes().decode("utf-32-le")


# Stands between the words `_many_symbols` encodes together: no Latin letter or digit, so each
# word's ends are encoded as if alone.
_APART = "\n"


def _many_symbols(words: list[str]) -> Iterator[str]:
    """`_symbols` of each word, encoded together, a few thousand at a time (a pass for each word
    would take a second for the rules' tens of thousands, one pass for all of them memory)."""
    for begin in range(0, len(words), 4096):
        chunk = words[begin:begin + 4096]
        if any(_APART in w for w in chunk):
            yield from map(_symbols, chunk)
            continue
        joined, at = _symbols(_APART.join(chunk)), 0
        for word in chunk:
            yield joined[2 * at:2 * (at + len(word))]
            at += len(word) + 1


class WordFinder:
    """Every occurrence of many words in a text, overlaps included: Aho-Corasick, where a word
    with a Latin letter or digit at an end only counts where no other stands right beyond it.

    pyahocorasick looks a character up among a trie node's children one by one, and with Chinese
    words the root has thousands (every first character): the automaton walks two symbols a
    character instead (`_symbols`, of at most a few hundred values each), three times as fast.
    """

    def __init__(self, words: dict[str, object]) -> None:
        self.words = words
        self._automaton = ahocorasick.Automaton()
        for symbols, value in zip(_many_symbols(list(words)), words.values()):
            self._automaton.add_word(symbols, value)
        if len(self._automaton):
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.words)

    def iter(self, text: str):
        """(index of the last character, value) of every word in `text`, by where they end."""
        for last, value in self.symbol_hits(text):
            yield last >> 1, value

    def symbol_hits(self, text: str):
        """(index of the last symbol, value) of every word in `text` (two symbols a character:
        the character's index is half the symbol's; symbols never match across characters, their
        ranges are apart)."""
        return self._automaton.iter(_symbols(text)) if self.words else iter(())


def _finder(index: dict[str, list[AliasEntry]]) -> WordFinder:
    """Folded alias → (length, whether any entry needs its case checked, entries, the candidate
    they make)."""
    values = {}
    for key, entries in index.items():
        cased = any(e.case != "any" for e in entries)
        # Made directly, not through the cache: most aliases never occur in a given corpus.
        values[key] = (len(key), cased, tuple(entries), _candidate.__wrapped__(tuple(entries)))
    return WordFinder(values)


class Gazetteer:
    """Finds the aliases of known entities."""

    def __init__(self, rules: Rules | None, index: dict[str, list[AliasEntry]] | None = None) -> None:
        self.index = alias_index(rules) if rules is not None else dict(index or {})
        self.automaton = _finder(self.index) if self.index else None

    @classmethod
    def from_index(cls, index: dict[str, list[AliasEntry]]) -> "Gazetteer":
        """A matcher over an alias index built elsewhere (the aliases a corpus taught, kg.learn)."""
        return cls(None, index)

    def matches(self, text: str, folded: tuple[str, list[int]] | None = None):
        """(start, end, entries) for every alias occurrence in `text`, overlaps included (`folded`:
        `fold_key(text)` when already known)."""
        for start, end, entries, _ in self._hits(text, folded or fold_key(text)):
            yield start, end, list(entries)

    def _hits(self, text: str, folded: tuple[str, list[int]]):
        """(start, end, entries, candidate) of every alias occurrence whose case fits."""
        if self.automaton is None:
            return
        key, offsets = folded
        for last, (length, cased, entries, candidate) in self.automaton.symbol_hits(key):
            last >>= 1
            start, end = offsets[last - length + 1], offsets[last] + 1
            if cased:
                entries, candidate = _by_case(text, start, end, entries, candidate)
                if not entries:
                    continue
            yield start, end, entries, candidate

    def __call__(self, doc: Doc) -> Doc:
        add = span_adder(doc)
        for start, end, _, candidate in self._hits(doc_text(doc), doc_key(doc)):
            add(start, end, *candidate)
        return doc


def _by_case(text: str, start: int, end: int, entries: tuple[AliasEntry, ...], candidate: tuple) -> tuple[tuple, tuple]:
    """The entries whose case the hit over [start, end) of `text` fits, and the candidate they make."""
    letters = _letters(text[start:end])
    narrowed = tuple(e for e in entries if e.case == "any" or e.letters == letters)
    if len(narrowed) == len(entries):
        return entries, candidate
    return narrowed, _candidate(narrowed) if narrowed else ()


@functools.lru_cache(maxsize=65536)
def _candidate(entries: tuple[AliasEntry, ...]) -> tuple[str, str, str]:
    """(type, keys, rule) of the span a hit becomes: strong entries before weak ones."""
    strong = [e for e in entries if not e.weak]
    chosen = strong or entries
    keys = "|".join(sorted({e.key for e in chosen}))
    types = sorted({e.type for e in chosen})
    return types[0], keys, "gazetteer" if strong else "gazetteer-short"


@Language.factory("kg_gazetteer", default_config=DEFAULT_CONFIG)
def make_gazetteer(nlp: Language, name: str, rules: list[str]) -> Gazetteer:
    return Gazetteer(load_rules(tuple(rules)))

