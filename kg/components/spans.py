"""The span group every kg component writes its candidates into, and how they are added.

A candidate's `label_` is its type, `id_` its canonical key (or keys joined by "|"), and `kb_id_`
the rule that found it ("gazetteer", "year", "discover:gloss"…). The rule is kept in `kb_id_`, not
in a `Span` extension: extension values are stored per character range and label, so several rules
proposing the same characters would share one value, while `kb_id_` is part of each span.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["GROUP", "add_span"]

GROUP = "kg"


def add_span(doc: Doc, start: int, end: int, label: str, ids: str, rule: str) -> Span | None:
    """Add a candidate over characters [start, end) to `doc.spans["kg"]`."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=ids, kb_id=rule)
    if span is None or not span.text.strip():
        return None
    if GROUP not in doc.spans:
        doc.spans[GROUP] = []
    doc.spans[GROUP].append(span)
    return span
