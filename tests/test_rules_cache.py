"""Parsed rules kept between runs (kg.rules_cache): the same data as a parse, never a stale one."""

import datetime
import os

import pytest

from kg import rules_cache
from kg.rules_cache import parsed
from kg.ruleset import load_rules


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "rules"


def counting(result):
    calls = []

    def parse(raw):
        calls.append(raw)
        return result(raw) if callable(result) else result

    return parse, calls


def test_a_second_read_of_the_same_bytes_is_not_parsed(home):
    parse, calls = counting(lambda raw: {"text": raw.decode(), "__line__": 1, "list": [1, 2.5, None, True]})
    first = parsed(b"abc", parse, b"p1")
    assert parsed(b"abc", parse, b"p1") == first == {"text": "abc", "__line__": 1, "list": [1, 2.5, None, True]}
    assert len(calls) == 1 and len(list(home.iterdir())) == 1


def test_other_bytes_or_another_parser_are_parsed_again(home):
    parse, calls = counting(lambda raw: raw.decode())
    assert [parsed(b"a", parse, b"p1"), parsed(b"b", parse, b"p1"), parsed(b"a", parse, b"p2")] == ["a", "b", "a"]
    assert calls == [b"a", b"b", b"a"]


def test_a_damaged_entry_is_parsed_again(home):
    parse, calls = counting(lambda raw: {"k": raw.decode()})
    parsed(b"abc", parse, b"p")
    (entry,) = home.iterdir()
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert parsed(b"abc", parse, b"p") == {"k": "abc"} and len(calls) == 2
    entry.write_bytes(b"")
    assert parsed(b"abc", parse, b"p") == {"k": "abc"} and len(calls) == 3


def test_off_an_unwritable_folder_or_data_marshal_cannot_hold_cost_only_the_parse(home, monkeypatch, tmp_path):
    parse, calls = counting({"when": datetime.date(1985, 1, 1)})
    assert parsed(b"x", parse, b"p") == {"when": datetime.date(1985, 1, 1)}
    assert not list(home.glob("*.marshal"))
    monkeypatch.setenv("KG_CACHE_HOME", "off")
    parse, calls = counting("v")
    assert parsed(b"x", parse, b"p") == parsed(b"x", parse, b"p") == "v" and len(calls) == 2
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KG_CACHE_HOME", str(blocker))
    assert parsed(b"x", parse, b"p") == "v"


def test_the_newest_entries_are_kept(home, monkeypatch):
    monkeypatch.setattr(rules_cache, "KEEP", 3)
    parse, calls = counting(lambda raw: raw.decode())
    entries = []
    for i in range(7):  # the seventh entry is more than twice KEEP: the four oldest go
        before = set(home.glob("*")) if home.exists() else set()
        parsed(str(i).encode(), parse, b"p")
        (entry,) = set(home.glob("*")) - before
        os.utime(entry, ns=(i * 10**9, i * 10**9))  # written in this order, whatever the clock's grain
        entries.append(entry)
    assert sorted(home.iterdir()) == sorted(entries[-3:])
    assert [parsed(str(i).encode(), parse, b"p") for i in (6, 0)] == ["6", "0"] and calls[-1] == b"0" and calls.count(b"6") == 1


def test_rules_loaded_from_the_cache_equal_rules_parsed(home, tmp_path):
    folder = tmp_path / "mine"
    (folder / "entities").mkdir(parents=True)
    (folder / "entities" / "x.yaml").write_text("type: ORG\nentities:\n  - id: acme-lab\n    name: Acme Lab\n    zh: 愛克米實驗室\n", encoding="utf-8")
    load_rules.cache_clear()
    first = load_rules((str(folder),))
    kept = len(list(home.iterdir()))
    load_rules.cache_clear()
    second = load_rules((str(folder),))
    assert kept > 5 and len(list(home.iterdir())) == kept
    assert second.entities == first.entities and second.relations == first.relations and second.discovery == first.discovery
    assert second.entities["org:acme-lab"].label_zh == "爱克米实验室"
    load_rules.cache_clear()
