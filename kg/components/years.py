"""spaCy component `kg_years`: calendar years and decades, with guards against numbers that are not years.

Years 1985, 1985年, 1985 年, 一九八五年 → `year:1985`; decades 80 年代, 20世纪80年代, 八十年代, 1980s,
'80s, mid-80s, the eighties → `year:1980s` ("八九十年代" and "80和90年代" give two decades).
Counts, amounts, 5-digit numbers, numbers in URLs, durations and ages are not years; the guard
words live in `rules/years.yaml`.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator


from spacy.language import Language
from spacy.tokens import Doc

from ..normalize import fold_key, key_of
from ..ruleset import Rules, load_rules
from .scan import alternation, in_lines, matches_from, starts_before
from .spans import add_span, doc_key, doc_text

__all__ = ["YearFinder", "find_years"]

DEFAULT_CONFIG = {"rules": []}

# Four digits not right after a digit, letter, "_", ".", "/", "#", "\\" or "-": the check comes after
# the first digit, so that the regex engine skips ahead to digits instead of trying every position.
_YEAR = re.compile(r"(\d(?<![0-9a-z_./#\\-]\d)\d{3})(?![0-9]|\.[0-9]|[a-z])")
# 1980s, '80s, 80s, mid-80s (two digits: not after "$", a digit, a decimal point or a word-hyphen).
# Every English decade has "0s" or "0's", one to three characters after its start: the pattern is
# tried only there.
_ZERO_S = re.compile("0'?s")
_DECADE_EN = re.compile(r"(?:(?<![0-9a-z])(\d{3})0|(?:'|(?<![0-9a-z_$€£.'-])|(?<=mid-|rly-|ate-))(\d)0)'?s(?![a-z0-9])")


_DIGIT = re.compile(r"\d")
_URL_MARK = re.compile("[:@.]")


def _by(words: list[str], at: int) -> dict[str, list[str]]:
    """The words by their first (`at` 0) or last (-1) character, in order; none when a word is
    empty (it fits anywhere: every word is tried, as they are listed)."""
    out: dict[str, list[str]] = {}
    if "" in words:
        return out
    for word in words:
        out.setdefault(word[at:at + 1] if at == 0 else word[at:], []).append(word)
    return out


class YearFinder:
    """Finds (start, end, label) of years and decades in a text."""

    def __init__(self, rules: Rules) -> None:
        conf = rules.years
        self.min = int(conf.get("min", 1800))
        self.max = int(conf.get("max", 2039))
        self.pivot = int(conf.get("two_digit_pivot", 20))
        self.numerals = {str(k): int(v) for k, v in (conf.get("numerals") or {}).items()}
        self.not_before = [str(w).casefold() for w in conf.get("not_before", [])]
        self.not_after = [str(w).casefold() for w in conf.get("not_after", [])]
        self._not_before = _by(self.not_before, 0)
        self._not_after = _by(self.not_after, -1)
        # The words of year expressions come from rules/years.yaml (always present: bundled).
        self.year_suffix = key_of(str(conf["year_suffix"]))
        self.decade_suffix = key_of(str(conf["decade_suffix"]))
        self.tens_decade = key_of(str(conf["tens"])) + self.decade_suffix
        decade, century = (re.escape(key_of(str(conf[k]))) for k in ("decade_suffix", "century"))
        joins = alternation(key_of(str(c)) or str(c) for c in conf.get("connectors", []))
        numerals = "".join(re.escape(k) for k in self.numerals)
        tens = re.escape(key_of(str(conf["tens"])))
        self.year_zh_num = re.compile(rf"([{numerals}]{{4}}){re.escape(self.year_suffix)}")
        self.decade_words = {str(k).casefold(): int(v) for k, v in (conf.get("decade_words") or {}).items()}
        self.decade_word = re.compile(rf"(?<![a-z])({alternation(self.decade_words)})(?![a-z])")
        # "in his 40s" is an age, not a decade.
        owners = alternation(str(w).casefold() for w in conf.get("age_owners", []))
        modifiers = alternation(str(w).casefold() for w in conf.get("decade_modifiers", []))
        self.age = re.compile(rf"(?<![a-z])(?:{owners})\s*(?:(?:{modifiers})[\s-]*)?$")
        self.decade_zh = re.compile(rf"(?:(\d{{2}}){century})?(?:(\d{{3}})|(\d))0(?:{decade})?(?:(?:{joins})(\d)0)?{decade}")
        # What the numbers of decade_zh_num are written with (and digits). Read in windows when
        # the windows cannot overlap (the decade word is no part of a number, nor of itself).
        self.numeral_run = frozenset(self.numerals) | frozenset(key_of(str(conf["tens"])) + key_of(str(conf["century"])))
        self.decade_windows = bool(self.tens_decade) and not (set(self.decade_suffix) & self.numeral_run) and not any(
            self.tens_decade.startswith(self.tens_decade[i:]) for i in range(1, len(self.tens_decade))
        ) and not any(ch.isdecimal() for ch in self.decade_suffix)
        self.decade_zh_num = re.compile(rf"(?:[{numerals}]+{tens}?{century}|\d{{2}}{century})?([{numerals}]{{1,2}}){tens}{decade}")
        hosts = alternation(conf.get("url_suffixes", []))
        # Each alternative starts where a run of its characters starts, so that no run is scanned
        # again from every position inside it (Chinese text has no spaces: a line is one run).
        self.url = re.compile(
            rf"(?:https?://|www\.)\S+|(?<![\w.%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|(?<![\w.-])[\w.-]+\.(?:{hosts})\b\S*",
            re.I,
        )
        # What every URL or address has: most texts have none, and skip the slower pattern.
        self.url_hint = re.compile(rf"://|www\.|@|\.(?:{hosts})\b", re.I)

    def _decade(self, century: str | None, digit: str) -> str:
        if century:  # 20世纪 is the 1900s
            return f"{int(century) - 1}{digit}0s"
        return f"{19 if int(digit) * 10 >= self.pivot else 20}{digit}0s"

    def _guarded(self, key: str, start: int, end: int) -> bool:
        after = key[end:end + 12].lstrip()
        before = key[max(0, start - 8):start].rstrip()
        # Only the words that start with the first character after (end with the last before).
        for word in self._not_before.get(after[:1], ()) if self._not_before else self.not_before:
            if after.startswith(word) and not (word[-1].isalpha() and word.isascii() and after[len(word):len(word) + 1].isalpha()):
                return True
        for word in self._not_after.get(before[-1:], ()) if self._not_after else self.not_after:
            if before.endswith(word) and not (word[0].isalpha() and word.isascii() and before[-len(word) - 1:-len(word)].isalpha()):
                return True
        return False

    def _urls(self, text: str) -> Iterator[re.Match]:
        """`self.url.finditer(text)`, read in the lines with a hint of one only: a URL or an address
        holds a hint and no whitespace, and most lines have none."""
        return in_lines(self.url, text, self._hints(text))

    def _hints(self, text: str) -> Iterator[int]:
        """Where `self.url_hint` matches: every hint holds a ":", "@" or "." at its start, or three
        characters in ("www."), which a search finds faster than the case-blind pattern."""
        for at in map(re.Match.start, _URL_MARK.finditer(text)):
            hint = self.url_hint.match(text, at) or (at >= 3 and self.url_hint.match(text, at - 3))
            if hint:
                yield hint.start()

    def _zh_num_decades(self, key: str) -> Iterator[re.Match]:
        """`self.decade_zh_num.finditer(key)`, read only in the run of numerals, digits and century
        words before each "十年代" (a match holds nothing else, and ends with that)."""
        if not self.decade_windows:
            yield from self.decade_zh_num.finditer(key)
            return
        at = key.find(self.tens_decade)
        while at >= 0:
            start = at
            while start > 0 and (key[start - 1] in self.numeral_run or key[start - 1].isdecimal()):  # \d
                start -= 1
            yield from self.decade_zh_num.finditer(key, start, at + len(self.tens_decade))
            at = key.find(self.tens_decade, at + len(self.tens_decade))

    def _zh_num_years(self, key: str) -> Iterator[re.Match]:
        """`self.year_zh_num.finditer(key)`, tried only four characters before each year suffix."""
        if not self.year_suffix:
            yield from self.year_zh_num.finditer(key)
            return
        at = key.find(self.year_suffix, 4)
        starts = []
        while at >= 0:
            starts.append(at - 4)
            at = key.find(self.year_suffix, at + 1)
        yield from matches_from(self.year_zh_num, key, starts)

    def find(self, text: str, folded: tuple[str, list[int]] | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, label) of the years and decades of `text` (`folded`: `fold_key(text)` when
        already known)."""
        key, offsets = folded or fold_key(text)
        # URLs are found in the text itself (the key has lost the spaces that end them) and masked
        # in the key; offsets only grow, so the key characters of a URL are one slice.
        pieces, done = [], 0
        for m in self._urls(text):
            lo, hi = bisect.bisect_left(offsets, m.start(), done), bisect.bisect_left(offsets, m.end(), done)
            pieces += [key[done:lo], "#" * (hi - lo)]
            done = hi
        key_masked = "".join(pieces) + key[done:] if pieces else key
        taken: list[tuple[int, int]] = []

        def emit(start: int, end: int, label: str):
            taken.append((start, end))
            return offsets[start], offsets[end - 1] + 1, label

        # Both Chinese decade patterns end with the decade word, which most texts never use, and
        # the first starts with a digit: only digits are tried as its start.
        digits = _DIGIT.finditer(key_masked) if self.decade_suffix in key_masked else ()
        for m in matches_from(self.decade_zh, key_masked, (d.start() for d in digits)):
            century, full, digit, second = m.groups()
            first = f"{full}0s" if full else self._decade(century, digit)
            if not self.min <= int(first[:4]) <= self.max:
                continue
            yield emit(m.start(), m.end(), first)
            if second:
                yield emit(m.start(), m.end(), f"{first[:2]}{second}0s")
        for m in self._zh_num_decades(key_masked):
            digits = [self.numerals.get(ch) for ch in m.group(1)]
            if None in digits or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            for digit in digits:
                yield emit(m.start(), m.end(), self._decade(None, str(digit)))
        # "一九八五年": four numerals right before each year suffix (rare next to the numerals).
        for m in self._zh_num_years(key_masked):
            import cn2an  # noqa: PLC0415  (imported when first needed: it takes a tenth of kg's start-up)

            year = int(cn2an.cn2an(m.group(1), "smart"))
            if self.min <= year <= self.max:
                yield emit(m.start(), m.end(), str(year))
        # An English decade's "0s" or "0's" stands one to three characters after its start.
        zeros = map(re.Match.start, _ZERO_S.finditer(key_masked)) if "0s" in key_masked or "0's" in key_masked else ()
        for m in matches_from(_DECADE_EN, key_masked, starts_before(key_masked, zeros, 1, 3)):
            label = f"{m.group(1)}0s" if m.group(1) else self._decade(None, m.group(2))
            if m.group(2) and self.age.search(key_masked[max(0, m.start() - 20):m.start()]):
                continue
            if m.group(2) and key_masked[m.start()] != "'" and int(m.group(2)) * 10 < self.pivot:
                continue  # a bare "10s" is ten seconds more often than the 2010s
            if self.min <= int(label[:4]) <= self.max:
                yield emit(m.start(), m.end(), label)
        # The decade words are rare: the pattern only reads a text that has one.
        for m in self.decade_word.finditer(key_masked if any(w in key_masked for w in self.decade_words) else ""):
            yield emit(m.start(), m.end(), f"19{self.decade_words[m.group(1)]}s")
        for m in _YEAR.finditer(key_masked):
            year = int(m.group(1))
            if not self.min <= year <= self.max or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if self._guarded(key_masked, m.start(), m.end()):
                continue
            suffix = self.year_suffix
            end = m.end() + len(suffix) if key_masked.startswith(suffix, m.end()) else m.end()
            yield emit(m.start(), end, str(year))

    def __call__(self, doc: Doc) -> Doc:
        for start, end, label in self.find(doc_text(doc), doc_key(doc)):
            add_span(doc, start, end, "YEAR", f"year:{label}", "year")
        return doc


def find_years(text: str, rules: Rules | None = None) -> list[tuple[int, int, str]]:
    """Years and decades of `text` as (start, end, label), e.g. `[(2, 7, '1985')]`."""
    return sorted(YearFinder(rules or load_rules()).find(text))


@Language.factory("kg_years", default_config=DEFAULT_CONFIG)
def make_years(nlp: Language, name: str, rules: list[str]) -> YearFinder:
    return YearFinder(load_rules(tuple(rules)))
