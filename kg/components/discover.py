"""spaCy component `kg_discover`: names the gazetteer does not know, found by their shape and context.

Rules (words and lists in `rules/discovery.yaml` and `rules/discovery/`):
- latin-name: a known given name + capitalised surname(s): "Larry Jackal", "Drew van Camp";
  two Latin words joined by a name dot: "Langer·Higgins".
- dot-name: transliterated foreign names with a name dot: "唐·诺曼", "斯图尔特·萨德兰".
- gloss: a transliteration glossed by a Latin name: "朗格希金斯(Langer·Higgins)".
- cjk-name: Chinese names in by-lines, speaker labels, after a role and in running text
  (kg.components.zh_names: "作者：罗景文", "副总裁邹欣", "由蔡明介创办"); every other occurrence
  of such a name in the document follows.
- org: "University of X", "X Technologies", a Latin name + 公司; Chinese names of institutions
  (kg.components.zh_orgs: "纽约大学", "加入了标准电讯实验室", "创办了王码公司").
- tech-shape: CamelCase and letter-digit words in Chinese text ("ConvNetJS", "CIFAR-10").
- tech-name: capitalised words before a head word ("Sparse Oscillator Network"), and a Chinese name
  with a head word right after a naming verb (kg.components.zh_tech: "叫做稀疏振荡网络").
- acronym: a long name and the acronym it defines in brackets, one entity (kg.components.acronyms):
  "Sparse Oscillator Network (SON)", "稀疏振荡网络（Sparse Oscillator Network，简称 SON）".
- latin-cap: any capitalised word, a weak candidate that only survives as part of a known name.
- en-*: English names by the words around them (kg.components.en_names): "invented the EPROM",
  "at IRIA", "Intel Israel", "co-wrote Introduction to VLSI Systems", "Lee Byung-chul", "vinod dham was".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from ..normalize import CJK_RANGES, NAME_DOTS, key_of, keys_of, to_simplified
from ..ruleset import Rules, load_rules
from .acronyms import Acronyms
from .en_names import EnglishNames
from .scan import all_starts, alternation, in_lines, matches_from, not_after, positions, starts_before
from .spans import doc_text, span_adder
from .zh_names import ChineseNames
from .zh_orgs import ChineseInstitutions
from .zh_tech import ChineseTech

__all__ = ["Discoverer", "Found", "slug"]

DEFAULT_CONFIG = {"rules": []}

_DOTS = f"[{NAME_DOTS}]"
_LOWER = "a-zß-öø-ÿ"  # Latin-1 lower-case letters, without ÷


_CAP_HEAD = "[A-ZÀ-ÖØ-Þ]"
_CAP_TAIL = rf"[{_LOWER}]+(?:[A-Z][{_LOWER}]+)?(?:-[A-Z][{_LOWER}]+)?"
_CAP = _CAP_HEAD + _CAP_TAIL
# A capitalised word not right after a letter or digit.
_CAP_FREE = not_after("A-Za-z0-9", _CAP_HEAD) + _CAP_TAIL
_CAP_WORD = re.compile(_CAP_FREE)
_CAP_PAIR = re.compile(rf"{_CAP_FREE}(?: {_CAP})?(?![A-Za-z0-9])")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9'’.-]*")
_WORD_CHARS = "A-Za-zÀ-ÿ0-9'’.-"
_WORD_CHAR = re.compile(f"[{_WORD_CHARS}]")
_LETTER = re.compile("[A-Za-zÀ-ÿ]")
# What a CamelCase or letter-digit word has somewhere in it: only words with it are looked at.
# (`[a-z][A-Z]|[A-Za-z]-?\d`, written to start with the capital or the digit, checking what comes
# before it after: the regex engine skips ahead to those, rarer than letters.)
_SHAPE = re.compile(r"[A-Z0-9](?:(?<=[a-z][A-Z])|(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d))")
_WORD_TAIL = re.compile(f"[{_WORD_CHARS}]*")
# How far around a name its line is looked at.
_REACH = 300
_OPEN, _CLOSE = "(（", ")）,，;；"
_LATIN_DOT_NAME = re.compile(rf"{not_after('A-Za-z', _CAP_HEAD)}{_CAP_TAIL}(?:{_DOTS}{_CAP})+(?![A-Za-z])")
_NON_SPACE = re.compile(r"\S+")
_NAME_GAP = re.compile(rf"\s|{_DOTS}")
_DOT = re.compile(_DOTS)
# A name dot right after a lower-case letter: where a Latin dotted name ("Langer·Higgins") has one.
_DOT_AFTER_LOWER = re.compile(f"{_DOTS}(?<=[{_LOWER}]{_DOTS})")
_HAN = re.compile(f"[{CJK_RANGES}]")
# What the Latin name before a Chinese organisation word ends with (org_latin_zh).
_ORG_LATIN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz&.")
_BRACKET = re.compile(f"[{_OPEN}]")


class Found(NamedTuple):
    start: int
    end: int
    type: str
    ids: str
    rule: str


@functools.lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """'Léon Bottou' → 'leon-bottou', 'Søren' → 'søren'; Han names keep their (Simplified) characters."""
    text = unicodedata.normalize("NFKD", key_of(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "-", text).strip("-")


class Discoverer:
    """Finds unknown people, organisations and technologies by rule."""

    def __init__(self, rules: Rules) -> None:
        conf = rules.discovery
        self.rules = rules
        person = conf.get("latin_person", {})
        self.particles = {str(p).casefold() for p in person.get("particles", [])}
        self.not_surname = {str(w) for w in person.get("not_surname", [])}
        self.max_words = int(person.get("max_words", 4))
        # A middle initial may follow the given name: "Bruce D. Lucas".
        self.given_name = re.compile(rf"({_CAP}(?:\s[A-Z]\.)?)((?:\s(?:[a-z]{{1,4}}\s)?{_CAP}){{1,{self.max_words - 1}}})(?![A-Za-z])")
        cjk = conf.get("cjk_person", {})
        self.min_turns = int(cjk.get("min_speaker_turns", 2))
        self.not_name_start = {to_simplified(str(c)) for c in cjk.get("not_name_start", [])}
        self.not_name_end = {to_simplified(str(c)) for c in cjk.get("not_name_end", [])}
        chars = "".join(sorted(rules.translit_chars))
        self.translit = f"[{re.escape(chars)}]" if chars else "(?!)"
        # Compiled once here: a class of thousands of characters is slow to compile, and falls out
        # of the re module's cache of patterns used by name.
        part = f"{self.translit}{{1,6}}"
        self.dot_name = re.compile(rf"{part}(?:{_DOTS}{part})+")
        # The transliteration may have name dots of its own: "维纳·措恩（Werner Zorn）".
        self.gloss = re.compile(rf"((?:{part}(?:{_DOTS}{part})+|{self.translit}{{2,8}}))\s*[{_OPEN}]\s*({_CAP}(?:(?:\s|{_DOTS}){_CAP}){{0,3}})\s*[{_CLOSE}]")
        self.chinese = ChineseNames(rules)
        self.english = EnglishNames(rules)
        org = conf.get("org", {})
        self.org_en = self._org_en(org)
        self.dotted_suffixes = tuple(f" {s}" for s in map(str, org.get("en_suffixes", [])) if s.endswith("."))
        self.trades = frozenset(map(str, org.get("en_trade_suffixes", [])))
        self.trade_kinds = frozenset(map(str, org.get("en_trade_kinds", [])))
        self.institutions = ChineseInstitutions(rules)
        self.org_latin_zh = re.compile(rf"({not_after('A-Za-z', '[A-Z]')}[A-Za-z&.]*(?: [A-Z][A-Za-z&.]*){{0,3}}) ?(?:{alternation(map(to_simplified, org.get('zh_after_latin', []))) or '(?!)'})")
        # What each of these must hold: only the lines with one are read (neither reaches over a line).
        self.org_latin_zh_hint = re.compile(alternation(map(to_simplified, org.get("zh_after_latin", []))) or "(?!)")
        self.org_en_hint = re.compile(alternation([*org.get("en_prefixes", []), *org.get("en_suffixes", []), *org.get("en_trade_suffixes", [])]) or "(?!)")
        tech = conf.get("tech", {})
        self.not_tech = {key_of(w) for w in tech.get("not_tech", [])}
        self.camel_min = int(tech.get("camel_min_letters", 4))
        self.en_tech = re.compile(
            rf"({not_after('A-Za-z0-9-', '[A-Z]')}[A-Za-z0-9-]*\s(?:[A-Z][A-Za-z0-9-]*\s){{0,3}})"
            rf"({alternation(tech.get('en_heads', [])) or '(?!)'})(?![A-Za-z])"
        )
        # What every match of en_tech holds: a text without one is not read.
        self.en_tech_hint = re.compile(alternation(tech.get("en_heads", [])) or "(?!)")
        self.zh_tech = ChineseTech(rules)
        self.acronym_finder = Acronyms(rules, self.zh_tech, self.not_surname)
        self.org_words = self.acronym_finder.org_words
        # "ICLR2017", "NIPS2012": a known venue or organisation with a year is not a technology.
        self.not_tech_stems = set(keys_of([a for r in rules.entities.values() if r.type not in ("TECH", "FIELD") for a in (r.label, *r.aliases)]))

    def _org_en(self, org: dict) -> re.Pattern:
        words = r"[A-Z][A-Za-z&.-]*"
        prefixes = alternation(org.get("en_prefixes", [])) or "(?!)"
        suffixes = alternation([*org.get("en_suffixes", []), *org.get("en_trade_suffixes", [])]) or "(?!)"
        return re.compile(
            rf"\b(?:(?:{prefixes}) {words}(?: {words}){{0,2}}|{words}(?: {words}){{0,2}} (?:{suffixes}))(?![A-Za-z])"
        )

    # -- people ---------------------------------------------------------------------------------

    def latin_names(self, text: str) -> Iterator[Found]:
        for m in in_lines(_LATIN_DOT_NAME, text, positions(_DOT_AFTER_LOWER, text)):
            yield Found(m.start(), m.end(), "PERSON", f"person:{slug(m.group())}", "latin-dot-name")
        found: list[tuple[int, int]] = []
        # Every capitalised word is tried as a given name (a failed "Then Marta…" must not hide "Marta…").
        for first in _CAP_WORD.finditer(text):
            if key_of(first.group()) not in self.rules.given_names:
                continue
            m = self.given_name.match(text, first.start())
            if not m:
                continue
            words = list(_NON_SPACE.finditer(m.group(2)))
            while words and words[-1].group() in self.not_surname:
                words.pop()
            # A lower-case word that is no particle ends the name: "Louis Monier and Michael Burrows".
            lower = next((k for k, w in enumerate(words) if w.group().islower() and w.group() not in self.particles), len(words))
            words = words[:lower]
            while words and words[-1].group().islower():
                words.pop()  # "Edson de" is not a name without "Castro"
            if not words or words[0].group() in self.not_surname:
                continue
            end = m.start(2) + words[-1].end()
            found.append((m.start(), end))
            yield Found(m.start(), end, "PERSON", f"person:{slug(text[m.start():end])}", "latin-name")
        for name in self.english.joined_people(text, found):
            yield Found(name.start, name.end, "PERSON", f"person:{slug(text[name.start:name.end])}", name.rule)

    def capitalised(self, text: str) -> Iterator[Found]:
        """Any capitalised Latin word or pair: kept only if it turns out to be part of a name met
        elsewhere in the document ("Chomsky" after "Noam Chomsky"; see kg.resolve)."""
        for m in _CAP_PAIR.finditer(text):
            if m.group() not in self.not_surname:
                yield Found(m.start(), m.end(), "PERSON", "", "latin-cap")

    def dot_names(self, text: str) -> Iterator[Found]:
        for m in matches_from(self.dot_name, text, starts_before(text, positions(_DOT, text), 1, 6)):
            start = m.start()
            while to_simplified(text[start]) in self.not_name_start and text[start + 1] not in NAME_DOTS:
                start += 1
            end = m.end()
            while to_simplified(text[end - 1]) in self.not_name_end and text[end - 2] not in NAME_DOTS:
                end -= 1  # "拉里·佩奇于1998年": the clause's word
            yield Found(start, end, "PERSON", f"person:{slug(text[start:end])}", "dot-name")

    def glosses(self, text: str) -> Iterator[Found]:
        """A transliteration followed by its Latin original in brackets names one person."""
        for m in matches_from(self.gloss, text, starts_before(text, positions(_BRACKET, text), 2, 14, spaced=True)):
            latin = m.group(2)
            words = _NAME_GAP.split(latin)
            if len(words) < 2 and key_of(latin) not in self.rules.given_names:
                continue
            # A dotted transliteration keeps the key a dot name has wherever it stands without its gloss.
            ids = f"person:{slug(m.group(1) if _DOT.search(m.group(1)) else latin)}"
            yield Found(m.start(1), m.end(1), "PERSON", ids, "gloss")
            yield Found(m.start(2), m.end(2), "PERSON", ids, "gloss")

    def cjk_names(self, text: str, simple: str = "") -> Iterator[Found]:
        """Chinese names their context reveals (kg.components.zh_names), at every occurrence."""
        simple = simple or to_simplified(text)
        for name in sorted(self.chinese.find(simple), key=len, reverse=True):
            for m in re.finditer(re.escape(name), simple):
                yield Found(m.start(), m.end(), "PERSON", f"person:{name}", "cjk-name")

    # -- organisations and technologies ---------------------------------------------------------

    def orgs(self, text: str, simple: str = "") -> Iterator[Found]:
        for m in in_lines(self.org_en, text, positions(self.org_en_hint, text)):
            # A sentence's first word is capitalised too: "At Bell Labs, …" names Bell Labs, "The
            # University of Wollongong" the University of Wollongong.
            first = m.group().split(" ", 1)[0]
            if first in self.not_surname and first not in self.org_words:
                m = self.org_en.match(text, m.start() + len(first) + 1)
                if m is None:
                    continue
            name = m.group()
            # A full stop ends the sentence, not the name, unless it closes an abbreviation (Inc.).
            cut = name.find(". ")
            if cut >= 0 and not name[:cut + 1].endswith(self.dotted_suffixes):
                name = name[:cut]
            while name[-1] in ".-" and not name.endswith(self.dotted_suffixes):
                name = name[:-1]
            words = name.split()
            if words[-1] in self.trades and all(w in self.trade_kinds for w in words[:-1]):
                continue  # "Consumer Electronics": a kind of business
            yield Found(m.start(), m.start() + len(name), "ORG", f"org:{slug(name)}", "org-name")
        simple = simple or to_simplified(text)
        for start, end, rule, key in self.institutions.find(simple):
            yield Found(start, end, "ORG", key or f"org:{slug(simple[start:end])}", rule)
        # The Latin name ends right before the word, or before one space.
        hints = [at for at in all_starts(self.org_latin_zh_hint, text) if text[max(0, at - 2):at].rstrip(" ")[-1:] in _ORG_LATIN_CHARS]
        for m in in_lines(self.org_latin_zh, text, hints):
            # "Mike Schroepfer 公司的 CTO" is a person before 公司, not a company.
            if key_of(m.group(1).split()[0]) in self.rules.given_names and " " in m.group(1):
                continue
            yield Found(m.start(), m.end(), "ORG", f"org:{slug(m.group())}", "org-latin")

    def tech_shapes(self, text: str) -> Iterator[Found]:
        """CamelCase or letter-digit words that stand next to Han characters or inside Chinese text."""
        for start, word in _shaped_words(text):
            word = word.rstrip(".'’-")
            letters = sum(ch.isalpha() for ch in word)
            camel = re.search(r"[a-z][A-Z]", word) and re.search(r"[a-z]{2}", word) and letters >= self.camel_min
            digits = re.fullmatch(r"[A-Za-z]{2,}-?\d{1,4}[A-Za-z]?", word) and not re.fullmatch(r"[A-Z]{1,3}\d{1,2}", word)
            if not (camel or digits) or key_of(word) in self.not_tech:
                continue
            if key_of(re.sub(r"-?\d+[A-Za-z]?$", "", word)) in self.not_tech_stems:
                continue
            around = text[max(0, start - 20):start + len(word) + 20]
            if not _HAN.search(around):
                continue
            yield Found(start, start + len(word), "TECH", f"tech:{slug(word)}", "tech-shape")

    def named_tech(self, text: str, simple: str = "") -> Iterator[Found]:
        """Capitalised names with a technology head word; Chinese ones right after a naming verb."""
        for m in self.en_tech.finditer(text if self.en_tech_hint.search(text) else ""):
            if _title_case_line(text, m.start()):
                continue  # "… Deep Learning and Make Machines Smarter": a headline capitalises everything
            words = m.group(1).split()
            while words and words[0] in self.not_surname:
                words.pop(0)
            if not words:
                continue
            start = m.end(1) - len(" ".join(words)) - 1
            yield Found(start, m.end(), "TECH", f"tech:{slug(text[start:m.end()])}", "tech-name")
        simple = simple or to_simplified(text)
        for start, end in self.zh_tech.find(simple):
            yield Found(start, end, "TECH", f"tech:{slug(simple[start:end])}", "tech-name")

    def acronyms(self, text: str, simple: str = "") -> Iterator[Found]:
        """A long name with the acronym it defines in brackets (kg.components.acronyms): one entity."""
        for start, end, kind, name in self.acronym_finder.find(text, simple or to_simplified(text)):
            yield Found(start, end, kind, f"{kind.lower()}:{slug(name)}", "acronym")

    def find(self, text: str, simple: str = "") -> Iterator[Found]:
        """Every candidate of every rule (`simple`: `to_simplified(text)` when already known)."""
        simple = simple or to_simplified(text)
        yield from self.acronyms(text, simple)
        yield from self.named_tech(text, simple)
        for name in self.english.find(text):
            ids = f"{name.type.lower()}:{slug(text[name.start:name.end])}"
            yield Found(name.start, name.end, name.type, ids, name.rule)
        yield from self.latin_names(text)
        yield from self.dot_names(text)
        yield from self.glosses(text)
        yield from self.cjk_names(text, simple)
        yield from self.orgs(text, simple)
        yield from self.tech_shapes(text)
        yield from self.capitalised(text)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        add = span_adder(doc)
        for found in self.find(text):
            if key_of(text[found.start:found.end]) in self.rules.stop_keys:
                continue
            add(found.start, found.end, found.type, found.ids, f"discover:{found.rule}")
        return doc


def _title_case_line(text: str, at: int) -> bool:
    """Whether the line around `at` is a headline: eight or more words, most of them capitalised.
    Only _REACH characters either side count (a headline is short; a book on one line is not)."""
    start = text.rfind("\n", max(0, at - _REACH), at) + 1 or max(0, at - _REACH)
    end = text.find("\n", at, at + _REACH)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text[start:end if end >= 0 else at + _REACH])
    return len(words) >= 8 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _shaped_words(text: str) -> Iterator[tuple[int, str]]:
    """(start, word) of the Latin words (`_LATIN_WORD`) that contain a `_SHAPE`, found from the
    shapes: most words have none, and are never looked at."""
    done = 0
    for hint in _SHAPE.finditer(text):
        if hint.start() < done:
            continue
        # The word is the run of word characters around the hint, from its first letter on.
        start = hint.start()
        while start > done and _WORD_CHAR.match(text[start - 1]):
            start -= 1
        while not _LETTER.match(text[start]):
            start += 1
        done = _WORD_TAIL.match(text, hint.start()).end()
        yield start, text[start:done]


@Language.factory("kg_discover", default_config=DEFAULT_CONFIG)
def make_discover(nlp: Language, name: str, rules: list[str]) -> Discoverer:
    return Discoverer(load_rules(tuple(rules)))
