"""Questions to a kg graph, as plain functions over a plain `nx.MultiDiGraph`.

>>> import kg
>>> G = kg.build()
>>> find(G, "楊立昆") == find(G, "Yann LeCun") == ["person:yann-lecun"]
True
>>> "tech:lenet-5" in neighbors(G, "person:yann-lecun")
True
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .normalize import search_key

__all__ = ["load", "find", "neighbors", "timeline", "path", "evidence"]

def load(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by `kg build` (GraphML) back into a MultiDiGraph."""
    G = nx.read_graphml(path, force_multigraph=True)
    return G if G.is_directed() else nx.MultiDiGraph(G)


def find(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Node keys whose label, Chinese label or an alias is `name`, in any script or case.

    Exact matches come first; when there are none, nodes whose names contain `name`.
    """
    wanted = search_key(name)
    exact, partial = [], []
    for node, data in G.nodes(data=True):
        names = [data.get("label", ""), data.get("label_zh", ""), *str(data.get("aliases", "")).split("|")]
        folded = {search_key(n) for n in names if n}
        if wanted in folded or wanted == search_key(str(node)):
            exact.append(node)
        elif wanted and any(wanted in f for f in folded):
            partial.append(node)
    key = lambda n: (-int(G.nodes[n].get("mentions", 0)), str(n))  # noqa: E731
    return sorted(exact, key=key) or sorted(partial, key=key)


def neighbors(G: nx.MultiDiGraph, node: str, relation: str | None = None) -> list[str]:
    """Nodes joined to `node` by an edge in either direction (of `relation`, when given)."""
    out = set()
    for u, v, data in list(G.out_edges(node, data=True)) + list(G.in_edges(node, data=True)):
        if relation is None or data.get("relation") == relation:
            out.add(v if u == node else u)
    return sorted(out)


def timeline(G: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str]]:
    """(year, relation, other node) for every dated edge of `node`, oldest first."""
    rows = []
    for u, v, data in list(G.out_edges(node, data=True)) + list(G.in_edges(node, data=True)):
        other = v if u == node else u
        if str(other).startswith("year:"):
            rows.append((str(other)[5:], data.get("relation", ""), other))
            continue
        for year in filter(None, str(data.get("years", "")).split("|")):
            rows.append((year, data.get("relation", ""), other))
    return sorted(set(rows))


def path(G: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    """A shortest chain of nodes from `a` to `b`, edges taken in either direction ([] if none)."""
    try:
        return nx.shortest_path(G.to_undirected(as_view=True), a, b)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def evidence(G: nx.MultiDiGraph, u: str, v: str) -> list[dict]:
    """The evidence sentences of every edge between `u` and `v` (either direction), each with its
    relation: `{relation, doc, start, end, text}`."""
    out = []
    for a, b in ((u, v), (v, u)):
        for data in (G.get_edge_data(a, b) or {}).values():
            for item in json.loads(data.get("evidence") or "[]"):
                out.append({"relation": data.get("relation", ""), **item})
    return out
