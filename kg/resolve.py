"""Mentions → canonical entities: every mention gets one key, and every merge records why.

Policy, per document:
1. A gazetteer alias or a year already names one entity.
2. A discovered name joins a gazetteer entity when its surname (the last word, or the part after a
   name dot) is a gazetteer alias of exactly one person: "Geoffery Hinton", "大卫·鲁梅尔哈特".
3. A gloss joins its two sides: "朗格希金斯(Langer·Higgins)", "Van Camp（Drew Van Camp）".
4. A weak form (a given name or a bare capitalised word) joins the one person of the document whose
   name it is part of ("Larry" → "Larry Jackal", "Chomsky" → "Noam Chomsky"); a weak gazetteer form
   claimed by one entity alone joins it even without that ("Andrej"). Otherwise it is dropped.
5. A name a rule found somewhere in the corpus is found again everywhere (kg.learn); such a
   mention says so in the reasons.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Iterable, Iterator

from .extract import Mention
from .normalize import NAME_DOTS, key_of
from .ruleset import Rules, per_rules

__all__ = ["resolve"]

_SPLIT = re.compile(rf"[\s{NAME_DOTS}]+")
_GLOSS_GAP = re.compile(r"\s*[(（]\s*")
_HARD_STOP = re.compile(r"[。！？!?；;\n]")


def _parts(text: str) -> list[str]:
    return [p for p in _SPLIT.split(text.strip()) if p]


@per_rules
def _strong_aliases(rules: Rules) -> dict[str, set[str]]:
    """Folded strong alias → keys of PERSON entries (for surname linking)."""
    index: dict[str, set[str]] = defaultdict(set)
    for rule in rules.entities.values():
        if rule.type == "PERSON":
            for alias in (rule.label, rule.label_zh, *rule.aliases):
                if alias:
                    index[key_of(alias)].add(rule.key)
    return index


def _link_discovered(mentions: list[Mention], rules: Rules, persons: dict[str, set[str]], why: dict) -> dict[str, str]:
    """Discovered id → gazetteer key, by surname and by gloss."""
    mapping: dict[str, str] = {}
    for m in mentions:
        if not m.source.startswith("discover:") or not m.ids or m.ids in rules.entities or m.type != "PERSON":
            continue
        parts = _parts(m.text)
        if len(parts) < 2:
            continue
        for tail in (" ".join(parts[1:]), parts[-1]):
            keys = persons.get(key_of(tail), set())
            if len(keys) == 1:
                mapping[m.ids] = next(iter(keys))
                why[mapping[m.ids]].add(f"{m.text} (surname {tail})")
                break
    return mapping


def _glosses(mentions: list[Mention], text_of, known: dict, mapping: dict[str, str], why: dict) -> None:
    """`A (B)`: two mentions of one type, one right after the other inside brackets, are one entity,
    unless both are gazetteer entries ("Facebook（FAIR）" names two things)."""
    for a, b in zip(mentions, mentions[1:]):
        if a.type != b.type or a.type == "YEAR" or a.doc != b.doc or not a.ids or not b.ids:
            continue
        gap = text_of(a.doc)[a.end:b.start]
        if not _GLOSS_GAP.fullmatch(gap):
            continue
        ka, kb = _follow(mapping, a.ids), _follow(mapping, b.ids)
        if ka == kb or (ka in known and kb in known):
            continue
        # The gazetteer side (or else the left side) gives the key.
        target, other = (kb, ka) if kb in known else (ka, kb)
        mapping[other] = target
        why[target].add(f"{a.text} ({b.text}) (gloss)")


def _name_parts(texts: Iterable[str]) -> set[str]:
    """Folded first names, surnames and surname groups of a person's surface forms.

    Parts under three letters ("Le" of "Le Cun", "Ng") are too ambiguous to stand alone.
    """
    out: set[str] = set()
    for text in texts:
        out |= _parts_of_name(text)
    return out


@functools.lru_cache(maxsize=65536)
def _parts_of_name(text: str) -> frozenset[str]:
    # A name is met again and again, in a document and across the corpus.
    parts = _parts(text)
    if len(parts) < 2:
        return frozenset()
    return frozenset(p for p in (key_of(parts[0]), key_of(parts[-1]), key_of(" ".join(parts[1:]))) if len(p) >= 3)


def resolve(mentions: Iterable[Mention], rules: Rules, texts: dict[str, str]) -> tuple[list[Mention], dict[str, list[str]]]:
    """Resolved mentions (each `ids` one key) and, per key, the reasons merges happened."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    persons = _strong_aliases(rules)
    why: dict[str, set[str]] = defaultdict(set)
    out: list[Mention] = []
    for doc in sorted(by_doc):
        doc_mentions = sorted(by_doc[doc], key=lambda m: m.start)
        mapping = _link_discovered(doc_mentions, rules, persons, why)
        _glosses(doc_mentions, texts.get, rules.entities, mapping, why)
        strong = [m for m in doc_mentions if m.ids and "|" not in m.ids and m.source != "gazetteer-short"]
        resolved = {id(m): _follow(mapping, m.ids) for m in strong}
        text = texts.get(doc, "")
        institutions = [(x.start, x.end) for x in strong if x.type == "ORG"]
        for m in strong:
            university = _university(m, rules, text, institutions)
            if university:
                resolved[id(m)] = university
                why[university].add(f"{m.text} (a university town, with study words near it)")
        present = set(resolved.values())
        parts_of: dict[str, set[str]] = defaultdict(set)
        for m in strong:
            if m.type == "PERSON":
                parts_of[resolved[id(m)]] |= _name_parts([m.text])
        for key in present:
            rule = rules.entities.get(key)
            if rule and rule.type == "PERSON":
                parts_of[key] |= _name_parts([rule.label, *rule.aliases])
        for m in doc_mentions:
            key = resolved.get(id(m)) or _weak_key(m, present, parts_of, why)
            if key and m.source == "learned":
                why[key].add(f"{m.text} (a name the corpus defined elsewhere)")
            if key:
                out.append(_named(m, key, rules))
                continue
            for word in _words(m):
                key = _weak_key(word, present, parts_of, why)
                if key:
                    out.append(_named(word, key, rules))
    return out, {k: sorted(v) for k, v in why.items()}


def _university(m: Mention, rules: Rules, text: str, institutions: list[tuple[int, int]] = ()) -> str:
    """The university a place mention names, when study words stand within the window around it
    and no institution (start, end) stands between them: in "成立于香港，创始人是香港中文大学教授" the
    professor is CUHK's."""
    rule = rules.entities.get(m.ids)
    conf = rules.resolve.get("place_as_university") or {}
    if not rule or rule.type != "PLACE" or rule.university not in rules.entities or not conf:
        return ""
    window = int(conf.get("window", 30))
    lo = max([m.start - window, *(end for start, end in institutions if end <= m.start)])
    hi = min([m.end + window, *(start for start, _ in institutions if start >= m.end)])
    # The window stops at sentence punctuation, but not at the spaces that split subtitle lines.
    before = _HARD_STOP.split(text[max(0, lo):m.start])[-1]
    after = _HARD_STOP.split(text[m.end:hi])[0]
    around = key_of(before + " " + after)
    cues = _cues(tuple(str(c) for c in conf.get("cues", [])))
    return rule.university if any(cue in around for cue in cues) else ""


@functools.lru_cache(maxsize=4)
def _cues(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key_of(w) for w in words)


def _follow(mapping: dict[str, str], key: str) -> str:
    seen = set()
    while key in mapping and key not in seen:
        seen.add(key)
        key = mapping[key]
    return key


def _weak_key(m: Mention, present: set[str], parts_of: dict[str, set[str]], why: dict) -> str:
    """The entity a weak or ambiguous mention names, or "" when the document does not say."""
    candidates = set(m.ids.split("|")) if m.ids else set()
    here = candidates & present
    if len(here) == 1:
        key = next(iter(here))
        why[key].add(f"{m.text} (short form, named in the document)")
        return key
    folded = key_of(m.text)
    owners = sorted(k for k, parts in parts_of.items() if folded in parts)
    if len(owners) == 1:
        why[owners[0]].add(f"{m.text} (part of a name in the document)")
        return owners[0]
    if len(candidates) == 1:
        key = next(iter(candidates))
        why[key].add(f"{m.text} (short form, unique)")
        return key
    return ""


def _words(m: Mention) -> Iterator[Mention]:
    """A capitalised pair that names nobody, word by word ("Later Kowalczyk" → "Kowalczyk")."""
    if m.source != "discover:latin-cap":
        return
    for word in re.finditer(r"\S+", m.text):
        if word.end() - word.start() < len(m.text):
            yield Mention(m.ids, m.type, word.group(), m.doc, m.start + word.start(), m.start + word.end(), m.sentence, m.source)


def _named(m: Mention, key: str, rules: Rules) -> Mention:
    """`m` resolved to `key` (made directly: dataclasses.replace looks the fields up each time;
    `m` itself when it names that already: mentions are immutable)."""
    kind = _type_of(key, m, rules)
    if key == m.ids and kind == m.type:
        return m
    return Mention(key, kind, m.text, m.doc, m.start, m.end, m.sentence, m.source)


def _type_of(key: str, m: Mention, rules: Rules) -> str:
    rule = rules.entities.get(key)
    return rule.type if rule else m.type
