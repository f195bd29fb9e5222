"""The candidates every kg component proposes, how they are added and widened to whole tokens,
and the matching key of a doc's text that the components share.

A candidate is plain data (`Candidate`), kept in `doc.user_data["kg_candidates"]` in the order the
components proposed them: its characters, its type (`label`), its canonical key (`ids`, or keys
joined by "|") and the rule that found it (`rule`: "gazetteer", "year", "discover:gloss"…).
`kg_select` widens them to whole tokens (`tokens`) and makes the chosen ones the doc's entities,
whose `label_`, `id_` and `kb_id_` are the type, the key and the rule.
"""

from __future__ import annotations

import operator
from typing import Callable, NamedTuple

import numpy
from spacy.attrs import IDX, SPACY
from spacy.tokens import Doc, Span

from ..chars import WHITESPACE, char_kinds, codes_of
from ..normalize import fold_key
from ..tokenizer import OFFSETS

__all__ = ["CANDIDATES", "ENTITIES", "TEXT", "Candidate", "Widened", "add_span", "candidates", "span_adder", "doc_key", "doc_text", "token_offsets", "tokens"]

# Where a doc keeps its text (kg's tokenizer puts it there): spaCy's `doc.text` joins every token
# again on each access, which costs more than most components.
TEXT = "kg_text"
# Where a doc keeps the candidates proposed for it, in order.
CANDIDATES = "kg_candidates"
# Where `kg_select` keeps the entities it set, as plain data: (start, end, label, ids, rule), in
# text order.
ENTITIES = "kg_entities"
_START, _END = operator.itemgetter(0), operator.itemgetter(1)  # of a Candidate


class Candidate(NamedTuple):
    """A proposed entity over characters [start, end) of a doc."""

    start: int
    end: int
    label: str
    ids: str
    rule: str


# Makes a Candidate directly: a NamedTuple's own __new__ is a Python function.
_NEW = tuple.__new__


def add_span(doc: Doc, start: int, end: int, label: str, ids: str, rule: str) -> None:
    """Propose an entity over characters [start, end) of `doc`."""
    doc.user_data.setdefault(CANDIDATES, []).append(_NEW(Candidate, (start, end, label, ids, rule)))


def span_adder(doc: Doc) -> Callable[[int, int, str, str, str], None]:
    """`add_span` for `doc`, for a component that proposes thousands."""
    append = doc.user_data.setdefault(CANDIDATES, []).append

    def add(start: int, end: int, label: str, ids: str, rule: str) -> None:
        append(_NEW(Candidate, (start, end, label, ids, rule)))

    return add


def candidates(doc: Doc) -> list[Candidate]:
    """The candidates proposed so far, in order."""
    return doc.user_data.get(CANDIDATES, [])


class Widened(NamedTuple):
    """Candidates widened to whole tokens, as arrays with one entry per candidate: whether it makes a
    span (`ok`), its tokens [first, stop) and its characters [start, end)."""

    ok: numpy.ndarray
    first: numpy.ndarray
    stop: numpy.ndarray
    start: numpy.ndarray
    end: numpy.ndarray


def token_offsets(doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Where every token starts and ends (without its trailing space), read once per doc."""
    offsets = doc.user_data.get(OFFSETS)  # kg's tokenizer puts them there
    if offsets is None:
        starts, spaces = doc.to_array([IDX, SPACY]).astype("int64").reshape(-1, 2).T
        # A token ends where the next one starts, less its trailing space.
        offsets = doc.user_data[OFFSETS] = (starts, numpy.append(starts[1:], len(doc_text(doc))) - spaces)
    return offsets


def tokens(doc: Doc, found: list[Candidate]) -> Widened:
    """The spans `doc.char_span(start, end, alignment_mode="expand")` would make of the candidates;
    not `ok` where that makes none or one of whitespace only (which is no candidate).

    All at once, from the tokens' offsets: char_span looks each one up on its own.
    """
    text, size = doc_text(doc), len(doc)
    begin = numpy.fromiter(map(_START, found), dtype=numpy.int64, count=len(found))
    finish = numpy.fromiter(map(_END, found), dtype=numpy.int64, count=len(found))
    if not size:
        empty = numpy.zeros(len(found), dtype="int64")
        return Widened(empty.astype(bool), empty, empty, empty, empty)
    starts, ends = token_offsets(doc)
    # The token holding a character is the last one starting at or before it (a token's trailing
    # space is its own); a character outside the text is in none, and makes no span.
    ok = (begin >= 0) & (begin < len(text)) & (finish > 0) & (finish <= len(text))
    first = numpy.where(ok, numpy.searchsorted(starts, begin, "right") - 1, 0)
    first += begin == ends[first]  # in the token's trailing space: the span starts at the next one
    stop = numpy.where(ok, numpy.searchsorted(starts, finish - 1, "right"), 0)
    if (ok & (stop < first)).any():  # [start, end) backwards: the error spaCy gives
        bad = numpy.flatnonzero(ok & (stop < first))[0]
        Span(doc, int(first[bad]), int(stop[bad]))
    start = numpy.where(first < size, starts[numpy.minimum(first, size - 1)], len(text))
    end = numpy.where(stop > first, ends[numpy.maximum(stop - 1, 0)], start)
    # Whitespace only: no character in [start, end) that is not blank.
    codes = codes_of(text)
    solid = numpy.concatenate(([0], numpy.cumsum(char_kinds(codes) != WHITESPACE)))
    ok &= solid[end] > solid[start]
    return Widened(ok, first, stop, start, end)


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
