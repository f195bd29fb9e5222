"""Time of every export format, of loading a graph back and of the queries, on a made-up graph of
kg's shape (seeded, so every run times the same graph).

    python benchmarks/bench_exports.py [--nodes 5000] [--edges 15000]

Prints seconds and megabytes per format, then load (GraphML, JSON), find, path and timeline.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

import kg
from kg.export.formats import FORMATS
from kg.graph import COLORS

TYPES = ("PERSON", "ORG", "TECH", "YEAR")
RELATIONS = ("CO_OCCURS", "CO_OCCURS", "WORKED_AT", "CREATED", "USED")


def made_up(nodes: int, edges: int, seed: int = 7) -> nx.MultiDiGraph:
    """A graph with kg's attributes: names in two scripts, spans, dated edges with evidence."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(nodes):
        kind = "YEAR" if i < 120 else TYPES[i % 3]  # a century of years, the rest people, orgs, techs
        key = f"year:{1900 + i}" if kind == "YEAR" else f"{kind.lower()}:n{i}"
        r, g, b = COLORS[kind]
        spans = [{"doc": f"d{j}.txt", "start": 10 * j, "end": 10 * j + 4, "text": f"名字{i}"} for j in range(rng.randint(1, 6))]
        G.add_node(key, label=f"Name {i}", label_zh=f"名字{i}", type=kind, aliases=f"Name {i}|名字{i}", docs="d0.txt",
                   mentions=len(spans), r=r, g=g, b=b, first_year=0, spans=spans)
    keys = list(G)
    for j in range(edges):
        u, v = rng.sample(keys, 2)
        relation = rng.choice(RELATIONS)
        evidence = [{"doc": "d0.txt", "start": 0, "end": 40, "text": "他在 1988 年加入了這個實驗室，開始研究卷積網路。"}]
        G.add_edge(u, v, key=relation, relation=relation, weight=1.0, docs="d0.txt", years=str(1950 + j % 70) if j % 3 == 0 else "",
                   evidence=evidence, confidence=0.2 if relation == "CO_OCCURS" else 0.6)
    return G


def timed(fn, *args):
    began = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - began


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=15000)
    args = ap.parse_args()
    G = made_up(args.nodes, args.edges)
    print(f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    for name, render in FORMATS.items():
        files, seconds = timed(render, G)
        print(f"{name:8} {seconds:6.2f} s  {sum(map(len, files.values())) / 1e6:5.1f} MB")
    with tempfile.TemporaryDirectory() as folder:
        kg.write(G, folder, formats=["graphml", "json"])
        for name in ("graph.graphml", "graph.json"):
            H, seconds = timed(kg.load, Path(folder) / name)
            print(f"load {name:13} {seconds:6.2f} s")
    people = [n for n in H if n.startswith("person:")]
    for label, fn, call in (("find", kg.find, (H, "名字4999")), ("path", kg.path, (H, people[0], people[-1])),
                            ("timeline", kg.timeline, (H, people[0]))):
        result, seconds = timed(fn, *call)
        print(f"{label:8} {seconds:6.3f} s  ({len(result) if isinstance(result, list) else result})")


if __name__ == "__main__":
    main()
