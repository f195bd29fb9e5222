"""Chinese personal names the gazetteer does not know, found by context (`rules/discovery.yaml`,
`cjk_person`): by-lines ("作者：罗景文"), speaker labels ("邹欣：…"), a role before ("副总裁邹欣"),
and running text where a clause, a list or a role lets a name start and a person's verb follows
("由蔡明介创办", "施振荣毕业于", "汪建、杨焕明、于军等人"), or a name found follows ("王运丰和李澄炯"). A name is a surname from
`discovery/surnames_zh.txt` and one or two characters; `kg.components.discover` marks every
occurrence of the names found.
"""

from __future__ import annotations

import functools
import re
from typing import Iterator

from ..normalize import to_simplified
from ..ruleset import Rules
from .scan import alternation, grouped

__all__ = ["ChineseNames"]

# A speaker label: a Chinese name and a colon at the start of a line.
_SPEAKER = re.compile(r"(?:^|\n)\s*([\u4e00-\u9fff]{2,4})\s*[：:]")
# The same after a line break only: a pattern that starts with one character is read much faster.
_SPEAKER_LINE = re.compile(r"\n\s*([\u4e00-\u9fff]{2,4})\s*[：:]")
# A speaker label after the turn before, on the same line: "…是怎么诞生的？朱邦复：我…". Only in a
# text with labelled turns ("主持人：…"): elsewhere "。周期：三天" is a term and its gloss.
_SPEAKER_INLINE = re.compile(r"[。？！?!]\s*([\u4e00-\u9fff]{2,4})[：:](?!\s*\d)")


class ChineseNames:
    """The Chinese names a text's context reveals (`find`), by the rules' `cjk_person` words."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        cjk = rules.discovery.get("cjk_person", {})
        self.min_turns = int(cjk.get("min_speaker_turns", 2))
        self.credit = re.compile(rf"(?:{alternation(map(to_simplified, cjk.get('credit_labels', [])))})\s*[:：|｜/]\s*([\u4e00-\u9fff]{{2,3}})")
        # A by-line's name ends its credit ("记者：王小明，"): "记者：蓝牙这个名字…" is a question.
        self.byline = re.compile(rf"{self.credit.pattern}(?![\u4e00-\u9fff])")
        self.role = re.compile(rf"(?:{alternation(map(to_simplified, cjk.get('role_words', [])))})([\u4e00-\u9fff]{{2,3}})")
        self.in_context, self.after_role = self._in_context(cjk)
        not_given = re.escape("".join(sorted({to_simplified(str(c)) for c in cjk.get("not_given", [])})))
        self.whole_name = re.compile(rf"(?:{grouped(sorted(rules.surnames_zh, key=len, reverse=True))})(?:(?![{not_given}])[\u4e00-\u9fff]){{1,2}}")
        ends = alternation(map(to_simplified, cjk.get("list_ends", []))) or "(?!)"
        joiners = "".join(sorted({to_simplified(str(c)) for c in cjk.get("list_joiners", [])}))
        self.name_joiner = re.compile(f"[{re.escape(joiners)}]" if joiners else "(?!)")
        self.name_list = re.compile(rf"((?:[\u4e00-\u9fff]{{2,4}}{self.name_joiner.pattern}){{1,5}}[\u4e00-\u9fff]{{2,4}}?)(?:{ends})")
        self.not_names = frozenset(to_simplified(str(w)) for w in cjk.get("not_names", []))
        # What may stand right before a name in running text: a role, a list or clause word.
        self.name_after = tuple(sorted({to_simplified(str(w)) for key in ("role_words", "context_before") for w in cjk.get(key, [])}))

    def find(self, simple: str) -> set[str]:
        """The names in `simple` (a Simplified text): from credits, speaker labels and roles, and
        from running text."""
        names: set[str] = set()
        for m in self.byline.finditer(simple):
            names.add(m.group(1))
        turns: dict[str, int] = {}
        for m in _speakers(simple):
            turns[m.group(1)] = turns.get(m.group(1), 0) + 1
        names |= {n for n, count in turns.items() if count >= self.min_turns}
        labelled = functools.lru_cache(maxsize=None)(lambda name: name + "：" in simple)
        for m in self.role.finditer(simple):
            for size in (3, 2):
                candidate = m.group(1)[:size]
                if candidate in names or (size == 2 and labelled(candidate)):
                    names.add(candidate)
                    break
        names.update(m.group(1) for m in self.in_context.finditer(simple)
                     if self._name_may_start(simple, m.start()) and m.group(1) not in self.not_names)
        names.update(m.group(1) for m in self.after_role.finditer(simple) if m.group(1) not in self.not_names)
        names.update(self._listed(simple))
        if self.credit.search(simple):
            names.update(m.group(1) for m in _SPEAKER_INLINE.finditer(simple) if self._plain_name(m.group(1)))
        names = {n for n in names if self._surname_first(n)}
        return names | set(self._joined_before(simple, names))

    def _plain_name(self, name: str) -> bool:
        """Whether `name` is a surname and one or two given-name characters, and not a word."""
        return bool(self.whole_name.fullmatch(name)) and name not in self.not_names

    def _joined_before(self, simple: str, names: set[str]) -> Iterator[str]:
        """Names joined to a name found, before it, at a clause start: "王运丰和李澄炯在…" once
        李澄炯 is found."""
        for name in names:
            at = simple.find(name)
            while at >= 0:
                if at > 2 and self.name_joiner.fullmatch(simple[at - 1]):
                    for size in (3, 2):
                        start = at - 1 - size
                        if start >= 0 and self._plain_name(simple[start:at - 1]) and self._name_may_start(simple, start):
                            yield simple[start:at - 1]
                            break
                at = simple.find(name, at + len(name))

    def _in_context(self, cjk: dict) -> tuple[re.Pattern, re.Pattern]:
        """Two patterns of a surname and one or two given-name characters (as few as fit): before a
        word only a person does, a role, or digits (a year): "施振荣毕业于", "王运丰教授",
        "郭台铭1974年"; and right after a role or a `close_before` word, before a `close_after`
        one (punctuation, a list word): "秘书长费骅，", "妻子叶紫华、"."""
        surnames = sorted(self.rules.surnames_zh, key=len, reverse=True)
        if not surnames or not cjk.get("context_after"):
            return re.compile("(?!)"), re.compile("(?!)")
        not_given = "".join(sorted({to_simplified(str(c)) for c in cjk.get("not_given", [])}))
        given = rf"(?:(?![{re.escape(not_given)}])[\u4e00-\u9fff])" if not_given else "[\u4e00-\u9fff]"
        name = rf"((?:{grouped(surnames)}){given}{{1,2}}?)"
        words_after = [to_simplified(str(w)) for w in [*cjk["context_after"], *cjk.get("role_words", [])]]
        after = grouped(words_after)
        if all(words_after):  # what may follow at all, checked at once before the alternatives
            after = rf"(?=[{re.escape(''.join(sorted({w[0] for w in words_after})))} \d])(?:{after}| ?\d)"
        else:
            after = rf"(?:{after}| ?\d)"
        # One class of the surnames' first characters first: the engine skips ahead to them. And
        # what may follow a name, two to (the longest surname + 2) characters on, checked first.
        first = "".join(sorted({s[0] for s in surnames}))
        if all(words_after):
            follows = re.escape("".join(sorted({w[0] for w in words_after})))
            ahead = rf"(?=[{re.escape(first)}].{{1,{max(map(len, surnames)) + 1}}}?[{follows} \d])"
        else:
            ahead = rf"(?=[{re.escape(first)}])"
        in_context = re.compile(rf"{ahead}{name}{after}")
        # After a role, a name may hold characters of place names too ("总经理陈冠州表示"): only
        # `role_not_given` are ruled out, and it may end at punctuation as well as before a verb.
        loose = "".join(sorted({to_simplified(str(c)) for c in cjk.get("role_not_given", [])}))
        loose_given = rf"(?:(?![{re.escape(loose)}])[\u4e00-\u9fff])" if loose else "[\u4e00-\u9fff]"
        loose_name = rf"((?:{grouped(surnames)}){loose_given}{{1,2}}?)"
        before = alternation(map(to_simplified, [*cjk.get("role_words", []), *cjk.get("close_before", [])]))
        close = alternation(map(to_simplified, [*cjk.get("close_after", []), *cjk["context_after"]]))
        after_role = re.compile(rf"(?:{before}){loose_name}(?:{close}|$)") if before and close else re.compile("(?!)")
        return in_context, after_role

    def _listed(self, simple: str) -> Iterator[str]:
        """The names of a list of people that ends with "等人/等" ("汪建、杨焕明、于军等人"), each a
        surname and one or two characters, the first at a clause start."""
        for m in self.name_list.finditer(simple):
            if not self._name_may_start(simple, m.start()):
                continue
            parts = self.name_joiner.split(m.group(1))
            if len(parts) >= 2 and all(self.whole_name.fullmatch(p) and p not in self.not_names for p in parts):
                yield from parts

    def _name_may_start(self, simple: str, at: int) -> bool:
        """Whether a name may start at `at`: at the start of a clause (text, line, punctuation,
        a space or a digit before it; not a Latin word) or after a role or a list word ("由",
        "与妻子", "的")."""
        if at == 0 or not simple[at - 1].isalpha():
            return True
        return simple.endswith(self.name_after, 0, at)

    def _surname_first(self, name: str) -> bool:
        return name[:1] in self.rules.surnames_zh or name[:2] in self.rules.surnames_zh


def _speakers(simple: str) -> Iterator[re.Match]:
    """`_SPEAKER.finditer(simple)`: at the start (either way), then after line breaks only."""
    first = _SPEAKER.match(simple)
    if first:
        yield first
    yield from _SPEAKER_LINE.finditer(simple, first.end() if first else 0)
