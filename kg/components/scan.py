"""Regular expressions read only where they can match: `pattern.finditer(text)`, the same matches,
from the few places a cheap hint says a match can start or stand.

A pattern with a large character class at its start ("any transliteration character") is tried
at almost every character of Chinese text; most of its matches need a rarer character (a name
dot, a bracket), which a plain search finds at once.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

__all__ = ["in_lines", "matches_from", "starts_before"]


def matches_from(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """`pattern.finditer(text)` when every match begins at one of `starts` (increasing): only
    those positions are tried."""
    done = 0
    for start in starts:
        if start >= done:
            m = pattern.match(text, start)
            if m:
                yield m
                done = m.end()


def starts_before(text: str, anchors: Iterable[int], shortest: int, longest: int, spaced: bool = False) -> list[int]:
    """The positions `shortest` to `longest` characters before each anchor (increasing), in order:
    where a match of a word of that length right before the anchor can start (`spaced`: or before
    the whitespace right before it)."""
    starts: list[int] = []
    for at in anchors:
        while spaced and at > 0 and text[at - 1].isspace():
            at -= 1
        # The anchors increase, and so do their ranges: each starts after the last one's end.
        low = max(0, at - longest, starts[-1] + 1 if starts else 0)
        starts.extend(range(low, max(0, at - shortest + 1)))
    return starts


def in_lines(pattern: re.Pattern, text: str, hints: Iterable[int]) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern whose matches never hold a line break and that
    reads nothing beyond a line (a look-ahead or look-behind sees a line break there as it sees
    the text's end or start), read only in the lines where one of `hints` (increasing) stands."""
    end = -1
    for hint in hints:
        if hint <= end:
            continue  # in the line just read
        start = text.rfind("\n", 0, hint) + 1
        end = text.find("\n", hint)
        end = len(text) if end < 0 else end
        yield from pattern.finditer(text, start, end)
