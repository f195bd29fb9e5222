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

import opencc

__all__ = ["BREAK", "SEARCH_DROP", "fold_key", "key_of", "search_key", "simplified_char", "to_simplified", "is_cjk", "is_latin_alnum"]

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


def is_cjk(ch: str) -> bool:
    """True for Han characters (and CJK compatibility ideographs)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def is_latin_alnum(ch: str) -> bool:
    """True for letters and digits that are not Han characters (Latin, Greek, Cyrillic, digits)."""
    return ch.isalnum() and not is_cjk(ch)


@functools.lru_cache(maxsize=65536)
def simplified_char(ch: str) -> str:
    """One character Traditional→Simplified (itself when OpenCC would make it longer)."""
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional→Simplified, guaranteed to keep the length (and so every offset).

    OpenCC converts phrases as well as characters; where a phrase rule would change the length of a
    line, that line is converted character by character instead.
    """
    converter = _t2s()
    lines = text.split("\n")
    out = []
    for line in lines:
        converted = converter.convert(line)
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


def fold_key(text: str) -> tuple[str, list[int]]:
    """The matching key of `text` and, for every key character, its offset in `text`.

    Spaces survive only between two Latin letters or digits ("neural network", "Sun 4"); between
    two Han characters they become BREAK (subtitle lines: "多倫多 大學的朋友" is not 多倫多大學);
    elsewhere they go ("Sun 工作站" → "sun工作站", "1985 年" → "1985年").
    """
    simplified = to_simplified(text)
    chars: list[str] = []
    index: list[int] = []
    for offset, ch in enumerate(simplified):
        for folded in _fold_char(ch):
            chars.append(folded)
            index.append(offset)
    # The next non-space character after each position, found in one backward pass.
    following = [""] * len(chars)
    upcoming = ""
    for i in range(len(chars) - 1, -1, -1):
        following[i] = upcoming
        if chars[i] not in (" ", _DOT):
            upcoming = chars[i]
    key: list[str] = []
    key_index: list[int] = []
    for i, ch in enumerate(chars):
        if ch in (" ", _DOT):
            prev = key[-1] if key else ""
            nxt = following[i]
            if not prev or not nxt or prev in (" ", BREAK):
                continue
            if ch == " " and is_cjk(prev) and is_cjk(nxt):
                # Between two Han characters a space ends a subtitle line: no name runs across it.
                ch = BREAK
            elif is_latin_alnum(prev) and is_latin_alnum(nxt):
                ch = " "  # "Geoffrey·Hinton" reads "geoffrey hinton"
            else:
                continue  # "杰弗里·欣顿" reads "杰弗里欣顿"; "1985 年" reads "1985年"
        key.append(ch)
        key_index.append(index[i])
    return "".join(key), key_index


def key_of(text: str) -> str:
    """The matching key alone (for aliases and look-ups)."""
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
