"""Aliases the corpus teaches: a name that a discovery rule found once (a gloss, an acronym defined in
brackets, a transliteration with a name dot) is looked for again in every document, so
"韋斯特馬克（Ilse Westmark）" in one interview makes "韦斯特马克" and "Ilse Westmark" entities in the others,
and "SON" after "Sparse Oscillator Network (SON)" is found wherever it stands.

The learned forms are matched like gazetteer aliases (folded, whole Latin words; acronyms in their
exact case) where no other mention stands, or only a weak one (a bare capitalised word, a short form),
which the learned name replaces.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Iterable

from .components.gazetteer import AliasEntry, Gazetteer, case_mode
from .extract import Mention, sentence_at
from .normalize import is_cjk, key_of
from .ruleset import Rules
from .segment import sentence_spans

__all__ = ["add_learned", "find_in_document", "learned_aliases", "learned_matcher"]

# Discovery rules whose names are definite enough to look for everywhere: not bare capitalised
# words, which only count as part of a name already met.
WEAK = ("discover:latin-cap", "gazetteer-short")
TEACHING = ("discover:gloss", "discover:acronym", "discover:dot-name", "discover:latin-dot-name",
            "discover:latin-name", "discover:tech-name", "discover:cjk-name")


def _long_enough(key: str) -> bool:
    cjk = sum(is_cjk(ch) for ch in key)
    return cjk >= 2 or len(key) - cjk >= 3


def learned_aliases(mentions: Iterable[Mention], rules: Rules) -> dict[str, list[AliasEntry]]:
    """Folded surface → the entity it named, for every surface a teaching rule found. A form that
    named two different entities teaches nothing (it stays where it was found)."""
    owners: dict[str, dict[str, AliasEntry]] = defaultdict(dict)
    for m in mentions:
        if m.source not in TEACHING or not m.ids or "|" in m.ids:
            continue
        key = key_of(m.text)
        if not _long_enough(key) or key in rules.stop_keys:
            continue
        letters = "".join(ch for ch in m.text if ch.isascii() and ch.isalpha())
        # An acronym learned from the text must come back in its own case ("SON", never "son").
        case = "exact" if letters.isupper() else case_mode(m.text, "auto")
        owners[key][m.ids] = AliasEntry(m.ids, m.type, False, case, letters)
    return {key: list(entries.values()) for key, entries in sorted(owners.items()) if len(entries) == 1}


def learned_matcher(index: dict[str, list[AliasEntry]]) -> Gazetteer | None:
    """The matcher of a learned alias index (None when nothing was learned)."""
    return Gazetteer.from_index(index) if index else None


def find_in_document(doc: str, text: str, taken: Iterable[Mention], matcher: Gazetteer | None,
                     rules: Rules, folded: tuple[str, list[int]] | None = None) -> list[Mention]:
    """New mentions of learned aliases in one document, where none of `taken` (its mentions)
    stands yet (`folded`: `fold_key(text)` when already known)."""
    if matcher is None:
        return []
    hits = sorted(matcher.matches(text, folded), key=lambda h: (h[0], -(h[1] - h[0])))
    if not hits:
        return []
    busy = sorted((m.start, m.end) for m in taken if m.source not in WEAK)
    found: list[Mention] = []
    spans = None
    for start, end, entries in hits:
        if _overlaps(busy, start, end):
            continue
        if spans is None:
            spans = sentence_spans(text, rules.abbreviations)
            starts = [s for s, _ in spans]
        entry = entries[0]
        found.append(Mention(entry.key, entry.type, text[start:end], doc, start, end, sentence_at(spans, starts, start), "learned"))
        bisect.insort(busy, (start, end))
    return found


def add_learned(mentions: list[Mention], learned: list[Mention]) -> list[Mention]:
    """`mentions` plus `learned`, minus the weak mentions a learned one covers, in order."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in learned:
        spans[m.doc].append((m.start, m.end))
    for doc_spans in spans.values():
        doc_spans.sort()
    kept = [m for m in mentions if m.source not in WEAK or not _overlaps(spans.get(m.doc, []), m.start, m.end)]
    return sorted(kept + learned, key=lambda m: (m.doc, m.start, m.end))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping each other: so only
    the last span starting before `end` can reach into it)."""
    i = bisect.bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start

