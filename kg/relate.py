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
what stands in the way of a pair is decided in `kg.relate_guards`, the stretch of text of a pair
cut in `kg.relate_views`, and how the rules relate a pair in `kg.relate_match`; `kg.relate_checks`
tells first, cheaply, the pairs they would not.

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
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from .extract import Mention
from .normalize import key_of
from .relate_checks import silent, unsaid
from .relate_guards import Facts, asides, facts, follows_in_list, list_end, listing, may_relate
from .relate_match import match, may_pair, named_part, setting
from .relate_views import Doc, Unit, stretch_of, tail_of, unit_view
from .relation_rules import Rule, compiled
from .ruleset import Rules
from .segment import sentence_spans
from .speakers import (Folded, Participant, antecedents, document_subject, institutions, lists_of_people, participants, pronoun_windows,
                       pronouns, speakers, unless_subject_named)

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
    rule_list, patterns = compiled(rules)
    fitting, widest = _by_types(rule_list)
    subject_conf = conf.get("subject") or {}
    reach = int(conf.get("reach", 12))
    gap = int(conf.get("max_gap", 60))
    typed_gap = int(conf.get("typed_gap", 40))
    pronoun_gap = int(conf.get("pronoun_gap", 20))
    confidence = conf.get("confidence") or {}
    subject = document_subject(text, mentions, rules)
    turn_of = speakers(text, mentions, patterns)
    folded = Folded(text)
    doc_view = Doc(text, folded.key, folded.at, patterns, reach, (typed_gap, pronoun_gap), widest, {})
    segments = sentence_spans(text, rules.abbreviations)
    seg_starts = [s for s, _ in segments]
    starts = [m.start for m in mentions]
    units = list(_units(text, rules, patterns))
    said_in = [unless_subject_named(said, unit, text, mentions, starts, patterns)
               for unit, said in zip(units, pronouns(folded, text, units, patterns))]
    persons = antecedents(text, mentions, starts, units, [any(kind == "continued" for kind, _, _ in said) for said in said_in])
    before = {
        "third_person": persons,
        "continued": persons,
        "thing": [(m.start, m.ids, m.type) for m in mentions if m.type in ("TECH", "ORG")],
        "plural": lists_of_people(text, mentions, patterns),
        "company": institutions(text, mentions, starts, units, patterns),
    }
    windows = pronoun_windows(subject_conf)
    found: dict[tuple, Relation] = {}
    yielding: list[tuple[tuple, tuple[str, ...]]] = []
    # Statements that imply nothing more: said by a weak word only ("特斯拉的 Model S"), or about
    # a thing the next name says what it was ("卷积神经网络的雏形：LeNet").
    tentative: set[tuple] = set()
    for unit, said in zip(units, said_in):
        first, last = bisect.bisect_left(starts, unit[0]), bisect.bisect_left(starts, unit[1])
        if last - first + len(said) < 2:
            continue  # one name or one pronoun (whose people are never paired with each other)
        inside = mentions[first:last]
        opening = inside[0] if inside and inside[0].type in ("TECH", "ORG") and not text[unit[0]:inside[0].start].strip() else None
        named = [Participant(m.ids, m.type, m.start, m.end, False, m.sentence) for m in inside]
        people = participants(named, said, subject, turn_of, before, windows, segments, seg_starts, opening)
        if len(people) < 2:
            continue
        years = [p for p in people if p.type == "YEAR"]
        context = None  # (asides, Facts, Unit): made when a pair needs them
        grouped = _grouped(people)
        for i, a in enumerate(people):
            fits_a = fitting.get(a.type, {})
            for j in range(i + 1, len(people)):
                b = people[j]
                if b.start - a.end > gap and a.segment != b.segment:
                    if grouped:
                        break  # no one further on is near either
                    continue  # not near
                if a.key == b.key or (a.pronoun and b.pronoun and a.start == b.start):
                    continue  # one name, or two people one pronoun stands for ("他们")
                rules_of_pair = fits_a.get(b.type)
                hit = rules_of_pair and a.type == b.type and named_part(rules_of_pair, a, b)
                if rules_of_pair and not hit and may_pair(a, b, patterns):
                    context = context or _context(doc_view, unit, inside, people)
                    hit = _typed(doc_view, context[2], context[1], i, j, rules_of_pair) or setting(
                        rules_of_pair, a, b, doc_view, context[2])
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
                    rule, s, o, between, weak_only, also, joined = hit
                    if weak_only and rule.weak_yields_to:
                        yielding.append(((s.key, rule.relation, o.key, span[0]), rule.weak_yields_to))
                    if weak_only or _named_next(text, people, j, patterns):
                        tentative.add((s.key, rule.relation, o.key, span[0]))
                    score = float(confidence.get("pronoun" if (a.pronoun or b.pronoun) else "named", 0.8))
                    score = round(score if between else score - 0.1, 2)
                    for relation in dict.fromkeys((rule.relation, *rule.implies, *also, *joined)):
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


def _by_types(rule_list: list[Rule]) -> tuple[dict[str, dict[str, list[tuple[int, Rule]]]], dict[tuple[str, str], int]]:
    """The rules whose types fit a pair of types, as (order, rule), by the first type and then the
    second (no other pair can be typed); and the widest `max_gap` of those rules."""
    fitting: dict[str, dict[str, list[tuple[int, Rule]]]] = defaultdict(dict)
    for order, rule in enumerate(rule_list):
        for first, second in dict.fromkeys((rule.types, rule.types[::-1])):
            fitting[first].setdefault(second, []).append((order, rule))
    widest = {(first, second): max(rule.max_gap for _, rule in pair_rules)
              for first, by_second in fitting.items() for second, pair_rules in by_second.items()}
    return fitting, widest


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


def _context(doc: Doc, unit: tuple[int, int], inside: list[Mention], people: list[Participant]) -> tuple[list, Facts, Unit]:
    """What the pairs of a unit that get as far as `_typed` share: the asides that speak of a name
    in it, the guards' Facts, the Unit."""
    text, at = doc.text, doc.at
    # An aside is one only after a name it speaks of ("After that, the team at Google used
    # TensorFlow, which…" opens with an adverb, not a name).
    aside_spans = [s for s in asides(text, unit, doc.patterns, [(m.start, m.end) for m in inside])
                   if any(m.type != "YEAR" and m.end <= s[0] and not text[m.end:s[0]].strip() for m in inside)]
    names = [(at(m.start), at(m.end), m.type) for m in inside]
    return aside_spans, facts(text, people, unit, doc.patterns, aside_spans), unit_view(unit, names)


def _typed(doc: Doc, unit: Unit, known: Facts, i: int, j: int, rules: list[tuple[int, Rule]]):
    """The typed relation (`match`) of people[i] and people[j], two names (or pronouns, `may_pair`)
    not one a part of the other (`named_part`), by `rules` (those whose types fit), or None. The
    checks that cost least and rule out most pairs come first; each only skips what would find nothing."""
    people = known.people
    a, b = people[i], people[j]
    tail = tail_of(doc, unit, list_end(known, j))
    # A role the next clause takes ("…，并出任首任总裁") lies past the tail the pre-checks read.
    role_next = any(rule.after_clause and rule.after_clause.match(doc.key, tail[0]) for _, rule in rules)
    if not role_next and unsaid(doc, known, i, j, rules, tail):
        return None
    listed = listing(known, i, j)
    limit = doc.gaps[1] if a.pronoun or b.pronoun else doc.gaps[0]
    if listed.gap > min(limit, doc.widest[a.type, b.type]):
        return None  # too far apart for every rule
    # Asides about others: their words say nothing of this pair.
    quiet = tuple((doc.at(lo), doc.at(hi)) for lo, hi in known.spans if not (lo < a.start < hi or lo < b.start < hi))
    if listed.head < b.start:  # from the head of the second one's list or title: its words are not the pair's
        quiet += ((doc.at(listed.head), doc.at(b.start)),)
    stretch = stretch_of(a, b, doc, listed, tail, quiet)
    if stretch is None or (not role_next and silent(a, b, stretch, rules, listed.gap, limit, doc.patterns)) or not may_relate(known, i, j):
        return None
    hit = match(rules, a, b, doc, unit, limit, listed, stretch)
    if hit and hit.also and follows_in_list(known, i):
        return hit._replace(also=())  # the next clause's role is its subject's, the list's first
    return hit


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
        and not _farther(y, a, b, years, folded, patterns)
        and not any(lo < y.start < hi and not (lo < a.start < hi or lo < b.start < hi) for lo, hi in aside_spans)}))


def _farther(year: Participant, a: Participant, b: Participant, years: list[Participant], folded: Folded,
             patterns: dict) -> bool:
    """Whether another year stands between `year` and the pair, a clause break between the two
    years: that one dates the pair ("2003年…毕业就加入了研究院，2015年和何恺明提出了ResNet" is 2015
    only; "from 2017 to 2018" keeps both)."""
    def apart(lo: Participant, hi: Participant) -> bool:
        return bool(patterns["clause_breaks"].search(folded.key, folded.at(lo.end), folded.at(hi.start)))

    if year.end <= a.start:
        return any(year.end <= y.start and y.end <= a.start and y.segment == a.segment and y.key != year.key and apart(year, y)
                   for y in years)
    if year.start >= b.end:
        return any(b.end <= y.start and y.end <= year.start and y.segment == b.segment and y.key != year.key and apart(y, year)
                   for y in years)
    return False


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


def _named_next(text: str, people: list[Participant], j: int, patterns: dict) -> bool:
    """Whether the next name stands in apposition to people[j] ("卷积神经网络的雏形：LeNet")."""
    b = people[j]
    # (Not the same thing named twice: "残差网络 ResNet" is ResNet either way.)
    return j + 1 < len(people) and people[j + 1].type == b.type and people[j + 1].key != b.key and bool(
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
