import codecs

import pytest

from kg.read import ReadError, decode, html_to_text, parse, read_paths, split_front_matter

TEXT_ZH_HANT = "楊立昆在貝爾實驗室，1988 年。"
TEXT_ZH_HANS = "杨立昆在贝尔实验室，1988 年。"


@pytest.mark.parametrize(
    "text,encoding",
    [
        (TEXT_ZH_HANS, "utf-8"),
        (TEXT_ZH_HANS, "utf-8-sig"),
        (TEXT_ZH_HANT, "utf-16"),
        (TEXT_ZH_HANS, "gb18030"),
        (TEXT_ZH_HANT, "big5"),
        ("神经网络的历史", "gbk"),
        ("類神經網路", "big5"),
        ("Yann LeCun joined Bell Labs in 1988.", "ascii"),
    ],
)
def test_encodings_round_trip_through_files(tmp_path, text, encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    documents, warnings = read_paths([path])
    assert warnings == []
    assert documents[0].text == text
    assert documents[0].name == "doc.txt"


def test_html_markup_removed_without_spaces():
    markup = '<p>有<a class="project-link" href="https://x.y/1">贝</a>尔实验室 &amp; AT&amp;T</p><script>var x="贝尔";</script><style>p{}</style><p>第二段</p>'
    assert html_to_text(markup) == "有贝尔实验室 & AT&T\n\n第二段"


def test_front_matter_becomes_metadata_and_title_opens_the_text():
    raw = "\n---\ntitle: '对话 Yann LeCun'\nauthor: 36kr\ndate: Tue, 24 Aug 2021 00:10:14 GMT\ncategories: [a]\n---\n\n正文"
    meta, body = split_front_matter(raw)
    assert meta == {"title": "对话 Yann LeCun", "author": "36kr", "date": "Tue, 24 Aug 2021 00:10:14 GMT"}
    text, _ = parse(raw, ".md")
    assert text == "对话 Yann LeCun\n\n正文"


def test_txt_carrying_markup_is_read_as_html():
    text, _ = parse("<div><p>康奈</a>尔大学</p><p>a</p><br/>b</div>", ".txt")
    assert "康奈尔大学" in text and "<" not in text


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"   \n\n", "empty file"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", "not a .txt"),
        ("only-tags.html", b"<html><script>x</script></html>", "no text"),
    ],
)
def test_bad_files_warn_and_the_rest_is_read(tmp_path, name, content, reason):
    (tmp_path / "good.txt").write_text(TEXT_ZH_HANS, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    documents, warnings = read_paths([tmp_path / "good.txt", bad])
    assert [d.name for d in documents] == ["good.txt"]
    assert len(warnings) == 1 and reason in warnings[0] and "\n" not in warnings[0]


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.md").write_text("二", encoding="utf-8")
    (tmp_path / "1.html").write_text("<p>一</p>", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    documents, warnings = read_paths([tmp_path])
    assert [d.name for d in documents] == ["1.html", "2.md"]
    assert warnings == []


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, codecs.BOM_UTF8 + b"ok \xff\xfe", codecs.BOM_UTF16_LE + b"\x00\xd8"])
def test_decode_rejects_undecodable(data):
    with pytest.raises(ReadError):
        decode(data)


@pytest.mark.parametrize("front", ["title: [unclosed\n", "title: " + "[" * 5000 + "\n", "- just\n- a list\n"])
def test_invalid_front_matter_is_removed_not_read(front):
    text, meta = parse(f"---\n{front}---\n正文", ".md")
    assert (text, meta) == ("正文", {})


def test_windows_line_endings(tmp_path):
    (tmp_path / "w.md").write_bytes("---\r\ntitle: 標題\r\n---\r\n第一行\r\n第二行".encode("utf-8"))
    (doc,), _ = read_paths([tmp_path / "w.md"])
    assert doc.text == "標題\n\n第一行\n第二行" and doc.meta == {"title": "標題"}


def test_same_base_name_in_two_folders(tmp_path):
    for folder, text in (("a", "楊立昆說了。"), ("b", "辛頓說過了。")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.txt").write_text(text, encoding="utf-8")
    documents, _ = read_paths([tmp_path, tmp_path / "a" / "notes.txt"])
    assert [d.name for d in documents] == ["a/notes.txt", "b/notes.txt"]  # each file once, names unique
