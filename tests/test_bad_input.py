"""Bad input through the real command: one clear warning line each, and the good documents build."""

import codecs
import os

import networkx as nx
import pytest

from kg.cli import main
from kg.read import read_paths

GOOD = "楊立昆在 1988 年到貝爾實驗室。"
GOOD_KEYS = {"person:yann-lecun", "org:bell-labs", "year:1988"}


def build(capsys, *args):
    """Exit code, warning lines and the graph of `kg build ARGS -o OUT` (None when nothing was written)."""
    *paths, out = args
    code = main(["build", *map(str, paths), "-o", str(out)])
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    graph = nx.read_graphml(out / "graph.graphml") if (out / "graph.graphml").exists() else None
    return code, warnings, graph, err


def corpus_with(tmp_path, name: str, content: bytes):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / name).write_bytes(content)
    return folder


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("binary.txt", bytes(range(256)) * 64, "binary or undecodable content"),
        ("zeros.md", b"\x00" * 4096, "binary or undecodable content"),
        ("empty.txt", b"", "empty file"),
        ("blank.html", b" \n\t\n", "empty file"),
        ("script-only.html", b"<html><head><title>x</title></head><script>alert(1)</script></html>", "no text after removing markup"),
        ("bad-bom.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfd" * 10, "invalid utf-8-sig after its byte-order mark: invalid start byte at byte 0"),
    ],
)
def test_an_unreadable_file_is_one_warning(tmp_path, capsys, name, content, reason):
    code, warnings, G, _ = build(capsys, corpus_with(tmp_path, name, content), tmp_path / "out")
    assert code == 0
    assert warnings == [f"warning: {tmp_path / 'in' / name}: skipped: {reason}"]
    assert GOOD_KEYS <= set(G)


def test_damaged_utf8_is_read_with_replacement_characters(tmp_path, capsys):
    text = "辛頓在多倫多大學教書。" * 50
    data = text.encode("utf-8")
    damaged = data[:30] + b"\xff" + data[30:]  # one stray byte among 1,650 of Chinese
    code, warnings, G, _ = build(capsys, corpus_with(tmp_path, "damaged.txt", damaged), tmp_path / "out")
    assert code == 0
    assert warnings == [f"warning: {tmp_path / 'in' / 'damaged.txt'}: 1 undecodable byte replaced by U+FFFD"]
    assert {"person:geoffrey-hinton", "org:utoronto"} <= set(G)
    assert "damaged.txt" in G.nodes["person:geoffrey-hinton"]["docs"]
    (doc,), _ = read_paths([tmp_path / "in" / "damaged.txt"])
    assert doc.text == data[:30].decode("utf-8") + "\ufffd" + data[30:].decode("utf-8")


LONG_TEXT = "1986 年，辛頓與魯梅爾哈特在《自然》發表了反向傳播。Geoffrey Hinton worked at the University of Toronto. "


@pytest.mark.parametrize(
    "encoding,bom",
    [("gb18030", b""), ("big5", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
     ("utf-16-le", b""), ("utf-16-be", b"")],
)
def test_chinese_encodings_are_read_not_skipped(tmp_path, capsys, encoding, bom):
    text = "\n".join([LONG_TEXT] * 20)
    if encoding == "gb18030":
        text = text.replace("辛頓", "辛顿").replace("魯梅爾哈特", "鲁梅尔哈特").replace("發表", "发表").replace("傳播", "传播")
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + text.encode(encoding))
    (doc,), warnings = read_paths([path])
    assert warnings == [] and doc.text == text.strip()
    code, warnings, G, _ = build(capsys, path, tmp_path / "out")
    assert code == 0 and warnings == []
    assert {"person:geoffrey-hinton", "person:david-rumelhart", "org:utoronto", "year:1986"} <= set(G)


def test_utf16_without_bom_and_without_ascii(tmp_path):
    text = "類神經網路與反向傳播的歷史" * 30
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        (doc,), warnings = read_paths([path])
        assert warnings == [] and doc.text == text


def test_a_file_over_the_size_limit_is_skipped_unread(tmp_path, capsys):
    folder = corpus_with(tmp_path, "huge.txt", b"")
    with open(folder / "huge.txt", "wb") as handle:  # 50 MB on one line, written in pieces
        piece = ("Geoffrey Hinton 在多倫多。" * 2000).encode("utf-8")
        while handle.tell() < 50_000_000:
            handle.write(piece)
    code, warnings, G, _ = build(capsys, folder, tmp_path / "out")
    assert code == 0
    size = (folder / "huge.txt").stat().st_size / 1e6
    assert warnings == [f"warning: {folder / 'huge.txt'}: skipped: {size:.1f} MB, over the 10 MB limit for one document"]
    assert GOOD_KEYS <= set(G)
    # A larger limit reads it: the limit is the only reason it was skipped.
    documents, warnings = read_paths([folder / "huge.txt"], max_mb=60)
    assert warnings == [] and len(documents[0].text) > 10_000_000


def test_a_long_single_line_document_builds(tmp_path, capsys):
    # Half a million characters without a line break: nothing may scan the line once per match.
    line = " ".join(LONG_TEXT.strip() for _ in range(6500)).replace("\n", " ")
    assert "\n" not in line and len(line) > 500_000
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    code, warnings, G, _ = build(capsys, tmp_path / "line.txt", tmp_path / "out")
    assert code == 0 and warnings == []
    assert {"person:geoffrey-hinton", "org:utoronto", "year:1986"} <= set(G)
    assert G.nodes["person:geoffrey-hinton"]["mentions"] >= 5000


@pytest.mark.parametrize(
    "markup",
    [
        "<div>" * 20000 + "<p>楊立昆在 1988 年到貝爾實驗室。</p>" + "</div>" * 20000,  # deeply nested
        "<html><body><p>楊立昆在 1988 年<b>到<i>貝爾實驗室。<p>未閉合 <div <span",  # broken, unclosed
        "<p>楊立昆在 1988 年到貝爾實驗室。</p><!-- never closed <p>hidden",  # an open comment
        "<p>楊立昆在 1988 年到貝爾實驗室。</p></p></div></body></html></html><<>>&&#;&#xZZ;",  # stray ends
    ],
)
def test_nested_or_broken_html_is_read(tmp_path, capsys, markup):
    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    code, warnings, G, _ = build(capsys, tmp_path / "page.html", tmp_path / "out")
    assert code == 0 and warnings == []
    assert GOOD_KEYS <= set(G)


def test_unreadable_permissions(tmp_path, capsys, monkeypatch):
    folder = corpus_with(tmp_path, "secret.txt", "辛頓在多倫多大學教書。".encode("utf-8"))
    secret = folder / "secret.txt"
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            # root reads a file whatever its mode: make the read fail as it would for anyone else.
            real = type(secret).read_bytes

            def denied(path):
                if path.name == "secret.txt":
                    raise PermissionError(13, "Permission denied", str(path))
                return real(path)

            monkeypatch.setattr(type(secret), "read_bytes", denied)
        code, warnings, G, _ = build(capsys, folder, tmp_path / "out")
    finally:
        secret.chmod(0o644)
    assert code == 0
    assert warnings == [f"warning: {secret}: skipped: Permission denied"]
    assert GOOD_KEYS <= set(G) and "person:geoffrey-hinton" not in G


def test_unlistable_folder(tmp_path, capsys, monkeypatch):
    folder = corpus_with(tmp_path, "other.txt", "辛頓在多倫多大學教書。".encode("utf-8"))
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Yoshua Bengio", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            # root lists a folder whatever its mode: make the listing fail as it would for anyone else.
            real = os.scandir

            def denied(path="."):
                if os.fspath(path) == str(locked):
                    raise PermissionError(13, "Permission denied", os.fspath(path))
                return real(path)

            monkeypatch.setattr(os, "scandir", denied)
        code, warnings, G, _ = build(capsys, folder, tmp_path / "out")
    finally:
        locked.chmod(0o755)
    assert code == 0
    assert warnings == [f"warning: {locked}: skipped: folder not readable (Permission denied)"]
    assert "person:geoffrey-hinton" in G


def test_symlink_loops_and_broken_links(tmp_path, capsys):
    folder = corpus_with(tmp_path, "real.md", "辛頓在多倫多大學教書。".encode("utf-8"))
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)  # a folder loop
    (folder / "sub" / "alias.md").symlink_to(folder / "real.md")  # the same file twice: read once
    code, warnings, G, err = build(capsys, folder, tmp_path / "out")
    assert code == 0
    assert sorted(warnings) == sorted([
        f"warning: {folder / 'dangling.txt'}: skipped: broken symlink",
        f"warning: {folder / 'loop-a.txt'}: skipped: symlink loop",
        f"warning: {folder / 'loop-b.txt'}: skipped: symlink loop",
        f"warning: {folder / 'sub' / 'up'}: skipped: symlink loop",
    ])
    assert "documents: 2 read, 4 skipped" in err
    assert GOOD_KEYS | {"person:geoffrey-hinton"} <= set(G)


def test_a_symlink_loop_named_explicitly_is_a_warning(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    code, warnings, G, _ = build(capsys, tmp_path / "good.txt", tmp_path / "loop.txt", tmp_path / "out")
    assert code == 0 and warnings == [f"warning: {tmp_path / 'loop.txt'}: skipped: symlink loop"]


def test_linked_folders_are_followed(tmp_path, capsys):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "doc.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    code, warnings, G, _ = build(capsys, tmp_path / "in", tmp_path / "out")
    assert code == 0 and warnings == [] and GOOD_KEYS <= set(G)


def test_every_bad_file_at_once(tmp_path, capsys):
    folder = corpus_with(tmp_path, "binary.txt", bytes(range(256)) * 8)
    (folder / "empty.md").write_bytes(b"")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "nested.html").write_text("<div>" * 5000 + "辛頓在多倫多大學教書。", encoding="utf-8")
    (folder / "big5.txt").write_bytes("類神經網路之父辛頓在多倫多大學教書。".encode("big5"))
    code, warnings, G, err = build(capsys, folder, tmp_path / "out")
    assert code == 0 and len(warnings) == 3
    assert "documents: 3 read, 3 skipped" in err
    assert GOOD_KEYS | {"person:geoffrey-hinton", "org:utoronto"} <= set(G)
    assert G.nodes["person:geoffrey-hinton"]["docs"] == "big5.txt|nested.html"
