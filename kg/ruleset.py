"""Load `rules/` (the gazetteer, discovery lists, year guards, stop lists) into plain records.

Rules are data: YAML and line-based text files a person edits. Every mistake in them stops the
build with `file:line: message`. The bundled rules ship inside the package; `--rules DIR` adds a
folder whose entries replace bundled ones with the same key.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
import importlib.util
from pathlib import Path

import yaml

from .normalize import key_of, to_simplified
from .rules_cache import parsed
from .schema import check

__all__ = ["EntityRule", "Rules", "RulesError", "load_rules", "bundled_rules_dir", "per_rules", "TYPES"]

TYPES = ("PERSON", "ORG", "TECH", "YEAR", "FIELD", "PLACE", "VENUE", "AWARD", "WORK")
CASE_MODES = ("auto", "exact", "any")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ENTITY_KEYS = {"id", "type", "name", "zh", "aliases", "short", "case", "parent", "university", "__line__", "__lines__"}


class RulesError(ValueError):
    """An invalid rules file; the message starts with `file:line:`."""


@dataclass(frozen=True)
class EntityRule:
    """One gazetteer entry. `key` is the node key (`person:geoffrey-hinton`)."""

    key: str
    type: str
    label: str
    label_zh: str = ""
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    case: str = "auto"
    parent: str = ""
    university: str = ""
    source: str = field(default="", compare=False)


@dataclass(frozen=True)
class Rules:
    """Everything `rules/` says, folded for matching."""

    entities: dict[str, EntityRule]
    discovery: dict
    years: dict
    given_names: frozenset[str]
    surnames_zh: frozenset[str]
    translit_chars: frozenset[str]
    stop_keys: frozenset[str]
    abbreviations: frozenset[str]
    boilerplate: dict = field(default_factory=dict)
    resolve: dict = field(default_factory=dict)
    relations: dict = field(default_factory=dict)
    dirs: tuple[str, ...] = ()


def per_rules(fn):
    """Decorator: `fn(rules)` computed once per Rules object (which holds dicts, so it cannot be an
    lru_cache key). For tables derived from the rules that every document would rebuild."""
    cache: dict[int, tuple] = {}

    @functools.wraps(fn)
    def derived(rules):
        hit = cache.get(id(rules))
        if hit is None or hit[0] is not rules:
            if len(cache) >= 8:
                cache.clear()
            hit = cache[id(rules)] = (rules, fn(rules))
        return hit[1]

    return derived


# libyaml's parser when PyYAML was built with it: the gazetteer loads ten times faster.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """A YAML loader that records the line of every mapping (`__line__`) and of its keys (`__lines__`),
    and refuses a key given twice in one mapping (YAML would keep the last one without a word)."""

    def construct_mapping(self, node, deep=False):
        # Keys written twice, before merges (`<<: *base`) bring in the keys they may override.
        written: dict = {}
        for k, _ in node.value:
            if k.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(k)
            if key in written:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} is given twice in one mapping (first on line {written[key]})", k.start_mark)
            written[key] = k.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {self.construct_object(k): k.start_mark.line + 1 for k, _ in node.value}
        return mapping


def bundled_rules_dir() -> Path:
    """The rules shipped inside the package (`rules/` of the source tree, installed as `kg/rules`)."""
    installed = Path(__file__).resolve().parent / "rules"
    if installed.is_dir():
        return installed
    # An editable install maps the package `kg.rules` onto the source tree's `rules/`.
    spec = importlib.util.find_spec("kg.rules")
    if spec and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return installed.parent.parent / "rules"  # a source tree that was never installed


# The parser's code, which parsed rules are kept under (kg.rules_cache): this module and PyYAML's.
_PARSER_ID = hashlib.sha256(Path(__file__).read_bytes() + f"{yaml.__version__} {_BaseLoader.__name__}".encode()).digest()


def _load_yaml(path: Path):
    try:
        return parsed(path.read_bytes(), _parse_yaml, _PARSER_ID)
    except OSError as err:
        raise RulesError(f"{path}:1: cannot be read: {err.strerror or err}") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise RulesError(f"{path}:{line}: invalid YAML: {problem}") from err
    except UnicodeDecodeError as err:
        raise RulesError(f"{path}:1: not UTF-8 text") from err


def _parse_yaml(raw: bytes):
    return yaml.load(raw.decode("utf-8"), Loader=_LineLoader)  # noqa: S506 (a safe loader)


def _strings(value, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RulesError(f"{where}: {what} must be a list")
    out = []
    for item in value:
        if isinstance(item, (dict, list)) or item is None:
            raise RulesError(f"{where}: {what} must hold names, not {type(item).__name__}")
        out.append(str(item).strip())
    return tuple(s for s in out if s)


def _entity(raw, path: Path, default_type: str | None, parent_line: int) -> EntityRule:
    line = raw.get("__line__", parent_line) if isinstance(raw, dict) else parent_line
    where = f"{path}:{line}"
    if not isinstance(raw, dict):
        raise RulesError(f"{where}: an entity must be a mapping with id and name")
    unknown = set(raw) - _ENTITY_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    slug = str(raw.get("id", "")).strip()
    if not _SLUG.fullmatch(slug):
        raise RulesError(f"{where}: id {slug!r} must be a slug of a-z, 0-9 and '-'")
    etype = str(raw.get("type") or default_type or "").upper()
    if etype not in TYPES:
        raise RulesError(f"{where}: type {etype or '(missing)'!r} is not one of {', '.join(TYPES)}")
    label = str(raw.get("name") or "").strip()
    if not label:
        raise RulesError(f"{where}: entity {slug!r} has no name")
    case = str(raw.get("case") or "auto")
    if case not in CASE_MODES:
        raise RulesError(f"{where}: case must be one of {', '.join(CASE_MODES)}")
    parent = str(raw.get("parent") or "").strip()
    university = str(raw.get("university") or "").strip()
    return EntityRule(
        key=f"{etype.lower()}:{slug}",
        type=etype,
        label=label,
        label_zh=to_simplified(str(raw.get("zh") or "").strip()),
        aliases=_strings(raw.get("aliases"), where, "aliases"),
        short=_strings(raw.get("short"), where, "short"),
        case=case,
        parent=f"{etype.lower()}:{parent}" if parent else "",
        university=f"org:{university}" if university else "",
        source=where,
    )


def _entity_file(path: Path) -> list[EntityRule]:
    data = _load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise RulesError(f"{path}:1: expected a mapping with an 'entities' list")
    default_type = data.get("type")
    line = data.get("__line__", 1)
    return [_entity(raw, path, default_type, line) for raw in data["entities"]]


def _word_list(path: Path) -> list[str]:
    """A line-based list; `#` starts a comment."""
    if not path.exists():
        return []
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        words.extend(line.split())
    return words


def _mapping(path: Path) -> dict:
    """A rules file other than the gazetteer, checked against its schema (kg/schema.py)."""
    if not path.exists():
        return {}
    data = _load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RulesError(f"{path}:1: expected a mapping")
    return check(path, data)


def _merge(base: dict, extra: dict) -> dict:
    """Lists are joined, mappings merged, scalars replaced (a user's rules add to the bundled ones)."""
    out = dict(base)
    for k, v in extra.items():
        if isinstance(v, list) and isinstance(out.get(k), list):
            out[k] = out[k] + v
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _check_parents(entities: dict[str, EntityRule]) -> None:
    for rule in entities.values():
        if rule.parent and rule.parent not in entities:
            raise RulesError(f"{rule.source}: parent {rule.parent.split(':', 1)[1]!r} is not a known {rule.type} id")


@functools.lru_cache(maxsize=8)
def load_rules(dirs: tuple[str, ...] = ()) -> Rules:
    """Bundled rules plus the folders in `dirs` (later folders win on repeated keys)."""
    folders = [bundled_rules_dir(), *(Path(d) for d in dirs)]
    entities: dict[str, EntityRule] = {}
    discovery: dict = {}
    years: dict = {}
    stop: dict = {}
    segment: dict = {}
    boilerplate: dict = {}
    resolve_conf: dict = {}
    relations: dict = {}
    given: list[str] = []
    surnames: list[str] = []
    translit: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            raise RulesError(f"{folder}:1: rules folder not found")
        seen: dict[str, str] = {}
        for path in sorted((folder / "entities").glob("*.yaml")):
            for rule in _entity_file(path):
                if rule.key in seen:
                    raise RulesError(f"{rule.source}: id repeats {rule.key} from {seen[rule.key]}")
                seen[rule.key] = rule.source
                entities[rule.key] = rule
        discovery = _merge(discovery, _mapping(folder / "discovery.yaml"))
        years = _merge(years, _mapping(folder / "years.yaml"))
        stop = _merge(stop, _mapping(folder / "stoplists.yaml"))
        segment = _merge(segment, _mapping(folder / "segment.yaml"))
        boilerplate = _merge(boilerplate, _mapping(folder / "boilerplate.yaml"))
        resolve_conf = _merge(resolve_conf, _mapping(folder / "resolve.yaml"))
        relations = _merge(relations, _mapping(folder / "relations.yaml"))
        given += _word_list(folder / "discovery" / "given_names.txt")
        surnames += _word_list(folder / "discovery" / "surnames_zh.txt")
        translit += list("".join(_word_list(folder / "discovery" / "transliteration_chars.txt")))
    _check_parents(entities)
    return Rules(
        entities=entities,
        discovery=discovery,
        years=years,
        given_names=frozenset(key_of(n) for n in given),
        surnames_zh=frozenset(to_simplified(s) for s in surnames),
        translit_chars=frozenset(to_simplified("".join(translit))) | frozenset(translit),
        stop_keys=frozenset(key_of(str(s)) for s in stop.get("never", []) if str(s).strip()),
        abbreviations=frozenset(str(a).casefold() for a in segment.get("abbreviations", [])),
        boilerplate=boilerplate,
        resolve=resolve_conf,
        relations=relations,
        dirs=tuple(str(f) for f in folders),
    )
