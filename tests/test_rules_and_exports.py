"""Invalid rules stop a build before any work, with `file:line: message`; exports are atomic: a
failing export leaves the previous files as they were, never a 0-byte or partial file."""

import importlib
import os

import pytest

from kg.cli import main
from kg.export import atomic_write

build_module = importlib.import_module("kg.build")  # `kg.build` itself is the function


def rules_folder(tmp_path, files: dict[str, str]):
    for name, body in files.items():
        path = tmp_path / "rules" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return tmp_path / "rules"


@pytest.mark.parametrize(
    "files,where,message",
    [
        ({"entities/a.yaml": "type: PERSON\nentities:\n  - id: ada\n    name: [Ada\n"}, "entities/a.yaml:5", "invalid YAML"),
        ({"entities/a.yaml": "type: PERSON\nentities:\n  - id: ada\n    name: Ada\n    type: ROBOT\n"}, "entities/a.yaml:3", "type 'ROBOT' is not one of"),
        ({"entities/a.yaml": "type: PERSON\nentities:\n  - id: ada\n    name: Ada\n  - id: ada\n    name: Ada L\n"},
         "entities/a.yaml:5", "id repeats person:ada from"),
        ({"entities/a.yaml": "type: PERSON\nentities:\n  - id: ada\n    name: Ada\n",
          "entities/b.yaml": "type: PERSON\nentities:\n  - id: bob\n    name: Bob\n  - id: ada\n    name: Ada\n"},
         "entities/b.yaml:5", "id repeats person:ada from"),
        ({"years.yaml": "min: 1800\nmax: [1900\n"}, "years.yaml:3", "invalid YAML"),
        ({"relations.yaml": "rules:\n  - relation: LIKES\n    types: [PERSON, TECH]\n    triggers: [likes]\n"}, "relations.yaml:2", "unknown relation 'LIKES'"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_invalid_rules_fail_before_any_work(tmp_path, capsys, monkeypatch, files, where, message, jobs):
    def no_reading(*args, **kwargs):
        raise AssertionError("documents were read before the rules were checked")

    monkeypatch.setattr(build_module, "read_paths", no_reading)
    (tmp_path / "doc.txt").write_text("Ada", encoding="utf-8")
    rules = rules_folder(tmp_path, files)
    code = main(["build", str(tmp_path / "doc.txt"), "--rules", str(rules), "-o", str(tmp_path / "out"), "--jobs", jobs])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"error: {rules / where}: {message}") and err.count("\n") == 1, err
    assert not (tmp_path / "out").exists()


@pytest.fixture
def built(tmp_path, capsys):
    """An OUTDIR of a finished build, and its files' bytes."""
    (tmp_path / "doc.txt").write_text("楊立昆在 1988 年到貝爾實驗室。", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "doc.txt"), "-o", str(out)]) == 0
    capsys.readouterr()
    return out, snapshot(out)


def snapshot(out):
    """Every file under `out` (a temporary left behind would show), with its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() if p.is_file() else None for p in out.rglob("*")}


def rebuild(tmp_path, capsys, out):
    (tmp_path / "doc.txt").write_text("辛頓在多倫多大學教書。", encoding="utf-8")  # another graph
    code = main(["build", str(tmp_path / "doc.txt"), "-o", str(out)])
    return code, capsys.readouterr().err


def test_an_export_failing_to_render_leaves_the_previous_files(tmp_path, capsys, monkeypatch, built):
    out, before = built
    formats = importlib.import_module("kg.export.formats")

    def broken(G):
        raise RuntimeError("renderer broke")

    monkeypatch.setitem(formats.FORMATS, "html", broken)
    code, err = rebuild(tmp_path, capsys, out)
    assert code == 1 and err == "error: RuntimeError: renderer broke (set KG_DEBUG=1 for the traceback)\n"
    assert snapshot(out) == before


def test_a_write_failing_halfway_leaves_the_previous_file(tmp_path, capsys, monkeypatch, built):
    out, before = built
    real_fdopen = os.fdopen

    class HalfDisk:
        """A file that takes half of what is written, then reports a full disk."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfDisk(real_fdopen(fd, mode)))
    code, err = rebuild(tmp_path, capsys, out)
    assert code == 1 and err == "error: [Errno 28] No space left on device\n"
    assert snapshot(out) == before  # no partial file, no temporary left


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(tmp_path, monkeypatch):
    target = atomic_write(tmp_path / "graph.json", b'{"old": true}')
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "Input/output error")))
    with pytest.raises(OSError):
        atomic_write(target, b'{"new": true}')
    assert target.read_bytes() == b'{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]
