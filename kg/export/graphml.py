"""GraphML for Gephi, igraph and networkx: scalar typed attributes only, one type per name, XML-safe."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx

from ..graph import STRUCTURED
from . import atomic_write

__all__ = ["to_graphml", "write_graphml", "sanitize"]

# Characters XML 1.0 forbids (C0 controls but tab/newline/return, lone surrogates, U+FFFE/U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _scalar(name: str, value):
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    if value is None:
        return ""
    if name in STRUCTURED and not isinstance(value, str):
        value = json.dumps(list(value), ensure_ascii=False)
    elif isinstance(value, (list, tuple, set)):
        value = "|".join(sorted(str(v) for v in value))
    return _ILLEGAL.sub("", str(value))


def _check_types(items, what: str) -> None:
    seen: dict[str, type] = {}
    for data in items:
        for name, value in data.items():
            kind = type(value)
            if seen.setdefault(name, kind) is not kind:
                raise TypeError(f"{what} attribute {name!r} is both {seen[name].__name__} and {kind.__name__}")


def _scalars(data: dict) -> dict:
    return {k: _scalar(k, v) for k, v in data.items()}


def sanitize(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `G` whose every attribute is a GraphML-safe scalar (`evidence` and `spans` as JSON
    strings); the caller's graph is untouched."""
    H = nx.MultiDiGraph()
    H.graph.update(_scalars(G.graph))
    for node, data in G.nodes(data=True):
        H.add_node(_ILLEGAL.sub("", str(node)), **_scalars(data))
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(_ILLEGAL.sub("", str(u)), _ILLEGAL.sub("", str(v)), key=str(key), **_scalars(data))
    _check_types((d for _, d in H.nodes(data=True)), "node")
    _check_types((d for _, _, d in H.edges(data=True)), "edge")
    return H


def to_graphml(G: nx.MultiDiGraph) -> bytes:
    """The GraphML document of `G`, UTF-8."""
    # write_graphml, not generate_graphml: the latter escapes every non-ASCII character as &#…;.
    buffer = io.BytesIO()
    nx.write_graphml(sanitize(G), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write `G` as GraphML to `path`, atomically."""
    return atomic_write(path, to_graphml(G))
