"""Time of every export format, of loading a graph back and of the queries, on the synthetic graph
of kg's shape (`kg.synthetic.synthetic_graph`, seeded: every run times the same graph).

    python benchmarks/bench_exports.py [--nodes 5000]

Prints seconds and megabytes per format, then load (GraphML, JSON), find, path and timeline.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import kg
from kg.export.formats import FORMATS
from kg.synthetic import synthetic_graph


def timed(fn, *args):
    began = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - began


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    args = ap.parse_args()
    G = synthetic_graph(args.nodes)
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
    for label, fn, call in (("find", kg.find, (H, H.nodes[people[-1]]["label_zh"])), ("path", kg.path, (H, people[0], people[-1])),
                            ("timeline", kg.timeline, (H, people[0]))):
        result, seconds = timed(fn, *call)
        print(f"{label:8} {seconds:6.3f} s  ({len(result) if isinstance(result, list) else result})")


if __name__ == "__main__":
    main()
