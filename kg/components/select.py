"""spaCy component `kg_select`: the candidates (kg.components.spans) → non-overlapping `doc.ents`,
leaving out those inside boilerplate (see `kg_boilerplate`).

Longest span wins ("受限玻爾茲曼機" over "玻爾茲曼機"); at equal length a gazetteer entry wins over a
year, a year over a discovery rule. Weak candidates (a given name alone, any capitalised word) come
last: "Larry Jackal" is taken before "Larry", and "Rumelhart Hinton" stays two names.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from .spans import ENTITIES, Candidate, Entity, Widened, candidates, tokens

__all__ = ["PRIORITY", "select_spans", "set_entities"]

PRIORITY = {"gazetteer": 4, "year": 3, "gazetteer-short": 1, "discover:latin-cap": 0}
DISCOVERY_PRIORITY = 2
# Weak candidates only fill the gaps the others leave, however long they are.
WEAK = {"gazetteer-short", "discover:latin-cap"}
# Token entity tags (spaCy's ENT_IOB codes): inside, outside, beginning.
_I, _O, _B = 1, 2, 3


def select_spans(found: list[Candidate], where: Widened, ranges: list[tuple[int, int]] = ()) -> list[int]:
    """Greedy choice of non-overlapping candidates, by index, in text order: strong before weak,
    longest first, then by source priority, then leftmost, then by key, then in the order proposed.
    Candidates that make no span (`where.ok` false) or stand inside one of `ranges` take no part."""
    keep = where.ok.copy()
    for a, b in ranges:  # boilerplate
        keep &= ~((a <= where.start) & (where.end <= b))
    ids = [c.ids for c in found]
    rank = {key: i for i, key in enumerate(sorted(set(ids)))}
    # numpy.lexsort sorts by the last key first, and keeps the order of ties.
    order = numpy.lexsort((
        numpy.array([rank[key] for key in ids], dtype="int64").reshape(-1),
        where.start,
        numpy.array([-PRIORITY.get(c.rule, DISCOVERY_PRIORITY) for c in found], dtype="int64").reshape(-1),
        where.start - where.end,
        numpy.array([c.rule in WEAK for c in found], dtype=bool).reshape(-1),
    ))
    order = order[keep[order]].tolist()
    first, stop = where.first.tolist(), where.stop.tolist()
    used = bytearray(max((stop[i] for i in order), default=0))
    chosen = []
    for i in order:
        if used.find(1, first[i], stop[i]) >= 0:
            continue
        used[first[i]:stop[i]] = b"\x01" * (stop[i] - first[i])
        chosen.append(i)
    return sorted(chosen, key=first.__getitem__)


def set_entities(doc: Doc, found: list[Candidate], where: Widened, chosen: list[int]) -> None:
    """`doc.set_ents(spans, default="outside")` for the chosen candidates (non-overlapping, in text
    order), written to the tokens in one call: set_ents checks every token against a Python set."""
    strings = doc.vocab.strings
    hashes = {text: strings.add(text) for text in {t for i in chosen for t in found[i][2:]}}
    chosen = [i for i in chosen if hashes[found[i].label]]  # set_ents leaves out a span without a label
    tags = numpy.zeros((len(doc), 4), dtype="uint64")
    tags[:, 0] = _O
    if chosen:
        starts, stops = where.first[chosen], where.stop[chosen]
        sizes = stops - starts
        # Every token of every span, and the span it belongs to.
        owner = numpy.repeat(numpy.arange(len(chosen)), sizes)
        inside = starts[owner] + numpy.arange(len(owner)) - numpy.repeat(numpy.cumsum(sizes) - sizes, sizes)
        values = numpy.array([(_I, hashes[c.label], hashes[c.rule], hashes[c.ids]) for c in map(found.__getitem__, chosen)], dtype="uint64")
        tags[inside] = values[owner]
        tags[starts, 0] = _B
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID], tags)
    # The entities as plain data too (kg.extract reads them so: doc.ents makes a Span of each).
    doc.user_data[ENTITIES] = [
        Entity(start, end, c.label, c.ids, c.rule)
        for c, start, end in zip(map(found.__getitem__, chosen), where.start[chosen].tolist(), where.end[chosen].tolist())
    ]


@Language.component("kg_select")
def kg_select(doc: Doc) -> Doc:
    found = candidates(doc)
    where = tokens(doc, found)
    set_entities(doc, found, where, select_spans(found, where, doc.user_data.get("kg_boilerplate", [])))
    return doc
