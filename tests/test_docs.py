"""The README documents the commands that exist, and its two set-up commands are the real ones."""

import argparse
import re
from pathlib import Path

from kg.cli import parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_exactly_two_setup_commands():
    install_and_build, install_and_test = setup_commands()
    assert install_and_build.endswith("pip install . && kg build")
    assert install_and_test.endswith("pip install '.[test]' && python -m pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci


def commands(ap=None, words=("kg",)):
    """(command words, parser) of every command, e.g. (("kg", "query", "GRAPH", "find"), parser)."""
    ap = ap or parser()
    for action in ap._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                positional = [a.metavar for a in sub._actions if not a.option_strings and a.metavar and not isinstance(a, argparse._SubParsersAction)]
                here = (*words, name)
                yield here, sub
                yield from commands(sub, (*here, *positional[:1]) if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions) else here)


def test_every_command_and_option_is_documented():
    found = list(commands())
    assert {" ".join(words) for words, _ in found} >= {"kg build", "kg query", "kg query GRAPH find", "kg query GRAPH neighbors",
                                                       "kg query GRAPH path", "kg query GRAPH timeline", "kg stats", "kg export"}
    for words, sub in found:
        assert f"`{' '.join(words)}" in README, " ".join(words)
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"`{flag}" in README, (" ".join(words), flag)
    assert "python -m kg" in README


def test_every_format_is_documented():
    from kg.export.formats import FORMATS, render

    import networkx as nx

    for name in FORMATS:
        assert f"`{name}`" in README, name
    for file in render(nx.MultiDiGraph()):
        assert f"`{file}`" in README or f"`{file.split('/')[0]}/`" in README, file


def test_readme_python_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = README.split("### Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 (our own documentation)
    assert namespace["lecun"] == "person:yann-lecun"
    assert (tmp_path / "out" / "graph.gexf").exists() and (tmp_path / "out" / "neo4j" / "import.cypher").exists()


RULES_README = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")


def schema_keys(schema, path=()):
    """The path of every key of a rules file's schema, nested mappings and list items included."""
    if isinstance(schema, list):
        yield from schema_keys(schema[0], path)
    elif isinstance(schema, dict):
        for key, value in schema.items():
            yield (*path, key)
            yield from schema_keys(value, (*path, key))


def test_every_rules_key_is_documented():
    from kg.schema import SCHEMAS

    sections = re.split(r"\n(?=## )", RULES_README)
    missing = []
    for file, schema in SCHEMAS.items():
        # The section whose heading names the file: a key must be named in its own file's section.
        section = next((s for s in sections if s.startswith("## ") and file in s.split("\n", 1)[0]), "")
        assert section, f"rules/README.md has no section for {file}"
        for path in schema_keys(schema):
            if not re.search(rf"`{re.escape(path[-1])}[`:]", section):
                missing.append(f"{file}: {'.'.join(path)}")
    assert not missing, "keys of kg.schema.SCHEMAS not named in backticks in rules/README.md:\n" + "\n".join(missing)
