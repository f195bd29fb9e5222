"""Resolved mentions → typed, dated relations with the sentence they come from (`rules/relations.yaml`).

Per document:
1. The subject: the person the document is with or about — greeted at its start ("嗨，Yann",
   "Hi, Yoshua"), named in its title, or clearly the most named person.
2. Participants of each sentence (subtitle lines of one sentence stay together): the entities named
   there, plus the person a pronoun stands for — "我/您/I/you" for the subject, "他/she" for the last
   person named before it.
3. Two participants close together are related by the first rule whose types fit and whose
   trigger stands between them, or after the second one when a coverb introduces it ("在 X
   工作"), or one of the rule's `after` words right after it ("X 的学者"). Guards keep this
   precise: negations, questions, possessives, glosses, lists, generic "you" (rules/README.md).
   The direction comes from the types, or for two ends of one type from the `reverse` words.
   Every pair is also a `CO_OCCURS` (low confidence). Years of the same stretch go on the edge.
4. What the statements imply: two institutions whose names extend one another (Google Brain,
   Google) are part and whole; the one year of making a thing dates it (IN_YEAR); two makers of one
   thing in one statement collaborated.

The rules are compiled in `kg.relation_rules`, the subject and pronouns found in `kg.speakers`,
and what stands in the way of a pair is decided in `kg.relate_guards`.

>>> from kg.ruleset import load_rules
>>> from kg.extract import extract, make_nlp
>>> from kg.read import Document
>>> from kg.resolve import resolve
>>> text = "嗨，Yoshua。我在 1993 年加入了貝爾實驗室。"
>>> mentions, _ = resolve(extract([Document("a.txt", text)], make_nlp()), load_rules(), {"a.txt": text})
>>> [(r.source, r.relation, r.target, r.years) for r in relate(mentions, {"a.txt": text}, load_rules())
...  if r.relation != "CO_OCCURS"]
[('person:yoshua-bengio', 'WORKED_AT', 'org:bell-labs', ('1993',))]
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple

from .extract import Mention
from .relate_guards import GLOSS, Facts, Listing, adjunct, asides, facts, list_end, listing, may_relate, negated, pronoun_governs
from .normalize import key_of
from .relation_rules import Rule, compiled
from .ruleset import Rules
from .segment import sentence_spans
from .speakers import Folded, Participant, document_subject, participants, pronoun_windows, pronouns

__all__ = ["Relation", "document_subject", "relate", "SYMMETRIC"]

SYMMETRIC = frozenset({"COLLABORATED_WITH", "MET", "CO_OCCURS"})
CO_OCCURS_CONFIDENCE = 0.2


@dataclass(frozen=True)
class Relation:
    """One statement of a relation: `source` —relation→ `target`, from `doc[start:end]`."""

    source: str
    relation: str
    target: str
    doc: str
    start: int
    end: int
    around: tuple[int, int]
    years: tuple[str, ...] = ()
    confidence: float = CO_OCCURS_CONFIDENCE


# -- rules ------------------------------------------------------------------------------------


class _Stretch(NamedTuple):
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


class _Doc(NamedTuple):
    """A document as the rules read it: its text, its folded key, where each text offset starts
    in the key (`Folded.at`), the rules for each pair of types ((order, rule), `fitting`), and
    which key offsets a negation stands right before (`negated`, found when first asked)."""

    text: str
    key: str
    at: Callable[[int], int]
    patterns: dict
    reach: int
    gaps: tuple[int, int]  # the widest gap of a typed relation between two names, and with a pronoun
    fitting: dict[tuple[str, str], list[tuple[int, Rule]]]
    widest: dict[tuple[str, str], int]  # the widest `max_gap` of the rules that fit
    negations: dict[int, bool]


class _Unit(NamedTuple):
    """A unit (`_units`) with the key spans of the names in it, (start, end, type), and `whole`:
    the key end of the name at each key start; `starts` of the names, and the furthest end of the
    names up to each (`_in_a_name`)."""

    span: tuple[int, int]
    names: list[tuple[int, int, str]]
    whole: dict[int, int]
    starts: list[int]
    furthest: list[int]
    tails: dict[int, tuple[int, int]]  # `_tail` by the text offset where it starts


def _unit(span: tuple[int, int], names: list[tuple[int, int, str]]) -> _Unit:
    """The _Unit of `span`, whose names (in order of their starts) are `names`."""
    return _Unit(span, names, {lo: hi for lo, hi, _ in names}, [lo for lo, _, _ in names],
                 list(itertools.accumulate((hi for _, hi, _ in names), max)), {})


def _in_a_name(lo: int, hi: int, unit: _Unit) -> bool:
    """Whether the key span lo–hi lies inside a name ("網路" in "神經網路", "学习" in "深度学习")."""
    k = bisect.bisect_right(unit.starts, lo)
    return k > 0 and unit.furthest[k - 1] >= hi


def _negated(doc: _Doc, at: int) -> bool:
    """`negated` at key offset `at`, asked once per document."""
    hit = doc.negations.get(at)
    if hit is None:
        hit = doc.negations[at] = negated(doc.key, at, doc.patterns)
    return hit


def _grouped(people: list[Participant]) -> bool:
    """Whether the participants of each segment stand together: then, the participants being in
    order, no one after a participant of another segment, too far off, is near."""
    seen: set[tuple[int, int]] = set()
    for p, q in zip(people, people[1:]):
        if p.segment != q.segment:
            seen.add(p.segment)
            if q.segment in seen:
                return False
    return True


def _context(doc: _Doc, unit: tuple[int, int], inside: list[Mention], people: list[Participant]) -> tuple[list, Facts, _Unit]:
    """What the pairs of a unit that get as far as `_typed` share: the asides that speak of a name
    in it, the guards' Facts, the _Unit."""
    text, at = doc.text, doc.at
    # An aside is one only after a name it speaks of ("After that, the team at Google used
    # TensorFlow, which…" opens with an adverb, not a name).
    aside_spans = [s for s in asides(text, unit, doc.patterns)
                   if any(m.type != "YEAR" and m.end <= s[0] and not text[m.end:s[0]].strip() for m in inside)]
    return aside_spans, facts(text, people, unit, doc.patterns, aside_spans), _unit(unit, [(at(m.start), at(m.end), m.type) for m in inside])


def _typed(doc: _Doc, unit: _Unit, known: Facts, i: int, j: int, rules: list[tuple[int, Rule]]):
    """The typed relation (`_match`) of people[i] and people[j], two names (or pronouns, `_may_pair`)
    not one a part of the other (`_named_part`), by `rules` (those whose types fit), or None. The
    checks that cost least and rule out most pairs come first; each only skips what would find nothing."""
    people = known.people
    a, b = people[i], people[j]
    tail = _tail(doc, unit, list_end(known, j))
    if _unsaid(doc, known, i, j, rules, tail):
        return None
    listed = listing(known, i, j)
    limit = doc.gaps[1] if a.pronoun or b.pronoun else doc.gaps[0]
    if listed.gap > min(limit, doc.widest[a.type, b.type]):
        return None  # too far apart for every rule
    # Asides about others: their words say nothing of this pair.
    quiet = tuple((doc.at(lo), doc.at(hi)) for lo, hi in known.spans if not (lo < a.start < hi or lo < b.start < hi))
    stretch = _stretch(a, b, doc, listed, tail, quiet)
    if stretch is None or _silent(a, b, stretch, rules, listed.gap, limit, doc.patterns) or not may_relate(known, i, j):
        return None
    return _match(rules, a, b, doc, unit, limit, listed, stretch)


def _tail(doc: _Doc, unit: _Unit, end: int) -> tuple[int, int]:
    """Where the clause after the second end and its list (which ends at text offset `end`) starts
    in the key, and where `reach` characters later it ends (`_reach_end`)."""
    tail = unit.tails.get(end)
    if tail is None:
        start = doc.at(end)
        tail = unit.tails[end] = (start, _reach_end(doc.key, start, doc.at(min(unit.span[1], end + 3 * doc.reach)), doc.reach, unit.whole))
    return tail


def _unsaid(doc: _Doc, known: Facts, i: int, j: int, rules: list[tuple[int, Rule]], tail: tuple[int, int]) -> bool:
    """`_silent` before the stretch and the list are known, from where they must lie: from the
    first end to the end of the tail (`_tail`) for the triggers and the tail's words (unless a
    bracket stands there: leaving out a gloss may join text from further on); the weak gap at least
    as far as the next participant."""
    key, at, patterns = doc.key, doc.at, doc.patterns
    a, b = known.people[i], known.people[j]
    lo, end = at(a.start), tail[1]
    if key.find("(", lo, end) >= 0:
        return False
    between = (at(a.end), at(b.start))
    weak_gap = at(known.people[i + 1].start) - between[0]  # the list of the second end starts there or later
    one_clause = not patterns["clause_breaks"].search(key, *between)
    strong, weak, longest_weak, after, after_coverb = _words_for(a, b, rules, patterns, weak_gap, one_clause)
    return not (strong.search(key, lo, end) or weak.search(key, between[0], between[1] + longest_weak - 1)
                or after.search(key, tail[0], end) or after_coverb.search(key, tail[0], end))


def _silent(a: Participant, b: Participant, st: _Stretch, rules: list[tuple[int, Rule]], gap: int, limit: int,
            patterns: dict) -> bool:
    """Whether no word of `rules` that could count for the pair stands in its stretch: then
    `_match` finds nothing. That is exact: a rule counts only within its `max_gap` (`gap`: the
    pair's, `limit`: the widest for pairs of its kind), and in one clause when `one_clause`;
    `_hits` looks for triggers in the region, but drops the possessive and weak words the pair's
    weak gap rules out, and weak words not between the two; `_trailing` looks for `after` words in
    the tail, and `after_coverb` words when a coverb introduces the second end."""
    lo, between = st.lo, st.between
    strong, weak, longest_weak, after, after_coverb = _words_for(a, b, rules, patterns, st.weak_gap, st.one_clause, gap, limit)
    return not (strong.search(st.region) or weak.search(st.region, between[0] - lo, between[1] - lo + longest_weak - 1)
                or after.search(st.tail) or (st.verbs_trail and after_coverb.search(st.tail)))


def _words_for(a: Participant, b: Participant, rules: list[tuple[int, Rule]], patterns: dict, weak_gap: int,
               one_clause: bool, gap: int | None = None, limit: int = 0) -> tuple[re.Pattern, re.Pattern, int, re.Pattern, re.Pattern]:
    """The `_countable` words of a pair of a and b's types and kinds, `weak_gap` apart (the
    stretch's), in one clause or not, `gap` apart (the list's, of at most `limit`; None: unknown,
    every rule may count); made once per set of rules."""
    known = (a.type, b.type, a.pronoun, weak_gap, one_clause, gap, limit)
    words = patterns["countable"].get(known)
    if words is None:
        weak_limit = patterns["pronoun_weak_gap"]
        states = tuple(
            None if (gap is not None and gap > min(limit, rule.max_gap)) or (rule.one_clause and not one_clause)
            else weak_gap > (min(rule.weak_gap, weak_limit) if a.pronoun else rule.weak_gap)  # its weak words muted
            for _, rule in rules)
        mute_possessive = a.pronoun or weak_gap > patterns["possessive_gap"]
        same = (a.type, b.type, a.pronoun, mute_possessive, states)  # what the words depend on
        words = patterns["countable"].get(same)
        if words is None:
            words = patterns["countable"][same] = _countable(rules, patterns, a.pronoun, mute_possessive, states)
        patterns["countable"][known] = words
    return words


def _countable(rules: list[tuple[int, Rule]], patterns: dict, pronoun: bool, mute_possessive: bool,
               states: tuple) -> tuple[re.Pattern, re.Pattern, int, re.Pattern, re.Pattern]:
    """Plain patterns of the words of `rules` that may count (`_silent`): the triggers but the weak
    ones, the weak triggers, the length of the longest of those, the `after` and the
    `after_coverb` words. A rule whose state is None counts not at all; of one whose state is
    True, the weak triggers count not (but those a pronoun's weak word may be right before the
    other end); with `mute_possessive`, the possessive words count not."""
    strong, weak, after, after_coverb = set(), set(), set(), set()
    for (order, rule), muted in zip(rules, states):
        if muted is None:
            continue
        triggers, afters, coverb_afters = patterns["rule_words"][order]
        after |= afters
        after_coverb |= coverb_afters
        for word in triggers:
            if word in patterns["possessive"] and mute_possessive:
                continue
            if word in patterns["weak"]:
                if not muted or (pronoun and word in patterns["pronoun_weak_next"]):
                    weak.add(word)
            else:
                strong.add(word)
    return _plain(strong), _plain(weak), max(map(len, weak), default=1), _plain(after), _plain(after_coverb)


def _plain(words: set[str]) -> re.Pattern:
    """A pattern of `words` as they are, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)")


def _match(rule_list: list[tuple[int, Rule]], a: Participant, b: Participant, doc: _Doc, unit: _Unit, gap: int,
           listed: Listing, stretch: _Stretch):
    """(rule, subject, object, between, weak_only) of the best rule for a (before b), or None;
    `rule_list` holds (order, rule) for the rules whose types fit the pair.

    A trigger stands between the two ("我发明了…", "joined Bell Labs"), or after the second one when
    a coverb introduces it: Chinese puts the verb last ("在贝尔实验室工作", "跟 Leon 一起合作"); or
    one of the rule's `after` words follows right after ("麻省理工学院的学者"). A trigger between
    beats one after; a strong one beats a weak one (的, 在, with); then the rule order decides.
    """
    key, at, patterns = doc.key, doc.at, doc.patterns
    # Past a place the first one went on from, only the words after "然后/and later" (or after the
    # clause break) speak of the second.
    words_from = at(listed.words_from)
    if words_from > stretch.between[0]:
        going_on = patterns["goes_on"].search(key, words_from, stretch.between[1])
        breaks = [m.end() for m in patterns["clause_breaks"].finditer(key, words_from, stretch.between[1])]
        words_from = going_on.end() if going_on else max(breaks, default=words_from)
    if "YEAR" in (a.type, b.type) and patterns["year_break"].search(key, *stretch.between):
        return None  # "in 1955 and later founded the lab": the year is not the lab's
    best = None
    spoken_to: dict[int, bool] = {}  # by the end's start
    for order, rule in rule_list:
        if listed.gap > min(gap, rule.max_gap):
            continue
        if rule.one_clause and not stretch.one_clause:
            continue
        if a.type != b.type:
            actor = a if a.type == rule.types[0] else b
            if actor.start not in spoken_to:
                spoken_to[actor.start] = _spoken_to(key, at(actor.start), patterns)
            if spoken_to[actor.start]:
                continue
        hits = [m for m in _hits(rule, a, b, key, stretch, patterns, unit, gap) if stretch.lo + m.start() >= words_from]
        if hits and any(_negated(doc, stretch.lo + m.start()) for m in hits):
            continue  # "never worked at": one negated trigger denies the rest
        trail = _trailing(rule, a, b, key, stretch, patterns, listed) if rule.after or rule.after_coverb else []
        if b.pronoun and a.type != "PERSON":
            # "Facebook hired him": the verb stands between, or a role noun follows ("HAI 我们是共同
            # 主任"); "谷歌收购了辛顿和他的两名学生创立的公司" says nothing of Google and him.
            lo, between = stretch.lo, stretch.between
            hits = [m for m in hits if between[0] <= lo + m.start() and lo + m.end() <= between[1]]
            if patterns["possessive_mark"].match(key, at(b.end)):
                trail = []
        if not hits and not trail:
            continue
        lo, between = stretch.lo, stretch.between
        strong = [m for m in hits if m.group() not in patterns["weak"]]
        weak_only = not trail and not strong
        # Where the strongest words stand: "在 X 读博士" is STUDIED_AT, not the weak "在" of WORKED_AT.
        inside = any(between[0] <= lo + m.start() and lo + m.end() <= between[1] for m in (strong or hits))
        rank = (weak_only, not inside, order)
        if best is None or rank < best[0]:
            best = (rank, rule, inside, weak_only)
    if best is None:
        return None
    _, rule, inside, weak_only = best
    subject, obj = _direction(rule, a, b, doc, stretch, unit.span, inside)
    if subject is a and a.type == b.type and not a.pronoun and adjunct(key, at(a.start), patterns, places=False):
        return None  # "用 JavaScript 实现了卷积神经网络": the instrument does not act
    return rule, subject, obj, inside, weak_only


def _named_part(rule_list: list[tuple[int, Rule]], a: Participant, b: Participant):
    """(rule, part, whole, False, False) when the name of one of two institutions named together
    extends the other's ("Google Brain" and "Google", "Xerox PARC" and "Xerox", "IBM研究所" and
    "IBM"), for a rule with `named_part`; else None."""
    if a.pronoun or b.pronoun:
        return None
    for _, rule in rule_list:
        if rule.named_part and a.type == b.type == rule.types[0] == rule.types[1]:
            for part, whole in ((a, b), (b, a)):
                if _extends(part.key, whole.key):
                    return rule, part, whole, False, False
    return None


def _extends(longer: str, shorter: str) -> bool:
    """Whether the id `longer` is `shorter` followed by more words ("org:google-brain",
    "org:google"; "org:ibm研究所", "org:ibm")."""
    if len(longer) <= len(shorter) or not longer.startswith(shorter):
        return False
    nxt = longer[len(shorter)]
    return nxt == "-" or (not nxt.isascii() and nxt.isalpha())


def _years(years: list[Participant], a: Participant, b: Participant, reach: int, folded: Folded, patterns: dict,
           aside_spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """The years that date a pair: in the sentence of either end or within `reach` of them; not
    one a `year_breaks` word parts from them, nor one in an aside about someone else ("Hinton, who
    won the Turing Award in 2018, left Google in 2023")."""
    return tuple(sorted({
        y.key.split(":", 1)[1] for y in years
        if y.key not in (a.key, b.key)
        and (y.segment in (a.segment, b.segment) or a.start - reach <= y.start <= b.end + reach)
        and not _later(y, a, b, folded, patterns)
        and not any(lo < y.start < hi and not (lo < a.start < hi or lo < b.start < hi) for lo, hi in aside_spans)}))


def _later(year: Participant, a: Participant, b: Participant, folded: Folded, patterns: dict) -> bool:
    """Whether a `year_breaks` word stands between the year and the end it would date ("in 1955
    and later founded the lab" does not date the founding), or a clause break before a year after
    both."""
    if year.end <= a.start:
        lo, hi = year.end, a.start
    elif year.start >= b.end:
        lo, hi = b.end, year.start
    else:
        lo, hi = year.end, b.start
    if lo < hi and patterns["year_break"].search(folded.key, folded.at(lo), folded.at(hi)):
        return True
    # A year after both, past a clause break, dates the next clause: "…获得博士学位，1988年加入贝尔实验室".
    return year.start >= b.end and bool(patterns["clause_breaks"].search(folded.key, folded.at(b.end), folded.at(year.start)))


def _spoken_to(key: str, at: int, patterns: dict) -> bool:
    """Whether the name at key offset `at` is named right after "给/向/to": spoken to, not acting."""
    return bool(patterns["recipient"].search(key, max(0, at - 4), at))


def _may_pair(a: Participant, b: Participant, patterns: dict) -> bool:
    """Whether a pronoun's person may be an end of a typed relation where it stands (checked
    first: it rules out most pairs of a pronoun, and costs nothing)."""
    if a.pronoun and a.end == b.start:  # "我纽约大学的学生": my students
        return False
    # A pronoun comes second only in "我跟他谈了很久", "Facebook hired him".
    return not b.pronoun or not (b.start == b.end or b.start - a.end > (
        patterns["pronoun_weak_gap"] + 1 if a.type == "PERSON" else patterns["object_pronoun_gap"] if a.type == "ORG" else -1))


def _stretch(a: Participant, b: Participant, doc: _Doc, listed: Listing, tail_span: tuple[int, int],
             quiet: tuple = ()) -> _Stretch | None:
    """The stretch of text of a pair, or None when the pair cannot be related at all. `tail_span`:
    see `_tail`; `quiet`: (start, end) key spans (asides about others) whose words say nothing of the pair."""
    key, at, patterns = doc.key, doc.at, doc.patterns
    lo, between = at(a.start), (at(a.end), at(b.start))
    gap_key = key[between[0]:between[1]]
    if b.type == "TECH" and patterns["generic"].search(key, max(between[0], between[1] - 4), between[1]):
        return None  # "发明了很多神经网络": a kind of thing, not the thing
    if _negated(doc, between[1]) or (not a.pronoun and _negated(doc, lo)):
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
    verbs_trail = (bool(patterns["coverbs"].search(coverb_key)) and not patterns["not_coverbs"].search(coverb_key)
                   and len(_unglossed_text(coverb_key[max((m.end() for m in patterns["clause_breaks"].finditer(coverb_key)), default=0):]))
                   <= patterns["coverb_gap"])
    region = key[lo:tail_start + (_unglossed(key, tail_start, len(tail)) if verbs_trail else 0)]
    return _Stretch(
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


def _reach_end(key: str, start: int, stop: int, reach: int, whole: dict[int, int]) -> int:
    """Where `reach` characters after `start` end (before `stop`), glosses left out and a name
    (`whole`: key start → end) counted as one: "去跟 Geoffrey Hinton 读博士" reaches "读博士" as
    "去跟辛顿读博士" does."""
    skip = {m.start(): m.end() for m in GLOSS.finditer(key, start, stop)}
    pos = start
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


def _hits(rule: Rule, a: Participant, b: Participant, key: str, st: _Stretch, patterns: dict,
          unit: _Unit, gap: int) -> list[re.Match]:
    """The rule's triggers in the stretch that may speak of the pair."""
    out = []
    for m in rule.triggers.finditer(st.region):
        at, to = st.lo + m.start(), st.lo + m.end()
        word = m.group()
        if _in_a_name(at, to, unit) or any(s <= at < e for s, e in st.not_triggers):
            continue  # "学习" in "深度学习", "研究生涯"
        if a.pronoun and not pronoun_governs(key, st.between[0], at, patterns):
            continue
        if b.type == rule.types[1] and st.object_at is not None and to <= st.object_at and rule.object_reach < gap and (
                st.object_at - to > rule.object_reach or patterns["clause_breaks"].search(key, to, st.object_at)):
            continue  # the verb stands next to its object, in its clause
        if patterns["time_clause"].match(key, to):
            continue  # "论文提出前": before it was proposed
        if at >= st.tail_start and b.type == rule.types[1] and any(to <= lo <= to + 2 and kind == b.type for lo, _, kind in unit.names):
            continue  # "在 Facebook 内部创建了 FAIR": the verb after the place has an object of its own
        if word in patterns["possessive"] and (a.pronoun or st.weak_gap > patterns["possessive_gap"]):
            continue
        if word in patterns["weak"]:
            limit = min(rule.weak_gap, patterns["pronoun_weak_gap"]) if a.pronoun else rule.weak_gap
            # A pronoun's weak word counts right next to it, or right before the other end
            # ("我在 1988 年十月到贝尔实验室").
            next_to_b = a.pronoun and word in patterns["pronoun_weak_next"] and st.between[1] - to <= 1
            if (st.weak_gap > limit and not next_to_b) or not st.between[0] <= at < st.between[1]:
                continue
        out.append(m)
    return out


def _trailing(rule: Rule, a: Participant, b: Participant, key: str, st: _Stretch, patterns: dict,
              listed: Listing) -> list:
    """The rule's `after` words right after the second end, not someone else's ("辛顿和他的学生"),
    nor, for `after_roles`, the second one's when it is the person ("辛顿的学生"); and `after_coverb`
    words after a coverb."""
    trail = [m for m in rule.after.finditer(st.tail) if m.start() <= patterns["after_reach"]
             and not patterns["someone_elses"].search(st.tail, 0, m.start())] if rule.after else []
    if rule.after_roles and b.type != rule.types[1] and patterns["possessive_mark"].match(st.tail):
        trail = []  # "谷歌收购了辛顿的学生…": his students, not him
    if a.pronoun:
        trail = [m for m in trail if pronoun_governs(key, st.between[0], st.tail_start + m.start(), patterns)]
    if rule.after_listed and not listed.joined:
        trail = []  # "Neal 和 Hinton 那篇论文", not "Winograd 的论文"
    if rule.after_coverb and st.verbs_trail:  # "跟 X 学习"
        trail += list(rule.after_coverb.finditer(st.tail))
    return trail


def _direction(rule: Rule, a: Participant, b: Participant, doc: _Doc, st: _Stretch, unit: tuple[int, int], inside: bool):
    """(subject, object): by the types, or for two ends of one type by the `reverse` words, or by
    an object relative clause ("DeepMind, which Google acquired": the verb after the second one)."""
    if a.type != b.type:
        return (a, b) if a.type == rule.types[0] else (b, a)
    key, patterns = doc.key, doc.patterns
    lo, between = st.lo, st.between
    if not inside and st.verbs_trail and patterns["object_relative"].search(key, between[0], between[1]):
        return b, a
    # "A 旗下的 B", "B 被 A 收购"; right after the second one: "Alphabet（谷歌母公司）".
    reverse = bool(rule.reverse) and any(
        between[0] <= lo + m.start() and lo + m.end() <= between[1] for m in rule.reverse.finditer(st.region))
    reverse = reverse or bool(rule.reverse_after and rule.reverse_after.match(st.tail))
    if rule.reverse_before:  # "用 A 实现了 B": the tool is named first
        before = key[doc.at(max(unit[0], a.start - 4)):lo]
        reverse = reverse or any(before.endswith(m.group()) for m in rule.reverse_before.finditer(before))
    return (b, a) if reverse else (a, b)


# -- relate -----------------------------------------------------------------------------------


def relate(mentions: Iterable[Mention], texts: dict[str, str], rules: Rules) -> list[Relation]:
    """Every relation statement of every document, in document order."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    out: list[Relation] = []
    for doc in sorted(by_doc):
        out.extend(_relate_document(doc, texts.get(doc, ""), sorted(by_doc[doc], key=lambda m: m.start), rules))
    return out


def _units(text: str, rules: Rules, patterns: dict) -> Iterable[tuple[int, int]]:
    """The stretches relations are looked for in: sentences (the lines of one subtitle sentence
    together), cut where the speaker changes (">>")."""
    for start, end in sentence_spans(text, rules.abbreviations, line_breaks=False):
        for cut in patterns["turn"].finditer(text, start, end):
            if cut.start() > start:
                yield start, cut.start()
            start = cut.end()
        if end > start:
            yield start, end


def _antecedents(text: str, mentions: list[Mention], starts: list[int], units: list[tuple[int, int]]) -> list[tuple]:
    """(start, key, type) for each person named: whom "他/she" after it stands for. That is the
    person named, unless another one opens their sentence: its subject goes on ("何恺明…，导师是
    汤晓鸥。毕业后他加入微软亚洲研究院": 他 is 何恺明)."""
    out = []
    for unit in units:
        first, last = bisect.bisect_left(starts, unit[0]), bisect.bisect_left(starts, unit[1])
        if first == last:
            continue
        named = mentions[first:last]
        people = [m for m in named if m.type == "PERSON"]
        # The sentence opens with its first person, a date before it aside ("1985年，楊立昆…").
        opener = people[0] if people and all(m.type == "YEAR" for m in named if m.start < people[0].start) and (
            len(text[unit[0]:people[0].start].strip()) <= 8) else None
        out.extend((m.start, (opener or m).ids, "PERSON") for m in people)
    return out


def _lists_of_people(text: str, mentions: list[Mention], patterns: dict) -> list[tuple]:
    """(start, keys, "PERSON") for each person named: whom "他们/两人/they" after it stand for, the
    people of the list it ends ("拉里·佩奇和谢尔盖·布林…。1998年，他们共同创办了谷歌"), or no one
    (keys empty) when it ends none."""
    out, run = [], []
    for m in (m for m in mentions if m.type == "PERSON"):
        if run and not _joiner(text[run[-1].end:m.start], patterns):
            run = []
        run.append(m)
        keys = tuple(dict.fromkeys(p.ids for p in run))
        out.append((m.start, keys if len(keys) >= 2 else (), "PERSON"))
    return out


def _joiner(gap: str, patterns: dict) -> bool:
    """Whether `gap` holds only what joins the members of a list ("、", "和", "and"); a gap
    too wide for that (most of them: the text between two people named) is not even folded."""
    return not patterns["joiner_overflow"].match(gap) and bool(patterns["joiner"].fullmatch(key_of(gap)))


def _relate_document(doc: str, text: str, mentions: list[Mention], rules: Rules) -> list[Relation]:
    conf = rules.relations
    rule_list, patterns = compiled(rules)
    # (order, rule) of the rules whose types fit a pair of types: no other pair can be typed.
    fitting: dict[tuple[str, str], list[tuple[int, Rule]]] = defaultdict(list)
    for order, rule in enumerate(rule_list):
        for types in dict.fromkeys((rule.types, rule.types[::-1])):
            fitting[types].append((order, rule))
    subject_conf = conf.get("subject") or {}
    reach = int(conf.get("reach", 12))
    gap = int(conf.get("max_gap", 60))
    typed_gap = int(conf.get("typed_gap", 40))
    pronoun_gap = int(conf.get("pronoun_gap", 20))
    confidence = conf.get("confidence") or {}
    subject = document_subject(text, mentions, rules)
    folded = Folded(text)
    widest = {types: max(rule.max_gap for _, rule in pair_rules) for types, pair_rules in fitting.items()}
    fitting_of: dict[str, dict[str, list[tuple[int, Rule]]]] = defaultdict(dict)  # by the first type, then the second
    for (first_type, second_type), pair_rules in fitting.items():
        fitting_of[first_type][second_type] = pair_rules
    doc_view = _Doc(text, folded.key, folded.at, patterns, reach, (typed_gap, pronoun_gap), fitting, widest, {})
    segments = sentence_spans(text, rules.abbreviations)
    seg_starts = [s for s, _ in segments]
    starts = [m.start for m in mentions]
    units = list(_units(text, rules, patterns))
    before = {
        "third_person": _antecedents(text, mentions, starts, units),
        "thing": [(m.start, m.ids, m.type) for m in mentions if m.type in ("TECH", "ORG")],
        "plural": _lists_of_people(text, mentions, patterns),
        "company": [(m.start, m.ids, m.type) for m in mentions if m.type == "ORG"],
    }
    windows = pronoun_windows(subject_conf)
    found: dict[tuple, Relation] = {}
    yielding: list[tuple[tuple, tuple[str, ...]]] = []
    # Statements that imply nothing more: said by a weak word only ("特斯拉的 Model S"), or about
    # a thing the next name says what it was ("卷积神经网络的雏形：LeNet").
    tentative: set[tuple] = set()
    for unit, said in zip(units, pronouns(folded, text, units, patterns)):
        first, last = bisect.bisect_left(starts, unit[0]), bisect.bisect_left(starts, unit[1])
        if last - first + len(said) < 2:
            continue  # one name or one pronoun (whose people are never paired with each other)
        inside = mentions[first:last]
        opening = inside[0] if inside and inside[0].type in ("TECH", "ORG") and not text[unit[0]:inside[0].start].strip() else None
        named = [Participant(m.ids, m.type, m.start, m.end, False, m.sentence) for m in inside]
        people = participants(named, said, subject, before, windows, segments, seg_starts, opening)
        if len(people) < 2:
            continue
        years = [p for p in people if p.type == "YEAR"]
        context = None  # (asides, Facts, _Unit): made when a pair needs them
        grouped = _grouped(people)
        for i, a in enumerate(people):
            fits_a = fitting_of.get(a.type, {})
            for j in range(i + 1, len(people)):
                b = people[j]
                if b.start - a.end > gap and a.segment != b.segment:
                    if grouped:
                        break  # no one further on is near either
                    continue  # not near
                if a.key == b.key or (a.pronoun and b.pronoun and a.start == b.start):
                    continue  # one name, or two people one pronoun stands for ("他们")
                rules_of_pair = fits_a.get(b.type)
                hit = rules_of_pair and a.type == b.type and _named_part(rules_of_pair, a, b)
                if rules_of_pair and not hit and _may_pair(a, b, patterns):
                    context = context or _context(doc_view, unit, inside, people)
                    hit = _typed(doc_view, context[2], context[1], i, j, rules_of_pair)
                # A pronoun's person co-occurs only close by; an unsaid ("zero") one never does.
                co_occur = not (a.pronoun or b.pronoun) or (b.start - a.end <= pronoun_gap and not (a.pronoun and b.pronoun)
                                                           and a.start < a.end and b.start < b.end)
                if not (hit or co_occur):
                    continue
                around = (a.start, b.end)
                # The evidence: the subtitle lines (or the sentence) from the first end to the second.
                span = (max(unit[0], a.segment[0]), min(unit[1], max(b.segment[1], b.end)))
                if years:
                    context = context or _context(doc_view, unit, inside, people)
                when = _years(years, a, b, reach, folded, patterns, context[0]) if years else ()
                if hit:
                    rule, s, o, between, weak_only = hit
                    if weak_only and rule.weak_yields_to:
                        yielding.append(((s.key, rule.relation, o.key, span[0]), rule.weak_yields_to))
                    if weak_only or _named_next(text, people, j, patterns):
                        tentative.add((s.key, rule.relation, o.key, span[0]))
                    score = float(confidence.get("pronoun" if (a.pronoun or b.pronoun) else "named", 0.8))
                    score = round(score if between else score - 0.1, 2)
                    for relation in (rule.relation, *rule.implies):
                        s_key, o_key = (s.key, o.key)
                        if relation in SYMMETRIC:
                            s_key, o_key = sorted((s_key, o_key))
                        _keep(found, Relation(s_key, relation, o_key, doc, *span, around, when, score))
                if co_occur:
                    u, v = (a.key, b.key) if a.key <= b.key else (b.key, a.key)
                    old = found.get((u, "CO_OCCURS", v, span[0]))
                    # (`_keep`, without making a statement that would not be kept)
                    if old is None or (CO_OCCURS_CONFIDENCE, bool(when)) > (old.confidence, bool(old.years)):
                        found[u, "CO_OCCURS", v, span[0]] = Relation(u, "CO_OCCURS", v, doc, *span, around, when)
    # "我在剑桥的时候" says only "在": where the document says they studied there, that is what it means.
    said = {(r.source, r.relation, r.target) for r in found.values()}
    for key, stronger in yielding:
        if any((key[0], other, key[2]) in said for other in stronger):
            found.pop(key, None)
    for relation in _co_makers([r for key, r in found.items() if key not in tentative], mentions, text, conf, patterns):
        _keep(found, relation)
    for relation in _implied([r for key, r in found.items() if key not in tentative], text, conf, patterns):
        _keep(found, relation)
    return list(found.values())


def _named_next(text: str, people: list[Participant], j: int, patterns: dict) -> bool:
    """Whether the next name stands in apposition to people[j] ("卷积神经网络的雏形：LeNet")."""
    b = people[j]
    return j + 1 < len(people) and people[j + 1].type == b.type and bool(
        patterns["apposition"].fullmatch(key_of(text[b.end:people[j + 1].start])))


def _co_makers(statements: list[Relation], mentions: list[Mention], text: str, conf: dict, patterns: dict) -> list[Relation]:
    """The people named after "with" right after what a statement of a `joint_work` relation made,
    and the rest of their list, made it too: "Hassabis founded DeepMind in London with Shane Legg
    and Mustafa Suleyman"."""
    joint = set(conf.get("joint_work") or ())
    people = [m for m in mentions if m.type == "PERSON"]
    out = []
    for r in statements:
        if r.relation not in joint or not r.source.startswith("person:"):
            continue
        made_end = r.around[1]
        last = None
        for m in people:
            if not made_end <= m.start < r.end or m.ids == r.source:
                continue
            between = key_of(text[last.end if last else made_end:m.start])
            if last is None and not patterns["co_maker"].search(between):
                continue
            if last is not None and not patterns["joiner"].fullmatch(between):
                break
            out.append(Relation(m.ids, r.relation, r.target, r.doc, r.start, r.end, r.around, r.years,
                                round(r.confidence - 0.1, 2)))
            last = m
    return out


def _implied(statements: list[Relation], text: str, conf: dict, patterns: dict) -> list[Relation]:
    """What the typed statements of a document (those not `tentative`) say besides: the one year of
    making a thing dates it ("Thompson and Ritchie created UNIX in 1969": UNIX IN_YEAR 1969), and
    two makers of one thing in one statement worked together (Thompson COLLABORATED_WITH Ritchie),
    unless it says they did it apart ("independently")."""
    dated, joint = set(conf.get("dated_by") or ()), set(conf.get("joint_work") or ())
    out: list[Relation] = []
    makers: dict[tuple, list[Relation]] = {}
    for r in statements:
        if r.relation in dated and len(r.years) == 1:
            out.append(Relation(r.target, "IN_YEAR", f"year:{r.years[0]}", r.doc, r.start, r.end, r.around, (),
                                round(r.confidence - 0.1, 2)))
        if r.relation in joint:
            makers.setdefault((r.relation, r.target, r.start, r.end), []).append(r)
    for group in makers.values():
        if len(group) < 2 or patterns["apart"].search(key_of(text[group[0].start:group[0].end])):
            continue
        for i, r in enumerate(group):
            for q in group[i + 1:]:
                if r.source.split(":", 1)[0] == q.source.split(":", 1)[0]:
                    u, v = sorted((r.source, q.source))
                    out.append(Relation(u, "COLLABORATED_WITH", v, r.doc, r.start, r.end, (min(r.around[0], q.around[0]),
                                        max(r.around[1], q.around[1])), r.years, round(min(r.confidence, q.confidence) - 0.1, 2)))
    return out


def _keep(found: dict, relation: Relation) -> None:
    """One statement per relation and sentence: the most confident, then a dated one, then the first."""
    key = (relation.source, relation.relation, relation.target, relation.start)
    old = found.get(key)
    if old is None or (relation.confidence, bool(relation.years)) > (old.confidence, bool(old.years)):
        found[key] = relation
