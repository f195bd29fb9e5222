"""The span group every kg component writes its candidates into, and how they are added."""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["GROUP", "add_span"]

GROUP = "kg"


def add_span(doc: Doc, start: int, end: int, label: str, ids: str, source: str) -> Span | None:
    """Add a candidate over characters [start, end): `label` is the type, `ids` the key(s), `source`
    the rule that found it (kept in `kb_id_`)."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=ids, kb_id=source)
    if span is None or not span.text.strip():
        return None
    if GROUP not in doc.spans:
        doc.spans[GROUP] = []
    doc.spans[GROUP].append(span)
    return span
