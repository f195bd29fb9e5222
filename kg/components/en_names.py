"""English names the gazetteer does not know, found by the words around them (`rules/discovery.yaml`,
`en_context`): product names after a verb of making ("designing the ARM1", "the Z3, completed by",
"designed the 6502"), acronym institutions after a word of working ("at IRIA"), a known institution
and a place ("Intel Israel"), a person joined to a person found ("Amnon Shashua and Ziv Aviram"),
titles after a verb of writing ("co-wrote Introduction to VLSI Systems"), coined terms in quotes
("coined the phrase 'Internet of Things'"), romanised East Asian names ("Lee Byung-chul", "Sim Wong
Hoo") and, in a lower-case transcript, a given name and a surname before a verb ("vinod dham was
hired"). `kg.components.discover` gives each its key.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from ..normalize import is_cjk, key_of, keys_of
from ..ruleset import Rules, per_rules
from .scan import alternation, matches_from, positions, starts_before, trie

__all__ = ["EnglishNames", "Named", "known_keys"]

# The parts of a product name: a word with a digit ("Z3", "ARM1", "PDP-11", "64K"), an acronym
# ("EPROM"), a capitalised word or a number ("Intel 4004"); one to three of them.
_DIGITAL = r"(?:[A-Z][A-Za-z]*-?\d[A-Za-z0-9]*|\d+[A-Z][A-Za-z0-9]*)"
_ACRONYM = r"[A-Z]{2,6}"
_PART = rf"(?:{_DIGITAL}|{_ACRONYM}|[A-Z][a-z]+|\d{{1,4}})(?![A-Za-z0-9&'’-])"
_RUN = rf"{_PART}(?: {_PART}){{0,2}}"
_DIGITAL_WORD = re.compile(_DIGITAL)
_ACRONYM_WORD = re.compile(_ACRONYM)
# A number that is a year ends a product name: "released it in 1971" is no part of one.
_YEARLIKE = re.compile(r"1[5-9]\d\d|20\d\d")
# A model number: four or five digits, no year ("the 6502", "the 68000").
_MODEL_NUMBER = re.compile(r"(?!1[5-9]\d\d$|20\d\d$)\d{4,5}")
_RUN_AT_END = re.compile(rf"(?<![A-Za-z0-9&'’-])({_RUN}),? (?:(?:was|were|is|first) )?$")
# A title word: capitalised, two characters at least ("C" in "Unix in C" ends a title).
_TITLE_WORD = r"[A-Z][A-Za-z0-9'’-]+"


def _quoted(first: str, rest: str) -> str:
    """A phrase in a pair of quotation marks, the marks in group `q` (strip one each side): the
    opening one decides the closing one, so that "“Moore’s Law”" keeps its apostrophe."""
    return "(?P<q>" + "|".join(
        rf"{o}{first}[^{c}\n]{rest}?{c}" + ("(?![A-Za-z])" if c in "'’" else "")
        for o, c in (("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"))) + ")"


# The lower-case word right after a name, if one follows.
_NEXT_WORD = re.compile(r" ([a-z][a-z'’-]*)")
# A capitalised word right after a name, which it is then a part of ("TU Munich").
_NEXT_CAPITAL = re.compile(r" [A-Z]")
_WORD_BEFORE = re.compile("[A-Za-z0-9-]")
_CAPITAL = re.compile("[A-Z]")
# How far before "completed by" a product name is looked for.
_BY_REACH = 60


def _at_word_starts(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of `pattern` that start a word (no letter, digit or hyphen right before).
    The check is made here, not in the pattern: a pattern that starts with a look-behind or `\\b`
    is tried at every character, one that starts with words is skipped ahead to their letters."""
    for m in pattern.finditer(text):
        if not m.start() or not _WORD_BEFORE.match(text, m.start() - 1):
            yield m


class Named(NamedTuple):
    start: int
    end: int
    type: str
    rule: str


@per_rules
def known_keys(rules: Rules) -> frozenset[str]:
    """The folded key of every name, alias and short form in the gazetteer (a found name that is one
    of them is the gazetteer's to find)."""
    return frozenset(keys_of([a for r in rules.entities.values() for a in (r.label, *r.aliases, *r.short)]))


@per_rules
def not_people_keys(rules: Rules) -> frozenset[str]:
    """The folded key of every name and alias of the gazetteer's institutions, technologies and
    places: a word of one is no part of a person's name."""
    return frozenset(keys_of([a for r in rules.entities.values() if r.type not in ("PERSON", "YEAR")
                              for a in (r.label, *r.aliases)]))


class EnglishNames:
    """Finds unknown English-text products, institutions, titles and romanised names by context."""

    def __init__(self, rules: Rules) -> None:
        conf = rules.discovery.get("en_context", {})
        self.rules = rules
        # Every alias the gazetteer knows: a known name is the gazetteer's to find and type.
        self.known = known_keys(rules)
        self.orgs = frozenset(keys_of([a for r in rules.entities.values() if r.type == "ORG" for a in (r.label, *r.aliases)]))
        self.places = frozenset(keys_of([a for r in rules.entities.values() if r.type == "PLACE" for a in (r.label, *r.aliases)]))
        self.not_products = {key_of(w) for w in conf.get("not_products", [])}
        self.not_first = {str(w) for w in rules.discovery.get("latin_person", {}).get("not_surname", [])}
        leads = alternation(conf.get("product_leads", []))
        self.product = re.compile(rf"(?:{alternation(conf.get('product_verbs', []))})(?: (?:{leads})){{0,2}} ({_RUN})")
        self.product_end_words = {str(w) for w in conf.get("product_end_words", [])}
        self.leads_before = tuple(f"{w} " for w in conf.get("product_leads", []))
        self.made_by = re.compile(rf"(?:{alternation(conf.get('product_by_verbs', []))}) by\b")
        self.org = re.compile(rf"(?:{alternation(conf.get('org_before', []))}) ({_ACRONYM}|[A-Z][a-z]+ & [A-Z][a-z]+)(?![A-Za-z0-9&])")
        self.bought = re.compile(rf"(?:{alternation(conf.get('bought_before', []))}) ([A-Z][A-Za-z0-9]+(?: [A-Z][A-Za-z0-9]+){{0,2}})(?![A-Za-z0-9&])")
        self.not_org_after = {str(w) for w in conf.get("not_org_after", [])}
        self.unit = re.compile(r"([A-Z](?<![A-Za-z0-9&.-][A-Z])[A-Za-z&]*) ([A-Z][a-z]+)(?![A-Za-z0-9-])")
        small = alternation(conf.get("title_small_words", []))
        self.articles = frozenset(map(str, conf.get("title_articles", [])))
        self.title = re.compile(
            rf"(?:{alternation(conf.get('title_verbs', []))}) ((?:(?:{alternation(self.articles)}) )?{_TITLE_WORD}(?: (?:(?:{small}) ){{0,2}}{_TITLE_WORD}){{1,9}})(?![A-Za-z0-9])"
        )
        self.title_breaks = {str(w) for w in conf.get("title_breaks", [])}
        self.coined = re.compile(
            rf"(?:{alternation(conf.get('coin_verbs', []))})(?: (?:{alternation(conf.get('coin_leads', []))})){{0,3}},? "
            + _quoted("", "{2,80}")
        )
        self.quoted_title = re.compile(
            rf"(?:{alternation(conf.get('quoted_title_verbs', []))})(?: (?:{leads}|{alternation(conf.get('coin_leads', []))})){{0,3}},? "
            + _quoted("[A-Z]", "{1,120}")
        )
        heads = alternation(conf.get("product_heads", []))
        self.headed = re.compile(rf"(?<![A-Za-z0-9-])({_DIGITAL}) (?:{heads})(?![A-Za-z])")
        self.head_hint = re.compile(rf"(?<![A-Za-z])(?:{heads})(?![A-Za-z])")
        apposed = alternation([*conf.get("apposed_heads", []), *conf.get("product_heads", [])])
        self.apposed = re.compile(
            rf"(?:^|(?<=[.!?]\s)|(?<=\n))([A-Z][A-Za-z0-9-]*[A-Za-z0-9]), (?:a|an|the|one of the)(?: [a-z-]+){{0,5}} (?:{apposed})(?![A-Za-z])",
            re.M)
        # Where those may end: only the words right before are tried.
        self.apposed_hint = re.compile(r", (?:a|an|the|one of the) ")
        self.syllable = re.compile(conf.get("romanised_syllable", "(?!)"))
        # Every word a context rule starts with: only where one stands are the rules tried.
        self.trigger = re.compile(trie([*conf.get("product_verbs", []), *conf.get("product_by_verbs", []),
                                                *conf.get("org_before", []), *conf.get("bought_before", []), *conf.get("title_verbs", []),
                                                *conf.get("coin_verbs", []), *conf.get("quoted_title_verbs", [])]))
        # In lower-case text: a word and a word before one of `lower_name_after`.
        weak = conf.get("lower_name_after_weak", [])
        self.lower_name = re.compile(rf"([a-z]+) ([a-z][a-z'’-]+) ({trie([*conf.get('lower_name_after', []), *weak])})(?![a-z])")
        self.lower_name_weak = {str(w) for w in weak}
        self.lower_name_before = {str(w) for w in conf.get("lower_name_before", [])}
        self.not_lower_surname = {str(w) for w in conf.get("not_lower_surname", [])}
        # Two capitalised words (three with a particle: "Drew van Camp") joined to a person found.
        person = rules.discovery.get("latin_person", {})
        particles = alternation(person.get("particles", []))
        name = rf"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)? (?:(?:{particles}) )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
        joiners = alternation(person.get("joiners", []))
        self.joined_after = re.compile(rf"\s*(?:{joiners})\s+(?P<name>{name})(?![A-Za-z0-9&'’-])")
        self.joined_before = re.compile(rf"(?<![A-Za-z0-9&'’.-])(?P<name>{name})\s*(?:{joiners})\s+$")
        org = rules.discovery.get("org", {})
        self.not_name_words = {key_of(str(w)) for w in (*self.not_first, *org.get("en_suffixes", []), *org.get("en_trade_suffixes", []),
                                                        *org.get("en_trade_kinds", []), *conf.get("product_heads", []))}
        self.things = not_people_keys(rules)
        surnames = alternation(conf.get("romanised_surnames", []))
        self.romanised = re.compile(
            rf"(?:{surnames}) (?:([A-Z][a-z]{{1,5}})-([a-z]{{1,5}})|([A-Z][a-z]{{0,5}}) ([A-Z][a-z]{{0,5}}))(?![A-Za-z0-9-]| [A-Z])"
        )

    def find(self, text: str) -> Iterator[Named]:
        """Every name of every rule, in no particular order."""
        starts = self.trigger_starts(text)
        yield from self.products(text, starts)
        yield from self.institutions(text, starts)
        yield from self.titles(text, starts)
        yield from self.romanised_names(text)
        yield from self.lower_case_names(text)

    def trigger_starts(self, text: str) -> list[int]:
        """Where a word that starts a context rule stands (a verb of making, writing…)."""
        return [m.start() for m in _at_word_starts(self.trigger, text)]

    # -- products ---------------------------------------------------------------------------------

    def products(self, text: str, starts: list[int] | None = None) -> Iterator[Named]:
        """A product name right after a verb of making ("invented the EPROM"), or before one with
        "by" ("The Z3, completed by Konrad Zuse"), or a word with a digit before a `product_heads`
        word ("The ARM1 processor"), or a name opening its sentence that a phrase ending in an
        `apposed_heads` word follows ("LZ77, the first of two universal compression algorithms"). `starts`: `trigger_starts(text)`, if known."""
        starts = self.trigger_starts(text) if starts is None else starts
        for m in matches_from(self.headed, text, starts_before(text, positions(self.head_hint, text), 2, 20, spaced=True)):
            if key_of(m.group(1)) not in self.known and not _YEARLIKE.fullmatch(m.group(1)):
                yield Named(m.start(1), m.end(1), "TECH", "en-product")
        for m in matches_from(self.apposed, text, starts_before(text, positions(self.apposed_hint, text), 2, 30)):
            name = m.group(1)
            # (a sentence's first word may be an adverb: "However, the first algorithm…")
            if (key_of(name) not in self.known and key_of(name) not in self.rules.given_names and name not in self.not_first
                    and not name.endswith("ly") and key_of(name) not in self.not_products):
                yield Named(m.start(1), m.end(1), "TECH", "en-product")
        for m in matches_from(self.product, text, starts):
            start = m.start(1) + self._skip_first(m.group(1))
            # "designed the 6502": a model number after a `product_leads` word
            end = self._product_end(text[start:m.end(1)], numbered=text.endswith(self.leads_before, 0, start))
            if end and not self._modifier(text, text[start:start + end], start + end):
                yield Named(start, start + end, "TECH", "en-product")
        for m in matches_from(self.made_by, text, starts):
            before = _RUN_AT_END.search(text, max(0, m.start() - _BY_REACH), m.start())
            if before:
                start = before.start(1) + self._skip_first(before.group(1))
                end = self._product_end(text[start:before.end(1)])
                if end and start + end == before.end(1):
                    yield Named(start, before.end(1), "TECH", "en-product")

    def _modifier(self, text: str, name: str, end: int) -> bool:
        """Whether an acronym (no digit in it) stands before a lower-case noun it modifies ("the PAC
        learning model"), not before a `product_end_words` word ("the EPROM there")."""
        if any(ch.isdigit() for ch in name):
            return False
        after = _NEXT_WORD.match(text, end)
        return bool(after) and after.group(1) not in self.product_end_words

    def _skip_first(self, run: str) -> int:
        """How many characters of words that start a sentence ("The", "In") stand at the front of
        `run`."""
        words = run.split(" ")
        k = 0
        while k < len(words) - 1 and words[k] in self.not_first:
            k += 1
        return sum(len(w) + 1 for w in words[:k])

    def _product_end(self, run: str, numbered: bool = False) -> int:
        """How much of `run` (words after a verb of making) is a product name: up to a year, if a
        word with a digit or an unknown acronym is in it, or a capitalised word with a number
        ("Intel 4004"), or (`numbered`: after a lead word) a model number ("the 6502"); 0 when
        none is, or the name is a known one."""
        words = run.split(" ")
        model = numbered and bool(_MODEL_NUMBER.fullmatch(words[0]))
        for k, word in enumerate(words):
            if _YEARLIKE.fullmatch(word) or (word.isdigit() and k == 0 and not model):
                words = words[:k]
                break
        if model:
            return len(words[0])  # the number alone: "the 6502 in 1975"
        shaped = [w for w in words if (_DIGITAL_WORD.fullmatch(w) or _ACRONYM_WORD.fullmatch(w)) and key_of(w) not in self.not_products]
        numbered = any(w.isdigit() for w in words[1:])
        if not words or not (shaped or numbered) or words[0] in self.not_first:
            return 0
        name = " ".join(words)
        if key_of(name) in self.known or (len(words) == 1 and key_of(name) in self.not_products):
            return 0
        return len(name)

    # -- institutions -----------------------------------------------------------------------------

    def institutions(self, text: str, starts: list[int] | None = None) -> Iterator[Named]:
        """An unknown acronym or "X & Y" after a word of working at a place ("joined IRIA", "a
        brand manager at Procter & Gamble"), unless a capitalised word follows ("at TU Munich" is
        the start of a longer name); a capitalised name after a word of buying ("agreed to buy
        Inphi"); a known institution and a place, one of its units ("Intel Israel")."""
        for m in matches_from(self.org, text, self.trigger_starts(text) if starts is None else starts):
            name = m.group(1)
            before = text[max(0, m.start() - 30):m.start()].split()
            if (key_of(name) in self.known or key_of(name) in self.not_products or (before and before[-1] in self.not_org_after)
                    or _NEXT_CAPITAL.match(text, m.end())):
                continue
            yield Named(m.start(1), m.end(1), "ORG", "en-org")
        for m in matches_from(self.bought, text, self.trigger_starts(text) if starts is None else starts):
            # A company bought, not a person ("acquired Ken's …") nor one the gazetteer knows.
            first = m.group(1).split()[0]
            if key_of(m.group(1)) in self.known or key_of(first) in self.rules.given_names or key_of(first) in self.not_products:
                continue
            yield Named(m.start(1), m.end(1), "ORG", "en-org")
        for m in self.unit.finditer(text):
            if key_of(m.group(1)) in self.orgs and key_of(m.group(2)) in self.places and key_of(m.group()) not in self.known:
                yield Named(m.start(), m.end(), "ORG", "en-org-unit")

    # -- titles and terms -------------------------------------------------------------------------

    def titles(self, text: str, starts: list[int] | None = None) -> Iterator[Named]:
        """A Title Case run after a verb of writing ("co-wrote Introduction to VLSI Systems") or a
        quoted title after one ("published 'A Protocol for Packet Network Intercommunication'"):
        a work; a quoted phrase after a verb of coining: a technology."""
        starts = self.trigger_starts(text) if starts is None else starts
        for m in matches_from(self.title, text, starts):
            words = m.group(1).split(" ")
            first = words[1] if words[0] in self.articles else words[0]
            if first in self.not_first or key_of(first) in self.known or key_of(first) in self.rules.given_names:
                continue
            end = self._title_end(words)
            if sum(w[0].isupper() and len(w) > 1 for w in words[:end]) >= 2:
                yield Named(m.start(1), m.start(1) + len(" ".join(words[:end])), "WORK", "en-title")
        for m in matches_from(self.quoted_title, text, starts):
            if not any(is_cjk(ch) for ch in m.group("q")):
                yield Named(m.start("q") + 1, m.end("q") - 1, "WORK", "en-title")
        for m in matches_from(self.coined, text, starts):
            if not any(is_cjk(ch) for ch in m.group("q")):
                yield Named(m.start("q") + 1, m.end("q") - 1, "TECH", "en-coined")

    def _title_end(self, words: list[str]) -> int:
        """How many of `words` are the title: up to a `title_breaks` word followed by a known name
        ("A Theory of the Learnable in Communications of the ACM", "… with Carver Mead")."""
        for k in range(1, len(words) - 1):
            if words[k] in self.title_breaks and any(key_of(" ".join(words[k + 1:j])) in self.known
                                             for j in range(k + 2, min(len(words), k + 6) + 1)):
                return k
        return len(words)

    # -- people -----------------------------------------------------------------------------------

    def joined_people(self, text: str, people: list[tuple[int, int]]) -> Iterator[Named]:
        """Names joined to a person found (`people`: spans) by a `joiners` word, and to those in
        turn: "Amnon Shashua and Ziv Aviram", "Gil Shwed, Marius Nacht and Shlomo Kramer"; not a
        name with a word the gazetteer knows as something else ("Intel Israel") or that ends no
        name ("Bell Labs", "Creative Technology")."""
        seen = set(people)
        todo = sorted(people)
        while todo:
            start, end = todo.pop()
            for m in (self.joined_after.match(text, end), self.joined_before.search(text, max(0, start - 48), start)):
                if not m or m.span("name") in seen:
                    continue
                words = [key_of(w) for w in m.group("name").split()]
                if any(w in self.not_name_words or w in self.things for w in words) or key_of(m.group("name")) in self.things:
                    continue
                seen.add(m.span("name"))
                todo.append(m.span("name"))
                yield Named(*m.span("name"), "PERSON", "joined-name")

    def romanised_names(self, text: str) -> Iterator[Named]:
        """A romanised Chinese or Korean surname and a given name of two syllables, hyphenated or
        not: "Lee Byung-chul", "Sim Wong Hoo", "Ng Kai Wa"."""
        for m in _at_word_starts(self.romanised, text):
            parts = [p for p in m.groups() if p]
            if all(self.syllable.fullmatch(p.casefold()) for p in parts):
                yield Named(m.start(), m.end(), "PERSON", "en-romanised")

    def lower_case_names(self, text: str) -> Iterator[Named]:
        """In a text without a capital letter (a subtitle transcript), a known given name and
        another word, at the start of a clause and before a `lower_name_after` verb: "in 1991 mark
        mccahill and paul lindner … released gopher", "vinod dham was hired"."""
        if _CAPITAL.search(text):
            return
        last_end = -1
        for m in _at_word_starts(self.lower_name, text):
            given, surname = m.group(1), m.group(2)
            if (given not in self.rules.given_names or surname in self.not_lower_surname or surname in self.rules.given_names
                    or key_of(f"{given} {surname}") in self.known):
                continue
            # After a weak word ("was", "and"), only at a line's start, after a number or right
            # after another such name: ">> and max speed was reached" names nobody.
            if not self._clause_start(text, m.start(), strict=m.group(3) in self.lower_name_weak, after_name=last_end):
                continue
            last_end = m.end(2)
            yield Named(m.start(), m.end(2), "PERSON", "en-lower-name")

    def _clause_start(self, text: str, at: int, strict: bool, after_name: int) -> bool:
        """Whether a clause starts at `at`: at a line's start or after a turn mark (">>") or a
        number; unless `strict` (after a weak word), also after a comma or a `lower_name_before`
        word. After a name that ends at `after_name` and "and", always."""
        last = _word_before(text, at)
        if not last or last[-1] == ">" or last.isdigit():
            return True
        if last == "and" and text[after_name:at].strip() == "and":
            return True
        return not strict and (last in self.lower_name_before or last[-1] in ",;:")


def _word_before(text: str, at: int) -> str:
    """The word right before `at` on its line, "" at the line's start. Read back from `at` only:
    a transcript may be one line of a megabyte, asked about at every name."""
    end = at
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]
