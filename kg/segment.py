"""Sentence boundaries for Chinese and English, including unpunctuated subtitle transcripts.

Boundaries: sentence-final punctuation, line breaks, `>>` speaker turns, and a space between two
Han characters (subtitle lines are glued together with a space: "工作很久 我想要知道").

>>> text = "您已經在神經網路上工作很久 我想要知道您的故事 >> 在 1988 年 Hinton 說。OK"
>>> [text[s:e] for s, e in sentence_spans(text)]
['您已經在神經網路上工作很久', '我想要知道您的故事', '在 1988 年 Hinton 說。', 'OK']
"""

from __future__ import annotations

import re

from .memo import per_document
from .normalize import CJK_RANGES

__all__ = ["sentence_spans"]

_CLOSERS = "”’」』）)》〉】\"'"
_FINAL = "。！？!?；…"
# Sentence-final punctuation (with the quotes/brackets that close it), or a line break, or the first
# ">" of a turn ">>". Each pattern here starts with the character it is about, so that the regex
# engine skips to it instead of trying every position.
_HARD = re.compile(rf"[{_FINAL}\n](?:(?<=[{_FINAL}])[{_FINAL}]*[{_CLOSERS}]*|(?<=\n)\n*)")
_TURN = re.compile(">(?=>)")
# An English full stop: followed by space and something that can open a sentence.
_STOP = re.compile(r"\.(?<=[^\s.]\.)(?=\s+[\"“'(\[A-Z0-9\u4e00-\u9fff])")
_CJK_LIKE = f"[{CJK_RANGES}，、。！？；：「」『』（）《》“”]"
# Spaces between two Han characters (or Chinese punctuation): a subtitle line break. The pattern
# starts with the space (the character before it checked after it), so that the regex engine skips
# ahead to spaces instead of trying every Han character.
_BLANK = "[ \t\u3000\u00a0]"
_SPACE = re.compile(f"({_BLANK}(?<={_CJK_LIKE}{_BLANK}){_BLANK}*)(?={_CJK_LIKE})")
_TRIM = " \t\u3000\u00a0>•·*-–—:："
# A capital letter standing alone before a full stop is an initial ("Ronald J. Williams").
_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]$")


def _cuts(text: str, abbreviations: frozenset[str], line_breaks: bool = True) -> list[int]:
    cuts = {0, len(text)}
    cuts.update(map(re.Match.end, _HARD.finditer(text)))
    cuts.update(map(re.Match.start, _TURN.finditer(text)))  # a turn starts at its ">>"
    for m in _STOP.finditer(text):
        head = text[max(0, m.start() - 12) : m.start()]
        word = re.split(r"[\s(]", head)[-1].casefold()
        if word in abbreviations or _INITIAL.search(head):
            continue
        cuts.add(m.end())
    if line_breaks:
        cuts.update(map(re.Match.start, _SPACE.finditer(text)))
    return sorted(cuts)


@per_document
def sentence_spans(text: str, abbreviations: frozenset[str] = frozenset(), line_breaks: bool = True) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, trimmed of spaces, bullets and `>>` marks.

    `abbreviations` are lower-cased words that a full stop does not end ("dr", "e.g").
    `line_breaks=False` keeps subtitle lines (a space between Han characters) together.
    Made once per document inside `kg.memo.one_document(text)`: callers must not change the list.
    """
    spans = []
    cuts = _cuts(text, abbreviations, line_breaks)
    for start, end in zip(cuts, cuts[1:]):
        while start < end and (text[start] in _TRIM or text[start].isspace()):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
