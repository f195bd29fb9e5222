"""Rules files as parsed before, kept between runs: libyaml takes a third of a second to read the
bundled rules (its nodes are Python objects made one by one), the parsed data loads again in a
hundredth. An entry is the parsed data of one file, under the hash of the file's bytes and of the
parser's code, in marshal's format (plain data only: loading it runs no code) after its checksum
(a damaged entry is parsed again).

The folder is `$KG_CACHE_HOME`, else `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`; `KG_CACHE_HOME=off`
keeps nothing. A folder that cannot be written, or an entry that cannot be read, costs only the
parse: the cache never changes what is loaded.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Callable

from .export import atomic_write

__all__ = ["KEEP", "cache_folder", "parsed"]

# Entries kept: a few versions of every rules file of a few rules folders.
KEEP = 128
# Entries of another Python read as another format: marshal's changes between versions.
_FORMAT = f"kg-rules-1 {sys.implementation.cache_tag} {marshal.version}".encode("ascii")


def cache_folder() -> Path | None:
    """Where parsed rules are kept, or None when the user turned the cache off."""
    home = os.environ.get("KG_CACHE_HOME", "")
    if home.strip().lower() == "off":
        return None
    if home:
        return Path(home) / "rules"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg" / "rules"


def parsed(raw: bytes, parse: Callable[[bytes], object], parser_id: bytes):
    """`parse(raw)`, from the cache when this very parser parsed these very bytes before.
    `parser_id` names the parser's code: a changed parser does not read its predecessor's entries."""
    folder = cache_folder()
    if folder is None:
        return parse(raw)
    digest = hashlib.sha256(b"\0".join((_FORMAT, parser_id, raw))).hexdigest()
    entry = folder / f"{digest}.marshal"
    try:
        kept = entry.read_bytes()
        if hashlib.sha256(kept[32:]).digest() == kept[:32]:
            return marshal.loads(kept[32:])
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not kept yet: parsed (and kept)
    data = parse(raw)  # errors in the file go to the caller, and nothing is kept
    try:
        payload = marshal.dumps(data)
        atomic_write(entry, hashlib.sha256(payload).digest() + payload)
        _prune(folder)
    except (OSError, ValueError):  # an unwritable folder; data marshal cannot hold (a YAML date)
        pass
    return data


def _prune(folder: Path) -> None:
    """The newest KEEP entries kept, once there are twice as many (a rules file edited a hundred
    times leaves a hundred entries)."""
    entries = list(folder.glob("*.marshal"))
    if len(entries) <= 2 * KEEP:
        return
    for old in sorted(entries, key=lambda p: p.stat().st_mtime_ns)[:-KEEP]:
        old.unlink(missing_ok=True)
