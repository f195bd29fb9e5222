"""The README documents the commands that exist, and its two set-up commands are the real ones."""

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


def test_every_cli_option_is_documented():
    build = parser()._subparsers._group_actions[0].choices["build"]
    for action in build._actions:
        for flag in action.option_strings:
            if flag not in ("-h", "--help"):
                assert f"`{flag}" in README, flag
    assert "kg build" in README and "python -m kg" in README


def test_readme_python_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = README.split("### Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 (our own documentation)
    assert namespace["lecun"] == "person:yann-lecun"
    assert (tmp_path / "out" / "graph.html").exists() and (tmp_path / "out" / "graph.graphml").exists()
