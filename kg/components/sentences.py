"""spaCy component `kg_sentences`: sentence starts from `kg.segment` (works on subtitle transcripts too).

The character spans are also kept in `doc.user_data["kg_sentences"]`, trimmed, for evidence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..ruleset import load_rules
from ..segment import sentence_spans

__all__ = ["SentenceSetter"]

DEFAULT_CONFIG = {"rules": []}


class SentenceSetter:
    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations

    def __call__(self, doc: Doc) -> Doc:
        spans = sentence_spans(doc.text, self.abbreviations)
        doc.user_data["kg_sentences"] = spans
        starts = {start for start, _ in spans}
        # Set all starts at once: assigning token.is_sent_start one by one is quadratic in spaCy.
        flags = numpy.array([[1 if t.i == 0 or t.idx in starts else -1] for t in doc], dtype="int32")
        if len(doc):
            doc.from_array([SENT_START], flags.astype("uint64"))
        return doc


@Language.factory("kg_sentences", default_config=DEFAULT_CONFIG)
def make_sentences(nlp: Language, name: str, rules: list[str]) -> SentenceSetter:
    return SentenceSetter(load_rules(tuple(rules)).abbreviations)
