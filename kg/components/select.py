"""spaCy component `kg_select`: the candidates (kg.components.spans) → non-overlapping `doc.ents`,
leaving out those inside boilerplate (see `kg_boilerplate`).

Longest span wins ("受限玻爾茲曼機" over "玻爾茲曼機"); at equal length a gazetteer entry wins over a
year, a year over a discovery rule. Weak candidates (a given name alone, any capitalised word) come
last: "Larry Jackal" is taken before "Larry", and "Rumelhart Hinton" stays two names.
"""

from __future__ import annotations

import operator

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from .spans import ENTITIES, Candidate, Widened, candidates, tokens

__all__ = ["PRIORITY", "select_spans", "set_entities"]

PRIORITY = {"gazetteer": 4, "year": 3, "gazetteer-short": 1, "discover:latin-cap": 0}
DISCOVERY_PRIORITY = 2
# Weak candidates only fill the gaps the others leave, however long they are.
WEAK = {"gazetteer-short", "discover:latin-cap"}
# Token entity tags (spaCy's ENT_IOB codes): inside, outside, beginning.
_I, _O, _B = 1, 2, 3
_LABEL, _IDS, _RULE = (operator.itemgetter(i) for i in (2, 3, 4))  # of a Candidate


def select_spans(found: list[Candidate], where: Widened, ranges: list[tuple[int, int]] = ()) -> list[int]:
    """Greedy choice of non-overlapping candidates, by index, in text order: strong before weak,
    longest first, then by source priority, then leftmost, then by key, then in the order proposed.
    Candidates that make no span (`where.ok` false) or stand inside one of `ranges` take no part."""
    keep = where.ok.copy()
    for a, b in ranges:  # boilerplate
        keep &= ~((a <= where.start) & (where.end <= b))
    kept = numpy.flatnonzero(keep)
    if not len(kept):
        return []
    count = len(found)
    keys = list(map(_IDS, found))
    rank = {key: i for i, key in enumerate(sorted(set(keys)))}
    rules = list(map(_RULE, found))
    code = {rule: i for i, rule in enumerate(set(rules))}
    rule_of = numpy.fromiter(map(code.__getitem__, rules), dtype=numpy.int64, count=count)
    weak = numpy.array([rule in WEAK for rule in code], dtype=bool)[rule_of]
    priority = numpy.array([-PRIORITY.get(rule, DISCOVERY_PRIORITY) for rule in code], dtype=numpy.int64)[rule_of]
    # numpy.lexsort sorts by the last key first, and keeps the order of ties.
    order = numpy.lexsort((numpy.fromiter(map(rank.__getitem__, keys), dtype=numpy.int64, count=count),
                           where.start, priority, where.start - where.end, weak))
    order = order[keep[order]]
    # A candidate that overlaps no other is chosen whatever comes before it, and blocks none: the
    # greedy choice is made among the others only.
    by_first = kept[numpy.argsort(where.first[kept], kind="stable")]
    first, stop = where.first[by_first], where.stop[by_first]
    reach = numpy.maximum.accumulate(stop)
    alone = numpy.ones(len(by_first), dtype=bool)
    alone[1:] &= reach[:-1] <= first[1:]  # nothing before reaches into it
    alone[:-1] &= first[1:] >= stop[:-1]  # nothing after starts inside it
    isolated = numpy.zeros(count, dtype=bool)
    isolated[by_first[alone]] = True
    chosen = by_first[alone].tolist()
    first, stop = where.first.tolist(), where.stop.tolist()
    used = bytearray(int(where.stop[kept].max()))
    for i in order[~isolated[order]].tolist():
        if used.find(1, first[i], stop[i]) >= 0:
            continue
        used[first[i]:stop[i]] = b"\x01" * (stop[i] - first[i])
        chosen.append(i)
    return sorted(chosen, key=first.__getitem__)


def set_entities(doc: Doc, found: list[Candidate], where: Widened, chosen: list[int]) -> None:
    """`doc.set_ents(spans, default="outside")` for the chosen candidates (non-overlapping, in text
    order), written to the tokens in one call: set_ents checks every token against a Python set."""
    strings = doc.vocab.strings
    picked = list(map(found.__getitem__, chosen))
    labels, keys, rules = list(map(_LABEL, picked)), list(map(_IDS, picked)), list(map(_RULE, picked))
    hashes = {text: strings.add(text) for text in {*labels, *keys, *rules}}
    if not all(map(hashes.__getitem__, labels)):  # set_ents leaves out a span without a label
        chosen = [i for i, label in zip(chosen, labels) if hashes[label]]
        return set_entities(doc, found, where, chosen)
    tags = numpy.zeros((len(doc), 4), dtype="uint64")
    tags[:, 0] = _O
    if chosen:
        starts, stops = where.first[chosen], where.stop[chosen]
        sizes = stops - starts
        # Every token of every span, and the span it belongs to.
        owner = numpy.repeat(numpy.arange(len(chosen)), sizes)
        inside = starts[owner] + numpy.arange(len(owner)) - numpy.repeat(numpy.cumsum(sizes) - sizes, sizes)
        for column, texts in ((1, labels), (2, rules), (3, keys)):
            tags[inside, column] = numpy.fromiter(map(hashes.__getitem__, texts), dtype="uint64", count=len(texts))[owner]
        tags[inside, 0] = _I
        tags[starts, 0] = _B
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID], tags)
    # The entities as plain data too, (start, end, label, ids, rule): kg.extract reads them so
    # (doc.ents makes a Span of each).
    doc.user_data[ENTITIES] = list(zip(where.start[chosen].tolist(), where.end[chosen].tolist(), labels, keys, rules))


@Language.component("kg_select")
def kg_select(doc: Doc) -> Doc:
    found = candidates(doc)
    where = tokens(doc, found)
    set_entities(doc, found, where, select_spans(found, where, doc.user_data.get("kg_boilerplate", [])))
    return doc
