"""How fast `kg build` is, and how it scales: the bundled corpus copied ×1, ×10, ×100.

    python benchmarks/bench_build.py [--scales 1,10,100] [--repeat 3] [--json FILE]

For each scale, in a fresh process (so that peak memory is that scale's own):
- setup: `import kg`, loading the rules, building the spaCy pipeline (timed apart, not in the
  throughput);
- floor: reading the files (decoding, markup) and converting them with OpenCC t2s;
- build: extraction and graph (the whole per-document pipeline, the corpus step and the merge) on
  the documents read, in characters per second, on one core; the time spent in kg.relate is shown
  apart (it is part of the build);
- `--jobs 1` against `--jobs 2`: `build_corpus` as `kg build` runs it from a fresh process (loading
  the rules, building the pipelines — in the workers, while the files are read — reading, building);
- export: GraphML and HTML made and written;
- peak resident memory of the process (and of its workers, for --jobs 2).
Then `kg build` of the bundled corpus as a user runs it (wall time, start-up included).
The copies carry distinct file names (`r007_000_….txt`), so every copy is a document of its own.

Targets (issue 6): ≥ 1,000,000 chars/s on one core; build ≤ 10× the floor; per-character cost at
×100 within 1.3× of ×10; ×100 peak memory ≤ 2× ×10; --jobs 2 ≥ 1.8× --jobs 1; `kg build` < 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"chars_per_s": 1_000_000, "floor_ratio": 10.0, "linearity": 1.3, "memory_ratio": 2.0, "jobs2_speedup": 1.8, "kg_build_s": 3.0}


def replicate(copies: int, folder: Path) -> Path:
    """`copies` copies of the bundled corpus in `folder`, each file under a name of its own."""
    import kg

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for doc in sorted(kg.bundled_corpus().glob("*.txt")):
            shutil.copy(doc, folder / f"r{i:03d}_{doc.name}")
    return folder


def _best(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - began)
    return best, result


def measure(folder: Path, jobs: int, repeat: int) -> dict:
    """One scale, in this (fresh) process: first `build_corpus` as `kg build --jobs N` runs it
    (rules, pipelines, reading and the build; not the imports, not the exports); then, with one
    job only, setup, floor, build throughput, relate's share, export and memory."""
    began = time.perf_counter()
    import kg
    from kg import stages
    from kg.build import build_documents
    from kg.cache import fingerprint
    from kg.export import atomic_write
    from kg.export.graphml import to_graphml
    from kg.export.html import html_bytes
    from kg.normalize import to_simplified
    from kg.read import read_paths
    from kg.ruleset import load_rules

    out = {"jobs": jobs, "import_s": time.perf_counter() - began}
    out["corpus_s"], _ = _best(lambda: kg.build_corpus([folder], jobs=jobs), 1)
    out["corpus_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["workers_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if jobs > 1 else None
    if jobs > 1:
        return out
    load_rules.cache_clear()
    out["rules_s"], _ = _best(lambda: load_rules(()), 1)
    stages._nlp.cache_clear()
    out["pipeline_s"], _ = _best(lambda: stages._nlp(stages.Settings((), "auto", fingerprint((), "auto"))), 1)
    out["read_s"], (documents, warnings) = _best(lambda: read_paths([folder]), repeat)
    assert not warnings, warnings
    out["t2s_s"], _ = _best(lambda: [to_simplified(d.text) for d in documents], repeat)
    out["documents"] = len(documents)
    out["chars"] = sum(len(d.text) for d in documents)
    spent = {"relate": 0.0}
    real_relate = stages.relate

    def timed_relate(*args):
        t = time.perf_counter()
        try:
            return real_relate(*args)
        finally:
            spent["relate"] += time.perf_counter() - t

    stages.relate = timed_relate

    def build():
        spent["relate"] = 0.0
        return build_documents(documents)

    out["build_s"], (G, report) = _best(build, repeat)
    out["relate_s"] = spent["relate"]
    assert report.documents and not report.warnings, report.warnings
    out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()
    with tempfile.TemporaryDirectory() as tmp:
        def export():
            atomic_write(Path(tmp) / "graph.graphml", to_graphml(G))
            atomic_write(Path(tmp) / "graph.html", html_bytes(G))

        out["export_s"], _ = _best(export, 1)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def in_fresh_process(folder: Path, jobs: int, repeat: int) -> dict:
    run = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder), "--jobs", str(jobs), "--repeat", str(repeat)],
        capture_output=True, text=True, check=False,
    )
    if run.returncode:
        raise SystemExit(f"measuring {folder} with --jobs {jobs} failed:\n{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def kg_build_wall(repeat: int) -> float:
    """`kg build` of the bundled corpus as a user types it, start-up included (best of `repeat`)."""
    kg_command = Path(sys.executable).with_name("kg")
    command = [str(kg_command)] if kg_command.exists() else [sys.executable, "-m", "kg"]
    with tempfile.TemporaryDirectory() as tmp:
        return _best(lambda: subprocess.run([*command, "build", "-o", tmp], capture_output=True, check=True), repeat)[0]


def summarize(scales: dict[int, dict], wall: float) -> dict:
    """The figures the targets are about, from the per-scale measurements."""
    rows = {}
    for n, by_jobs in scales.items():
        one, two = by_jobs[1], by_jobs.get(2)
        floor = one["read_s"] + one["t2s_s"]
        rows[n] = {
            "documents": one["documents"], "chars": one["chars"], "nodes": one["nodes"], "edges": one["edges"],
            "import_s": one["import_s"], "rules_s": one["rules_s"], "pipeline_s": one["pipeline_s"],
            "floor_s": floor, "floor_chars_per_s": one["chars"] / floor,
            "build_s": one["build_s"], "chars_per_s": one["chars"] / one["build_s"], "floor_ratio": one["build_s"] / floor,
            "relate_s": one["relate_s"], "build_without_relate_chars_per_s": one["chars"] / (one["build_s"] - one["relate_s"]),
            "export_s": one["export_s"], "peak_rss_mb": one["peak_rss_mb"],
            "jobs1_corpus_s": one["corpus_s"],
            "jobs2_corpus_s": two["corpus_s"] if two else None,
            "jobs2_speedup": one["corpus_s"] / two["corpus_s"] if two else None,
            "jobs2_peak_rss_mb": two["corpus_peak_rss_mb"] if two else None,
            "jobs2_workers_peak_rss_mb": two["workers_peak_rss_mb"] if two else None,
        }
    summary = {"scales": rows, "kg_build_wall_s": wall}
    if 10 in rows and 100 in rows:
        per_char = {n: rows[n]["build_s"] / rows[n]["chars"] for n in (10, 100)}
        summary["linearity_x100_vs_x10"] = per_char[100] / per_char[10]
        summary["memory_x100_vs_x10"] = rows[100]["peak_rss_mb"] / rows[10]["peak_rss_mb"]
    return summary


def table(summary: dict) -> str:
    def fmt(value, spec):
        return "-" if value is None else format(value, spec)

    head = (f"{'scale':>5} {'docs':>5} {'chars':>9} {'build s':>8} {'chars/s':>10} {'w/o relate':>10} {'relate s':>8} "
            f"{'floor s':>7} {'ratio':>6} {'export s':>8} {'RSS MB':>7} {'j1 s':>6} {'j2 s':>6} {'j2 ×':>5}")
    lines = [head, "-" * len(head)]
    for n, r in summary["scales"].items():
        lines.append(
            f"{'×' + str(n):>5} {r['documents']:>5} {r['chars']:>9} {r['build_s']:>8.2f} {r['chars_per_s']:>10,.0f} "
            f"{r['build_without_relate_chars_per_s']:>10,.0f} {fmt(r['relate_s'], '>8.2f')} {r['floor_s']:>7.3f} {r['floor_ratio']:>6.1f} "
            f"{r['export_s']:>8.2f} {r['peak_rss_mb']:>7.0f} {r['jobs1_corpus_s']:>6.2f} {fmt(r['jobs2_corpus_s'], '>6.2f')} {fmt(r['jobs2_speedup'], '>5.2f')}"
        )
    first = next(iter(summary["scales"].values()))
    lines.append("build s, chars/s: extraction + graph of the documents read, rules and pipeline ready (one core); "
                 "j1 s, j2 s: build_corpus with --jobs 1 / 2 from a fresh process (rules, pipelines, reading, build)")
    lines.append(f"set-up (not in chars/s): import {first['import_s']:.2f} s, rules {first['rules_s']:.2f} s, spaCy pipeline {first['pipeline_s']:.2f} s")
    if "linearity_x100_vs_x10" in summary:
        lines.append(f"per-character cost ×100 / ×10: {summary['linearity_x100_vs_x10']:.2f} (target ≤ {TARGETS['linearity']})")
        lines.append(f"peak memory ×100 / ×10: {summary['memory_x100_vs_x10']:.2f} (target ≤ {TARGETS['memory_ratio']})")
    lines.append(f"`kg build` of the bundled corpus, wall, start-up included: {summary['kg_build_wall_s']:.2f} s (target < {TARGETS['kg_build_s']} s)")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10,100", help="comma-separated copy counts (default 1,10,100)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measure at ×1 and ×10; the best counts (×100 runs once)")
    ap.add_argument("--json", metavar="FILE", help="also write the JSON to FILE")
    ap.add_argument("--measure", metavar="FOLDER", help=argparse.SUPPRESS)  # one scale, in a fresh process
    ap.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.jobs, args.repeat)))
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} at start, {time.strftime('%Y-%m-%d %H:%M:%S')}", flush=True)
    scales: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.scales.split(",")):
            folder = replicate(n, Path(tmp) / f"x{n}")
            repeat = args.repeat if n < 100 else 1
            scales[n] = {jobs: in_fresh_process(folder, jobs, repeat) for jobs in (1, 2)}
            print(f"×{n}: measured", flush=True)
    summary = summarize(scales, kg_build_wall(args.repeat))
    summary["machine"] = {"cores": os.cpu_count(), "python": platform.python_version(), "load_average_end": os.getloadavg()[0],
                          "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    summary["targets"] = TARGETS
    print(table(summary))
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
