"""Regular expressions read only where they can match: `pattern.finditer(text)`, the same matches,
from the few places a cheap hint says a match can start or stand; and alternations of many words
that the regex engine tries fast.

A pattern with a large character class at its start ("any transliteration character") is tried
at almost every character of Chinese text; most of its matches need a rarer character (a name
dot, a bracket), which a plain search finds at once.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

__all__ = ["all_starts", "alternation", "grouped", "in_lines", "matches_from", "not_after", "positions", "starts_before", "trie"]


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


def positions(pattern: re.Pattern, text: str) -> Iterator[int]:
    """Where the matches of `pattern` start (of one character: each; else enough for `in_lines`)."""
    return map(re.Match.start, pattern.finditer(text))


def alternation(words) -> str:
    """A regular expression of any of `words` (escaped, each once, longest first); one that
    matches nothing, "(?!)", when there are none."""
    return "|".join(re.escape(w) for w in sorted({str(w) for w in words}, key=len, reverse=True)) or "(?!)"


def all_starts(pattern: re.Pattern, text: str) -> Iterator[int]:
    """Every position where `pattern` matches, overlapping matches included."""
    m = pattern.search(text)
    while m:
        yield m.start()
        m = pattern.search(text, m.start() + 1)


def grouped(words) -> str:
    """A pattern of any of `words`, the longest first where several fit (as a plain alternation of
    them sorted by length), grouped by their first character: the regex engine tries alternatives
    one by one, and with hundreds of words (surnames) that costs more than the rest of a pattern.
    Words of one character that start no longer word are one class. (Where a pattern starts with
    it, a plain alternation is faster: the engine skips ahead to the first characters of its words.)

    >>> grouped(["欧阳", "欧", "王"])
    '[王]|(?=[欧])(?:欧(?:阳|))'
    """
    words = {str(w) for w in words}
    rests: dict[str, list[str]] = {}
    for word in sorted(words - {""}, key=len, reverse=True):
        rests.setdefault(word[0], []).append(word[1:])
    alone = "".join(sorted(ch for ch, after in rests.items() if after == [""]))
    longer = sorted(ch for ch, after in rests.items() if after != [""])
    parts = [f"[{re.escape(alone)}]"] if alone else []
    if longer:  # behind one check of their first characters, not tried for the others
        groups = "|".join(f"{re.escape(ch)}(?:{'|'.join(map(re.escape, rests[ch]))})" for ch in longer)
        parts.append(f"(?=[{re.escape(''.join(longer))}])(?:{groups})")
    return "|".join(parts + [""] * ("" in words))


def trie(words) -> str:
    """A pattern of any of `words`, as a trie of their characters: where words may start at most
    letters of a text (English verbs), the regex engine reads each character once instead of trying
    every word; of a word and a longer one it extends, the longer is tried first.

    >>> trie(["join", "joined", "joining", "at"])
    '(?:at|join(?:ed|ing)?)'
    """
    words = {str(w) for w in words} - {""}
    return _trie_node(sorted(words)) if words else "(?!)"


def _trie_node(words: list[str]) -> str:
    """The pattern of the rests of words after a common start ("" where a word ends there)."""
    rests: dict[str, list[str]] = {}
    for word in words:
        if word:
            rests.setdefault(word[0], []).append(word[1:])
    parts = [re.escape(ch) + _trie_node(after) for ch, after in sorted(rests.items())]
    if "" in words:
        return f"(?:{'|'.join(parts)})?" if parts else ""
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def not_after(chars: str, first: str) -> str:
    """`(?<![chars])first`, for a one-character class `first`, with the check after the character:
    the regex engine skips ahead to the characters a pattern starts with, but tries one that starts
    with a look-behind at every position."""
    return f"{first}(?<![{chars}]{first})"
