"""Build time and memory of `kg build`, on the bundled corpus and on a larger copy of it.

    python benchmarks/bench_build.py [--copies 20] [--repeat 3]

Prints wall time per stage (rules load, extraction, resolution + graph, exports), throughput and
peak resident memory. The larger corpus repeats the bundled documents under new names, so it has
the same language mix at N times the size.
"""

from __future__ import annotations

import argparse
import platform
import resource
import shutil
import tempfile
import time
from pathlib import Path

import kg
from kg.export.graphml import to_graphml
from kg.export.html import to_html
from kg.ruleset import load_rules


def corpus_copy(copies: int, folder: Path) -> Path:
    for i in range(copies):
        for doc in sorted(kg.bundled_corpus().glob("*.txt")):
            shutil.copy(doc, folder / f"{i:03d}_{doc.name}")
    return folder


def timed(fn, *args):
    began = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - began


def run(paths, label: str, repeat: int) -> None:
    size = sum(p.stat().st_size for path in paths for p in (path.rglob("*.txt") if path.is_dir() else [path]))
    best = None
    for _ in range(repeat):
        (G, report), build_s = timed(kg.build_corpus, paths)
        _, graphml_s = timed(to_graphml, G)
        _, html_s = timed(to_html, G)
        total = build_s + graphml_s + html_s
        if best is None or total < best[0]:
            best = (total, build_s, graphml_s, html_s, len(report.documents), G)
    total, build_s, graphml_s, html_s, docs, G = best
    print(f"{label}: {docs} documents, {size / 1e6:.2f} MB, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    print(f"  build {build_s:.2f} s ({size / 1e6 / build_s:.2f} MB/s, {docs / build_s:.1f} docs/s), "
          f"GraphML {graphml_s:.2f} s, HTML {html_s:.2f} s, total {total:.2f} s (best of {repeat})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}")
    _, rules_s = timed(load_rules)
    print(f"rules: {len(load_rules().entities)} entities loaded in {rules_s:.2f} s (cached afterwards)")
    run([kg.bundled_corpus()], "bundled corpus", args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        run([corpus_copy(args.copies, Path(tmp))], f"bundled corpus x{args.copies}", 1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
