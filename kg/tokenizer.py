"""A tokenizer for mixed Chinese/English text: Latin words and numbers whole, Han characters one by one.

spaCy's own `zh` tokenizer splits "Hinton" into letters; this one keeps it whole, so a span over
"Hinton" or "1985" is one token while "貝爾實驗室" is five.

>>> [t.text for t in MixedTokenizer(spacy.blank("xx").vocab)("Hinton在1985年")]
['Hinton', '在', '1985', '年']
"""

from __future__ import annotations

import re

import numpy
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .chars import CJK_RANGES, HAN, OTHER, WHITESPACE, char_kinds, codes_of

__all__ = ["MixedTokenizer", "create_mixed_tokenizer", "split_words"]

# A Han character, a run of other letters and digits, a run of whitespace, or any other character.
_WORD = re.compile(rf"[{CJK_RANGES}]|[^\W_{CJK_RANGES}]+|\s+|\S")

# Where a doc keeps the character offsets of its tokens' starts and ends (without the trailing
# space): read by kg.components.spans.token_offsets.
OFFSETS = "kg_token_offsets"


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


class _Characters:
    """Per code point, the hash in a string store of the one-character word it makes (added there
    when first met; 0 until then). A lone surrogate, which the store cannot hold, stands as U+FFFD,
    which keeps every offset."""

    def __init__(self, strings) -> None:
        self.strings = strings
        # Zeros cost no memory until written: only the pages of the scripts met do.
        self.orths = numpy.zeros(0x110000, dtype=numpy.uint64)

    def __call__(self, codes: numpy.ndarray) -> numpy.ndarray:
        orths = self.orths[codes]
        unmet = orths == 0
        if unmet.any():
            for code in numpy.unique(codes[unmet]).tolist():
                word = "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)
                self.orths[code] = self.strings.add(word, allow_transient=False)
            orths = self.orths[codes]
        return orths


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
    """Callable tokenizer: text → Doc (the words and spaces of `split_words`)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._characters = _Characters(vocab.strings)
        self._orths = _Orths(vocab.strings)

    def __call__(self, text: str) -> Doc:
        # The words of `split_words`, found on arrays of code points: most are one character (Han
        # text), whose hashes come from a table without a string made for each.
        codes = codes_of(text)
        if not len(codes):
            return self._doc(text, [], [], numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0, dtype=numpy.int64))
        # A Han character, and any other character that is neither a letter, a digit nor
        # whitespace, is a word of its own; letters and digits, and whitespace, make runs.
        kinds = char_kinds(codes)
        alone = (kinds == HAN) | (kinds == OTHER)
        begins = numpy.ones(len(codes), dtype=bool)
        begins[1:] = alone[1:] | (kinds[1:] != kinds[:-1])
        starts = numpy.flatnonzero(begins)
        ends = numpy.append(starts[1:], len(codes))
        # A whitespace run that starts with a plain space after a word: the space is the word's.
        shared = (kinds[starts] == WHITESPACE) & (codes[starts] == ord(" "))
        shared[:1] = False
        spaces = numpy.append(shared[1:], False)
        starts = starts + shared
        kept = starts < ends
        starts, ends, spaces = starts[kept], ends[kept], spaces[kept]
        single = alone[starts]
        orths = numpy.zeros(len(starts), dtype=numpy.uint64)
        orths[single] = self._characters(codes[starts[single]])
        runs = numpy.flatnonzero(~single)  # of letters and digits, or of whitespace
        orths[runs] = [self._orths[text[a:b]] for a, b in zip(starts[runs].tolist(), ends[runs].tolist())]
        return self._doc(text, orths.tolist(), spaces.tolist(), starts, ends)

    def _doc(self, text: str, orths: list[int], spaces: list[bool], starts: numpy.ndarray, ends: numpy.ndarray) -> Doc:
        doc = Doc(self.vocab, words=orths, spaces=spaces)
        doc.user_data["kg_text"] = text  # kg.components.spans.TEXT: spaCy rebuilds doc.text on each access
        doc.user_data[OFFSETS] = (starts, ends)
        return doc


@spacy.registry.tokenizers("kg.mixed_tokenizer.v1")
def create_mixed_tokenizer():
    """Registered factory: `[nlp.tokenizer] @tokenizers = "kg.mixed_tokenizer.v1"`."""

    def make(nlp):
        return MixedTokenizer(nlp.vocab)

    return make
