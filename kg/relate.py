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
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from .extract import Mention, sentence_at
from .normalize import fold_key, is_latin_alnum, key_of
from .ruleset import Rules
from .segment import sentence_spans

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


class Participant(NamedTuple):
    key: str
    type: str
    start: int
    end: int
    pronoun: bool
    segment: tuple[int, int]


class Listing(NamedTuple):
    """How a pair sits in a list: whether only list separators join them ("Rumelhart、Hinton 和
    Williams"), the gap from the nearest member of the first one's list, where the second one's
    list ends."""

    joined: bool
    gap: int
    end: int


class Rule(NamedTuple):
    relation: str
    types: tuple[str, str]
    triggers: re.Pattern
    reverse: re.Pattern | None
    reverse_before: re.Pattern | None
    reverse_after: re.Pattern | None
    max_gap: int
    implies: tuple[str, ...]
    weak_gap: int
    after: re.Pattern | None
    after_coverb: re.Pattern | None
    one_clause: bool
    object_reach: int
    after_listed: bool
    weak_yields_to: tuple[str, ...]


def _alternation_of(words: Iterable) -> str:
    keys = sorted({key_of(str(w)) or str(w) for w in words if str(w).strip()}, key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys) or "(?!)"


def _words_pattern(words: Iterable) -> re.Pattern | None:
    """One pattern for many trigger words on folded text; Latin words match whole words only."""
    keys = sorted({key_of(str(w)) for w in words if str(w).strip()}, key=len, reverse=True)
    if not keys:
        return None
    parts = []
    for k in keys:
        left = r"(?<![a-z0-9])" if is_latin_alnum(k[0]) else ""
        right = r"(?![a-z0-9])" if is_latin_alnum(k[-1]) else ""
        parts.append(f"{left}{re.escape(k)}{right}")
    return re.compile("|".join(parts))


_CACHE: dict[int, tuple[Rules, list[Rule], dict]] = {}


def _compiled(rules: Rules) -> tuple[list[Rule], dict]:
    """The compiled rules and pronoun patterns of `rules` (cached per rule set; Rules holds dicts,
    so it cannot be an lru_cache key)."""
    hit = _CACHE.get(id(rules))
    if hit is None or hit[0] is not rules:
        hit = _CACHE[id(rules)] = (rules, *_compile(rules))
    return hit[1], hit[2]


def _compile(rules: Rules) -> tuple[list[Rule], dict]:
    conf = rules.relations
    gap = int(conf.get("max_gap", 60))
    compiled = [
        Rule(
            r["relation"],
            (r["types"][0], r["types"][1]),
            _words_pattern(r["triggers"]),
            _words_pattern(r.get("reverse") or []),
            _words_pattern(r.get("reverse_before") or []),
            _words_pattern(r.get("reverse_after") or []),
            int(r.get("max_gap", gap)),
            tuple(r.get("implies") or ()),
            int(r.get("weak_gap", gap)),
            _words_pattern(r.get("after") or []),
            _words_pattern(r.get("after_coverb") or []),
            bool(r.get("one_clause", False)),
            int(r.get("object_reach", gap)),
            bool(r.get("after_listed", False)),
            tuple(r.get("weak_yields_to") or ()),
        )
        for r in conf.get("rules", [])
    ]
    subject = conf.get("subject") or {}
    pronouns = {
        kind: _words_pattern(subject.get(kind) or [])
        for kind in ("first_person", "second_person", "third_person", "greetings", "interview_cues")
    }
    pronouns["thing"] = _words_pattern(subject.get("thing_pronouns") or [])
    pronouns["not_pronoun"] = _words_pattern(subject.get("not_pronoun") or [])
    pronouns["zero"] = re.compile(
        rf"(?:{_alternation_of(subject.get('zero_adverbs') or [])})?(?P<coverb>{_alternation_of(subject.get('zero_coverbs') or [])})")
    pronouns["weak"] = frozenset(key_of(str(w)) for w in conf.get("weak_triggers") or [])
    # A coverb ends the stretch before the second end ("在 X", "跟 X"); a negation anywhere between.
    pronouns["coverbs"] = re.compile(rf"(?:{_alternation_of(conf.get('coverbs') or [])})\s*$")
    pronouns["not_coverbs"] = re.compile(rf"(?:{_alternation_of(conf.get('not_coverbs') or [])})\s*$")
    pronouns["generic"] = _words_pattern(conf.get("generic_markers") or []) or re.compile("(?!)")
    pronouns["not_trigger"] = _words_pattern(conf.get("not_triggers") or []) or re.compile("(?!)")
    pronouns["continuation"] = re.compile(rf"\s*(?:{_alternation_of(subject.get('continuations') or [])})")
    pronouns["possessive_mark"] = re.compile(rf"\s*(?:{_alternation_of(conf.get('possessives') or [])})")
    pronouns["pronoun_weak_next"] = frozenset(key_of(str(w)) for w in conf.get("pronoun_weak_next") or [])
    pronouns["possessive"] = frozenset(key_of(str(w)) for w in conf.get("possessives") or [])
    pronouns["possessive_gap"] = int(conf.get("possessive_gap", 4))
    pronouns["pronoun_weak_gap"] = int(conf.get("pronoun_weak_gap", 3))
    pronouns["compound_head"] = re.compile(rf"\s*(?:{_alternation_of(conf.get('compound_heads') or [])})")
    pronouns["coverb_gap"] = int(conf.get("coverb_gap", 10))
    time = _words_pattern(conf.get("time_clauses") or [])
    pronouns["time_clause"] = re.compile(rf"\s*(?:{time.pattern if time else '(?!)'})")
    pronouns["recipient"] = re.compile(rf"(?:{_alternation_of(conf.get('recipient_markers') or [])})\s*$")
    pronouns["org_head"] = re.compile(rf"\s*(?:{_alternation_of(conf.get('org_heads') or [])})")
    pronouns["negations"] = _words_pattern(conf.get("negations") or []) or re.compile("(?!)")
    pronouns["clause_breaks"] = re.compile(_alternation_of(conf.get("clause_breaks") or []))
    pronouns["question"] = re.compile(_alternation_of(subject.get("question_marks") or []))
    pronouns["sentence_end"] = re.compile(_alternation_of([*subject.get("question_marks", []), *subject.get("sentence_ends", [])]))
    pronouns["turn"] = re.compile("|".join(re.escape(t) for t in subject.get("turn_marks") or []) or "(?!)")
    pronouns["negation_reach"] = int(conf.get("negation_reach", 4))
    pronouns["after_reach"] = int(conf.get("after_reach", 6))
    pronouns["question_window"] = int(subject.get("question_window", 40))
    joiners = _alternation_of(conf.get("list_joiners") or [])
    # Brackets around a gloss do not break a list: "雷达（Radar）、激光雷达（Lidar）".
    # A gap opening with a joining word (not a comma, which also ends clauses): "A 和用 B".
    breaks = set(conf.get("clause_breaks") or [])
    pronouns["joiner_first"] = re.compile(
        rf"[\s()]*(?:{_alternation_of(w for w in conf.get('list_joiners') or [] if w not in breaks)})")
    pronouns["joiner"] = re.compile(rf"[\s()]*(?:(?:{joiners})[\s()]*){{0,2}}")
    return compiled, pronouns


# -- the subject of a document -----------------------------------------------------------------


def document_subject(text: str, mentions: list[Mention], rules: Rules) -> str:
    """The key of the person `text` is with or about, or "" when it does not say."""
    conf = rules.relations.get("subject") or {}
    _, patterns = _compiled(rules)
    people = [m for m in mentions if m.type == "PERSON"]
    if not people:
        return ""
    counts = Counter(m.ids for m in people)
    # A greeting at the start: "嗨，Yann", "Hi, Yoshua", "歡迎 Andrej".
    window = int(conf.get("greeting_window", 200))
    greet = patterns["greetings"]
    for m in people:
        if m.start > window:
            break
        before = key_of(text[max(0, m.start - 8):m.start])
        if greet and greet.search(before):
            return m.ids
    # The title (the first line): its person, the most named one when it names several.
    first_line = text.split("\n", 1)[0]
    in_title = [m.ids for m in people if m.end <= len(first_line)]
    if in_title and len(first_line) <= 300:
        return max(sorted(set(in_title)), key=lambda k: counts[k])
    top, n = counts.most_common(1)[0]
    share = int(conf.get("dominant_share", 40)) / 100
    if n >= int(conf.get("dominant_min", 5)) and n >= share * len(people):
        return top
    return ""


# -- participants -----------------------------------------------------------------------------


class _Folded:
    """A document's folded key with the map between text offsets and key offsets."""

    def __init__(self, text: str) -> None:
        self.key, self.offsets = fold_key(text)

    def at(self, offset: int) -> int:
        return bisect.bisect_left(self.offsets, offset)

    def text_offset(self, index: int) -> int:
        return self.offsets[index] if index < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)


def _pronouns(folded: _Folded, text: str, units: list[tuple[int, int]], patterns: dict) -> list[list[tuple[str, int, int]]]:
    """(kind, start, end) of the pronouns of each unit, as text offsets; a "zero" one (empty) where a
    clause starts with a coverb of company and no one: the speaker ("特别是跟 Rumelhart 的合作…").
    Each pattern scans the document once."""
    key = folded.key
    bounds = [(folded.at(s), folded.at(e)) for s, e in units]
    starts = [lo for lo, _ in bounds]
    out: list[list[tuple[str, int, int]]] = [[] for _ in units]

    def unit_of(at: int) -> int:
        i = bisect.bisect_right(starts, at) - 1
        return i if i >= 0 and at < bounds[i][1] else -1

    blocked = set()
    if patterns["not_pronoun"]:
        for m in patterns["not_pronoun"].finditer(key):
            blocked.update(range(m.start(), m.end()))
    for kind in ("first_person", "second_person", "third_person", "thing"):
        pattern = patterns[kind]
        if not pattern:
            continue
        for m in pattern.finditer(key):
            i = unit_of(m.start())
            if i < 0 or m.start() in blocked or m.end() > bounds[i][1]:
                continue
            if kind != "second_person" and _asks(key, m.end(), bounds[i][1], patterns):
                continue
            out[i].append((kind, folded.text_offset(m.start()), folded.text_offset(m.end() - 1) + 1))
    for m in patterns["zero"].finditer(key):
        i = unit_of(m.start())
        if i < 0:
            continue
        at = folded.text_offset(m.start("coverb"))
        before = text[units[i][0]:folded.text_offset(m.start())]
        # At the start of the unit, of a clause, or of a subtitle line (a space after a Han character).
        rest = before.rstrip()
        if not rest or patterns["clause_breaks"].fullmatch(key_of(rest[-1])) or (
                rest != before and not is_latin_alnum(rest[-1])):
            out[i].append(("zero", at, at))
    return [sorted(found, key=lambda p: p[1]) for found in out]


def _asks(key: str, at: int, hi: int, patterns: dict) -> bool:
    """Whether the sentence going on at `at` ends with a question mark soon: a question is the
    interviewer's, and its "I" is not the subject ("我想知道您是如何开始的？"); what it says of
    "him" is asked, not stated."""
    end = patterns["sentence_end"].search(key, at, min(hi, at + patterns["question_window"]))
    return bool(end and patterns["question"].fullmatch(end.group()))


def _participants(unit, mentions, pronouns, subject, before, conf, segments, starts) -> list[Participant]:
    """The entities named in a unit and the ones its pronouns stand for: "我/您" the subject, "他" the
    last person named before (within `pronoun_window`), "它" the last technology or institution
    (within `thing_window`). `before` holds (start, key, type) of the earlier names of each kind."""
    out = [Participant(m.ids, m.type, m.start, m.end, False, m.sentence) for m in mentions]
    windows = {"third_person": int(conf.get("pronoun_window", 300)), "thing": int(conf.get("thing_window", 120))}
    for kind, start, end in pronouns:
        key, kind_type = subject, "PERSON"
        if kind in windows:
            earlier = before[kind]
            i = bisect.bisect_left(earlier, (start,)) - 1
            if i < 0 or start - earlier[i][0] > windows[kind]:
                continue
            _, key, kind_type = earlier[i]
        if key:
            out.append(Participant(key, kind_type, start, end, True, sentence_at(segments, starts, start)))
    return sorted(out, key=lambda p: (p.start, p.end))


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


def _match(rule_list: list[Rule], a: Participant, b: Participant, folded: _Folded, unit, reach: int, gap: int,
           patterns: dict, names: list[tuple[int, int]], listed: Listing | None = None):
    """(rule, subject, object, between, weak_only) of the best rule for a (before b), or None.

    A trigger stands between the two ("我发明了…", "joined Bell Labs"), or after the second one when
    a coverb introduces it: Chinese puts the verb last ("在贝尔实验室工作", "跟 Leon 一起合作"); or
    one of the rule's `after` words follows right after ("麻省理工学院的学者"). A trigger between
    beats one after; a strong one beats a weak one (的, 在, with); then the rule order decides.
    """
    listed = listed or Listing(True, b.start - a.end, b.end)
    stretch = _stretch(a, b, folded, unit, reach, patterns, listed)
    if stretch is None:
        return None
    best = None
    for order, rule in enumerate(rule_list):
        if (a.type, b.type) not in (rule.types, rule.types[::-1]) or listed.gap > min(gap, rule.max_gap):
            continue
        if rule.one_clause and not stretch.one_clause:
            continue
        if a.type != b.type and _spoken_to(folded, a if a.type == rule.types[0] else b, patterns):
            continue
        hits = _hits(rule, a, b, folded.key, stretch, patterns, names, gap)
        if any(_negated(folded.key, stretch.lo + m.start(), patterns) for m in hits):
            continue  # "never worked at": one negated trigger denies the rest
        trail = _trailing(rule, a, folded, stretch, patterns, listed)
        if not hits and not trail:
            continue
        lo, between = stretch.lo, stretch.between
        inside = any(between[0] <= lo + m.start() and lo + m.end() <= between[1] for m in hits)
        weak_only = not trail and all(m.group() in patterns["weak"] for m in hits)
        rank = (weak_only, not inside, order)  # "在 X 读硕士" is STUDIED_AT, not the weak "在"
        if best is None or rank < best[0]:
            best = (rank, rule, inside, weak_only)
    if best is None:
        return None
    _, rule, inside, weak_only = best
    subject, obj = _direction(rule, a, b, folded.key, stretch, unit, folded)
    return rule, subject, obj, inside, weak_only


def _spoken_to(folded: _Folded, p: Participant, patterns: dict) -> bool:
    """Whether `p` is named right after "给/向/to": spoken to, not acting."""
    at = folded.at(p.start)
    return bool(patterns["recipient"].search(folded.key, max(0, at - 4), at))


def _stretch(a: Participant, b: Participant, folded: _Folded, unit, reach: int, patterns: dict,
             listed: Listing) -> _Stretch | None:
    """The stretch of text of a pair, or None when the pair cannot be related at all."""
    if a.pronoun and a.end == b.start:  # "我纽约大学的学生": my students
        return None
    if b.pronoun and (a.type != "PERSON" or b.start == b.end or b.start - a.end > patterns["pronoun_weak_gap"] + 1):
        return None  # a pronoun comes second only in "我跟他谈了很久"
    key = folded.key
    lo, between = folded.at(a.start), (folded.at(a.end), folded.at(b.start))
    gap_key = key[between[0]:between[1]]
    if b.type == "TECH" and patterns["generic"].search(key, max(between[0], between[1] - 4), between[1]):
        return None  # "发明了很多神经网络": a kind of thing, not the thing
    if _negated(key, between[1], patterns) or (not a.pronoun and _negated(key, lo, patterns)):
        return None  # "但没有互联网", "抛弃 Lua 并用 Python"
    if any(p.type == "TECH" and patterns["compound_head"].match(key, folded.at(p.end)) for p in (a, b)):
        return None  # "神经网络模拟器": the name only qualifies the thing related
    if a.type == b.type == "ORG" and any(patterns["org_head"].match(key, folded.at(p.end)) for p in (a, b)):
        return None  # "谷歌团队是大脑团队的一部分": a team, not the company
    if a.type != b.type and gap_key.strip() and patterns["joiner"].fullmatch(gap_key):
        return None  # "Hinton 和 Google 的人": joined, not related
    if a.type == b.type != "PERSON" and patterns["joiner_first"].match(gap_key):
        return None  # "使用 ReLU 和用单位矩阵初始化": two things coordinated
    tail_start = folded.at(listed.end)
    # The rest of the clause after the second end, glosses left out ("跟朗格希金斯(Langer Higgins)学习"),
    # up to a negation.
    tail = _GLOSS.sub("", key[tail_start:folded.at(min(unit[1], listed.end + 3 * reach))])[:reach]
    for stop in (patterns["clause_breaks"], patterns["negations"]):
        cut = stop.search(tail)
        tail = tail[:cut.start()] if cut else tail
    # The coverb stands close to the first end, or opens a clause that goes on from it.
    clause = gap_key[max((m.end() for m in patterns["clause_breaks"].finditer(gap_key)), default=0):]
    verbs_trail = (bool(patterns["coverbs"].search(gap_key)) and not patterns["not_coverbs"].search(gap_key)
                   and len(_GLOSS.sub("", clause)) <= patterns["coverb_gap"])
    region = key[lo:tail_start + (len(tail) if verbs_trail else 0)]
    return _Stretch(
        lo, between, tail_start, tail, region, verbs_trail,
        not patterns["clause_breaks"].search(gap_key),
        len(_GLOSS.sub("", gap_key)),  # "福岛（Fukushima）的 Neocognitron"
        tuple(m.span() for m in patterns["not_trigger"].finditer(key, lo, lo + len(region))),
    )


def _hits(rule: Rule, a: Participant, b: Participant, key: str, st: _Stretch, patterns: dict,
          names: list[tuple[int, int]], gap: int) -> list[re.Match]:
    """The rule's triggers in the stretch that may speak of the pair."""
    out = []
    for m in rule.triggers.finditer(st.region):
        at, to = st.lo + m.start(), st.lo + m.end()
        word = m.group()
        if _inside(at, to, names) or any(s <= at < e for s, e in st.not_triggers):
            continue  # "学习" in "深度学习", "研究生涯"
        if a.pronoun and not _pronoun_governs(key, st.between[0], at, patterns):
            continue
        if b.type == rule.types[1] and to <= st.between[1] and rule.object_reach < gap and (
                st.between[1] - to > rule.object_reach or patterns["clause_breaks"].search(key, to, st.between[1])):
            continue  # the verb stands next to its object, in its clause
        if patterns["time_clause"].match(key, to):
            continue  # "论文提出前": before it was proposed
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


def _trailing(rule: Rule, a: Participant, folded: _Folded, st: _Stretch, patterns: dict, listed: Listing) -> list:
    """The rule's `after` words right after the second end (and `after_coverb` words after a coverb)."""
    trail = [m for m in rule.after.finditer(st.tail) if m.start() <= patterns["after_reach"]] if rule.after else []
    if a.pronoun:
        trail = [m for m in trail if _pronoun_governs(folded.key, st.between[0], st.tail_start + m.start(), patterns)]
    if rule.after_listed and not listed.joined:
        trail = []  # "Neal 和 Hinton 那篇论文", not "Winograd 的论文"
    if rule.after_coverb and st.verbs_trail:  # "跟 X 学习"
        trail += list(rule.after_coverb.finditer(st.tail))
    return trail


def _direction(rule: Rule, a: Participant, b: Participant, key: str, st: _Stretch, unit, folded: _Folded):
    """(subject, object): by the types, or for two ends of one type by the `reverse` words."""
    if a.type != b.type:
        return (a, b) if a.type == rule.types[0] else (b, a)
    lo, between = st.lo, st.between
    # "A 旗下的 B", "B 被 A 收购"; right after the second one: "Alphabet（谷歌母公司）".
    reverse = bool(rule.reverse) and any(
        between[0] <= lo + m.start() and lo + m.end() <= between[1] for m in rule.reverse.finditer(st.region))
    reverse = reverse or bool(rule.reverse_after and rule.reverse_after.match(st.tail))
    if rule.reverse_before:  # "用 A 实现了 B": the tool is named first
        before = key[folded.at(max(unit[0], a.start - 4)):lo]
        reverse = reverse or any(before.endswith(m.group()) for m in rule.reverse_before.finditer(before))
    return (b, a) if reverse else (a, b)


_GLOSS = re.compile(r"[(（][^()（）]*[)）]")


def _in_brackets(text: str, p: Participant) -> bool:
    """Whether `p` stands inside brackets (an aside does not separate what stands around it)."""
    opened = max(text.rfind("(", 0, p.start), text.rfind("（", 0, p.start))
    return opened >= 0 and max(text.rfind(")", opened, p.start), text.rfind("）", opened, p.start)) < 0 \
        and p.start - opened < 60


def _gloss_of(text: str, people: list[Participant], i: int, unit: tuple[int, int]) -> tuple[int, int]:
    """(owner, bracket) for people[i] inside brackets: where they open, and the participant right
    before them whose gloss they are ("Alphabet（字母控股，谷歌母公司）": 谷歌 is in Alphabet's gloss),
    or -1; (-1, -1) outside brackets."""
    p = people[i]
    opened = max(text.rfind("(", unit[0], p.start), text.rfind("（", unit[0], p.start))
    if opened < 0 or max(text.rfind(")", opened, p.start), text.rfind("）", opened, p.start)) >= 0:
        return -1, -1
    owners = [k for k in range(i) if people[k].end <= opened and not text[people[k].end:opened].strip()]
    if not owners and not text[opened + 1:p.start].strip() and text[p.end:p.end + 1] in (")", "）"):
        return -1, -1  # "成功使用（反向传播）": brackets around a name alone are no aside
    return (owners[-1] if owners else -1), opened


def _glossed_apart(text: str, people: list[Participant], i: int, j: int, unit: tuple[int, int]) -> bool:
    """Whether one of the two stands in brackets the other neither shares nor owns: what a gloss
    says is about its owner, and an aside is not about the rest of the sentence."""
    gi, gj = _gloss_of(text, people, i, unit), _gloss_of(text, people, j, unit)
    return gi != gj and gj[0] != i and gi[0] != j


def _pronoun_governs(key: str, end: int, trigger: int, patterns: dict) -> bool:
    """Whether a pronoun ending at `end` is the one acting at `trigger`: in the same clause, or in
    one that goes on with it ("他放弃了神经网络，并且对 Winograd 的论文印象深刻"); and not a
    possessive ("我的朋友在谷歌发布了…") unless the trigger is what it owns ("我的学生")."""
    for cut in patterns["clause_breaks"].finditer(key, end, trigger):
        if not patterns["continuation"].match(key, cut.end()):
            return False
    owner = patterns["possessive_mark"].match(key, end)
    return not owner or trigger <= owner.end()


def _negated(key: str, at: int, patterns: dict) -> bool:
    """Whether a negation ends at most `negation_reach` characters before `at` ("但没有互联网",
    "never joined")."""
    reach = patterns["negation_reach"]
    return any(m.end() >= at - reach for m in patterns["negations"].finditer(key, max(0, at - reach - 12), at))


def _may_relate(text: str, people: list[Participant], i: int, j: int, unit, patterns: dict) -> bool:
    """Whether nothing between people[i] and people[j] (a closer partner, another of their kind,
    a bracket) stands in the way of a typed relation."""
    return (_coordinated(text, people, i, j, patterns) and not _rivalled(text, people, i, j, patterns)
            and not _glossed_apart(text, people, i, j, unit))


def _listing(text: str, people: list[Participant], i: int, j: int, joiner: re.Pattern) -> Listing:
    """The Listing of people[i] and people[j]: "Rumelhart、Hinton 和 Williams 反向传播的论文" relates
    every author to the paper as closely as the last one."""
    def joins(p: Participant, q: Participant) -> bool:
        return p.type == q.type and bool(joiner.fullmatch(key_of(text[p.end:q.start])))

    b = people[j]
    last = i  # the last member of the first one's list, when that list runs up to the second one
    while last + 1 < j and joins(people[last], people[last + 1]):
        last += 1
    first = people[last] if last == j - 1 else people[i]
    end = j
    while end + 1 < len(people) and joins(people[end], people[end + 1]):
        end += 1
    joined = all(joiner.fullmatch(key_of(text[p.end:q.start])) for p, q in zip(people[i:j], people[i + 1:j + 1]))
    return Listing(joined, b.start - first.end, people[end].end)


def _recipient(text: str, p: Participant, patterns: dict) -> bool:
    """Whether `p` is named right after "为/给/向": a recipient ("Mobileye 为特斯拉提供了基于卷积网络的…")."""
    return bool(patterns["recipient"].search(key_of(text[max(0, p.start - 4):p.start])))


def _coordinated(text: str, people: list[Participant], i: int, j: int, patterns: dict) -> bool:
    """Whether nothing of either end's type stands between people[i] and people[j], except the
    other members of a list they are part of ("Rumelhart, Hinton, Williams 的论文")."""
    a, b = people[i], people[j]
    types = {a.type, b.type}
    for k in range(i + 1, j):
        p = people[k]
        if p.type in types and p.key not in (a.key, b.key) and not _in_brackets(text, p) and not _recipient(text, p, patterns):
            # p is allowed when a list joins it to a (or to b) with nothing but separators.
            left = text[people[k - 1].end:p.start] if people[k - 1].type == p.type else "x"
            right = text[p.end:people[k + 1].start] if people[k + 1].type == p.type else "x"
            if not (patterns["joiner"].fullmatch(key_of(left)) or patterns["joiner"].fullmatch(key_of(right))):
                return False
    return True


def _rivalled(text: str, people: list[Participant], i: int, j: int, patterns: dict) -> bool:
    """Whether another person in the same clause is a closer partner for the institution of an
    institution–person pair. Two technologies that are members of one list are not related to each other
    ("雷达、激光雷达、相机")."""
    a, b = people[i], people[j]
    if a.type == b.type == "TECH" and (_listed(text, people, i, patterns) or _listed(text, people, j, patterns)):
        return True
    if (a.type, b.type) != ("ORG", "PERSON"):
        return False
    # An institution named after its person ("Chomsky 麻省理工的学者 跟 Piaget") is theirs, not the
    # next person's; one named before a person ("在多伦多大学 Hinton 在那里") may be both's.
    for c in people[:i]:
        if c.type == "PERSON" and c.key != b.key and a.start - c.end < b.start - a.end:
            if not patterns["clause_breaks"].search(key_of(text[c.end:a.start])):
                return True
    return False


def _listed(text: str, people: list[Participant], i: int, patterns: dict) -> bool:
    """Whether people[i] is joined to a neighbour of its own type by a list separator."""
    p = people[i]
    for k in (i - 1, i + 1):
        if 0 <= k < len(people) and people[k].type == p.type and not people[k].pronoun:
            stretch = text[people[k].end:p.start] if k < i else text[p.end:people[k].start]
            if stretch.strip() and patterns["joiner"].fullmatch(key_of(stretch)):
                return True
    return False


def _inside(lo: int, hi: int, names: list[tuple[int, int]]) -> bool:
    """Whether a trigger hit lies inside a name ("網路" in "神經網路", "学习" in "深度学习")."""
    return any(start <= lo and hi <= end for start, end in names)


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


def _relate_document(doc: str, text: str, mentions: list[Mention], rules: Rules) -> list[Relation]:
    conf = rules.relations
    rule_list, patterns = _compiled(rules)
    subject_conf = conf.get("subject") or {}
    reach = int(conf.get("reach", 12))
    gap = int(conf.get("max_gap", 60))
    typed_gap = int(conf.get("typed_gap", 40))
    pronoun_gap = int(conf.get("pronoun_gap", 20))
    confidence = conf.get("confidence") or {}
    subject = document_subject(text, mentions, rules)
    folded = _Folded(text)
    segments = sentence_spans(text, rules.abbreviations)
    seg_starts = [s for s, _ in segments]
    before = {
        "third_person": [(m.start, m.ids, m.type) for m in mentions if m.type == "PERSON"],
        "thing": [(m.start, m.ids, m.type) for m in mentions if m.type in ("TECH", "ORG")],
    }
    starts = [m.start for m in mentions]
    found: dict[tuple, Relation] = {}
    yielding: list[tuple[tuple, tuple[str, ...]]] = []
    units = list(_units(text, rules, patterns))
    for unit, pronouns in zip(units, _pronouns(folded, text, units, patterns)):
        inside = mentions[bisect.bisect_left(starts, unit[0]):bisect.bisect_left(starts, unit[1])]
        people = _participants(unit, inside, pronouns, subject, before, subject_conf, segments, seg_starts)
        years = [p for p in people if p.type == "YEAR"]
        names = [(folded.at(m.start), folded.at(m.end)) for m in inside]
        for i, a in enumerate(people):
            for j in range(i + 1, len(people)):
                b = people[j]
                if a.key == b.key:
                    continue
                near = b.start - a.end <= gap or a.segment == b.segment
                if not near:
                    continue
                around = (a.start, b.end)
                # The evidence: the subtitle lines (or the sentence) from the first end to the second.
                span = (max(unit[0], a.segment[0]), min(unit[1], max(b.segment[1], b.end)))
                when = tuple(sorted({y.key.split(":", 1)[1] for y in years
                                     if y.key not in (a.key, b.key) and (y.segment in (a.segment, b.segment)
                                                                         or a.start - reach <= y.start <= b.end + reach)}))
                limit = pronoun_gap if a.pronoun or b.pronoun else typed_gap
                hit = _may_relate(text, people, i, j, unit, patterns) and _match(
                    rule_list, a, b, folded, unit, reach, limit, patterns, names,
                    _listing(text, people, i, j, patterns["joiner"]))
                if hit:
                    rule, s, o, between, weak_only = hit
                    if weak_only and rule.weak_yields_to:
                        yielding.append(((s.key, rule.relation, o.key, span[0]), rule.weak_yields_to))
                    score = float(confidence.get("pronoun" if (a.pronoun or b.pronoun) else "named", 0.8))
                    score = round(score if between else score - 0.1, 2)
                    for relation in (rule.relation, *rule.implies):
                        s_key, o_key = (s.key, o.key)
                        if relation in SYMMETRIC:
                            s_key, o_key = sorted((s_key, o_key))
                        _keep(found, Relation(s_key, relation, o_key, doc, *span, around, when, score))
                # A pronoun's person co-occurs only close by; an unsaid ("zero") one never does.
                if not (a.pronoun or b.pronoun) or (b.start - a.end <= pronoun_gap and not (a.pronoun and b.pronoun)
                                                    and a.start < a.end and b.start < b.end):
                    u, v = sorted((a.key, b.key))
                    _keep(found, Relation(u, "CO_OCCURS", v, doc, *span, around, when))
    # "我在剑桥的时候" says only "在": where the document says they studied there, that is what it means.
    said = {(r.source, r.relation, r.target) for r in found.values()}
    for key, stronger in yielding:
        if any((key[0], other, key[2]) in said for other in stronger):
            found.pop(key, None)
    return list(found.values())


def _keep(found: dict, relation: Relation) -> None:
    """One statement per relation and sentence: the most confident, then the first."""
    key = (relation.source, relation.relation, relation.target, relation.start)
    old = found.get(key)
    if old is None or relation.confidence > old.confidence:
        found[key] = relation
