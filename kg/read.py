"""Files and folders → documents: encoding detection, YAML front matter, HTML markup removed.

A document's `text` is what every offset in the graph points into. Unreadable files do not stop a
build: `read_paths` returns them as one-line warnings beside the documents it could read.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

import charset_normalizer
import yaml

__all__ = ["Document", "SUFFIXES", "ReadError", "decode", "read_document", "read_paths"]

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

# Tags after which a reader sees a new line; every other tag is removed without a trace, so an
# auto-linker's "贝</a>尔实验室" reads 贝尔实验室.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "title",
}
SKIP_TAGS = {"script", "style", "noscript", "template", "head"}
# A .txt or .md file that carries this much markup is read as HTML (blog reposts often do).
_TAG = re.compile(r"</?(?:p|div|br|a|span|img|strong|em|h[1-6]|li|ul|table|section)\b[^>]*>", re.I)
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# The encodings a text of this corpus can be in when it is not UTF-8. Asking the detector to choose
# among these only keeps a short GBK or Big5 file from being read as UTF-16 or Hangul.
CANDIDATE_ENCODINGS = ["gb18030", "big5", "cp1252", "shift_jis", "euc_kr"]


class ReadError(ValueError):
    """A file that cannot be read as a text document (the message is one line)."""


@dataclass(frozen=True)
class Document:
    """One text: `name` is the file's base name, `text` the readable text, `meta` its front matter."""

    name: str
    text: str
    path: str = field(default="", compare=False)
    meta: dict = field(default_factory=dict, compare=False, hash=False)


def decode(data: bytes) -> str:
    """Bytes → text: BOMs first, then strict UTF-8, then charset detection (GB18030, Big5, UTF-16…)."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise ReadError(f"invalid {encoding} after its byte-order mark: {err.reason} at byte {err.start}") from err
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None or best.encoding is None:
        raise ReadError("binary or undecodable content")
    text = str(best)
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise ReadError("binary or undecodable content")
    return text


def _control_ratio(text: str) -> float:
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(len(text), 1)


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML page: scripts and styles dropped, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The readable text of HTML: inline tags removed without spaces, block tags become line breaks."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter (`---` … `---` at the top) → (metadata, rest of the text).

    Front matter that is not valid YAML is still removed: it is metadata, not what the text says.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, RecursionError, ValueError):
        meta = None
    if not isinstance(meta, dict):
        return {}, text[match.end():]
    keep = {k: str(v) for k, v in meta.items() if k in ("title", "date", "author") and isinstance(v, (str, int, float))}
    return keep, text[match.end():]


def parse(raw: str, suffix: str) -> tuple[str, dict]:
    """Decoded file content → (text, metadata) by format."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(raw) if suffix not in HTML_SUFFIXES else ({}, raw)
    if suffix in HTML_SUFFIXES or len(_TAG.findall(body)) >= 3:
        body = html_to_text(body)
    title = meta.get("title", "").strip()
    # The title is part of what the document says: it opens the text, so its names are found too.
    text = f"{title}\n\n{body.strip()}" if title else body.strip()
    return text, meta


def read_document(path: Path) -> Document:
    """Read one file; raises ReadError with a one-line reason."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(err.strerror or str(err)) from err
    text, meta = parse(decode(data), path.suffix.lower())
    if not text.strip():
        raise ReadError("no text after removing markup")
    return Document(name=path.name, text=text, path=str(path), meta=meta)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the supported files under folders (recursively), in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def _unique_names(documents: list[Document]) -> list[Document]:
    """Documents with the same base name in different folders get their parent folders in front
    ("a/doc.txt", "b/doc.txt"), so that no two documents share a name."""
    names: dict[str, int] = {}
    for d in documents:
        names[d.name] = names.get(d.name, 0) + 1
    out = []
    for d in documents:
        if names[d.name] == 1:
            out.append(d)
            continue
        parts = Path(d.path).parts
        depth = 2
        name = "/".join(parts[-depth:])
        while depth < len(parts) and any(o is not d and "/".join(Path(o.path).parts[-depth:]) == name for o in documents):
            depth += 1
            name = "/".join(parts[-depth:])
        out.append(Document(name=name, text=d.text, path=d.path, meta=d.meta))
    return out


def read_paths(paths: Iterable[Path]) -> tuple[list[Document], list[str]]:
    """All readable documents under `paths` (each file once), and one warning line per file that
    could not be read."""
    documents: list[Document] = []
    warnings: list[str] = []
    seen: set[Path] = set()
    for path in iter_files(paths):
        if not path.exists():
            warnings.append(f"{path}: no such file or folder")
            continue
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        if path.suffix.lower() not in SUFFIXES:
            warnings.append(f"{path}: skipped: not a .txt, .md or .html file")
            continue
        try:
            documents.append(read_document(path))
        except ReadError as err:
            warnings.append(f"{path}: skipped: {err}")
    return _unique_names(documents), warnings
