"""Chinese names of institutions the gazetteer does not know, found by their suffix and what stands
before it (`rules/discovery.yaml`, `org`):

- org-place: a known place and an institution suffix: "多伦多大学", "加州理工学院";
- org-zh-name: a short name after a boundary word or a clause start, before a `zh_name_suffixes`
  word: "加入了标准电讯实验室", "英特尔海法研发中心";
- org-zh-company: a short name right after a founding or joining verb, before a company suffix
  that ends the word: "创办了王码公司", "任职于荣泰电子";
- org-zh-latin: a Latin name right after such a verb: "创立了NCsoft", "收购了Cyrix".

None of them is only a kind of institution ("科技公司") or holds a known one past its start; a
known one with a suffix is that one ("中星微电子有限公司" is Vimicro), a known one opening a longer
name a unit of it ("英特尔海法研发中心").
"""

from __future__ import annotations

import re
from typing import Iterator

from ..normalize import is_cjk, key_of, to_simplified
from ..ruleset import Rules, per_rules
from .en_names import known_keys
from .scan import all_starts, alternation

__all__ = ["ChineseInstitutions", "simplified_aliases"]


def _simplified(words) -> tuple[str, ...]:
    return tuple(sorted({to_simplified(str(w)) for w in words}))


@per_rules
def simplified_aliases(rules: Rules) -> tuple[tuple[str, str, str], ...]:
    """(Simplified alias, key, type) of every Chinese name in the gazetteer; converted in one call
    (OpenCC once per alias costs a tenth of a second at start-up)."""
    names = [(a, key, r.type) for key, r in sorted(rules.entities.items()) for a in (r.label_zh, *r.aliases) if a and is_cjk(a[0])]
    simple = to_simplified("\n".join(a.replace("\n", " ") for a, _, _ in names)).split("\n")
    return tuple((s, key, kind) for s, (_, key, kind) in zip(simple, names))


class ChineseInstitutions:
    """The Chinese institution names of a Simplified text (`find`), by the rules' `org` words."""

    def __init__(self, rules: Rules) -> None:
        org = rules.discovery.get("org", {})
        aliases = simplified_aliases(rules)
        # A known place + an organisation suffix ("多伦多大学"): the suffixes are few and rare, so
        # they are found first, then a place right before each (hundreds of them, too many for a
        # fast regular expression; an automaton would read the whole text again).
        self.places = frozenset(a for a, _, kind in aliases if kind == "PLACE")
        self.place_sizes = sorted({len(p) for p in self.places})
        self.place_suffix = re.compile(alternation(map(to_simplified, org.get("zh_suffixes", []))))
        self.name_suffix = re.compile(alternation(map(to_simplified, org.get("zh_name_suffixes", []))))
        self.name_after = _simplified(org.get("zh_name_after", []))
        self.company_suffix = re.compile(alternation(map(to_simplified, org.get("zh_company_suffixes", []))))
        self.company_after = _simplified(org.get("zh_company_after", []))
        self.max_chars = int(org.get("zh_name_max", 8))
        self.known = {a: key for a, key, kind in aliases if kind == "ORG"}
        # A Latin name right after one of those verbs: "1997年金泽辰创立了NCsoft", "收购了Cyrix".
        self.latin_after = re.compile(rf"(?:{alternation(self.company_after)}) ?([A-Za-z][A-Za-z0-9&-]*(?: [A-Z][A-Za-z0-9&-]*){{0,3}})(?![A-Za-z0-9])")
        self.known_latin = known_keys(rules)
        self.generic = frozenset(_simplified(org.get("zh_generic", [])))
        # The characters a technology name never spans cannot stand in an institution's name either.
        self.breaks = frozenset(_simplified(rules.discovery.get("tech", {}).get("zh_breaks", [])))
        # …but inside these words: "北京计算机应用技术研究所".
        self.unbroken = re.compile(alternation(_simplified(org.get("zh_unbroken", []))) or "(?!)")

    def find(self, simple: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, rule, key) of each institution name in `simple`; the key of a known
        institution named with a suffix ("中星微电子|有限公司"), else ""."""
        for start, end in self._after_places(simple):
            yield start, end, "org-place", ""
        for start, end, key in self._named(simple, self.name_suffix, self.name_after, boundary=True):
            yield start, end, "org-zh-name", key
        for start, end, key in self._named(simple, self.company_suffix, self.company_after, boundary=False):
            yield start, end, "org-zh-company", key
        for m in self.latin_after.finditer(simple):
            if key_of(m.group(1)) not in self.known_latin:  # (a known one is the gazetteer's)
                yield m.start(1), m.end(1), "org-zh-latin", ""

    def _named(self, simple: str, suffix: re.Pattern, after: tuple[str, ...], boundary: bool) -> Iterator[tuple[int, int, str]]:
        """(start, end) of each short name followed by a `suffix`, right after one of the `after`
        words, or (`boundary`) punctuation or a clause start ("加入了标准电讯实验室"); not one that
        holds a known name or is only a kind of institution. Without `boundary`, the suffix must
        end the word too."""
        for m in suffix.finditer(simple):
            end = m.start()
            if not boundary and is_cjk(simple[m.end():m.end() + 1] or " "):
                continue  # the suffix goes on into a word: "…香港科技大学"
            # The name starts at the boundary closest before the suffix that leaves two characters.
            for start in range(end - 2, max(-1, end - self.max_chars - 1), -1):
                if simple.endswith(after, 0, start) or boundary and (start == 0 or not is_cjk(simple[start - 1])):
                    break
            else:
                continue
            name = simple[start:end]
            if name in self.known:  # a known institution and its suffix, one name of it
                yield start, m.end(), self.known[name]
                continue
            rest = self.unbroken.sub("", name)  # (a name of those words alone is a kind: "应用研究所")
            if (not rest or not all(is_cjk(ch) and ch not in self.breaks for ch in rest) or name in self.generic
                    or name in self.places or self._holds_known(name) or self._holds_known(simple[start:m.end()])):
                continue
            yield start, m.end(), ""

    def _holds_known(self, name: str) -> bool:
        """Whether a known institution is named inside `name` other than at its start, or at its
        start reaching to its end: "贝尔实验室" is Bell Labs, "华硕电脑|公司" Asus, "英特尔海法研发中心"
        a unit of Intel. (A place may open the name: "北京计算机应用技术研究所".)"""
        return any(name[i:j] in self.known for i in range(len(name)) for j in range(i + 2, len(name) + 1)
                   if i > 0 or j == len(name))

    def _after_places(self, simple: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each place followed by a suffix, leftmost first, the longest place at a
        start first, without overlaps (as one regular expression of them all would find)."""
        if not self.places:
            return
        hits = sorted(
            (end - size, -size, end)
            for end in all_starts(self.place_suffix, simple)
            for size in self.place_sizes
            if size <= end and simple[end - size:end] in self.places
        )
        done = 0
        for start, _, end in hits:
            if start >= done:
                done = self.place_suffix.match(simple, end).end()
                yield start, done
