"""The shape of every rules file other than the gazetteer, checked with `file:line` messages.

A schema is a mapping from key to the Python type its value must have: `list` (of words or
numbers), `int`, `str`, a nested schema (a mapping), or `[schema]` (a list of such mappings).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["RELATIONS", "SCHEMAS", "check", "strip_lines"]

# The relation vocabulary of DESIGN.md (CO_OCCURS is not a rule's to give).
RELATIONS = ("WORKED_AT", "STUDIED_AT", "CREATED", "COLLABORATED_WITH", "MET", "ADVISED", "INFLUENCED",
             "USED", "PART_OF", "ACQUIRED", "FOUNDED", "LEADS", "IN_YEAR")

WORDS = list

SCHEMAS: dict[str, dict] = {
    "years.yaml": {
        "min": int, "max": int, "two_digit_pivot": int, "not_before": WORDS, "not_after": WORDS,
        "numerals": dict, "tens": str, "year_suffix": str, "decade_suffix": str, "century": str,
        "connectors": WORDS, "url_suffixes": WORDS, "decade_words": dict, "age_owners": WORDS, "decade_modifiers": WORDS,
    },
    "discovery.yaml": {
        "latin_person": {"particles": WORDS, "max_words": int, "not_surname": WORDS, "joiners": WORDS},
        "cjk_person": {"credit_labels": WORDS, "role_words": WORDS, "min_speaker_turns": int, "not_name_start": WORDS, "not_name_end": WORDS,
                       "context_before": WORDS, "context_after": WORDS, "not_given": WORDS, "not_names": WORDS,
                       "close_before": WORDS, "close_after": WORDS, "role_not_given": WORDS, "list_ends": WORDS, "list_joiners": WORDS},
        "org": {"en_prefixes": WORDS, "en_suffixes": WORDS, "en_trade_suffixes": WORDS, "en_trade_kinds": WORDS, "zh_suffixes": WORDS, "zh_after_latin": WORDS,
                "zh_name_suffixes": WORDS, "zh_name_max": int, "zh_name_after": WORDS, "zh_generic": WORDS, "zh_unbroken": WORDS,
                "zh_company_suffixes": WORDS, "zh_company_after": WORDS},
        "tech": {
            "camel_min_letters": int, "not_tech": WORDS, "en_heads": WORDS, "zh_heads": WORDS,
            "zh_namers": WORDS, "zh_quoted_after": WORDS, "zh_made_by": WORDS, "zh_product_heads": WORDS, "zh_breaks": WORDS, "zh_max_chars": int, "zh_not_stems": WORDS, "zh_numbered": WORDS, "zh_numerals": WORDS, "zh_numbered_not_before": WORDS, "zh_numbered_not_stems": WORDS,
        },
        "acronym": {"markers": WORDS, "org_words": WORDS},
        "statistical_ner": {"models": WORDS, "labels": dict, "min_latin_share": int},
        "en_context": {
            "product_verbs": WORDS, "product_leads": WORDS, "product_heads": WORDS, "apposed_heads": WORDS, "product_by_verbs": WORDS, "product_end_words": WORDS, "not_products": WORDS,
            "org_before": WORDS, "bought_before": WORDS, "not_org_after": WORDS, "title_verbs": WORDS, "title_small_words": WORDS, "title_articles": WORDS, "title_breaks": WORDS,
            "quoted_title_verbs": WORDS, "coin_verbs": WORDS, "coin_leads": WORDS, "romanised_surnames": WORDS,
            "romanised_syllable": str, "lower_name_before": WORDS, "lower_name_after": WORDS, "lower_name_after_weak": WORDS, "not_lower_surname": WORDS,
        },
    },
    "boilerplate.yaml": {"blocks": [{"start": str, "end": str}]},
    "stoplists.yaml": {"never": WORDS},
    "segment.yaml": {"abbreviations": WORDS},
    "resolve.yaml": {"place_as_university": {"window": int, "cues": WORDS}},
    "relations.yaml": {
        "setting": {"relation": str, "openers": WORDS, "closers": WORDS},
        "max_gap": int, "typed_gap": int, "weak_triggers": WORDS, "list_joiners": WORDS, "list_modifiers": WORDS, "pronoun_gap": int, "reach": int, "confidence": dict,
        "coverbs": WORDS, "not_coverbs": WORDS, "coverb_gap": int, "time_clauses": WORDS, "recipient_markers": WORDS, "compound_heads": WORDS, "org_heads": WORDS, "appositions": WORDS, "aside_openers": WORDS, "object_relatives": WORDS, "relative_antecedents": WORDS, "object_kinds": WORDS, "object_particles": WORDS, "elision_coverbs": WORDS, "year_breaks": WORDS, "place_coverbs": WORDS, "source_coverbs": WORDS, "advisor_markers": WORDS, "agent_markers": WORDS, "title_words": WORDS, "title_modifiers": WORDS, "instrument_coverbs": WORDS, "not_instruments": WORDS, "example_markers": WORDS, "dated_by": WORDS, "joint_work": WORDS, "not_joint": WORDS, "co_maker_markers": WORDS, "pronoun_weak_gap": int, "pronoun_weak_next": WORDS, "object_pronoun_gap": int, "possessives": WORDS, "not_triggers": WORDS, "generic_markers": WORDS, "possessive_gap": int, "owned_kinds": WORDS, "after_reach": int, "negation_reach": int, "role_joiners": WORDS, "negations": WORDS, "clause_breaks": WORDS,
        "subject": {
            "greetings": WORDS, "greeting_window": int, "dominant_share": int,
            "dominant_min": int, "first_person": WORDS, "second_person": WORDS, "third_person": WORDS,
            "pronoun_window": int, "not_pronoun": WORDS, "question_marks": WORDS, "sentence_ends": WORDS, "question_window": int, "turn_marks": WORDS, "label_leads": WORDS, "speech_words": WORDS, "zero_coverbs": WORDS, "topic_verbs": WORDS, "zero_adverbs": WORDS, "continued_verbs": WORDS, "subject_markers": WORDS, "month_words": WORDS, "date_tails": WORDS, "thing_pronouns": WORDS, "thing_window": int, "continuations": WORDS, "clause_dates": WORDS, "institution_pronouns": WORDS, "plural_pronouns": WORDS, "plural_window": int, "company_pronouns": WORDS, "company_oblique": WORDS, "company_window": int,
        },
        "rules": [{"relation": str, "types": WORDS, "triggers": WORDS, "reverse": WORDS, "reverse_before": WORDS, "reverse_after": WORDS, "max_gap": int, "implies": WORDS, "weak_gap": int, "after": WORDS, "after_coverb": WORDS, "one_clause": bool, "object_reach": int, "after_listed": bool, "weak_yields_to": WORDS, "named_part": bool, "after_roles": bool, "not_at_place": bool, "after_clause": WORDS, "alongside": WORDS}],
    },
}
_NAMES = {bool: "true or false", int: "a whole number", str: "a text", list: "a list", dict: "a mapping"}


def _fail(path: Path, line: int, message: str):
    from .ruleset import RulesError  # the error type users catch

    raise RulesError(f"{path}:{line}: {message}")


def _check(path: Path, data, schema, where: str, line: int) -> None:
    if isinstance(schema, list):
        if not isinstance(data, list):
            _fail(path, line, f"{where} must be a list")
        for item in data:
            if not isinstance(item, dict):
                _fail(path, line, f"every item of {where} must be a mapping")
            _check(path, item, schema[0], where, item.get("__line__", line))
        return
    if isinstance(schema, dict):
        if not isinstance(data, dict):
            _fail(path, line, f"{where or 'the file'} must be a mapping")
        lines = data.get("__lines__", {})
        for key, value in data.items():
            if key in ("__line__", "__lines__"):
                continue
            at = lines.get(key, line)
            if key not in schema:
                _fail(path, at, f"unknown key {key!r}" + (f" in {where}" if where else ""))
            _check(path, value, schema[key], f"{where}.{key}" if where else str(key), at)
        return
    if schema is str and data is not None and not isinstance(data, (str, int, float)):
        _fail(path, line, f"{where} must be {_NAMES[str]}")
    if schema is str and not str(data or "").strip():
        _fail(path, line, f"{where} must not be empty")
    if schema is int and (isinstance(data, bool) or not isinstance(data, int)):
        _fail(path, line, f"{where} must be {_NAMES[int]}")
    if schema is list:
        if not isinstance(data, list):
            _fail(path, line, f"{where} must be {_NAMES[list]}")
        for item in data:
            if isinstance(item, (dict, list)) or item is None:
                _fail(path, line, f"{where} must hold words, not {type(item).__name__}")
    if schema is dict and not isinstance(data, dict):
        _fail(path, line, f"{where} must be {_NAMES[dict]}")
    if schema is bool and not isinstance(data, bool):
        _fail(path, line, f"{where} must be {_NAMES[bool]}")


def check(path: Path, data) -> dict:
    """Validate the data of `path` against its schema; return it without line bookkeeping."""
    schema = SCHEMAS.get(path.name)
    if schema is not None and data is not None:
        _check(path, data, schema, "", data.get("__line__", 1) if isinstance(data, dict) else 1)
    if path.name == "relations.yaml" and isinstance(data, dict):
        _check_relation_rules(path, data.get("rules") or [])
    return strip_lines(data) if data is not None else {}


def _check_relation_rules(path: Path, rules: list) -> None:
    from .ruleset import TYPES

    for rule in rules:
        line = rule.get("__line__", 1)
        if rule.get("relation") not in RELATIONS:
            _fail(path, line, f"unknown relation {rule.get('relation')!r} (one of {', '.join(RELATIONS)})")
        types = rule.get("types") or []
        if len(types) != 2 or any(t not in TYPES for t in types):
            _fail(path, line, f"types must be two of {', '.join(sorted(TYPES))}")
        if not rule.get("triggers"):
            _fail(path, line, "a rule needs triggers")
        for implied in [*(rule.get("implies") or []), *(rule.get("weak_yields_to") or [])]:
            if implied not in RELATIONS:
                _fail(path, line, f"unknown implied relation {implied!r}")


def strip_lines(data):
    """`data` without the `__line__`/`__lines__` keys the loader adds to every mapping."""
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k not in ("__line__", "__lines__")}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data
