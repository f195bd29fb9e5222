"""Acronyms defined in brackets (`rules/discovery.yaml`, `acronym`): a long name and the acronym
it defines, either way round, are one entity — "Sparse Oscillator Network (SON)", "稀疏振荡网络
（Sparse Oscillator Network，简称 SON）", "SON (Sparse Oscillator Network)"; an institution when a
word of the long name says so (`org_words`, the English organisation suffixes), else a technology.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..normalize import is_cjk, to_simplified
from ..ruleset import Rules
from .scan import alternation, not_after
from .zh_tech import ChineseTech

__all__ = ["Acronyms"]

# How far before a bracketed acronym its long form is looked for.
_REACH = 300
_OPEN = "(（"


class Acronyms:
    """The acronyms of a text with their long forms (`find`)."""

    def __init__(self, rules: Rules, zh_tech: ChineseTech, not_surname: set[str]) -> None:
        conf = rules.discovery
        acronym = conf.get("acronym", {})
        self.zh_tech, self.not_surname = zh_tech, not_surname
        self.org_words = {str(w) for w in (*acronym.get("org_words", []), *conf.get("org", {}).get("en_suffixes", []))}
        markers = alternation(map(to_simplified, acronym.get("markers", []))) or "(?!)"
        long_en = r"[A-Z][A-Za-z0-9-]*(?:\s+(?:[a-z]{1,4}\s+)?[A-Z][A-Za-z0-9-]*){1,7}"
        acr_tail = r"[A-Za-z0-9-]{0,8}[A-Z0-9]"
        acr = "[A-Z]" + acr_tail
        self.acronym_after = re.compile(
            rf"[{_OPEN}]\s*(?:({long_en})\s*[,，;；]\s*)?(?:(?:{markers})\s*[:：]?\s*)?({acr})\s*[)）]"
        )
        self.acronym_before = re.compile(
            rf"({not_after('A-Za-z0-9', '[A-Z]')}{acr_tail})\s*[{_OPEN}]\s*({long_en})\s*[)）]"
        )
        self.words_before = re.compile(r"((?:[A-Z][A-Za-z0-9-]*\s+(?:[a-z]{1,4}\s+)?){0,6}[A-Z][A-Za-z0-9-]*)\s*$")

    def find(self, text: str, simple: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, type, name) of each long form and acronym (`simple`: the Simplified text);
        `name`, the English long form (or the acronym), names the entity of both."""
        for m in self.acronym_after.finditer(simple):  # simple: the markers are Simplified
            inner_long, acr = m.group(1), m.group(2)
            if sum(ch.isupper() for ch in acr) < 2:
                continue
            # The long form stands right before the brackets: look no further back than _REACH.
            base = max(0, m.start() - _REACH)
            before = text[base:m.start()].rstrip()
            parts: list[tuple[int, int]] = []
            kind = ""
            if before and is_cjk(before[-1]):
                start = self.zh_tech.name_start(simple, base + len(before))
                kind = self.zh_tech.kind(simple[start:base + len(before)]) if start >= 0 else ""
                if kind:
                    parts.append((start, base + len(before)))
                if inner_long and (kind or _initials_fit(inner_long, acr)):
                    parts.append((m.start(1), m.end(1)))
                    kind = kind or self._en_kind(inner_long)
            else:
                words = self.words_before.search(before)
                start = words.start(1) if words else 0
                while words and before[start:].split(" ", 1)[0] in self.not_surname and " " in before[start:]:
                    start += len(before[start:].split(" ", 1)[0]) + 1  # "The Gated Echo Unit (GEU)"
                if words and _initials_fit(before[start:words.end(1)], acr):
                    parts.append((base + start, base + words.end(1)))
                    kind = self._en_kind(before[start:words.end(1)])
            if not parts:
                continue
            english = [text[s:e] for s, e in parts if not is_cjk(text[s])]
            for s, e in (*parts, (m.start(2), m.end(2))):
                yield s, e, kind, english[0] if english else acr
        for m in self.acronym_before.finditer(text):
            acr, long = m.group(1), m.group(2)
            if sum(ch.isupper() for ch in acr) >= 2 and _initials_fit(long, acr):
                kind = self._en_kind(long)
                yield m.start(1), m.end(1), kind, long
                yield m.start(2), m.end(2), kind, long

    def _en_kind(self, long: str) -> str:
        """ORG when a word of `long` is an organisation word, else TECH."""
        return "ORG" if any(w in self.org_words for w in long.split()) else "TECH"


def _initials_fit(long: str, acronym: str) -> bool:
    """Whether the capitals of `acronym` are the initials of `long`'s words, in order (small words
    and the parts of hyphenated words may be skipped): "Long Short-Term Memory" fits "LSTM"."""
    initials = [w[0].upper() for w in re.split(r"[\s-]+", long) if w]
    letters = [ch for ch in acronym if ch.isupper()]
    i = 0
    for ch in initials:
        if i < len(letters) and ch == letters[i]:
            i += 1
    return i == len(letters) and letters[:1] == initials[:1]
