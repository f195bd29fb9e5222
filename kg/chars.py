"""Characters by code point: whether Han, Latin letters or digits, whitespace or other, one at a
time and for a whole text at once (as an array of its code points).

>>> char_kinds(codes_of("楊 Le1.")).tolist() == [HAN, WHITESPACE, LATIN, LATIN, LATIN, OTHER]
True
"""

from __future__ import annotations

import numpy

__all__ = ["CJK_RANGES", "HAN", "LATIN", "OTHER", "WHITESPACE", "char_kinds", "codes_of", "is_cjk", "is_latin_alnum",
           "kind_of", "positions", "text_of"]

# The ranges of `is_cjk`, for regular-expression classes: f"[{CJK_RANGES}]".
CJK_RANGES = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f"


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


def codes_of(text: str) -> numpy.ndarray:
    """The code points of `text` (a lone surrogate as itself)."""
    return numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


def text_of(codes: numpy.ndarray) -> str:
    """The text of code points (`codes_of` turned back)."""
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


# The kinds of character `char_kinds` tells apart.
HAN, LATIN, WHITESPACE, OTHER = 0, 1, 2, 3
_UNMET = 255


class _KindTable:
    """Code point → its kind (HAN: `is_cjk`, LATIN: `is_latin_alnum`, WHITESPACE, else
    OTHER), filled as characters are met."""

    def __init__(self) -> None:
        # _UNMET costs no memory until written over: only the pages of the scripts met do.
        self._kinds = numpy.full(0x110000, _UNMET, dtype=numpy.uint8)

    def __call__(self, codes: numpy.ndarray) -> numpy.ndarray:
        kinds = self._kinds[codes]
        unmet = kinds == _UNMET
        if unmet.any():
            for code in numpy.unique(codes[unmet]).tolist():
                ch = chr(code)
                self._kinds[code] = HAN if is_cjk(ch) else LATIN if ch.isalnum() else WHITESPACE if ch.isspace() else OTHER
            kinds = self._kinds[codes]
        return kinds


char_kinds = _KindTable()


class _KindOf(dict):
    """Character → its kind (as `char_kinds`), filled as characters are met."""

    def __missing__(self, ch: str) -> int:
        kind = self[ch] = int(char_kinds(numpy.array([ord(ch)], dtype=numpy.uint32))[0])
        return kind


kind_of = _KindOf()  # character → its kind, as `char_kinds` says


# The offsets 0, 1, 2… as int objects, shared by the offset lists of long texts: a list of slices
# of it is made several times faster than a list of new ints. Grown up to _SHARED_UP_TO.
_NUMBERS: list[int] = []
_SHARED_UP_TO = 1 << 19


def positions(keep: numpy.ndarray) -> list[int]:
    """The positions where `keep` is true, as a list (of shared ints, up to _SHARED_UP_TO)."""
    if len(keep) > _SHARED_UP_TO:
        return numpy.flatnonzero(keep).tolist()
    if len(_NUMBERS) < len(keep):
        _NUMBERS.extend(range(len(_NUMBERS), len(keep)))
    # The runs of kept positions: [starts[i], ends[i]).
    edges = numpy.flatnonzero(numpy.diff(keep.view(numpy.int8), prepend=numpy.int8(0), append=numpy.int8(0)))
    kept: list[int] = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist()):
        kept += _NUMBERS[start:end]
    return kept
