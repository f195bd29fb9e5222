"""Exporters: each writes only the path it is given, atomically (temporary file + rename)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

__all__ = ["atomic_write", "year_span"]

_YEAR = re.compile(r"(\d{4})(s?)")


def year_span(year: str) -> tuple[int, int] | None:
    """The years a year or decade covers, for the page's slider and Gephi's timeline.

    >>> year_span("1985"), year_span("1980s"), year_span("soon")
    ((1985, 1985), (1980, 1989), None)
    """
    m = _YEAR.fullmatch(year)
    if not m:
        return None
    first = int(m.group(1))
    return first, first + (9 if m.group(2) else 0)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (not possible on every platform)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` so that readers see the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; keep the mode of the file replaced, or make it readable.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.is_file() else 0o644)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
