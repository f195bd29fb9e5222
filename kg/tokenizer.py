"""A tokenizer for mixed Chinese/English text: Latin words and numbers whole, Han characters one by one.

spaCy's own `zh` tokenizer splits "Hinton" into letters; this one keeps it whole, so a span over
"Hinton" or "1985" is one token while "貝爾實驗室" is five.

>>> [t.text for t in MixedTokenizer(spacy.blank("xx").vocab)("Hinton在1985年")]
['Hinton', '在', '1985', '年']
"""

from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .normalize import is_cjk

__all__ = ["MixedTokenizer", "create_mixed_tokenizer", "split_words"]

# A run of letters/digits, a run of whitespace, or any other single character.
_PIECE = re.compile(r"[^\W_]+|\s+|.", re.S)


def _split_run(run: str) -> list[str]:
    """A letter/digit run → Han characters one by one, other letters and digits kept together."""
    out: list[str] = []
    current = ""
    for ch in run:
        if is_cjk(ch):
            if current:
                out.append(current)
                current = ""
            out.append(ch)
        else:
            current += ch
    if current:
        out.append(current)
    return out


def split_words(text: str) -> tuple[list[str], list[bool]]:
    """spaCy words and trailing-space flags whose concatenation is exactly `text`."""
    words: list[str] = []
    spaces: list[bool] = []
    for match in _PIECE.finditer(text):
        piece = match.group()
        if not piece.isspace():
            for word in _split_run(piece) if piece[0].isalnum() else [piece]:
                words.append(word)
                spaces.append(False)
            continue
        # One plain space after a word is the token's trailing space; any other whitespace is a token.
        if words and not spaces[-1] and piece[0] == " ":
            spaces[-1] = True
            piece = piece[1:]
        if piece:
            words.append(piece)
            spaces.append(False)
    return words, spaces


class MixedTokenizer:
    """Callable tokenizer: text → Doc."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = split_words(text)
        return Doc(self.vocab, words=words, spaces=spaces)


@spacy.registry.tokenizers("kg.mixed_tokenizer.v1")
def create_mixed_tokenizer():
    """Registered factory: `[nlp.tokenizer] @tokenizers = "kg.mixed_tokenizer.v1"`."""

    def make(nlp):
        return MixedTokenizer(nlp.vocab)

    return make
