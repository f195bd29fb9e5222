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
from .spans import doc_text, token_offsets

__all__ = ["SentenceSetter"]

DEFAULT_CONFIG = {"rules": []}


class SentenceSetter:
    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations

    def __call__(self, doc: Doc) -> Doc:
        spans = sentence_spans(doc_text(doc), self.abbreviations)
        doc.user_data["kg_sentences"] = spans
        if not len(doc):
            return doc
        # Set all starts at once, from the tokens' offsets: assigning token.is_sent_start one by
        # one is quadratic in spaCy, and even reading every Token object is slow.
        starts, _ = token_offsets(doc)
        # The tokens that start where a sentence does (starts are sorted: found by bisection).
        wanted = numpy.array([s for s, _ in spans], dtype="int64")
        at = numpy.minimum(numpy.searchsorted(starts, wanted), len(starts) - 1)
        flags = numpy.full(len(starts), -1, dtype="int64")
        flags[at[starts[at] == wanted]] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("kg_sentences", default_config=DEFAULT_CONFIG)
def make_sentences(nlp: Language, name: str, rules: list[str]) -> SentenceSetter:
    return SentenceSetter(load_rules(tuple(rules)).abbreviations)
