"""Exact checks made before the rules are tried on a pair (kg.relate_match): whether a word that
could count for the pair stands anywhere the rules would look. Where none does, the rules would
find nothing; most pairs are ruled out so, at the cost of a few searches."""

from __future__ import annotations

import re

from .relate_guards import Facts
from .relate_views import Doc, Stretch
from .relation_rules import Rule
from .speakers import Participant

__all__ = ["silent", "unsaid"]


def unsaid(doc: Doc, known: Facts, i: int, j: int, rules: list[tuple[int, Rule]], tail: tuple[int, int]) -> bool:
    """Whether no word that could count for people[i] and people[j] (`_countable`) stands where
    `match` would look: `silent`, told before the pair's list and stretch are known, from where
    they must lie. The region of the triggers starts at the first end and ends before the tail
    does (`tail_of`), and the tail lies there too, unless a bracket stands there (leaving out a
    gloss may join text from further on); weak triggers start between the two; the weak gap is at
    least as wide as up to the next participant (the list of the second end starts there or later)."""
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


def silent(a: Participant, b: Participant, st: Stretch, rules: list[tuple[int, Rule]], gap: int, limit: int,
           patterns: dict) -> bool:
    """Whether no word that could count for the pair (`_countable`) stands in its stretch: then
    `match` finds nothing. That is exact: `match` tries a rule only within its `max_gap` (`gap`:
    the pair's, `limit`: the widest for a pair of its kind) and in one clause when `one_clause`;
    its `_hits` looks for triggers in the region, but drops the possessive and weak words the
    pair's weak gap rules out and the weak words not between the two; its `_trailing` looks for
    `after` words in the tail, and for `after_coverb` words when a coverb introduces the second end."""
    lo, between = st.lo, st.between
    strong, weak, longest_weak, after, after_coverb = _words_for(a, b, rules, patterns, st.weak_gap, st.one_clause, gap, limit)
    return not (strong.search(st.region) or weak.search(st.region, between[0] - lo, between[1] - lo + longest_weak - 1)
                or after.search(st.tail) or (st.verbs_trail and after_coverb.search(st.tail)))


_Words = tuple[re.Pattern, re.Pattern, int, re.Pattern, re.Pattern]  # see `_countable`


def _words_for(a: Participant, b: Participant, rules: list[tuple[int, Rule]], patterns: dict, weak_gap: int,
               one_clause: bool, gap: int | None = None, limit: int = 0) -> _Words:
    """The `_countable` words of a pair of a and b's types and kinds, `weak_gap` apart (the
    stretch's), in one clause or not, `gap` apart (the list's, of at most `limit`; None: unknown,
    every rule may count); made once per set of rules."""
    asked = (a.type, b.type, a.pronoun, weak_gap, one_clause, gap, limit)
    words = patterns["countable"].get(asked)
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
        patterns["countable"][asked] = words
    return words


def _countable(rules: list[tuple[int, Rule]], patterns: dict, pronoun: bool, mute_possessive: bool, states: tuple) -> _Words:
    """Plain patterns of the words of `rules` that may count (`silent`): the triggers but the weak
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
