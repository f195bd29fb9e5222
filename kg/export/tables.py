"""CSV tables of a graph: `nodes.csv`, `edges.csv` and `mentions.csv` (one row per mention).

UTF-8 without BOM, a header row, `|` between the values of one cell (as in GraphML), and
`evidence` as the same JSON list of `{doc, start, end, text}` the GraphML carries.
"""

from __future__ import annotations

import csv
import io

import networkx as nx

from ..graph import decoded
from .graphml import sanitize

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "MENTION_COLUMNS", "csv_bytes", "columns", "to_csv"]

NODE_COLUMNS = ("id", "label", "label_zh", "type", "aliases", "docs", "mentions", "first_year", "r", "g", "b")
EDGE_COLUMNS = ("source", "target", "relation", "weight", "confidence", "years", "docs", "evidence")
MENTION_COLUMNS = ("doc", "start", "end", "text", "entity", "type")


def csv_bytes(header, rows) -> bytes:
    """One CSV file: the header, then the rows (RFC 4180 quoting, `\\n` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def columns(first, items, skip=()) -> list[str]:
    """`first`, then every other attribute name found in `items` (sorted), leaving out `skip`."""
    seen = {name for data in items for name in data}
    return [*first, *sorted(seen - set(first) - set(skip))]


def _mentions(H: nx.MultiDiGraph) -> list[tuple]:
    rows = []
    for node, data in H.nodes(data=True):
        for item in decoded(dict(data)).get("spans", []):
            rows.append((item["doc"], item["start"], item["end"], item["text"], node, data.get("type", "")))
    return sorted(rows, key=lambda r: (r[0], r[1], r[2], r[4]))


def to_csv(G: nx.MultiDiGraph) -> dict[str, bytes]:
    """`{file name: bytes}` of the three tables."""
    H = sanitize(G)
    node_cols = columns(NODE_COLUMNS, (d for _, d in H.nodes(data=True)), skip=("spans",))
    edge_cols = columns(EDGE_COLUMNS, (d for _, _, d in H.edges(data=True)))
    nodes = ([node, *(data.get(c, "") for c in node_cols[1:])] for node, data in H.nodes(data=True))
    edges = ([u, v, *(data.get(c, key if c == "relation" else "") for c in edge_cols[2:])] for u, v, key, data in H.edges(keys=True, data=True))
    return {
        "nodes.csv": csv_bytes(node_cols, nodes),
        "edges.csv": csv_bytes(edge_cols, edges),
        "mentions.csv": csv_bytes(MENTION_COLUMNS, _mentions(H)),
    }
