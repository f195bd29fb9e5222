"""spaCy component `kg_select`: the candidates in `doc.spans["kg"]` → non-overlapping `doc.ents`,
leaving out those inside boilerplate (see `kg_boilerplate`).

Longest span wins ("受限玻爾茲曼機" over "玻爾茲曼機"); at equal length a gazetteer entry wins over a
year, a year over a discovery rule. Weak candidates (a given name alone, any capitalised word) come
last: "Larry Jackal" is taken before "Larry", and "Rumelhart Hinton" stays two names.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .spans import GROUP

__all__ = ["select_spans", "PRIORITY"]

PRIORITY = {"gazetteer": 4, "year": 3, "gazetteer-short": 1, "discover:latin-cap": 0}
DISCOVERY_PRIORITY = 2
# Weak candidates only fill the gaps the others leave, however long they are.
WEAK = {"gazetteer-short", "discover:latin-cap"}


def _rank(i: int, span: Span) -> tuple:
    """Strong before weak, longest first, then by source priority, then leftmost, then by key; `i`
    (each span's own) keeps the order of the rest, so that spans are never compared."""
    # Span attributes are looked up in spaCy's string store on every access: read them once.
    rule, start = span.kb_id_, span.start_char
    return (rule in WEAK, start - span.end_char, -PRIORITY.get(rule, DISCOVERY_PRIORITY), start, span.id_, i, span)


def select_spans(spans) -> list[Span]:
    """Greedy choice of non-overlapping spans: strong before weak, longest first, then by source
    priority, then leftmost."""
    ranked = sorted(_rank(i, s) for i, s in enumerate(spans))
    used = bytearray(max((s.end for s in spans), default=0))
    chosen = []
    for *_, span in ranked:
        if used.find(1, span.start, span.end) >= 0:
            continue
        used[span.start:span.end] = b"\x01" * (span.end - span.start)
        chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _outside(spans, ranges: list[tuple[int, int]]):
    if not ranges:
        return list(spans)
    return [s for s in spans if not any(a <= s.start_char and s.end_char <= b for a, b in ranges)]


@Language.component("kg_select")
def kg_select(doc: Doc) -> Doc:
    candidates = doc.spans[GROUP] if GROUP in doc.spans else []
    # set_ents, not `doc.ents =`, which would make every span again.
    doc.set_ents(select_spans(_outside(candidates, doc.user_data.get("kg_boilerplate", []))), default="outside")
    return doc
