"""Files and folders → documents: encoding detection, YAML front matter, HTML markup removed.

A document's `text` is what every offset in the graph points into. Unreadable files do not stop a
build: `read_paths` returns them as one-line warnings beside the documents it could read.
"""

from __future__ import annotations

import codecs
import dataclasses
import errno
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

import charset_normalizer
import yaml

from .normalize import CJK_RANGES

__all__ = ["Document", "MAX_MB", "MissingPath", "SUFFIXES", "ReadError", "check_paths", "decode", "read_document", "read_paths"]

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
# Files larger than this are skipped (with a warning): one document is held whole in memory.
MAX_MB = 10.0
# UTF-8 with at most this share of its non-ASCII bytes invalid is read as UTF-8, the bad bytes
# replaced by U+FFFD: a damaged UTF-8 file, not a file in another encoding.
DAMAGED_UTF8 = 0.02
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]+")


class ReadError(ValueError):
    """A file that cannot be read as a text document (the message is one line)."""


class MissingPath(FileNotFoundError):
    """A file or folder named explicitly that does not exist."""

    def __str__(self) -> str:
        return f"{self.filename}: no such file or folder"


@dataclass(frozen=True)
class Document:
    """One text: `name` is the file's base name, `text` the readable text, `meta` its front matter."""

    name: str
    text: str
    path: str = field(default="", compare=False)
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    # What reading had to repair (undecodable bytes replaced): a warning, not a reason to skip.
    note: str = field(default="", compare=False)


def decode(data: bytes) -> str:
    """Bytes → text: BOMs first, then UTF-16 by its zero bytes, strict UTF-8, damaged UTF-8, then
    charset detection (GB18030, Big5, …)."""
    return decode_with_note(data)[0]


def decode_with_note(data: bytes) -> tuple[str, str]:
    """`decode`, and what had to be repaired ("" when nothing)."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), ""
            except UnicodeDecodeError as err:
                raise ReadError(f"invalid {encoding} after its byte-order mark: {err.reason} at byte {err.start}") from err
    text = _utf16_by_zeros(data)
    if text is not None:
        return text, ""
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), ""
        except UnicodeDecodeError:
            pass
        damaged = _damaged_utf8(data)
        if damaged:
            return damaged
    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    text = str(best) if best is not None and best.encoding is not None else _utf16_han(data)
    if text is None or "\x00" in text or _control_ratio(text) > 0.01:
        raise ReadError("binary or undecodable content")
    return text, ""


def _control_ratio(text: str) -> float:
    return sum(map(len, _CONTROL.findall(text))) / max(len(text), 1)


def _utf16_by_zeros(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by its zero bytes: ASCII characters (line breaks,
    spaces, digits) put a zero in every other byte, on the side that gives the byte order."""
    zeros = data.count(0)
    if len(data) % 2 or zeros < 2:
        return None
    odd = data[1::2].count(0)
    for encoding, share in (("utf-16-le", odd), ("utf-16-be", zeros - odd)):
        if share >= 0.95 * zeros:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if _control_ratio(text) <= 0.01 else None
    return None


def _utf16_han(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark or any ASCII: accepted only when it decodes to Han
    characters almost throughout (other encodings decoded this way give a scatter of scripts)."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        han = len(re.findall(f"[{CJK_RANGES}\u3000-\u303f\uff00-\uffef\\s]", text))
        if han >= 0.9 * len(text):
            return text
    return None


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few invalid bytes: the text with U+FFFD in their place, and a note."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(re.findall("[\udc80-\udcff]", text))
    non_ascii = len(data.translate(None, bytes(range(128))))
    if bad > DAMAGED_UTF8 * non_ascii:
        return None
    return re.sub("[\udc80-\udcff]", "\ufffd", text), f"{bad} undecodable byte{'s' * (bad != 1)} replaced by U+FFFD"


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


def read_document(path: Path, max_mb: float = MAX_MB) -> Document:
    """Read one file; raises ReadError with a one-line reason."""
    try:
        size = path.stat().st_size
        if size > max_mb * 1e6:
            raise ReadError(f"{size / 1e6:.1f} MB, over the {max_mb:g} MB limit for one document")
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(err.strerror or str(err)) from err
    raw, note = decode_with_note(data)
    text, meta = parse(raw, path.suffix.lower())
    if not text.strip():
        raise ReadError("no text after removing markup")
    return Document(name=path.name, text=text, path=str(path), meta=meta, note=note)


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """(file, "") for files named directly and the supported files under folders (recursively,
    through linked folders, each real folder once), in sorted order; (path, problem) for a folder
    or a link that cannot be followed."""
    for path in paths:
        if path.is_dir():
            yield from sorted(_walk(path))
        else:
            yield path, ""


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    visited: set[str] = set()
    problems: list[tuple[Path, str]] = []

    def unreadable(err: OSError) -> None:
        problems.append((Path(err.filename or root), f"folder not readable ({err.strerror})"))

    for folder, subfolders, files in os.walk(root, followlinks=True, onerror=unreadable):
        real = os.path.realpath(folder)
        if real in visited:
            # A linked folder met again: a loop when it leads back up, else already read.
            parent = os.path.realpath(os.path.dirname(folder))
            if os.path.commonpath([real, parent]) == real:
                problems.append((Path(folder), "symlink loop"))
            subfolders[:] = []
            continue
        visited.add(real)
        subfolders.sort()
        for name in files:
            path = Path(folder, name)
            if path.suffix.lower() in SUFFIXES:
                yield path, _link_problem(path)
    yield from problems


def _link_problem(path: Path) -> str:
    """Why a (linked) file cannot be opened, or "" when it can."""
    try:
        path.resolve(strict=True)
    except FileNotFoundError:
        return "broken symlink"
    except (OSError, RuntimeError) as err:  # RuntimeError: a loop, before Python 3.13
        return "symlink loop" if "loop" in str(err).lower() or getattr(err, "errno", 0) == errno.ELOOP else str(err)
    return ""


def _unique_names(documents: list[Document]) -> list[Document]:
    """Documents with the same base name in different folders get their parent folders in front
    ("a/doc.txt", "b/doc.txt"), as many as it takes for no two documents to share a name."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in documents:
        groups[d.name].append(d)
    names: dict[int, str] = {}
    for group in groups.values():
        if len(group) == 1:
            continue
        parts = {id(d): Path(d.path).parts for d in group}
        # How many documents of the group end in the same last `depth` parts, per depth.
        counts: dict[int, Counter] = {}
        for d in group:
            depth = 2
            while True:
                if depth not in counts:
                    counts[depth] = Counter("/".join(p[-depth:]) for p in parts.values())
                name = "/".join(parts[id(d)][-depth:])
                if depth >= len(parts[id(d)]) or counts[depth][name] == 1:
                    break
                depth += 1
            names[id(d)] = name
    return [dataclasses.replace(d, name=names[id(d)]) if id(d) in names else d for d in documents]


def check_paths(paths: Iterable[Path | str]) -> list[Path]:
    """`paths` as Paths; raises MissingPath for the first that does not exist at all."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise MissingPath(errno.ENOENT, "no such file or folder", str(path))
    return paths


def read_paths(paths: Iterable[Path], max_mb: float = MAX_MB) -> tuple[list[Document], list[str]]:
    """All readable documents under `paths` (each file once), and one warning line per file that
    could not be read. A path that does not exist at all raises MissingPath."""
    paths = check_paths(paths)
    documents: list[Document] = []
    warnings: list[str] = []
    seen: set[Path] = set()
    for path, problem in iter_files(paths):
        problem = problem or _link_problem(path)
        if problem:
            warnings.append(f"{path}: skipped: {problem}")
            continue
        real = path.resolve()
        if real in seen:
            continue
        seen.add(real)
        if path.suffix.lower() not in SUFFIXES:
            warnings.append(f"{path}: skipped: not a .txt, .md or .html file")
            continue
        try:
            documents.append(read_document(path, max_mb))
        except ReadError as err:
            warnings.append(f"{path}: skipped: {err}")
    return _unique_names(documents), warnings
