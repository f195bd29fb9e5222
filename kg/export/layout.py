"""Fixed, seeded node positions for the HTML page, fast enough for graphs of thousands of nodes.

Each connected component is laid out on its own: its most connected nodes (up to CORE, and
joined among themselves) by networkx's spring layout with a fixed seed, the rest placed in small
sunflowers beside the neighbour that reaches them first, facing away from the middle. Components then sit on rings
around the largest. The same graph gives the same positions in every process.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx
import numpy as np

__all__ = ["CORE", "layout", "ranked"]

# networkx lays out fewer than 500 nodes with its dense solver (well under a second); above that
# it switches to a sparse one that takes minutes on thousands of nodes.
CORE = 400
SEED = 7
SPACING = 30  # pixels between the nodes of a sunflower
GOLDEN = math.pi * (3 - math.sqrt(5))


def _simple(G: nx.Graph, order: list) -> nx.Graph:
    """`G` undirected, without self-loops or parallel edges, nodes and edges in rank order."""
    rank = {n: i for i, n in enumerate(order)}
    simple = nx.Graph()
    simple.add_nodes_from(order)
    simple.add_edges_from(sorted({tuple(sorted((u, v), key=rank.get)) for u, v in G.edges() if u != v},
                                 key=lambda e: (rank[e[0]], rank[e[1]])))
    return simple


def _core(simple: nx.Graph, nodes: list) -> dict:
    """Spring layout of `nodes` (rank order, at most CORE) with the edges among them."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(e for e in simple.edges(nodes) if e[1] in sub)
    local = nx.rescale_layout(_spring(nx.to_numpy_array(sub), 2.0 / len(sub) ** 0.5), scale=45 * len(sub) ** 0.5)
    return {n: (float(x), float(y)) for n, (x, y) in zip(sub, local)}


def _spring(adjacency, k: float, iterations: int = 100, threshold: float = 1e-4):
    """Fruchterman-Reingold positions (n × 2) from seeded random ones, as networkx's dense
    `spring_layout` computes them, with x and y apart: five times faster on a few hundred nodes."""
    n = len(adjacency)
    pos = np.random.RandomState(SEED).rand(n, 2)
    t = max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1])) * 0.1  # the largest step, cooling to nothing
    dt = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        distance = np.maximum(np.sqrt(dx * dx + dy * dy), 0.01)
        force = k * k / distance**2 - adjacency * distance / k  # repulsion of all, attraction of neighbours
        shift = np.stack((np.einsum("ij,ij->i", dx, force), np.einsum("ij,ij->i", dy, force)), axis=1)
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", shift, shift)), 0.01)
        step = shift * (t / length)[:, None]
        pos += step
        t -= dt
        if np.linalg.norm(step) / n < threshold:
            break
    return pos


def _periphery(simple: nx.Graph, pos: dict, rank: dict) -> None:
    """Place every node of the component not in `pos` beside the placed neighbour that reaches it
    first (breadth first from the core, best ranked first)."""
    children: dict = {}
    queue = deque(sorted(pos, key=rank.get))
    seen = set(pos)
    while queue:
        parent = queue.popleft()
        for node in sorted(simple[parent], key=rank.get):
            if node not in seen:
                seen.add(node)
                children.setdefault(parent, []).append(node)
                queue.append(node)
    # Parents were met in breadth-first order, so each is placed before its own children.
    for parent, kids in children.items():
        px, py = pos[parent]
        norm = math.hypot(px, py)
        ux, uy = (px / norm, py / norm) if norm else (1.0, 0.0)
        # A disc of the children, just outside the parent, on the side away from the middle.
        radius = SPACING * math.sqrt(len(kids))
        cx, cy = px + ux * (radius + SPACING), py + uy * (radius + SPACING)
        for k, node in enumerate(kids):
            r, a = SPACING * math.sqrt(k + 0.5), k * GOLDEN
            pos[node] = (cx + r * math.cos(a), cy + r * math.sin(a))


def _component(simple: nx.Graph, nodes: list, rank: dict) -> dict:
    """A connected component: the largest connected part of its best-ranked CORE nodes by
    spring layout, every other node beside a neighbour."""
    core = nodes
    if len(nodes) > CORE:
        # Best-ranked nodes that touch no other of them would float off to the edge of a spring layout.
        parts = nx.connected_components(simple.subgraph(nodes[:CORE]))
        core = sorted(max(parts, key=lambda c: (len(c), -min(map(rank.get, c)))), key=rank.get)
    pos = _core(simple, core)
    if len(core) < len(nodes):
        _periphery(simple, pos, rank)
    return pos


_LAST: dict = {}  # the last layout made, by its input: the page and the GEXF file share it


def ranked(G: nx.MultiDiGraph) -> list:
    """Nodes, most connected first: edges plus mentions, then id (a fixed order). The page shows
    the first of them, and the page and the GEXF file lay them out in this order."""
    return sorted(G.nodes, key=lambda n: (-(G.degree(n) + int(G.nodes[n].get("mentions", 0) or 0)), str(n)))


def layout(G: nx.Graph, order: list) -> dict:
    """Node → (x, y) in whole pixels; `order` lists the nodes of `G`, most important first."""
    simple = _simple(G, order)
    key = (tuple(order), tuple(simple.edges()))
    if key not in _LAST:
        _LAST.clear()
        _LAST[key] = _placed(simple, order)
    return dict(_LAST[key])


def _placed(simple: nx.Graph, order: list) -> dict:
    rank = {n: i for i, n in enumerate(order)}
    components = sorted((sorted(c, key=rank.get) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), rank[c[0]]))
    pos: dict = {}
    ring = angle = 0.0
    for i, nodes in enumerate(components):
        local = _component(simple, nodes, rank)
        radius = max(math.hypot(x, y) for x, y in local.values())
        if i == 0:
            cx = cy = 0.0
            ring = radius + 150
        else:
            # Walk round a ring outside what is placed; start a wider ring when this one is full.
            step = (radius + 60) / ring
            if angle + step > 2 * math.pi:
                ring += 2 * radius + 150
                angle = 0.0
            cx, cy = ring * math.cos(angle), ring * math.sin(angle)
            angle += 2 * step
        for node, (x, y) in local.items():
            pos[node] = (round(x + cx), round(y + cy))
    return pos
