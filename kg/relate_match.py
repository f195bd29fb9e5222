"""How the rules of `rules/relations.yaml` relate two participants of a unit (kg.relate): the
triggers in the stretch of text of the pair (kg.relate_views) or after it, the best rule and the
direction (`match`), the relations said alongside, or a part and its whole by their names
(`named_part`), or an institution that sets the scene (`setting`)."""

from __future__ import annotations

import re
from typing import NamedTuple

from .relate_guards import Listing, adjunct, pronoun_governs
from .relate_views import Doc, Stretch, Unit, in_a_name, negated_at
from .relation_rules import Rule
from .speakers import Participant

__all__ = ["Hit", "match", "may_pair", "named_part", "setting"]


class Hit(NamedTuple):
    """A pair's typed relation: by `rule`, who to whom, whether its words stand between them,
    whether only weak words say it, the relations said `also` (`alongside`), and those said by
    words `joined` to the rule's own ("CEO and co-founder of", "创办人兼董事长")."""

    rule: Rule
    subject: Participant
    obj: Participant
    between: bool
    weak_only: bool
    also: tuple[str, ...] = ()
    joined: tuple[str, ...] = ()


def may_pair(a: Participant, b: Participant, patterns: dict) -> bool:
    """Whether a pronoun's person may be an end of a typed relation where it stands (checked
    first: it rules out most pairs of a pronoun, and costs nothing)."""
    if a.pronoun and a.end == b.start:  # "我纽约大学的学生": my students
        return False
    # A pronoun comes second only in "我跟他谈了很久", "Facebook hired him".
    return not b.pronoun or not (b.start == b.end or b.start - a.end > (
        patterns["pronoun_weak_gap"] + 1 if a.type == "PERSON" else patterns["object_pronoun_gap"] if a.type == "ORG" else -1))


def named_part(rule_list: list[tuple[int, Rule]], a: Participant, b: Participant) -> Hit | None:
    """Hit(rule, part, whole, False, False) when the name of one of two institutions named together
    extends the other's ("Google Brain" and "Google", "Xerox PARC" and "Xerox", "IBM研究所" and
    "IBM"), for a rule with `named_part`; else None."""
    if a.pronoun or b.pronoun:
        return None
    for _, rule in rule_list:
        if rule.named_part and a.type == b.type == rule.types[0] == rule.types[1]:
            for part, whole in ((a, b), (b, a)):
                if _extends(part.key, whole.key):
                    return Hit(rule, part, whole, False, False)
    return None


def _extends(longer: str, shorter: str) -> bool:
    """Whether the id `longer` is `shorter` followed by more words ("org:google-brain",
    "org:google"; "org:ibm研究所", "org:ibm")."""
    if len(longer) <= len(shorter) or not longer.startswith(shorter):
        return False
    nxt = longer[len(shorter)]
    return nxt == "-" or (not nxt.isascii() and nxt.isalpha())


def match(rule_list: list[tuple[int, Rule]], a: Participant, b: Participant, doc: Doc, unit: Unit, gap: int,
          listed: Listing, stretch: Stretch):
    """The Hit of the best rule for a (before b), or None; `rule_list` holds (order, rule) for the
    rules whose types fit the pair.

    A trigger stands between the two ("我发明了…", "joined Bell Labs"), or after the second one when
    a coverb introduces it: Chinese puts the verb last ("在贝尔实验室工作", "跟 Leon 一起合作"); or
    one of the rule's `after` words follows right after ("麻省理工学院的学者"), or in the next clause
    after an `after_clause` verb ("…，并出任首任总裁"). A strong trigger beats a weak one (的, 在,
    with), one between beats one after, one in the second end's own clause beats one in an earlier
    clause; then the rule order decides. A role of the next clause is said `also`, alongside.
    """
    key, at, patterns = doc.key, doc.at, doc.patterns
    # Past a place the first one went on from, only the words after "然后/and later" (or after the
    # clause break) speak of the second.
    words_from = at(listed.words_from)
    if words_from > stretch.between[0]:
        going_on = patterns["goes_on"].search(key, words_from, stretch.between[1])
        breaks = [m.end() for m in patterns["clause_breaks"].finditer(key, words_from, stretch.between[1])]
        words_from = going_on.end() if going_on else max(breaks, default=words_from)
        if (going_on and (a.type, b.type) == ("PERSON", "ORG") and patterns["elided"].fullmatch(key, words_from, stretch.between[1])
                and not any(m.group() not in patterns["weak"] for _, rule in rule_list for m in rule.triggers.finditer(stretch.tail))):
            words_from = 0  # "studied at the Technion and later at Berkeley": the verb goes on (none after the place)
    head = at(listed.head)
    if ((a.type, b.type) == ("ORG", "PERSON") and stretch.verbs_trail and patterns["agent_last"].search(key, stretch.between[0], head)
            and not patterns["possessive_mark"].match(key, stretch.between[0])):
        # "…正式成立并挂牌上市，由日月光董事长张虔生出任董事长": the person's verb follows "由"; the
        # clauses before it speak of the institution alone (not one that only qualifies: "微软的研究部门").
        words_from = max([words_from, *(m.end() for m in patterns["clause_breaks"].finditer(key, stretch.between[0], head))])
    if "YEAR" in (a.type, b.type) and patterns["year_break"].search(key, *stretch.between):
        return None  # "in 1955 and later founded the lab": the year is not the lab's
    if a.type == "ORG" != b.type and not a.pronoun and patterns["source"].search(key, max(0, at(a.start) - 2), at(a.start)):
        return None  # "从联华电子分拆独立，由蔡明介创办": where it came from, not what he founded or leads
    if (a.type, b.type) == ("ORG", "PERSON") and not b.pronoun and patterns["advisor_marker"].search(key, max(0, at(b.start) - 8), at(b.start)):
        return None  # "在蒙特利尔大学攻读博士，师从 Bengio": the advisor, not the one who studied there
    if b.type == "YEAR" and not a.pronoun and _after_agent(key, at(unit.span[0]), at(a.start), patterns):
        return None  # "商汤科技由香港中文大学教授汤晓鸥于2014年创立": the one founding, not the one founded
    best = None
    denied = False  # a rule's words negated: no other rule's weak word says more ("was not a student at")
    trailed: list[Rule] = []  # the rules a role of the next clause says (`after_clause`, for `alongside`)
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
        if hits and any(negated_at(doc, stretch.lo + m.start()) for m in hits):
            denied = True
            continue  # "never worked at": one negated trigger denies the rest
        trail = _trailing(rule, a, b, key, stretch, patterns, listed, unit) if rule.after or rule.after_coverb else []
        if b.pronoun and a.type != "PERSON":
            # "Facebook hired him": the verb stands between, or a role noun follows ("HAI 我们是共同
            # 主任"); "谷歌收购了辛顿和他的两名学生创立的公司" says nothing of Google and him.
            lo, between = stretch.lo, stretch.between
            hits = [m for m in hits if between[0] <= lo + m.start() and lo + m.end() <= between[1]]
            if patterns["possessive_mark"].match(key, at(b.end)):
                trail = []
        if not hits and not trail:
            continue
        if any(m.re is rule.after_clause for m in trail):
            trailed.append(rule)
        lo, between = stretch.lo, stretch.between
        strong = [m for m in hits if m.group() not in patterns["weak"]]
        weak_only = not trail and not strong
        # Where the strongest words stand: "在 X 读博士" is STUDIED_AT, not the weak "在" of WORKED_AT.
        inside = any(between[0] <= lo + m.start() and lo + m.end() <= between[1] for m in (strong or hits))
        # …and whether one stands in the second end's own clause: "在交大取得学位，曾任职于荣泰电子"
        # is WORKED_AT, whatever the first clause said.
        last = max((lo + m.end() for m in (strong or hits) if lo + m.end() <= between[1]), default=-1)
        apart = last < 0 or bool(patterns["clause_breaks"].search(key, last, between[1]))
        rank = (weak_only, not inside, apart, order)
        if best is None or rank < best[0]:
            best = (rank, rule, inside, weak_only, [(lo + m.start(), lo + m.end()) for m in strong]
                    + [(stretch.tail_start + m.start(), stretch.tail_start + m.end()) for m in trail])
    if best is None or (denied and best[3]):
        return None
    _, rule, inside, weak_only, said_at = best
    subject, obj = _direction(rule, a, b, doc, stretch, unit.span, inside)
    if subject is a and a.type == b.type and not a.pronoun and adjunct(key, at(a.start), patterns, places=False):
        return None  # "用 JavaScript 实现了卷积神经网络": the instrument does not act
    # "创办中芯国际，并出任首任总裁": founded, and led too.
    also = tuple(dict.fromkeys(r for other in trailed if rule.relation in other.alongside and other.relation != rule.relation
                               for r in (other.relation, *other.implies)))
    joined = _joined(rule, said_at, rule_list, doc) if a.type != b.type and not weak_only else ()
    return Hit(rule, subject, obj, inside, weak_only, also, joined)


def _joined(rule: Rule, said_at: list[tuple[int, int]], rule_list: list[tuple[int, Rule]], doc: Doc) -> tuple[str, ...]:
    """The relations (with what they imply) of the other rules for the pair's types whose strong
    words stand joined to the rule's own words at `said_at` (key spans) by a `role_joiners` word:
    "CEO and co-founder of DeepMind" is LEADS besides FOUNDED, "创办人兼董事长" FOUNDED besides LEADS."""
    key, joiner, weak = doc.key, doc.patterns["role_joiner"], doc.patterns["weak"]
    out: list[str] = []
    for _, other in rule_list:
        if other.relation == rule.relation or other.types != rule.types or other.relation in out:
            continue
        for start, end in said_at:
            after = joiner.match(key, end)
            words = [other.triggers.match(key, after.end())] if after else []
            words += [m for m in other.triggers.finditer(key, max(0, start - 24), start) if joiner.fullmatch(key, m.end(), start)]
            if any(m and m.group() not in weak and not negated_at(doc, m.start()) for m in words):
                out += [other.relation, *other.implies]
                break
    return tuple(dict.fromkeys(r for r in out if r != rule.relation))


def setting(rule_list: list[tuple[int, Rule]], a: Participant, b: Participant, doc: Doc, unit: Unit) -> Hit | None:
    """Hit(rule, person, institution, False, True) when the institution `a` opens its clause after a
    `setting` opener and the person `b` follows it, a year or a comma apart: "At Bell Labs, Ritchie
    wrote C", "在贝尔实验室期间，他…" (a weak statement: the document may say they studied there)."""
    patterns, key, at = doc.patterns, doc.key, doc.at
    if a.type != "ORG" or b.type != "PERSON" or a.pronoun or not patterns["setting_relation"]:
        return None
    rule = next((r for _, r in rule_list if r.relation == patterns["setting_relation"]), None)
    start = at(a.start)
    clause = max((m.end() for m in patterns["clause_breaks"].finditer(key, at(unit.span[0]), start)), default=at(unit.span[0]))
    if rule is None or not patterns["setting_opener"].fullmatch(key, clause, start):
        return None
    if not patterns["setting_gap"].fullmatch(key, at(a.end), at(b.start)):
        return None
    return Hit(rule, b, a, False, True)


def _after_agent(key: str, start: int, at: int, patterns: dict) -> bool:
    """Whether an `agent_markers` word ("由", "被") stands before key offset `at` in its clause
    (from `start`, the unit's): what is named there does the deed the clause dates."""
    clause = max((m.end() for m in patterns["clause_breaks"].finditer(key, start, at)), default=start)
    return bool(patterns["agent"].search(key, clause, at))


def _spoken_to(key: str, at: int, patterns: dict) -> bool:
    """Whether the name at key offset `at` is named right after "给/向/to": spoken to, not acting."""
    return bool(patterns["recipient"].search(key, max(0, at - 4), at))


def _hits(rule: Rule, a: Participant, b: Participant, key: str, st: Stretch, patterns: dict,
          unit: Unit, gap: int) -> list[re.Match]:
    """The rule's triggers in the stretch that may speak of the pair."""
    out = []
    for m in rule.triggers.finditer(st.region):
        at, to = st.lo + m.start(), st.lo + m.end()
        word = m.group()
        if in_a_name(at, to, unit) or any(s <= at < e and (at, to) != (s, e) for s, e in st.not_triggers):
            continue  # "学习" in "深度学习", "研究生涯", "到" in "受到" (which may be a trigger itself)
        if a.pronoun and not pronoun_governs(key, st.between[0], at, patterns):
            continue
        if b.type == rule.types[1] and st.object_at is not None and to <= st.object_at and rule.object_reach < gap and (
                st.object_at - to > rule.object_reach and not patterns["object_phrase"].fullmatch(key, to, st.object_at)
                or patterns["clause_breaks"].search(key, to, st.object_at)):
            continue  # the verb stands next to its object (or its article, its kind), in its clause
        if patterns["time_clause"].match(key, to):
            continue  # "论文提出前": before it was proposed
        if at >= st.tail_start and b.type == rule.types[1] and any(
                to <= lo <= to + 2 and kind == b.type for lo, _, kind in unit.names):
            continue  # "在 Facebook 内部创建了 FAIR": the verb after the place has an object of its own
        if rule.not_at_place and at >= st.tail_start and b.type != "YEAR" and adjunct(key, st.between[1], patterns):
            continue  # "在清华大学创办了姚班": what is founded comes after the verb, not the place before it
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


def _trailing(rule: Rule, a: Participant, b: Participant, key: str, st: Stretch, patterns: dict,
              listed: Listing, unit: Unit) -> list:
    """The rule's `after` words right after the second end, not someone else's ("辛顿和他的学生"),
    nor, for `after_roles`, the second one's when it is the person ("辛顿的学生"); `after_coverb`
    words after a coverb; and a role the next clause takes (`after_clause`)."""
    # A date right after the second end does not count in the reach: "Keras 是 Chollet 在 2015 年推出的".
    reach = patterns["after_reach"] + patterns["tail_date"].match(st.tail).end()
    trail = [m for m in rule.after.finditer(st.tail) if m.start() <= reach
             and not patterns["someone_elses"].search(st.tail, 0, m.start())] if rule.after else []
    if rule.after_roles and b.type != rule.types[1] and patterns["possessive_mark"].match(st.tail):
        trail = []  # "谷歌收购了辛顿的学生…": his students, not him
    if a.pronoun:
        trail = [m for m in trail if pronoun_governs(key, st.between[0], st.tail_start + m.start(), patterns)]
    if rule.after_listed and not listed.joined:
        trail = []  # "Neal 和 Hinton 那篇论文", not "Winograd 的论文"
    if rule.not_at_place and trail:
        # "在清华大学创办了姚班", "1987年创办台积电" after another name: the verb's object follows it.
        if b.type != "YEAR" and adjunct(key, st.between[1], patterns):  # "于2015年" is a date, not a place
            trail = []
        trail = [m for m in trail if not any(
            0 <= lo - (st.tail_start + m.end()) <= 2 and kind == rule.types[0] for lo, _, kind in unit.names)]
    if rule.after_coverb and st.verbs_trail:  # "跟 X 学习"
        trail += list(rule.after_coverb.finditer(st.tail))
    if rule.after_clause and b.type == rule.types[1] and not b.pronoun:
        # "创办中芯国际，并出任首任总裁": the role of the next clause is at the place just named.
        clause = rule.after_clause.match(key, st.tail_start)
        if clause and (not a.pronoun or pronoun_governs(key, st.between[0], st.tail_start, patterns)):
            trail.append(clause)
    return trail


def _direction(rule: Rule, a: Participant, b: Participant, doc: Doc, st: Stretch, unit: tuple[int, int], inside: bool):
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
