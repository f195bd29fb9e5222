"""The work done for each document, in whichever process runs it (here, a pool worker, a Dask worker).

1. `extract_document`: the spaCy pipeline's mentions, resolved once.
2. The corpus step, in the calling process: the aliases the corpus teaches (kg.learn).
3. `finish_document`: the learned names found in the document, resolved again, related, and turned
   into the document's part of the graph (kg.graph.DocumentParts).

Arguments and results are plain data that pickles; what does not (the spaCy pipeline, the OpenCC
converters, Aho-Corasick automata) is built where the work runs, once per process. Results are
returned, never raised: one document's failure is a `Failed`, which the build reports and skips.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from .engine import set_aside_now
from .extract import Mention, extract, make_nlp
from .graph import DocumentParts, document_parts
from .learn import TEACHING, add_learned, find_in_document, learned_matcher
from .memo import one_document
from .read import Document
from .relate import relate
from .resolve import resolve
from .ruleset import RulesError, load_rules

__all__ = ["Failed", "Settings", "Taught", "extract_document", "finish_document", "pack", "taught", "teaching", "unpack", "warm"]


@dataclass(frozen=True)
class Settings:
    """What every worker needs to do the same work: the user's rules folders, the NER setting, and
    the fingerprint (kg.cache.fingerprint) of the code and rules the results depend on."""

    rules: tuple[str, ...] = ()
    ner: str = "auto"
    fingerprint: str = ""


@dataclass(frozen=True)
class Taught:
    """The aliases the corpus teaches (kg.learn.learned_aliases) and their digest, by which each
    worker keeps the matcher it built from them."""

    digest: str
    index: dict


class Failed(NamedTuple):
    """A document that could not be processed, and why (one line)."""

    reason: str


class Extracted(NamedTuple):
    mentions: list[Mention]
    resolved: list[Mention]
    why: dict[str, list[str]]


def taught(index: dict) -> Taught:
    """`index` with its digest."""
    data = json.dumps({k: [list(e) for e in v] for k, v in index.items()}, ensure_ascii=False, sort_keys=True)
    return Taught(hashlib.sha256(data.encode("utf-8")).hexdigest(), index)


# -- in the worker ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=2)
def _nlp(settings: Settings):
    from .cache import fingerprint  # noqa: PLC0415  (kg.cache imports this module's pack format)

    if settings.fingerprint and fingerprint(settings.rules, settings.ner) != settings.fingerprint:
        # A worker with other rules, another kg or another NER model would build another graph.
        raise RulesError("a worker's kg, rules or NER model differ from the caller's: install the same on every worker")
    nlp = make_nlp(settings.rules, settings.ner)
    set_aside_now()  # kept for the process's life: no garbage to look for in it
    return nlp


_MATCHERS: dict[str, object] = {}


def _matcher(lesson: Taught):
    if lesson.digest not in _MATCHERS:
        _MATCHERS.clear()  # one corpus at a time
        _MATCHERS[lesson.digest] = learned_matcher(lesson.index)
    return _MATCHERS[lesson.digest]


def warm(settings: Settings) -> None:
    """Build the pipeline ahead of the first document (a worker's first task); a failure is left
    for that document to report."""
    try:
        _nlp(settings)
    except Exception:  # noqa: BLE001,S110
        pass


def extract_document(settings: Settings, name: str, text: str) -> bytes | Failed:
    """The packed (`pack`) mentions of one document, resolved once, or why it failed."""
    nlp = _nlp(settings)  # outside the guard: a broken worker stops the build, not one document
    try:
        rules = load_rules(settings.rules)
        with one_document(text):  # the components share its Simplified text
            mentions = list(extract([Document(name, text)], nlp))
        resolved, why = resolve(mentions, rules, {name: text})
        return pack(Extracted(mentions, resolved, why))
    except Exception as err:  # noqa: BLE001  (one bad document must not cost the corpus)
        return Failed(f"{type(err).__name__}: {err}")


def finish_document(settings: Settings, lesson: Taught, name: str, text: str, packed: bytes) -> DocumentParts | Failed:
    """One document's part of the graph, from its packed extraction and what the corpus taught."""
    try:
        rules = load_rules(settings.rules)
        data = _body(packed)
        resolved, why = _resolved(data, name), data["why"]
        with one_document(text):  # the learned names and the relations share its key and sentences
            learned = find_in_document(name, text, resolved, _matcher(lesson), rules)
            if learned:
                # Names the corpus defined elsewhere: resolve again with them (as kg.learn says),
                # from the mentions as extracted (only then made: most documents learn nothing).
                resolved, why = resolve(add_learned(_mentions(data["mentions"], name), learned), rules, {name: text})
            relations = relate(resolved, {name: text}, rules)
        return document_parts(resolved, relations, why)
    except Exception as err:  # noqa: BLE001
        return Failed(f"{type(err).__name__}: {err}")


# -- packing ------------------------------------------------------------------------------------


def _rows(mentions: Iterable[Mention]) -> list[list]:
    return [[m.ids, m.type, m.text, m.start, m.end, *m.sentence, m.source] for m in mentions]


def _mentions(rows: list[list], name: str) -> list[Mention]:
    return [Mention(ids, kind, text, name, start, end, (s0, s1), source) for ids, kind, text, start, end, s0, s1, source in rows]


def _resolved_rows(resolved: list[Mention], mentions: list[Mention]) -> list:
    """Rows of the resolved mentions; one that stands just where a mention stands (most do) as
    [that mention's index, ids, type], or as the index alone when it is that very mention (most
    are: kg.resolve keeps a mention that names its entity already)."""
    index = {id(m): i for i, m in enumerate(mentions)}
    starts = [m.start for m in mentions]  # in text order, as extracted: looked up by bisection
    rows = []
    for m in resolved:
        i = index.get(id(m))
        if i is not None:
            rows.append(i)
            continue
        i = bisect.bisect_left(starts, m.start)
        while i < len(mentions) and starts[i] == m.start and not _same_place(mentions[i], m):
            i += 1
        if i == len(mentions) or starts[i] != m.start:
            i = None
        rows.append([m.ids, m.type, m.text, m.start, m.end, *m.sentence, m.source] if i is None else [i, m.ids, m.type])
    return rows


def _same_place(a: Mention, b: Mention) -> bool:
    return (a.text, a.start, a.end, a.sentence, a.source) == (b.text, b.start, b.end, b.sentence, b.source)


def _resolved(data: dict, name: str) -> list[Mention]:
    """The resolved mentions of a packed extraction's body (`_resolved_rows`)."""
    rows = data["mentions"]
    out = []
    for row in data["resolved"]:
        if type(row) is int:
            ids, kind, text, start, end, s0, s1, source = rows[row]
        elif len(row) == 3:
            i, ids, kind = row
            _, _, text, start, end, s0, s1, source = rows[i]
        else:
            ids, kind, text, start, end, s0, s1, source = row
        out.append(Mention(ids, kind, text, name, start, end, (s0, s1), source))
    return out


# Plain lists and dicts, which hold no cycles: not checked for them.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _blob(data) -> bytes:
    return zlib.compress(_JSON.encode(data).encode("utf-8", "surrogatepass"), 1)


def _load(blob: bytes):
    return json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))


def pack(extracted: Extracted) -> bytes:
    """An extraction as compressed JSON, without the document's name (the same text under another
    name packs the same): small to hold for a whole corpus, to send, and to cache. The mentions
    that teach aliases (kg.learn) come first, apart, so the corpus step reads only them."""
    lesson = _blob(_rows(m for m in extracted.resolved if m.source in TEACHING))
    body = _blob({"mentions": _rows(extracted.mentions), "resolved": _resolved_rows(extracted.resolved, extracted.mentions), "why": extracted.why})
    return len(lesson).to_bytes(4, "big") + lesson + body


def teaching(packed: bytes, name: str) -> list[Mention]:
    """The resolved mentions of a packed extraction that can teach an alias."""
    size = int.from_bytes(packed[:4], "big")
    return _mentions(_load(packed[4:4 + size]), name)


def unpack(packed: bytes, name: str) -> Extracted:
    """The extraction `pack` packed, its mentions in document `name`."""
    data = _body(packed)
    return Extracted(_mentions(data["mentions"], name), _resolved(data, name), data["why"])


def _body(packed: bytes) -> dict:
    """The mentions (as rows), the resolved mentions (as `_resolved_rows`) and the reasons of a
    packed extraction."""
    return _load(packed[4 + int.from_bytes(packed[:4], "big"):])
