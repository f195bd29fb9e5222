"""Who a document is with or about, and who its pronouns stand for: the participants of a unit of
text are the entities named there plus the person (or thing) each pronoun stands for."""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from operator import itemgetter
from typing import Callable, NamedTuple

from .extract import Mention, sentence_at
from .normalize import fold_key, is_latin_alnum, key_of
from .relation_rules import compiled
from .ruleset import Rules

__all__ = ["Folded", "Participant", "antecedents", "document_subject", "institutions", "lists_of_people", "participants", "pronoun_windows",
           "pronouns", "speakers", "unless_subject_named"]


class Participant(NamedTuple):
    """An entity named in a unit, or the one a pronoun there stands for (`pronoun` True)."""

    key: str
    type: str
    start: int
    end: int
    pronoun: bool
    segment: tuple[int, int]


def document_subject(text: str, mentions: list[Mention], rules: Rules) -> str:
    """The key of the person `text` is with or about, or "" when it does not say."""
    conf = rules.relations.get("subject") or {}
    _, patterns = compiled(rules)
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


def speakers(text: str, mentions: list[Mention], patterns: dict) -> Callable[[int], str]:
    """Whose labelled turn a text offset is in ("" when no one's): a turn is a line that opens with a
    person and a colon ("张小龙：", "Sophie Wilson:"), perhaps a word of speaking between ("邓中翰回忆：“…",
    "Ward Cunningham, in a 2004 talk:", "From Vinod Dham's memoir:"); it runs to the next labelled
    line, whoever's ("主持人：", "Q:")."""
    turns: list[tuple[int, str]] = []  # (where a turn starts, its speaker or "")
    people = [m for m in mentions if m.type == "PERSON"]
    starts = [m.start for m in people]
    for label in patterns["turn_label"].finditer(text):
        i = bisect.bisect_left(starts, label.start("label"))
        m = people[i] if i < len(people) else None
        said = m is not None and m.start == label.start("label") and m.end <= label.end("label")
        rest = text[m.end:label.end("label")] if said else ""
        if said and rest.strip() and not patterns["speech_word"].search(key_of(rest)):
            said = False  # "Hinton joined Google in 2013: …" is no label
        turns.append((label.end(), m.ids if said else ""))
    if not any(key for _, key in turns):
        return lambda at: ""
    at_starts = [at for at, _ in turns]

    def speaker(at: int) -> str:
        i = bisect.bisect_right(at_starts, at) - 1
        return turns[i][1] if i >= 0 else ""

    return speaker


class Folded:
    """A document's folded key with the map between text offsets and key offsets: `at(offset)`
    is where the key of the text from `offset` (0 to the text's length) starts."""

    def __init__(self, text: str) -> None:
        self.key, self.offsets = fold_key(text)
        # A bisection without a Python call on the way: asked some thousand times.
        self.at = functools.partial(bisect.bisect_left, self.offsets)

    def text_offset(self, index: int) -> int:
        return self.offsets[index] if index < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)


def pronouns(folded: Folded, text: str, units: list[tuple[int, int]], patterns: dict) -> list[list[tuple[str, int, int]]]:
    """(kind, start, end) of the pronouns of each unit, as text offsets; a "zero" one (empty) where a
    clause starts with a coverb of company and no one: the speaker ("特别是跟 Rumelhart 的合作…");
    a "continued" one (empty) where the unit opens with a verb and no one: the person before
    ("…任职于惠普 / 1997年加入台积电"); a "topic" one (empty) where a later clause starts with a
    `topic_verbs` word: the technology the unit opens with ("BERT 基于…，训练使用了 Cloud TPU"). Each
    pattern scans the document once."""
    key, offsets, at = folded.key, folded.offsets, folded.at
    starts, ends = [at(s) for s, _ in units], [at(e) for _, e in units]
    out: list[list[tuple[str, int, int]]] = [[] for _ in units]

    def unit_of(at: int) -> int:
        i = bisect.bisect_right(starts, at) - 1
        return i if i >= 0 and at < ends[i] else -1

    blocked = set()
    if patterns["not_pronoun"]:
        for m in patterns["not_pronoun"].finditer(key):
            blocked.update(range(m.start(), m.end()))
    for kind in ("first_person", "second_person", "third_person", "thing", "plural", "company"):
        pattern = patterns[kind]
        if not pattern:
            continue
        for m in pattern.finditer(key):
            start, end = m.span()
            i = bisect.bisect_right(starts, start) - 1
            # (`not_pronoun` holds "他们" so that "他" is not found in it; "他们" itself is plural)
            if i < 0 or start >= ends[i] or (start in blocked and kind != "plural") or end > ends[i]:
                continue
            if kind != "second_person" and _asks(key, end, ends[i], patterns):
                continue
            out[i].append((kind, offsets[start], offsets[end - 1] + 1))
    for m in patterns["zero"].finditer(key):
        i = unit_of(m.start())
        if i < 0:
            continue
        at = folded.text_offset(m.start("coverb"))
        # At the start of the unit, of a clause, or of a subtitle line (a space after a Han
        # character); with its date, or after it ("大概1993年，和 Van Camp 一起").
        if any(_clause_start(text, units[i][0], folded.text_offset(k), patterns) for k in {m.start(), m.start("rest")}):
            out[i].append(("zero", at, at))
    if patterns["topic_zero"]:
        for m in patterns["topic_zero"].finditer(key):
            i = unit_of(m.start())
            at = folded.text_offset(m.start())
            # A clause of the unit, not its first: the technology it opens with goes on.
            if i >= 0 and at > units[i][0] and _clause_start(text, units[i][0], at, patterns):
                out[i].append(("topic", at, at))
    if patterns["continued"]:
        for i, (start, end) in enumerate(zip(starts, ends)):
            m = patterns["continued"].match(key, start, end)
            if m:
                at = folded.text_offset(m.start("verb"))
                out[i].append(("continued", at, at))
    for found in out:
        found.sort(key=itemgetter(1))
    return out


def _clause_start(text: str, unit_start: int, at: int, patterns: dict) -> bool:
    """Whether a clause starts at `at`: the unit's start, after a clause break, or after spaces
    that follow no Latin word (a subtitle line's start)."""
    start = at
    while start > unit_start and text[start - 1].isspace():
        start -= 1
    return start == unit_start or bool(patterns["clause_breaks"].fullmatch(key_of(text[start - 1]))) or (
        start != at and not is_latin_alnum(text[start - 1]))


def _asks(key: str, at: int, hi: int, patterns: dict) -> bool:
    """Whether the sentence going on at `at` ends with a question mark soon: a question is the
    interviewer's, and its "I" is not the subject ("我想知道您是如何开始的？"); what it says of
    "him" is asked, not stated."""
    end = patterns["sentence_end"].search(key, at, min(hi, at + patterns["question_window"]))
    return bool(end and patterns["question"].fullmatch(end.group()))


def participants(named, pronouns, subject, turn_of, before, windows, segments, starts, topic=None) -> list[Participant]:
    """The entities named in a unit and the ones its pronouns stand for: "我" the speaker of the turn
    (`turn_of`, see `speakers`) or else the subject, "您" the subject (not in the subject's own turn), "他" the
    last person named before (within `pronoun_window`), "它" the technology or institution the
    sentence opens with (`topic`: "BERT 是谷歌的语言模型，它基于…") or else the last one named
    (within `thing_window`), "他们/两人/they" each person of the last list of people named (within
    `plural_window`), "该公司/the company" the last institution named, or the one that opens its sentence
    (`institutions`; within `company_window`), a "topic" one the technology the unit opens with. `before` holds (start, key, type) of the earlier names of each kind; for
    "plural", key is the tuple of the list's keys. `named`: the Participants of the names in the
    unit, `windows` as `pronoun_windows`."""
    out = list(named)
    for kind, start, end in pronouns:
        key, kind_type = subject, "PERSON"
        if kind in ("first_person", "zero"):
            key = turn_of(start) or subject
        elif kind == "second_person" and turn_of(start) == subject:
            continue  # the subject speaking: "you" is the one asking
        if kind in windows:
            earlier = before[kind]
            i = bisect.bisect_left(earlier, (start,)) - 1
            if i < 0 or start - earlier[i][0] > windows[kind]:
                continue
            _, key, kind_type = earlier[i]
            if kind == "thing" and topic is not None and topic.start < start:
                key, kind_type = topic.ids, topic.type
        elif kind == "topic":
            if topic is None or topic.type != "TECH" or topic.start >= start:
                continue
            key, kind_type = topic.ids, topic.type
        for one in (key if isinstance(key, tuple) else (key,) if key else ()):
            out.append(Participant(one, kind_type, start, end, True, sentence_at(segments, starts, start)))
    out.sort(key=itemgetter(2, 3))  # by start and end
    return out


def pronoun_windows(conf: dict) -> dict[str, int]:
    """How far back (characters) each kind of pronoun looks for whom it stands for (`participants`)."""
    return {"third_person": int(conf.get("pronoun_window", 300)), "continued": int(conf.get("pronoun_window", 300)),
            "thing": int(conf.get("thing_window", 120)),
            "plural": int(conf.get("plural_window", 120)), "company": int(conf.get("company_window", 400))}


def unless_subject_named(said: list[tuple[str, int, int]], unit: tuple[int, int], text: str, mentions: list[Mention],
                          starts: list[int], patterns: dict) -> list[tuple[str, int, int]]:
    """`said` without its "continued" subject when the unit names its own: a person a 的 (的是)
    leads to ("2017年，曾在台积电任职的梁孟松出任…", "加入谷歌的是吴恩达"), or one that opens a
    later clause, a date aside ("加入百度之前，吴恩达在谷歌工作")."""
    if not any(kind == "continued" for kind, _, _ in said):
        return said
    first, last = bisect.bisect_left(starts, unit[0]), bisect.bisect_left(starts, unit[1])
    for m in mentions[first:last]:
        if m.type == "PERSON" and m.start > unit[0] and patterns["named_subject"].search(text, max(unit[0], m.start - 12), m.start):
            return [p for p in said if p[0] != "continued"]
    return said


def antecedents(text: str, mentions: list[Mention], starts: list[int], units: list[tuple[int, int]],
                 continued: list[bool]) -> list[tuple]:
    """(start, key, type) for each person named: whom "他/she" after it stands for. That is the
    person named, unless another one opens their sentence: its subject goes on ("何恺明…，导师是
    汤晓鸥。毕业后他加入微软亚洲研究院": 他 is 何恺明); or unless the sentence goes on with the
    person before (`continued`): "…读书时 / 师从李泽湘教授 / 2006年他…" (他 is not 李泽湘)."""
    out = []
    topic = None
    for unit, goes_on in zip(units, continued):
        first, last = bisect.bisect_left(starts, unit[0]), bisect.bisect_left(starts, unit[1])
        people = [m for m in mentions[first:last] if m.type == "PERSON"]
        if not people:
            continue
        if goes_on and topic:
            out.extend((m.start, topic, "PERSON") for m in people)
            continue
        opener = _opener(text, unit, mentions[first:last], people[0])
        out.extend((m.start, (opener or m).ids, "PERSON") for m in people)
        topic = out[-1][1]
    return out


def institutions(text: str, mentions: list[Mention], starts: list[int], units: list[tuple[int, int]], patterns: dict) -> list[tuple]:
    """(start, key, type) for each institution named: what "该公司/the company" after it stands for.
    That is the institution named; but one named after a `company_oblique` word, where its sentence
    opens with another, stands for that one, the sentence's subject: "Intel was founded by Noyce,
    a veteran of Fairchild. Three years later the company…", "联发科自联华电子分拆成立。该公司…"."""
    out = []
    for unit in units:
        first, last = bisect.bisect_left(starts, unit[0]), bisect.bisect_left(starts, unit[1])
        named = mentions[first:last]
        orgs = [m for m in named if m.type == "ORG"]
        opener = _opener(text, unit, named, orgs[0]) if orgs else None
        out.extend((m.start, opener.ids if opener and patterns["oblique"].search(key_of(text[max(unit[0], m.start - 12):m.start]))
                    else m.ids, "ORG") for m in orgs)
    return out


def _opener(text: str, unit: tuple[int, int], named: list[Mention], first: Mention) -> Mention | None:
    """`first` when it opens the unit, a date before it aside ("1985年，楊立昆…", "In 1968 Intel…")."""
    if all(m.type == "YEAR" for m in named if m.start < first.start) and len(text[unit[0]:first.start].strip()) <= 8:
        return first
    return None


def lists_of_people(text: str, mentions: list[Mention], patterns: dict) -> list[tuple]:
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
