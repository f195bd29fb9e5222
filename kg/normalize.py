"""Matching keys for texts and aliases: NFKC, Traditional→Simplified, case and spacing folded, offsets kept.

A key is what the gazetteer matches on; the document text itself is never rewritten, so every
match maps back to exact offsets in the original (evidence is shown in the document's own script).

>>> key_of("楊立昆（Yann  LeCun）")
'杨立昆(yann lecun)'
>>> key_of("Sun 工作站") == key_of("Sun工作站")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy
import opencc

from .chars import CJK_RANGES, HAN, LATIN, char_kinds, codes_of, is_cjk, is_latin_alnum, kind_of, positions, text_of
from .memo import current_text, per_document

__all__ = ["BREAK", "CJK_RANGES", "SEARCH_DROP", "fold_key", "key_of", "keys_of", "search_key", "simplified_char", "to_simplified", "is_cjk", "is_latin_alnum"]

# Characters that stand between the parts of a name ("杰弗里·欣顿", "Geoffrey·Hinton").
NAME_DOTS = "·・‧•∙⋅"
_DOT = "\u00b7"
# What a space between two Han characters becomes in a key (a line break in subtitles).
BREAK = "\u2028"
# Zero-width characters that editors leave inside words.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def simplified_char(ch: str) -> str:
    """One character Traditional→Simplified (itself when OpenCC would make it longer)."""
    out = _convert(ch)
    return out if len(out) == 1 else ch


_SURROGATES = re.compile("([\ud800-\udfff]+)")


def _convert(text: str) -> str:
    """OpenCC t2s; lone surrogates (which OpenCC cannot take) stay as they are."""
    try:
        return _t2s().convert(text)
    except UnicodeEncodeError:
        return "".join(part if _SURROGATES.fullmatch(part) else _t2s().convert(part) for part in _SURROGATES.split(text))


@per_document
def to_simplified(text: str) -> str:
    """Traditional→Simplified, guaranteed to keep the length (and so every offset).

    OpenCC converts phrases as well as characters; where a phrase rule would change the length of a
    line, that line is converted character by character instead.
    """
    lines = text.split("\n")
    try:
        # All at once: OpenCC's phrases never reach over a line break, so each line converts as
        # it would alone (one call instead of one per line).
        whole = _t2s().convert(text).split("\n")
    except UnicodeEncodeError:  # a lone surrogate: line by line, as _convert takes them
        whole = [_convert(line) for line in lines]
    if len(whole) != len(lines):  # never seen: OpenCC keeps line breaks
        whole = [_convert(line) for line in lines]
    out = []
    for line, converted in zip(lines, whole):
        if len(converted) != len(line):
            converted = "".join(simplified_char(ch) for ch in line)
        out.append(converted)
    return "\n".join(out)


@functools.lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """One character of a key: NFKC, casefolded, accents dropped, name dots and spaces → space."""
    if ch in INVISIBLE:
        return ""
    if ch in NAME_DOTS:
        return _DOT
    if ch.isspace():
        return " "
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", ch).casefold())
    # Léon → leon: names are written with and without accents.
    text = "".join(c for c in text if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", text)


@per_document
def fold_key(text: str) -> tuple[str, list[int]]:
    """The matching key of `text` and, for every key character, its offset in `text`.

    Spaces survive only between two Latin letters or digits ("neural network", "Sun 4"); between
    two Han characters they become BREAK (subtitle lines: "多倫多 大學的朋友" is not 多倫多大學);
    elsewhere they go ("Sun 工作站" → "sun工作站", "1985 年" → "1985年").

    Made once per document inside `kg.memo.one_document(text)`: callers must not change the list.
    """
    folded, index = _fold_chars(to_simplified(text))
    if len(text) >= _ARRAY_FROM:
        return _collapse_array(folded, index)
    return _collapse_spaces(folded, index)


class _FoldTable(dict):
    """`str.translate` table of `_fold_char`, filled as characters are met; `odd` matches the
    characters met so far that fold to no character or to several."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()
        self.odd = re.compile("(?!)")

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = self[code] = _fold_char(ch)
        if len(folded) != 1:
            self.irregular.add(ch)
            self.odd = re.compile("[" + "".join(map(re.escape, sorted(self.irregular))) + "]")
        return folded


_FOLDS = _FoldTable()


def _fold_chars(text: str) -> tuple[str, list[int] | numpy.ndarray | None]:
    """Every character folded (`_fold_char`), with the offset of each folded character; None for
    the offsets when every character folds to exactly one (the common case: one translate)."""
    if len(text) >= _ARRAY_FROM:
        return _fold_array(text)
    folded = text.translate(_FOLDS)
    if not _FOLDS.odd.search(text):
        return folded, None
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _FOLDS.odd.finditer(text):
        at = m.start()
        parts.append(text[pos:at].translate(_FOLDS))
        index.extend(range(pos, at))
        parts.append(_FOLDS[ord(m.group())])
        index.extend([at] * len(parts[-1]))
        pos = at + 1
    parts.append(text[pos:].translate(_FOLDS))
    index.extend(range(pos, len(text)))
    return "".join(parts), index


# From this length on (documents, not names), a text is folded through `_CODES`: making the arrays
# costs more than a translate of a name, much less than a translate of a document.
_ARRAY_FROM = 256
# What `_CodeTable` holds for a character not met yet (U+0000, which folds to itself, is looked
# up again each time), and for one that folds to no character or to several.
_UNKNOWN, _ODD = 0, 0xFFFFFFFF


class _CodeTable:
    """`_fold_char` of every character met so far as an array, code point → the code point it
    folds to (or _ODD), so that a whole text is folded at once: a translate looks every character
    up in a dict, one by one."""

    def __init__(self) -> None:
        # Zeros (_UNKNOWN) cost no memory until written: only the pages of the scripts met do.
        self._codes = numpy.zeros(0x110000, dtype=numpy.uint32)

    def fold(self, codes: numpy.ndarray) -> numpy.ndarray:
        """The folded code points of `codes`, _ODD for the characters that do not fold to one."""
        folded = self._codes[codes]
        unknown = folded == _UNKNOWN
        if unknown.any():
            for code in numpy.unique(codes[unknown]).tolist():
                one = _fold_char(chr(code))
                self._codes[code] = ord(one) if len(one) == 1 else _ODD
            folded = self._codes[codes]
        return folded


_CODES = _CodeTable()


def _fold_array(text: str) -> tuple[str, numpy.ndarray | None]:
    """`_fold_chars(text)` through `_CODES`, the offsets as an array."""
    codes = codes_of(text)
    folded = _CODES.fold(codes)
    odd = numpy.flatnonzero(folded == _ODD).tolist()
    if not odd:
        return text_of(folded), None
    # The characters that fold to one in place, the others put in one by one ("…" → "...").
    one_to_one = text_of(numpy.where(folded == _ODD, codes, folded))
    parts: list[str] = []
    sizes = numpy.ones(len(codes), dtype=numpy.intp)
    pos = 0
    for at in odd:
        parts.append(one_to_one[pos:at])
        parts.append(_fold_char(text[at]))
        sizes[at] = len(parts[-1])
        pos = at + 1
    parts.append(one_to_one[pos:])
    # Each folded character's offset: its character's, repeated as often as that one unfolds.
    return "".join(parts), numpy.repeat(numpy.arange(len(codes)), sizes)


_LATIN = f"(?:(?![{CJK_RANGES}])[^\\W_])"
# A lone space between two Han characters becomes BREAK in place (offsets do not move). Every
# pattern starts with the space or dot itself, so the engine skips ahead to it.
_CJK_SPACE = re.compile(f" (?<=[{CJK_RANGES}] )(?=[{CJK_RANGES}])")
# The other runs of spaces and name dots that change: a lone space between two Latin letters or
# digits stays as it is, and is not even looked at.
_GAP = re.compile(f"[ {_DOT}](?:[ {_DOT}]+|(?<={_DOT})|(?<![^\\W_] )|(?<=[{CJK_RANGES}] )|(?!{_LATIN}))")


def _collapse_spaces(folded: str, index: list[int] | None) -> tuple[str, list[int]]:
    """Each run of spaces and name dots → one space (between Latin letters or digits), BREAK (a
    space between Han characters) or nothing; `index` (None: identity) follows."""
    folded = _CJK_SPACE.sub(BREAK, folded)
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _GAP.finditer(folded):
        start, end = m.span()
        prev = folded[start - 1] if start else ""
        nxt = folded[end] if end < len(folded) else ""
        keep, at = "", start
        if prev and nxt:
            if is_cjk(prev) and is_cjk(nxt):
                at = folded.find(" ", start, end)
                keep = BREAK if at >= 0 else ""
            elif is_latin_alnum(prev) and is_latin_alnum(nxt):
                keep = " "
        parts.append(folded[pos:start])
        offsets.extend(range(pos, start) if index is None else index[pos:start])
        if keep:
            parts.append(keep)
            offsets.append(at if index is None else index[at])
        pos = end
    parts.append(folded[pos:])
    offsets.extend(range(pos, len(folded)) if index is None else index[pos:])
    return "".join(parts), offsets


_SPACE, _DOT_CODE, _BREAK_CODE = ord(" "), ord(_DOT), ord(BREAK)


def _collapse_array(folded: str, index: numpy.ndarray | None) -> tuple[str, list[int]]:
    """`_collapse_spaces` of a long text, on arrays: every maximal run of spaces and name dots
    becomes BREAK at its first space when Han characters stand on both sides (nothing when it has
    no space), one space at its start between Latin letters or digits, else nothing. (A lone space
    between Latin letters or digits, which `_GAP` leaves alone, becomes itself.)"""
    codes = codes_of(folded)
    size = len(codes)
    gap = (codes == _SPACE) | (codes == _DOT_CODE)
    edges = numpy.diff(gap.view(numpy.int8), prepend=numpy.int8(0), append=numpy.int8(0))
    starts, ends = numpy.flatnonzero(edges == 1), numpy.flatnonzero(edges == -1)
    # The characters either side of each run (U+0000, neither Han nor Latin, at the text's ends).
    prev = numpy.where(starts > 0, codes[starts - 1], 0)
    nxt = numpy.where(ends < size, codes[numpy.minimum(ends, size - 1)], 0)
    spaces = numpy.flatnonzero(codes == _SPACE)
    first = spaces[numpy.minimum(numpy.searchsorted(spaces, starts), len(spaces) - 1)] if len(spaces) else starts
    before, after = char_kinds(prev), char_kinds(nxt)
    breaks = first[(before == HAN) & (after == HAN) & (first >= starts) & (first < ends) & (codes[first] == _SPACE)]
    joins = starts[(before == LATIN) & (after == LATIN)]
    keep = ~gap
    keep[breaks] = keep[joins] = True
    out = codes.copy()
    out[breaks], out[joins] = _BREAK_CODE, _SPACE
    return text_of(out[keep]), positions(keep) if index is None else index[keep].tolist()


def key_of(text: str) -> str:
    """The matching key alone (for aliases and look-ups)."""
    if len(text) <= 64:
        return _short_key(text)
    if text is current_text():  # the document itself: folded once (kg.memo)
        return fold_key(text)[0]
    return _key(text)


def _key(text: str) -> str:
    """`fold_key(text)[0]`, without the offsets."""
    folded = _CJK_SPACE.sub(BREAK, _fold_chars(to_simplified(text))[0])

    def gap(m: re.Match) -> str:  # as `_collapse_spaces` does
        start, end = m.span()
        if not start or end == len(folded):
            return ""
        kind = kind_of[folded[start - 1]]
        if kind != kind_of[folded[end]]:
            return ""
        if kind == HAN:
            return BREAK if " " in m.group() else ""
        return " " if kind == LATIN else ""

    return _GAP.sub(gap, folded)


# Joins many texts for `keys_of`: a private-use character, which folds to itself, is no space or
# dot, and is part of no OpenCC phrase, so no text's key reaches into the next one's.
_BATCH_SEP = "\ue000"


def keys_of(texts: list[str]) -> list[str]:
    """`key_of` of every text, folded together in one pass (one OpenCC call instead of one per
    text: the rules' tens of thousands of aliases at start-up)."""
    if not texts or any(_BATCH_SEP in t for t in texts):
        return [key_of(t) for t in texts]
    keys = _key(_BATCH_SEP.join(texts)).split(_BATCH_SEP)
    return keys if len(keys) == len(texts) else [key_of(t) for t in texts]


@functools.lru_cache(maxsize=65536)
def _short_key(text: str) -> str:
    # Names, trigger words and windows are folded again and again; their keys are small.
    return fold_key(text)[0]


# Characters a search ignores ("Yann Le-Cun" finds "yannlecun"). Written so that Python and the
# HTML page's JavaScript (which receives this very string) read it alike.
SEARCH_DROP = "[\\s·・‧•.\\-_'’\"“”()（）]+"
_SEARCH_DROP = re.compile(SEARCH_DROP)


def search_key(text: str) -> str:
    """What a search compares: the key without spaces, dots, dashes, quotes and brackets.

    >>> search_key("Léon  Bottou") == search_key("leon-bottou") == "leonbottou"
    True
    """
    return _SEARCH_DROP.sub("", key_of(text))
