"""The span group every kg component writes its candidates into, how they are added, and the
matching key of a doc's text that the components share.

A candidate's `label_` is its type, `id_` its canonical key (or keys joined by "|"), and `kb_id_`
the rule that found it ("gazetteer", "year", "discover:gloss"…). The rule is kept in `kb_id_`, not
in a `Span` extension: extension values are stored per character range and label, so several rules
proposing the same characters would share one value, while `kb_id_` is part of each span.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..normalize import fold_key

__all__ = ["GROUP", "TEXT", "add_span", "doc_key", "doc_text"]

GROUP = "kg"
# Where a doc keeps its text (kg's tokenizer puts it there): spaCy's `doc.text` joins every token
# again on each access, which costs more than most components.
TEXT = "kg_text"


def add_span(doc: Doc, start: int, end: int, label: str, ids: str, rule: str) -> Span | None:
    """Add a candidate over characters [start, end) to `doc.spans["kg"]`."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=ids, kb_id=rule)
    # The span's text from the doc's text: `span.text` joins its tokens again.
    if span is None or not doc_text(doc)[span.start_char:span.end_char].strip():
        return None
    if GROUP not in doc.spans:
        doc.spans[GROUP] = []
    doc.spans[GROUP].append(span)
    return span


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
