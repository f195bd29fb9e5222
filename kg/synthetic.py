"""A seeded random graph in kg's node and edge conventions, of any size, for the tests and
benchmarks of what the sample corpus is too small to show (a 5,000-node page).

>>> G = synthetic_graph(50, seed=1)
>>> G.number_of_nodes(), G.nodes["tech:n2"]["label_zh"], "節點2" in G.nodes["tech:n2"]["aliases"]
(50, '节点2', True)
"""

from __future__ import annotations

import json
import random

import networkx as nx

from .graph import COLORS
from .schema import RELATIONS

__all__ = ["synthetic_graph"]

TYPES = ("PERSON", "ORG", "TECH", "FIELD", "PLACE")
FIRST_YEAR, LAST_YEAR = 1950, 2020


def _node(G: nx.MultiDiGraph, key: str, etype: str, label: str, names: list[str], rng: random.Random) -> None:
    r, g, b = COLORS[etype]
    G.add_node(key, label=label, label_zh=names[0] if names else "", type=etype, aliases="|".join(sorted({label, *names})),
               docs=f"doc{rng.randrange(200):03d}.txt", mentions=rng.randint(1, 20), r=r, g=g, b=b,
               source="synthetic", resolution="", first_year=0)


def synthetic_graph(nodes: int = 5000, seed: int = 0) -> nx.MultiDiGraph:
    """`nodes` nodes (years 1950–2020, at most a tenth of the graph; the rest people, organisations,
    technologies, fields and places named `Tech 3` / 节点3 / 節點3) joined by preferential
    attachment, so a few are hubs as in real corpora. Edges are CO_OCCURS or a typed relation, half of them dated, each with one
    evidence sentence."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    years = [f"year:{y}" for y in range(FIRST_YEAR, LAST_YEAR + 1)][: max(1, nodes // 10)]
    for key in years:
        _node(G, key, "YEAR", key[5:], [], rng)
    names = []
    for i in range(nodes - len(years)):
        etype = TYPES[i % len(TYPES)]
        key = f"{etype.lower()}:n{i}"
        _node(G, key, etype, f"{etype.title()} {i}", [f"节点{i}", f"節點{i}", f"N{i}"], rng)
        names.append(key)
    shape = nx.barabasi_albert_graph(len(names), 2, seed=seed) if len(names) > 2 else nx.path_graph(len(names))
    pairs = [(names[u], names[v]) for u, v in shape.edges()]
    pairs += [(names[rng.randrange(len(names))], years[rng.randrange(len(years))]) for _ in range(len(names) // 5)]
    for u, v in pairs:
        if rng.random() < 0.5:
            u, v = v, u
        relation = "CO_OCCURS" if rng.random() < 0.6 or v in years or u in years else rng.choice(RELATIONS)
        year = str(rng.randint(FIRST_YEAR, LAST_YEAR)) if rng.random() < 0.5 else ""
        doc = f"doc{rng.randrange(200):03d}.txt"
        start = rng.randrange(10000)
        text = f"{G.nodes[u]['label']} 與 {G.nodes[v]['label']} 在 {year or '某'} 年有關。"
        evidence = [{"doc": doc, "start": start, "end": start + len(text), "text": text}]
        G.add_edge(u, v, key=relation, relation=relation, weight=1.0, docs=doc, years=year,
                   evidence=json.dumps(evidence, ensure_ascii=False), confidence=0.2 if relation == "CO_OCCURS" else 0.8)
    return G
