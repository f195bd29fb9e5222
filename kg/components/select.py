"""spaCy component `kg_select`: the candidates (kg.components.spans) → non-overlapping `doc.ents`,
leaving out those inside boilerplate (see `kg_boilerplate`).

Longest span wins ("受限玻爾茲曼機" over "玻爾茲曼機"); at equal length a gazetteer entry wins over a
year, a year over a discovery rule. Weak candidates (a given name alone, any capitalised word) come
last: "Larry Jackal" is taken before "Larry", and "Rumelhart Hinton" stays two names.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from .spans import candidates, tokens

__all__ = ["PRIORITY", "TokenSpan", "select_spans", "set_entities"]

PRIORITY = {"gazetteer": 4, "year": 3, "gazetteer-short": 1, "discover:latin-cap": 0}
DISCOVERY_PRIORITY = 2
# Weak candidates only fill the gaps the others leave, however long they are.
WEAK = {"gazetteer-short", "discover:latin-cap"}
# Token entity tags (spaCy's ENT_IOB codes): inside, outside, beginning.
_I, _O, _B = 1, 2, 3


class TokenSpan(NamedTuple):
    """A candidate widened to whole tokens: tokens [start, end), characters [start_char, end_char)."""

    start: int
    end: int
    start_char: int
    end_char: int
    label: str
    ids: str
    rule: str


def _rank(i: int, s: TokenSpan) -> tuple:
    """Strong before weak, longest first, then by source priority, then leftmost, then by key; `i`
    (each span's own) keeps the order of the rest."""
    return (s.rule in WEAK, s.start_char - s.end_char, -PRIORITY.get(s.rule, DISCOVERY_PRIORITY), s.start_char, s.ids, i)


def select_spans(spans: list[TokenSpan]) -> list[TokenSpan]:
    """Greedy choice of non-overlapping spans: strong before weak, longest first, then by source
    priority, then leftmost."""
    ranked = sorted((*_rank(i, s), s) for i, s in enumerate(spans))
    used = bytearray(max((s.end for s in spans), default=0))
    chosen = []
    for *_, span in ranked:
        if used.find(1, span.start, span.end) >= 0:
            continue
        used[span.start:span.end] = b"\x01" * (span.end - span.start)
        chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _spans(doc: Doc) -> list[TokenSpan]:
    """The doc's candidates that make a span, widened to whole tokens."""
    found = candidates(doc)
    return [TokenSpan(*where, *c[2:]) for c, where in zip(found, tokens(doc, found)) if where]


def _outside(spans: list[TokenSpan], ranges: list[tuple[int, int]]) -> list[TokenSpan]:
    if not ranges:
        return spans
    return [s for s in spans if not any(a <= s.start_char and s.end_char <= b for a, b in ranges)]


def set_entities(doc: Doc, chosen: list[TokenSpan]) -> None:
    """`doc.set_ents(spans, default="outside")` for non-overlapping spans, written to the tokens in
    one call: set_ents checks every token against a Python set."""
    strings = doc.vocab.strings
    hashes = {text: strings.add(text) for text in {t for s in chosen for t in (s.label, s.ids, s.rule)}}
    chosen = [s for s in chosen if hashes[s.label]]  # set_ents leaves out a span without a label
    tags = numpy.zeros((len(doc), 4), dtype="uint64")
    tags[:, 0] = _O
    if chosen:
        starts = numpy.array([s.start for s in chosen], dtype="int64")
        sizes = numpy.array([s.end for s in chosen], dtype="int64") - starts
        # Every token of every span, and the span it belongs to.
        owner = numpy.repeat(numpy.arange(len(chosen)), sizes)
        inside = starts[owner] + numpy.arange(len(owner)) - numpy.repeat(numpy.cumsum(sizes) - sizes, sizes)
        values = numpy.array([(_I, hashes[s.label], hashes[s.rule], hashes[s.ids]) for s in chosen], dtype="uint64")
        tags[inside] = values[owner]
        tags[starts, 0] = _B
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID], tags)


@Language.component("kg_select")
def kg_select(doc: Doc) -> Doc:
    set_entities(doc, select_spans(_outside(_spans(doc), doc.user_data.get("kg_boilerplate", []))))
    return doc
