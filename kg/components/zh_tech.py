"""Chinese names of technologies the gazetteer does not know (`rules/discovery.yaml`, `tech`):
Chinese has no spaces, so such a name is taken only where the text names it, right after a naming
verb and ending with a head word ("叫做门控回声网络", "推出了五笔字型输入法"); not words that only say
what kind of thing it is ("深度学习框架", "西洋棋电脑ChipTest"). The head words also tell what a name
glossed by an acronym is (kg.components.discover: "稀疏振荡网络（SON）").
"""

from __future__ import annotations

import re
from typing import Iterator

from ..normalize import is_cjk, to_simplified
from ..ruleset import Rules
from .scan import alternation
from .zh_orgs import simplified_aliases

__all__ = ["ChineseTech"]

# A Latin model name: a capitalised word or one with a digit, and up to two more ("Primo D-RIE", "NXE:3400B").
_MODEL = r"(?:[A-Z][A-Za-z0-9]*|\d+[A-Za-z][A-Za-z0-9]*)(?:[-:.][A-Za-z0-9]+)*(?: [A-Z0-9][A-Za-z0-9]*(?:[-:.][A-Za-z0-9]+)*){0,2}"
# A short name in quotation marks (not a book title: 《》 marks works), nothing but letters in it.
_QUOTED = re.compile(r"[“「『\"]([^“”「」『』\"\s，。；：、！？,.;:!?]{2,12})[”」』\"]")


class ChineseTech:
    """Head words, name boundaries and the technology names of a Simplified text (`find`)."""

    def __init__(self, rules: Rules) -> None:
        tech = rules.discovery.get("tech", {})
        self.heads = tuple(sorted({to_simplified(str(w)) for w in tech.get("zh_heads", [])}, key=len, reverse=True))
        self.org_heads = tuple(to_simplified(str(w)) for w in rules.discovery.get("org", {}).get("zh_suffixes", []))
        self.namer = re.compile(alternation(map(to_simplified, tech.get("zh_namers", []))))
        self.quoted_after = re.compile(rf"(?:{alternation(map(to_simplified, tech.get('zh_quoted_after', [])))})\s*{_QUOTED.pattern}")
        made_by = alternation(map(to_simplified, tech.get("zh_made_by", [])))
        self.subject_made = re.compile(rf"(?:^|(?<=[。！？!?\n，；;>]))\s*([^\s，。；：、！？,.;:!?“”「」（）()《》]{{2,12}}?)是[^。！？!?\n，]{{0,24}}?(?:{made_by})", re.M)
        self.model_like = re.compile(r"[A-Za-z0-9]|[号型]$")
        self.known = frozenset([*(a for a, _, _ in simplified_aliases(rules)),
                                *(a for r in rules.entities.values() for a in (r.label, *r.aliases) if a and not is_cjk(a[0]))])
        self.breaks = frozenset(to_simplified(str(c)) for c in tech.get("zh_breaks", []))
        self.max_chars = int(tech.get("zh_max_chars", 8))
        self.not_stems = frozenset(to_simplified(str(w)) for w in tech.get("zh_not_stems", []))
        self.fields = frozenset(a for a, _, kind in simplified_aliases(rules) if kind == "FIELD")
        # A Latin model name right after a product head ("刻蚀机Primo D-RIE", "晶片MT6205") or before
        # it, a word or two of what it does between ("Gaudi训练芯片").
        products = alternation(map(to_simplified, tech.get("zh_product_heads", [])))
        self.not_products = frozenset(str(w).casefold() for w in rules.discovery.get("en_context", {}).get("not_products", []))
        self.product_head = re.compile(products) if products else None
        self.model_after = re.compile(rf"\s?({_MODEL})(?![A-Za-z0-9])")
        self.model_before = re.compile(rf"(?<![A-Za-z0-9.:-])({_MODEL})\s?[\u4e00-\u9fff]{{0,2}}?$")
        # "曙光一号", "龙芯2号": a number and a `zh_numbered` word after a short name; not "1号线".
        numbered = alternation(map(to_simplified, tech.get("zh_numbered", [])))
        numerals = re.escape("".join(sorted({str(c) for c in tech.get("zh_numerals", [])}))) or "0-9"
        self.numbered = re.compile(
            rf"(?<=[\u4e00-\u9fff])(?:\d{{1,3}}|[{numerals}]{{1,2}})(?:{numbered})"
            rf"(?!{alternation(map(to_simplified, tech.get('zh_numbered_not_before', [])))})") if numbered else None
        self.numbered_not_stems = frozenset(to_simplified(str(c)) for c in tech.get("zh_numbered_not_stems", []))

    def find(self, simple: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each technology name right after a naming verb, with a head word, of each
        short one in quotation marks after a verb of making ("推出了“星光一号”数字多媒体芯片"), of each
        model-like one said to be made ("曙光一号是…研制的"), of each numbered one ("天河二号"), and of
        each Latin model name next to a product head ("刻蚀机Primo D-RIE", "Gaudi训练芯片")."""
        for m in self.quoted_after.finditer(simple):
            yield m.span(1)
        for head in self.product_head.finditer(simple) if self.product_head else ():
            # (looked for only around the heads: a pattern opening with the model would try every capital)
            for m in (self.model_after.match(simple, head.end()), self.model_before.search(simple, max(0, head.start() - 40), head.start())):
                if m and m.group(1) not in self.known and m.group(1).casefold() not in self.not_products and not m.group(1).isdigit():
                    yield m.span(1)
        for m in self.numbered.finditer(simple) if self.numbered else ():
            start = m.start()  # the name: up to four characters back, to a break or a word of time ("今年3号")
            while (m.start() - start < 4 and start > 0 and is_cjk(simple[start - 1]) and simple[start - 1] not in self.breaks
                   and simple[start - 1] not in self.numbered_not_stems):
                start -= 1
            if any(simple[at:m.end()] in self.known for at in range(start, m.start() - 1)):
                continue  # the gazetteer's ("首款芯片龙芯1号")
            kind = next((h for h in self.heads if simple.startswith(h, start)), "")  # "芯片曙光一号": the kind, then the name
            if m.start() - start - len(kind) >= 2:
                yield start + len(kind), m.end()
        for m in self.subject_made.finditer(simple if "是" in simple else ""):
            if self.model_like.search(m.group(1)) and m.group(1) not in self.known:
                yield m.span(1)
        for m in self.namer.finditer(simple):
            run = m.end()
            while run < len(simple) and run - m.end() < self.max_chars and is_cjk(simple[run]) and simple[run] not in self.breaks:
                run += 1
            for end in range(run, m.end() + 1, -1):
                if self.kind(simple[m.end():end]) == "TECH":
                    if not self._kind_only(simple, m.end(), end):
                        yield m.end(), end
                    break

    def name_start(self, simple: str, end: int) -> int:
        """Start of the Chinese name ending at `end`: after the last break character, at most
        `zh_max_chars` back; -1 when not even two characters are left."""
        start = end
        while start > 0 and end - start < self.max_chars and is_cjk(simple[start - 1]) and simple[start - 1] not in self.breaks:
            start -= 1
        return start if end - start >= 2 else -1

    def kind(self, name: str) -> str:
        """TECH or ORG when `name` ends with a head word of that kind, else ""."""
        if name.endswith(self.org_heads):
            return "ORG"
        return "TECH" if any(name.endswith(h) and len(name) >= len(h) + 2 and name[:-len(h)] not in self.not_stems
                             for h in self.heads) else ""

    def _kind_only(self, simple: str, start: int, end: int) -> bool:
        """Whether the words at start:end only say what kind of thing is named: a known field and
        a head ("深度学习框架"), or words a Latin name follows ("西洋棋电脑ChipTest")."""
        if re.match(r" ?[A-Za-z0-9]", simple[end:end + 2]):
            return True
        name = simple[start:end]
        return any(name.endswith(h) and name[:-len(h)] in self.fields for h in self.heads)
