"""Every output format by name, and writing a chosen set of them into a folder together."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from . import atomic_write
from .gexf import to_gexf
from .graphml import to_graphml
from .html import html_bytes
from .neo4j import to_neo4j
from .nodelink import to_json
from .tables import to_csv

__all__ = ["FORMATS", "parse_formats", "render", "write"]


def _file(name: str, make: Callable[[nx.MultiDiGraph], bytes]) -> Callable[[nx.MultiDiGraph], dict[str, bytes]]:
    return lambda G: {name: make(G)}


# name → function of the graph giving {path under the output folder: bytes}
FORMATS: dict[str, Callable[[nx.MultiDiGraph], dict[str, bytes]]] = {
    "html": _file("graph.html", html_bytes),
    "graphml": _file("graph.graphml", to_graphml),
    "gexf": _file("graph.gexf", to_gexf),
    "json": _file("graph.json", to_json),
    "csv": to_csv,
    "neo4j": to_neo4j,
}


def parse_formats(values: Iterable[str]) -> list[str]:
    """Format names from repeated and comma-separated values, checked, in FORMATS order.

    >>> parse_formats(["json,gexf", "csv", "json"])
    ['gexf', 'json', 'csv']
    """
    names = {v.strip().lower() for value in values for v in value.split(",") if v.strip()}
    unknown = sorted(names - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown format {', '.join(map(repr, unknown))} (choose from {', '.join(FORMATS)})")
    return [name for name in FORMATS if name in names]


def render(G: nx.MultiDiGraph, formats: Iterable[str] | None = None) -> dict[str, bytes]:
    """`{path: bytes}` of the given formats (all when None), made in memory."""
    files: dict[str, bytes] = {}
    for name in parse_formats(formats) if formats is not None else FORMATS:
        files.update(FORMATS[name](G))
    return files


def write(G: nx.MultiDiGraph, outdir: str | Path, *, formats: Iterable[str] | None = None) -> list[Path]:
    """Write the given formats (all when None) into `outdir`, each file atomically, and return the
    paths. Every file is made before the first is written, so an error while making them leaves
    the folder as it was.

    >>> import kg, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.relative_to(folder).as_posix() for p in write(kg.build(), folder, formats=["gexf", "neo4j"])]
    ['graph.gexf', 'neo4j/nodes.csv', 'neo4j/relationships.csv', 'neo4j/import.cypher']
    """
    files = render(G, formats)
    return [atomic_write(Path(outdir) / name, data) for name, data in files.items()]
