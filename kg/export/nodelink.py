"""networkx node-link JSON: every attribute kept, `evidence` and `spans` as real lists of objects."""

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
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
