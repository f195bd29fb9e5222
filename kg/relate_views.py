"""The views of a document and of a unit the relation rules read (kg.relate), and the stretch of
text of a pair of participants (`stretch_of`): between the two, the clause after the second, and
what of it may hold a trigger (kg.relate_match reads them)."""

from __future__ import annotations

import bisect
import itertools
from typing import Callable, NamedTuple

from .relate_guards import GLOSS, Listing, negated
from .speakers import Participant

__all__ = ["Doc", "Stretch", "Unit", "in_a_name", "negated_at", "stretch_of", "tail_of", "unit_view"]


class Doc(NamedTuple):
    """A document as the rules read it: its text, its folded key, where each text offset starts
    in the key (`Folded.at`), and which key offsets a negation stands right before (`negated`,
    found when first asked)."""

    text: str
    key: str
    at: Callable[[int], int]
    patterns: dict
    reach: int
    gaps: tuple[int, int]  # the widest gap of a typed relation between two names, and with a pronoun
    widest: dict[tuple[str, str], int]  # the widest `max_gap` of the rules for a pair of types
    negations: dict[int, bool]


class Unit(NamedTuple):
    """A unit (kg.relate's `_units`) with the key spans of the names in it, (start, end, type), and `whole`:
    the key end of the name at each key start; `starts` of the names, and the furthest end of the
    names up to each (`in_a_name`)."""

    span: tuple[int, int]
    names: list[tuple[int, int, str]]
    whole: dict[int, int]
    starts: list[int]
    furthest: list[int]
    tails: dict[int, tuple[int, int]]  # `tail_of` by the text offset where it starts


class Stretch(NamedTuple):
    """The text of one pair on the folded key: between the ends, and the clause after the second."""

    lo: int  # where the first end starts
    between: tuple[int, int]
    tail_start: int  # where the second end (or its list) ends
    tail: str  # the rest of the clause after it, glosses left out
    region: str  # from the first end up to where a trigger may stand
    verbs_trail: bool  # a coverb introduces the second end: a verb may follow it
    one_clause: bool
    weak_gap: int  # characters between the ends, glosses left out
    not_triggers: tuple[tuple[int, int], ...]
    object_at: int | None  # where the verb's object starts (None: named by example, "传感器如 X")


def unit_view(span: tuple[int, int], names: list[tuple[int, int, str]]) -> Unit:
    """The Unit of `span`, whose names (in order of their starts) are `names`."""
    return Unit(span, names, {lo: hi for lo, hi, _ in names}, [lo for lo, _, _ in names],
                list(itertools.accumulate((hi for _, hi, _ in names), max)), {})


def in_a_name(lo: int, hi: int, unit: Unit) -> bool:
    """Whether the key span lo–hi lies inside a name ("網路" in "神經網路", "学习" in "深度学习")."""
    k = bisect.bisect_right(unit.starts, lo)
    return k > 0 and unit.furthest[k - 1] >= hi


def negated_at(doc: Doc, at: int) -> bool:
    """`negated` at key offset `at`, asked once per document."""
    hit = doc.negations.get(at)
    if hit is None:
        hit = doc.negations[at] = negated(doc.key, at, doc.patterns)
    return hit


def tail_of(doc: Doc, unit: Unit, end: int) -> tuple[int, int]:
    """Where the clause after the second end and its list (which ends at text offset `end`) starts
    in the key, and where `reach` characters later it ends (`_reach_end`)."""
    tail = unit.tails.get(end)
    if tail is None:
        start, stop = doc.at(end), doc.at(min(unit.span[1], end + 3 * doc.reach))
        tail = unit.tails[end] = (start, _reach_end(doc.key, start, stop, doc.reach, unit))
    return tail


def stretch_of(a: Participant, b: Participant, doc: Doc, listed: Listing, tail_span: tuple[int, int],
               quiet: tuple = ()) -> Stretch | None:
    """The stretch of text of a pair, or None when the pair cannot be related at all. `tail_span`:
    see `tail_of`; `quiet`: (start, end) key spans (asides about others) whose words say nothing of the pair."""
    key, at, patterns = doc.key, doc.at, doc.patterns
    lo, between = at(a.start), (at(a.end), at(b.start))
    gap_key = key[between[0]:between[1]]
    if b.type == "TECH" and patterns["generic"].search(key, max(between[0], between[1] - 4), between[1]):
        return None  # "发明了很多神经网络": a kind of thing, not the thing
    if negated_at(doc, between[1]) or (not a.pronoun and negated_at(doc, lo)):
        return None  # "但没有互联网", "抛弃 Lua 并用 Python"
    compound_head = patterns["compound_head"]
    if (a.type == "TECH" and compound_head.match(key, between[0])) or (b.type == "TECH" and compound_head.match(key, at(b.end))):
        return None  # "神经网络模拟器": the name only qualifies the thing related
    if a.type == b.type == "ORG" and (patterns["org_head"].match(key, between[0]) or patterns["org_head"].match(key, at(b.end))):
        return None  # "谷歌团队是大脑团队的一部分": a team, not the company
    if a.type != b.type and gap_key.strip() and patterns["joiner"].fullmatch(gap_key):
        return None  # "Hinton 和 Google 的人": joined, not related
    # From the last member of the first one's list: "TensorFlow、PyTorch 和 Caffe2，都继承自 Lush".
    own_gap = key[at(listed.first_end):between[1]] if listed.first_end > a.end else gap_key
    if a.type == b.type != "PERSON" and patterns["joiner_first"].match(own_gap):
        return None  # "使用 ReLU 和用单位矩阵初始化": two things coordinated
    tail_start = tail_span[0]
    # The rest of the clause after the second end, glosses left out ("跟朗格希金斯(Langer Higgins)学习"),
    # up to a negation.
    tail = _unglossed_text(key[tail_start:tail_span[1]])
    for stop in (patterns["clause_breaks"], patterns["negations"]):
        cut = stop.search(tail)
        tail = tail[:cut.start()] if cut else tail
    # The coverb stands close to the first end, or opens a clause that goes on from it; before the
    # second one's list it introduces every member ("由 Vapnik 和 Cortes 提出").
    head = at(listed.head) if listed.head > a.end else between[1]
    coverb_key = key[between[0]:head]
    verbs_trail = bool(patterns["coverbs"].search(coverb_key)) and not patterns["not_coverbs"].search(coverb_key)
    if verbs_trail:
        clause = coverb_key[max((m.end() for m in patterns["clause_breaks"].finditer(coverb_key)), default=0):]
        # "CP/M, the operating system that Kildall wrote": the relative after a thing's apposition.
        verbs_trail = len(_unglossed_text(clause)) <= patterns["coverb_gap"] or bool(patterns["apposed_relative"].fullmatch(clause))
    region = key[lo:tail_start + (_unglossed(key, tail_start, len(tail)) if verbs_trail else 0)]
    return Stretch(
        lo, between, tail_start, tail, region, verbs_trail,
        not patterns["clause_breaks"].search(gap_key),
        len(_unglossed_text(coverb_key)),  # "福岛（Fukushima）的 Neocognitron", "杨立昆的卷积神经网路 LeNet"
        (*(m.span() for m in patterns["not_trigger"].finditer(key, lo, lo + len(region))), *quiet),
        # "配备了一系列传感器如毫米波雷达、激光雷达": the object is the kind the examples are of.
        None if patterns["example"].search(key, max(between[0], head - 12), head) else head,
    )


def _unglossed_text(text: str) -> str:
    """`text` with its glosses left out."""
    return GLOSS.sub("", text) if "(" in text or "（" in text else text


def _reach_end(key: str, start: int, stop: int, reach: int, unit: Unit) -> int:
    """Where `reach` characters after `start` end (before `stop`), glosses left out and a name of
    the unit counted as one: "去跟 Geoffrey Hinton 读博士" reaches "读博士" as "去跟辛顿读博士" does."""
    plain = min(start + max(reach, 0), stop)
    k = bisect.bisect_left(unit.starts, start)
    if (k == len(unit.starts) or unit.starts[k] >= plain) and key.find("(", start, stop) < 0 and key.find("（", start, stop) < 0:
        return plain  # no name, no gloss: one character a step
    skip = {m.start(): m.end() for m in GLOSS.finditer(key, start, stop)}
    whole, pos = unit.whole, start
    while pos < stop and reach > 0:
        if pos in skip:
            pos = skip[pos]
            continue
        pos = whole.get(pos, pos + 1)
        reach -= 1
    return min(pos, stop)


def _unglossed(key: str, start: int, n: int) -> int:
    """How much of `key[start:]` holds its first `n` characters once glosses are left out."""
    pos, kept = start, 0
    for m in GLOSS.finditer(key, start):
        if kept + m.start() - pos >= n:
            break
        kept += m.start() - pos
        pos = m.end()
    return pos - start + n - kept
