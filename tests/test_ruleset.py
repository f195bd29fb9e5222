import pytest

from kg.ruleset import RulesError, load_rules


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body,line,message",
    [
        ("type: PERSON\nentities:\n  - id: Bad Id\n    name: X\n", 3, "slug"),
        ("type: PERSON\nentities:\n  - id: ok\n    name: X\n  - id: no-name\n", 5, "no name"),
        ("type: NOPE\nentities:\n  - id: ok\n    name: X\n", 3, "type"),
        ("type: TECH\nentities:\n  - id: ok\n    name: X\n    aliases: one\n", 3, "list"),
        ("type: TECH\nentities:\n  - id: ok\n    name: X\n    colour: red\n", 3, "unknown field"),
        ("type: TECH\nentities:\n  - id: ok\n    name: [unclosed\n", 5, "invalid YAML"),
        ("type: TECH\nentities:\n  - id: ok\n    name: X\n    name: Y\n", 5, "'name' is given twice in one mapping (first on line 4)"),
        ("type: ORG\nentities:\n  - id: ok\n    name: X\n    parent: missing\n", 3, "parent"),
    ],
)
def test_invalid_rules_fail_with_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path, "entities/mine.yaml", body)
    for _ in ("parsed", "as kept by kg.rules_cache"):
        load_rules.cache_clear()
        with pytest.raises(RulesError) as err:
            load_rules((str(tmp_path),))
        assert str(err.value).startswith(f"{path}:{line}:")
        assert message in str(err.value)


def test_user_rules_add_and_override(tmp_path):
    write(tmp_path, "entities/mine.yaml", "type: PERSON\nentities:\n  - id: yann-lecun\n    name: Yann Le Cun\n    aliases: [小杨]\n  - id: ada-lovelace\n    name: Ada Lovelace\n    zh: 艾达·洛夫莱斯\n")
    rules = load_rules((str(tmp_path),))
    assert rules.entities["person:yann-lecun"].label == "Yann Le Cun"
    assert rules.entities["person:ada-lovelace"].label_zh == "艾达·洛夫莱斯"
    assert "person:geoffrey-hinton" in rules.entities


def test_traditional_chinese_label_is_stored_simplified(tmp_path):
    write(tmp_path, "entities/t.yaml", "type: ORG\nentities:\n  - id: ntu-x\n    name: NTU X\n    zh: 臺灣大學\n")
    assert load_rules((str(tmp_path),)).entities["org:ntu-x"].label_zh == "台湾大学"


def test_missing_rules_folder_is_an_error(tmp_path):
    with pytest.raises(RulesError, match=":1: rules folder not found"):
        load_rules((str(tmp_path / "nope"),))


@pytest.mark.parametrize(
    "name,body,line,message",
    [
        ("years.yaml", "min: 1800\nmax: abc\n", 2, "max must be a whole number"),
        ("years.yaml", "min: 1800\ncolour: red\n", 2, "unknown key 'colour'"),
        ("boilerplate.yaml", "blocks:\n  - foo\n", 1, "every item of blocks must be a mapping"),
        ("boilerplate.yaml", "blocks:\n  - start: a\n    end: ''\n", 3, "blocks.end must not be empty"),
        ("stoplists.yaml", "never: Hinton\n", 1, "never must be a list"),
        ("discovery.yaml", "latin_person:\n  particles: [van]\n  max_words: many\n", 3, "latin_person.max_words must be a whole number"),
        ("discovery.yaml", "org: [x]\n", 1, "org must be a mapping"),
        ("resolve.yaml", "place_as_university:\n  cues: {a: 1}\n", 2, "place_as_university.cues must be a list"),
    ],
)
def test_every_rules_file_is_checked(tmp_path, name, body, line, message):
    path = write(tmp_path, name, body)
    with pytest.raises(RulesError) as err:
        load_rules((str(tmp_path),))
    assert str(err.value) == f"{path}:{line}: {message}"


def test_loaded_rules_carry_no_line_bookkeeping(rules):
    assert "__line__" not in rules.years and "__lines__" not in rules.years["numerals"]
    assert all("__line__" not in block for block in rules.boilerplate["blocks"])


def test_a_merge_may_override_what_it_brings(tmp_path):
    # "<<: *base" brings keys in; one written after it overrides, which is not a key given twice
    write(tmp_path, "discovery.yaml", "org: {<<: {zh_name_max: 8}, zh_name_max: 9}\n")
    assert load_rules((str(tmp_path),)).discovery["org"]["zh_name_max"] == 9
