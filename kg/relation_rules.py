"""The relation rules of `rules/relations.yaml`, compiled: each word list becomes one pattern over
folded text (Latin words match whole words only), cached per rule set."""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from .normalize import CJK_RANGES, is_latin_alnum, key_of
from .ruleset import Rules

__all__ = ["Rule", "alternation_of", "compiled", "words_pattern"]


class Rule(NamedTuple):
    """One rule of relations.yaml with its word lists compiled (see rules/README.md for each key)."""

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
    named_part: bool
    after_roles: bool
    not_at_place: bool
    after_clause: re.Pattern | None
    alongside: tuple[str, ...]


def _after_clause(verbs: list, after: list) -> re.Pattern | None:
    """The (next) clause after the second end, opened (a few adverbs aside) by one of `verbs` and
    naming one of the `after` words: "创办中芯国际，并出任首任总裁", "加入华硕并出任董事长"."""
    if not verbs or not after:
        return None
    stops = "，,。；;.!?！？"
    return re.compile(rf"\s*[，,]?\s*[^{stops}]{{0,4}}?(?:{alternation_of(verbs)})[^{stops}]{{0,2}}?(?:{alternation_of(after)})")


def alternation_of(words: Iterable) -> str:
    """A regex alternation of the folded `words`, longest first ("(?!)" matches nothing)."""
    keys = sorted({key_of(str(w)) or str(w) for w in words if str(w).strip()}, key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys) or "(?!)"


def words_pattern(words: Iterable) -> re.Pattern | None:
    """One pattern for many trigger words on folded text; Latin words match whole words only."""
    keys = sorted({key_of(str(w)) for w in words if str(w).strip()}, key=len, reverse=True)
    if not keys:
        return None
    parts = []
    for k in keys:
        word = re.escape(k)
        # Every alternative starts with its word and looks back over it for the boundary: a pattern
        # that starts with literals lets the regex engine skip ahead to them (20× faster).
        left = rf"(?<![a-z0-9]{word})" if is_latin_alnum(k[0]) else ""
        right = r"(?![a-z0-9])" if is_latin_alnum(k[-1]) else ""
        parts.append(f"{word}{left}{right}")
    return re.compile("|".join(parts))


_CACHE: dict[int, tuple[Rules, list[Rule], dict]] = {}

# Characters that fold to exactly one key character, neither a space nor a bracket: Latin letters,
# digits, the CJK Unified Ideographs.
_WORDY = "A-Za-z0-9\u4e00-\u9fff"


def _first_characters(words: Iterable, key=lambda w: key_of(w) or w) -> str:
    """The first characters of the keys of `words` (made by `key`: as `alternation_of` does, or
    `words_pattern`), for a regex class; "" when a key is empty (it would match anywhere)."""
    keys = [key(str(w)) for w in words if str(w).strip()]
    return "" if not all(keys) else "".join(sorted({re.escape(k[0]) for k in keys}))


def _longest(words: Iterable) -> int:
    """The length of the longest key of `words`."""
    return max((len(key_of(str(w)) or str(w)) for w in words), default=0)


def compiled(rules: Rules) -> tuple[list[Rule], dict]:
    """The compiled rules and pronoun patterns of `rules` (cached per rule set; Rules holds dicts,
    so it cannot be an lru_cache key)."""
    hit = _CACHE.get(id(rules))
    if hit is None or hit[0] is not rules:
        hit = _CACHE[id(rules)] = (rules, *_compile(rules))
    return hit[1], hit[2]


def _words(rules: list[dict]) -> list[tuple[frozenset[str], frozenset[str], frozenset[str]]]:
    """The keys of each rule's triggers, `after` and `after_coverb` words (as `words_pattern`
    matches them)."""
    def keys(rule: dict, *kinds: str) -> frozenset[str]:
        return frozenset(key_of(str(w)) for kind in kinds for w in rule.get(kind) or [] if str(w).strip())

    return [(keys(r, "triggers"), keys(r, "after"), keys(r, "after_coverb")) for r in rules]


def _compile(rules: Rules) -> tuple[list[Rule], dict]:
    conf = rules.relations
    gap = int(conf.get("max_gap", 60))
    compiled = [
        Rule(
            r["relation"],
            (r["types"][0], r["types"][1]),
            words_pattern(r["triggers"]),
            words_pattern(r.get("reverse") or []),
            words_pattern(r.get("reverse_before") or []),
            words_pattern(r.get("reverse_after") or []),
            int(r.get("max_gap", gap)),
            tuple(r.get("implies") or ()),
            int(r.get("weak_gap", gap)),
            words_pattern(r.get("after") or []),
            words_pattern(r.get("after_coverb") or []),
            bool(r.get("one_clause", False)),
            int(r.get("object_reach", gap)),
            bool(r.get("after_listed", False)),
            tuple(r.get("weak_yields_to") or ()),
            bool(r.get("named_part", False)),
            bool(r.get("after_roles", False)),
            bool(r.get("not_at_place", False)),
            _after_clause(r.get("after_clause") or [], r.get("after") or []),
            tuple(r.get("alongside") or ()),
        )
        for r in conf.get("rules", [])
    ]
    subject = conf.get("subject") or {}
    # The words of each rule, and patterns of those that may count for a pair (kg.relate_checks, made when first needed).
    pronouns: dict = {"rule_words": _words(conf.get("rules", [])), "countable": {}}
    pronouns |= {
        kind: words_pattern(subject.get(kind) or [])
        for kind in ("first_person", "second_person", "third_person", "greetings")
    }
    pronouns["thing"] = words_pattern(subject.get("thing_pronouns") or [])
    pronouns["plural"] = words_pattern(subject.get("plural_pronouns") or [])
    # "公司" alone, not after a Han character ("一家公司" is a new one), or with a demonstrative. (The
    # look-ahead for the first characters, here and below, lets the engine skip to where a match may start.)
    company = words_pattern(subject.get("company_pronouns") or [])
    firsts = _first_characters(subject.get("company_pronouns") or [], key_of)
    skip = rf"(?=[{firsts}])" if firsts else ""
    pronouns["company"] = re.compile(rf"{skip}(?<![{CJK_RANGES}])(?:{company.pattern})") if company else None
    pronouns["oblique"] = re.compile(rf"(?<![a-z])(?:{alternation_of(subject.get('company_oblique') or [])})\s*$")
    pronouns["not_pronoun"] = words_pattern(subject.get("not_pronoun") or [])
    firsts = _first_characters([*(subject.get("zero_adverbs") or []), *(subject.get("zero_coverbs") or [])])
    # A date may open the clause first: "2015年和同事何恺明等人一起提出了ResNet", "2016年底，".
    date = (rf"(?:\d{{2,4}}\s*(?:{alternation_of(subject.get('clause_dates') or [])})"
            rf"(?:\d{{1,2}}\s*(?:{alternation_of(subject.get('month_words') or [])}))?"
            rf"(?:{alternation_of(subject.get('date_tails') or [])})?\s*[，,]?\s*)?")
    pronouns["zero"] = re.compile(
        (rf"(?=[{firsts}0-9])" if firsts else "")
        + rf"{date}(?P<rest>(?:{alternation_of(subject.get('zero_adverbs') or [])})?(?P<coverb>{alternation_of(subject.get('zero_coverbs') or [])}))")
    topic_verbs = subject.get("topic_verbs") or []
    pronouns["topic_zero"] = re.compile(rf"(?:{alternation_of(topic_verbs)})") if topic_verbs else None
    continued = subject.get("continued_verbs") or []
    # What stands right before a person who is the sentence's subject after all (`continued_verbs`):
    # a `subject_markers` word (的, 的是), or a clause break, a date aside.
    # (Read in the text itself, not its folded key: the breaks as written.)
    breaks = "|".join(sorted({re.escape(str(w)) for w in conf.get("clause_breaks") or []})) or "(?!)"
    pronouns["named_subject"] = re.compile(rf"(?:{alternation_of(subject.get('subject_markers') or [])}|(?:{breaks})\s*{date})\s*$")
    pronouns["continued"] = re.compile(
        rf"\s*{date}(?:{alternation_of(subject.get('zero_adverbs') or [])})?"
        rf"(?P<verb>{alternation_of(continued)})(?!的)") if continued else None  # "推出的精灵…": what is named
    pronouns["weak"] = frozenset(key_of(str(w)) for w in conf.get("weak_triggers") or [])
    # A coverb ends the stretch before the second end ("在 X", "跟 X"); a negation anywhere between.
    pronouns["coverbs"] = re.compile(rf"(?:{alternation_of(conf.get('coverbs') or [])})\s*$")
    pronouns["not_coverbs"] = re.compile(rf"(?:{alternation_of(conf.get('not_coverbs') or [])})\s*$")
    pronouns["generic"] = words_pattern(conf.get("generic_markers") or []) or re.compile("(?!)")
    pronouns["not_trigger"] = words_pattern(conf.get("not_triggers") or []) or re.compile("(?!)")
    pronouns["goes_on"] = words_pattern(subject.get("continuations") or []) or re.compile("(?!)")
    # A clause opening with a date goes on with its subject too: "他创办了微软中国研究院，2005年加入谷歌".
    dates = alternation_of(subject.get("clause_dates") or [])
    # … and so does one that opens with a verb of `continued_verbs` (the subject dropped): "我们回到上海，创办了…".
    pronouns["continuation"] = re.compile(
        rf"\s*(?:{alternation_of([*(subject.get('continuations') or []), *(subject.get('continued_verbs') or [])])}|\d{{2,4}}\s*(?:{dates}))")
    pronouns["possessive_mark"] = re.compile(rf"\s*(?:{alternation_of(conf.get('possessives') or [])})")
    pronouns["owned_kind"] = re.compile(rf"\s*(?:{alternation_of(conf.get('owned_kinds') or [])})\s*")
    pronouns["object_pronoun_gap"] = int(conf.get("object_pronoun_gap", 8))
    pronouns["pronoun_weak_next"] = frozenset(key_of(str(w)) for w in conf.get("pronoun_weak_next") or [])
    pronouns["possessive"] = frozenset(key_of(str(w)) for w in conf.get("possessives") or [])
    pronouns["possessive_gap"] = int(conf.get("possessive_gap", 4))
    pronouns["pronoun_weak_gap"] = int(conf.get("pronoun_weak_gap", 3))
    pronouns["compound_head"] = re.compile(rf"\s*(?:{alternation_of(conf.get('compound_heads') or [])})")
    pronouns["coverb_gap"] = int(conf.get("coverb_gap", 10))
    time = words_pattern(conf.get("time_clauses") or [])
    pronouns["time_clause"] = re.compile(rf"\s*(?:{time.pattern if time else '(?!)'})")
    pronouns["recipient"] = re.compile(rf"(?:{alternation_of(conf.get('recipient_markers') or [])})\s*$")
    # "卷积神经网络的雏型：LeNet-5", "卷积神经网络LeNet": what follows the colon (or comes right after)
    # is the thing named before (or a kind of it).
    possessive = alternation_of(w for w in conf.get("possessives") or [] if not is_latin_alnum(str(w)[-1]))
    pronouns["apposition"] = re.compile(rf"(?:(?:{possessive})\w{{0,4}})?\s*(?:{alternation_of(conf.get('appositions') or [])})\s*|")
    # ", a mathematician at Manchester," ", which Google acquired in 2014,": from a comma and an
    # opening word to the next comma, within one clause.
    pronouns["aside"] = re.compile(
        rf"[,，]\s*(?:{words_pattern(conf.get('aside_openers') or []).pattern if conf.get('aside_openers') else '(?!)'})"
        rf"(?![a-z])[^,;:.!?()，。；：！？（）\n]{{1,120}}?[,，]", re.IGNORECASE)
    # What may stand between a verb and its object past `object_reach`: an article, a modifier
    # ending in a possessive, a phrase ending with an `object_kinds` word; in one clause.
    clause = "".join(sorted({re.escape(str(w)) for w in conf.get("clause_breaks") or [] if len(str(w)) == 1}))
    within = rf"[^{clause}\n]" if clause else "[^\n]"
    pronouns["object_phrase"] = re.compile(
        rf"(?=.{{0,32}}$)\s*(?:(?:{alternation_of(conf.get('object_particles') or [])})\s*)?(?:(?:{alternation_of(conf.get('relative_antecedents') or [])})(?![a-z])\s*)?"
        rf"(?:{within}{{0,10}}?(?:{possessive}))?(?:{within}{{0,20}}?(?:{alternation_of(conf.get('object_kinds') or [])}))?\s*",
        re.DOTALL)
    pronouns["object_relative"] = re.compile(rf"(?<![a-z])(?:{alternation_of(conf.get('object_relatives') or [])})\s*$")
    # An apposition of up to three words, then an object relative: ", the operating system that ".
    pronouns["apposed_relative"] = re.compile(
        rf"\s*(?:{alternation_of(conf.get('relative_antecedents') or [])})(?:\s+[\w-]+){{1,3}}?\s+(?:{alternation_of(conf.get('object_relatives') or [])})\s*")
    pronouns["year_break"] = words_pattern(conf.get("year_breaks") or []) or re.compile("(?!)")
    pronouns["we"] = frozenset(key_of(str(w)) for w in subject.get("institution_pronouns") or [])
    pronouns["apart"] = words_pattern(conf.get("not_joint") or []) or re.compile("(?!)")
    # "…founded DeepMind in London with Shane Legg": the marker ends the stretch after the thing made,
    # which holds no clause break.
    pronouns["co_maker"] = re.compile(
        rf"^[^,;.!?，。；！？]{{0,24}}?(?<![a-z])(?:{alternation_of(conf.get('co_maker_markers') or [])})\s*$")
    pronouns["place"] = re.compile(rf"(?:{alternation_of(conf.get('place_coverbs') or [])})\s*$")
    # What stands between "and later" and the next place when the verb before goes on: an
    # `elision_coverbs` word, articles around it ("studied at the Technion and later at Berkeley").
    articles = alternation_of(conf.get("relative_antecedents") or [])
    leading = alternation_of([*(conf.get("relative_antecedents") or []), *(subject.get("continuations") or [])])
    pronouns["elided"] = re.compile(
        rf"(?:\s*(?:{leading})(?![a-z]))*\s*(?:{alternation_of(conf.get('elision_coverbs') or [])})(?![a-z])(?:\s*(?:{articles})(?![a-z]))*\s*")
    pronouns["title"] = re.compile(
        rf"\s*(?:(?:{alternation_of(conf.get('title_modifiers') or [])})\s*)?(?:{alternation_of(conf.get('title_words') or [])})\s*")
    pronouns["agent"] = words_pattern(conf.get("agent_markers") or []) or re.compile("(?!)")
    pronouns["agent_last"] = re.compile(rf"(?:{alternation_of(conf.get('agent_markers') or [])})\s*$")
    pronouns["advisor_marker"] = re.compile(rf"(?<![a-z])(?:{alternation_of(conf.get('advisor_markers') or [])})\s*$")
    pronouns["source"] = re.compile(rf"(?:{alternation_of(conf.get('source_coverbs') or [])})\s*$")
    pronouns["instrument"] = re.compile(rf"(?:{alternation_of(conf.get('instrument_coverbs') or [])})\s*$")
    pronouns["not_instrument"] = re.compile(rf"(?:{alternation_of(conf.get('not_instruments') or [])})\s*$")
    owners = alternation_of([*(subject.get("first_person") or []), *(subject.get("second_person") or []), *(subject.get("third_person") or [])])
    pronouns["someone_elses"] = re.compile(rf"(?:{owners})\s*(?:{alternation_of(conf.get('possessives') or [])})")
    pronouns["example"] = re.compile(rf"(?:{alternation_of(conf.get('example_markers') or [])})\s*$")
    pronouns["org_head"] = re.compile(rf"\s*(?:{alternation_of(conf.get('org_heads') or [])})")
    pronouns["negations"] = words_pattern(conf.get("negations") or []) or re.compile("(?!)")
    pronouns["clause_breaks"] = re.compile(alternation_of(conf.get("clause_breaks") or []))
    pronouns["question"] = re.compile(alternation_of(subject.get("question_marks") or []))
    pronouns["sentence_end"] = re.compile(alternation_of([*subject.get("question_marks", []), *subject.get("sentence_ends", [])]))
    # A labelled turn: a line opening (after a lead word: "From", "据") with a short label and a colon.
    leads = alternation_of(subject.get("label_leads") or [])
    pronouns["turn_label"] = re.compile(rf"^[ \t]*(?:(?:{leads})\s*)?(?P<label>[^\n:：。.!?！？]{{1,40}}?)[ \t]*[:：]", re.MULTILINE | re.IGNORECASE)
    pronouns["speech_word"] = words_pattern(subject.get("speech_words") or []) or re.compile("(?!)")
    pronouns["turn"] = re.compile("|".join(re.escape(t) for t in subject.get("turn_marks") or []) or "(?!)")
    # "CEO and co-founder", "创办人兼董事长": the words that join two role words (or verbs) of one pair.
    role_joiners = alternation_of(conf.get("role_joiners") or [])
    pronouns["role_joiner"] = re.compile(rf"\s*(?:{role_joiners})\s*")
    pronouns["negation_reach"] = int(conf.get("negation_reach", 4))
    pronouns["after_reach"] = int(conf.get("after_reach", 6))
    # A date (a year, a decade, "2007年左右") after a `place_coverbs` word or none: "在 2015 年", "于2018年".
    pronouns["tail_date"] = re.compile(
        rf"\s*(?:(?:{alternation_of(conf.get('place_coverbs') or [])})\s*)?(?:\d{{2,4}}\s*(?:{alternation_of(subject.get('clause_dates') or [])})"
        rf"(?:{alternation_of(subject.get('date_tails') or [])})?\s*)?")
    pronouns["question_window"] = int(subject.get("question_window", 40))
    joiners = alternation_of(conf.get("list_joiners") or [])
    # Brackets around a gloss do not break a list: "雷达（Radar）、激光雷达（Lidar）".
    # A gap opening with a joining word (not a comma, which also ends clauses): "A 和用 B".
    breaks = set(conf.get("clause_breaks") or [])
    pronouns["joiner_first"] = re.compile(
        rf"[\s()]*(?:{alternation_of(w for w in conf.get('list_joiners') or [] if w not in breaks)})")
    # A joining word may take a short modifier of the next member: "和之前的 Torch", "还有更之前的 Caffe2".
    modifier = rf"(?:(?:{alternation_of(conf.get('list_modifiers') or [])})(?:{possessive}))?"
    pronouns["joiner"] = re.compile(rf"[\s()]*(?:(?:{joiners}){modifier}[\s()]*){{0,2}}")
    # More Latin letters, digits and Han characters than two joining words with their modifiers
    # hold: each folds to one key character `joiner` must match (OpenCC gives a Han character for
    # a Han character), so a text this wide is no joiner, and need not be folded (kg.relate).
    width = 2 * sum(_longest(conf.get(words) or []) for words in ("list_joiners", "list_modifiers", "possessives"))
    pronouns["joiner_overflow"] = re.compile(rf"(?:[^{_WORDY}]*[{_WORDY}]){{{width + 1}}}")
    setting = conf.get("setting") or {}
    pronouns["setting_relation"] = str(setting.get("relation", ""))
    pronouns["setting_opener"] = re.compile(rf"\s*(?:{alternation_of(setting.get('openers') or [])})\s*")
    # Between the institution and the person: a closing word, a year or decade, a comma.
    pronouns["setting_gap"] = re.compile(
        rf"\s*(?:{alternation_of(setting.get('closers') or [])})?\s*(?:\d{{2,4}}\s*\w{{0,2}})?\s*(?:{alternation_of(conf.get('clause_breaks') or [])})?\s*")
    return compiled, pronouns
