"""`kg build --cache DIR`: each document's extraction kept under the hash of its text and of
everything else it depends on (kg's code and version, the rules, the NER model), so that a rebuild
extracts only the documents that are new or changed, and gives the same bytes as a clean build.

Entries are the packed extractions of kg.stages (compressed JSON, never pickle: loading a cache
runs no code), written atomically; an entry that cannot be read is extracted again.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from pathlib import Path

import spacy

from . import __version__
from .export import atomic_write
from .extract import ner_model
from .ruleset import bundled_rules_dir
from .stages import teaching, unpack

__all__ = ["Cache", "fingerprint"]


def _tree_digest(folder: Path, pattern: str = "*") -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    # The version alone would miss an edited checkout: the code itself is hashed.
    return _tree_digest(Path(__file__).resolve().parent, "*.py")


@functools.lru_cache(maxsize=8)
def fingerprint(rules_dirs: tuple[str, ...] = (), ner: str = "auto") -> str:
    """What an extraction depends on besides its text: kg's version and code, every file of the
    bundled and the given rules folders, and the statistical NER model (name and version)."""
    model = ner_model(rules_dirs, ner)
    version = spacy.util.get_package_version(model) if model else ""
    parts = [__version__, _code_digest(), f"{model}=={version or ''}"]
    parts += [_tree_digest(Path(d)) for d in (str(bundled_rules_dir()), *rules_dirs)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


class Cache:
    """Packed extractions in `folder`, by text and fingerprint."""

    def __init__(self, folder: str | Path, fingerprint: str) -> None:
        self.folder = Path(folder)
        self.fingerprint = fingerprint

    def _path(self, text: str) -> Path:
        digest = hashlib.sha256(self.fingerprint.encode("ascii") + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest[2:]}.json.z"

    def get(self, text: str) -> bytes | None:
        """The packed extraction of `text`, or None when it is not cached (or unreadable)."""
        try:
            packed = self._path(text).read_bytes()
            teaching(packed, ""), unpack(packed, "")  # checksums and shape: a damaged entry is extracted again
        except (OSError, ValueError, KeyError, TypeError, zlib.error):
            return None
        return packed

    def put(self, text: str, packed: bytes) -> None:
        """Keep the packed extraction of `text`."""
        atomic_write(self._path(text), packed)
