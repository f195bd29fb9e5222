"""networkx node-link JSON: every attribute kept, `evidence` and `spans` as real lists of objects;
a node or an edge a line (a diff shows what changed, and json's C encoder writes it: with
`indent`, json writes in Python, ten times slower)."""

from __future__ import annotations

import json

import networkx as nx

from ..graph import decoded
from .graphml import sanitize

__all__ = ["to_json"]


def to_json(G: nx.MultiDiGraph) -> bytes:
    """The node-link JSON of `G` (`nx.node_link_graph(data, edges="edges")` reads it), UTF-8."""
    H = sanitize(G)
    for _, data in H.nodes(data=True):
        decoded(data)
    for _, _, data in H.edges(data=True):
        decoded(data)
    data = nx.node_link_data(H, edges="edges")
    parts = []
    for name, value in data.items():
        if name in ("nodes", "edges"):
            value = "[\n" + ",\n".join(map(_dumps, value)) + "\n]"
        else:
            value = _dumps(value)
        parts.append(f"{_dumps(name)}: {value}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
