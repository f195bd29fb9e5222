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

from .normalize import CJK_RANGES

__all__ = ["MixedTokenizer", "create_mixed_tokenizer", "split_words"]

# A Han character, a run of other letters and digits, a run of whitespace, or any other character.
_WORD = re.compile(rf"[{CJK_RANGES}]|[^\W_{CJK_RANGES}]+|\s+|\S")


_SURROGATE = re.compile("[\ud800-\udfff]")


def split_words(text: str) -> tuple[list[str], list[bool]]:
    """spaCy words and trailing-space flags whose concatenation is exactly `text`."""
    words: list[str] = []
    spaces: list[bool] = []
    for word in _WORD.findall(text):
        # One plain space after a word is the word's trailing space; any other whitespace is a token.
        if word[0] == " " and words and not spaces[-1]:
            spaces[-1] = True
            word = word[1:]
            if not word:
                continue
        words.append(word)
        spaces.append(False)
    return words, spaces


class _Orths(dict):
    """Word → its hash in a string store, added there when first met: a Doc made from hashes looks
    its lexemes up directly, where one made from strings hashes every word (twice) again."""

    # Past this many words the table starts again (the store itself keeps them all).
    LIMIT = 1 << 20

    def __init__(self, strings) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        # Not transient: a hash kept here must stay in the store, even past a spaCy memory zone.
        orth = self[word] = self.strings.add(word, allow_transient=False)
        return orth


class MixedTokenizer:
    """Callable tokenizer: text → Doc."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._orths = _Orths(vocab.strings)

    def __call__(self, text: str) -> Doc:
        words, spaces = split_words(text)
        if _SURROGATE.search(text):
            # spaCy's string store cannot hold a lone surrogate; U+FFFD keeps every offset.
            words = [_SURROGATE.sub("\ufffd", w) for w in words]
        doc = Doc(self.vocab, words=list(map(self._orths.__getitem__, words)), spaces=spaces)
        doc.user_data["kg_text"] = text  # kg.components.spans.TEXT: spaCy rebuilds doc.text on each access
        return doc


@spacy.registry.tokenizers("kg.mixed_tokenizer.v1")
def create_mixed_tokenizer():
    """Registered factory: `[nlp.tokenizer] @tokenizers = "kg.mixed_tokenizer.v1"`."""

    def make(nlp):
        return MixedTokenizer(nlp.vocab)

    return make
