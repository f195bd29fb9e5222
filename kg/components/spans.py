"""The candidates every kg component proposes, how they are added and widened to whole tokens,
and the matching key of a doc's text that the components share.

A candidate is plain data (`Candidate`), kept in `doc.user_data["kg_candidates"]` in the order the
components proposed them: its characters, its type (`label`), its canonical key (`ids`, or keys
joined by "|") and the rule that found it (`rule`: "gazetteer", "year", "discover:gloss"…).
`kg_select` widens them to whole tokens (`tokens`) and makes the chosen ones the doc's entities,
whose `label_`, `id_` and `kb_id_` are the type, the key and the rule.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from ..normalize import fold_key

__all__ = ["CANDIDATES", "TEXT", "Candidate", "add_span", "candidates", "doc_key", "doc_text", "tokens"]

# Where a doc keeps its text (kg's tokenizer puts it there): spaCy's `doc.text` joins every token
# again on each access, which costs more than most components.
TEXT = "kg_text"
CANDIDATES = "kg_candidates"


class Candidate(NamedTuple):
    """A proposed entity over characters [start, end) of a doc."""

    start: int
    end: int
    label: str
    ids: str
    rule: str


def add_span(doc: Doc, start: int, end: int, label: str, ids: str, rule: str) -> None:
    """Propose an entity over characters [start, end) of `doc`."""
    doc.user_data.setdefault(CANDIDATES, []).append(Candidate(start, end, label, ids, rule))


def candidates(doc: Doc) -> list[Candidate]:
    """The candidates proposed so far, in order."""
    return doc.user_data.get(CANDIDATES, [])


def tokens(doc: Doc, found: list[Candidate]) -> list[tuple[int, int, int, int] | None]:
    """For each candidate, the tokens [first, stop) and characters [start, end) of the span
    `doc.char_span(start, end, alignment_mode="expand")` would make of it; None where that makes
    no span or one of whitespace only (which is no candidate).

    All at once, from the tokens' offsets: char_span looks each one up on its own.
    """
    text, size = doc_text(doc), len(doc)
    if not found or not size:
        return [None] * len(found)
    starts, lengths = doc.to_array([IDX, LENGTH]).astype("int64").T
    ends = starts + lengths
    wanted = numpy.array([c[:2] for c in found], dtype="int64").reshape(-1, 2)
    begin, finish = wanted[:, 0], wanted[:, 1]
    # The token holding a character is the last one starting at or before it (a token's trailing
    # space is its own); a character outside the text is in none, and makes no span.
    inside = (begin >= 0) & (begin < len(text)) & (finish > 0) & (finish <= len(text))
    first = numpy.searchsorted(starts, begin, "right") - 1
    first = numpy.where(inside, first, 0)
    first += begin == ends[first]  # in the token's trailing space: the span starts at the next one
    stop = numpy.searchsorted(starts, finish - 1, "right")
    start_char = numpy.where(first < size, starts[numpy.minimum(first, size - 1)], len(text))
    end_char = numpy.where(stop > first, ends[numpy.maximum(stop - 1, 0)], start_char)
    out: list[tuple[int, int, int, int] | None] = []
    for ok, a, b, s, e in zip(inside.tolist(), first.tolist(), stop.tolist(), start_char.tolist(), end_char.tolist()):
        if ok and b < a:  # [start, end) backwards: the error spaCy gives
            Span(doc, a, b)
        # The span's text from the doc's text: `span.text` joins its tokens again.
        out.append((a, b, s, e) if ok and text[s:e].strip() else None)
    return out


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per doc."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def doc_key(doc: Doc) -> tuple[str, list[int]]:
    """`fold_key(doc.text)`, folded once per doc for all the components that match on it."""
    folded = doc.user_data.get("kg_key")
    if folded is None:
        folded = doc.user_data["kg_key"] = fold_key(doc_text(doc))
    return folded
