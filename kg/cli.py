"""`kg build [PATH ...] [-o OUTDIR] [--rules DIR]`: a thin command line over `kg.build_corpus`.

Commands parse, call the library and print; a library error becomes one clear line and exit 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .build import Report, build_corpus
from .engine import ENGINES, EngineError
from .export import atomic_write
from .export.graphml import to_graphml
from .export.html import html_bytes
from .read import MAX_MB
from .ruleset import RulesError

__all__ = ["main", "parser"]


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph of people, institutions, technologies and years.")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build graph.html and graph.graphml from texts (default: the bundled corpus)")
    b.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (.txt .md .html), read recursively")
    b.add_argument("-o", "--output", default="output", metavar="OUTDIR", help="output folder (default: ./output)")
    b.add_argument("--rules", action="append", default=[], metavar="DIR", help="a rules folder added to the bundled rules (repeatable)")
    b.add_argument(
        "--ner", default="auto", metavar="auto|off|MODEL",
        help="optional statistical NER for English passages: auto (an installed en_core_web_* pipeline, if any), off, or a spaCy pipeline name or folder",
    )
    b.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N", help="process documents in N processes (default 1)")
    b.add_argument("--engine", choices=ENGINES, default="local", help="where documents are processed: local (default) or dask (pip install 'kg[dask]')")
    b.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the address of a running Dask scheduler (default: a local cluster of --jobs workers)")
    b.add_argument("--cache", metavar="DIR", help="keep each document's extraction in DIR and reuse it while the document and the rules stay the same")
    b.add_argument("--max-mb", type=float, default=MAX_MB, metavar="MB", help=f"skip files larger than MB megabytes (default {MAX_MB:g})")
    return ap


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _summary(G, report: Report, outdir: Path) -> str:
    types = Counter(d.get("type", "?") for _, d in G.nodes(data=True))
    relations = Counter(d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True))
    lines = [
        f"documents: {len(report.documents)} read" + (f" ({report.cached} from the cache)" if report.cached else "") + f", {report.skipped} skipped",
        "entities: " + (", ".join(f"{t} {n}" for t, n in sorted(types.items())) or "none"),
        "edges: " + (", ".join(f"{r} {n}" for r, n in sorted(relations.items())) or "none"),
        f"warnings: {len(report.warnings)}",
        f"elapsed: {report.seconds:.1f} s",
        f"wrote {outdir / 'graph.html'} and {outdir / 'graph.graphml'}",
    ]
    return "\n".join(lines)


def say(message: str) -> None:
    """A message on stderr, never wrapped (one warning or error is one line)."""
    print(message, file=sys.stderr, flush=True)


def cmd_build(args, err: Console) -> int:
    outdir = Path(args.output)
    columns = (TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[doc]}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("build", total=None, doc="")
        G, report = build_corpus(
            args.paths or None,
            args.rules,
            on_start=lambda n: progress.update(task, total=n),
            on_document=lambda d: progress.update(task, advance=1, doc=d.name),
            ner=args.ner,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
            cache=args.cache,
            max_mb=args.max_mb,
        )
    for warning in report.warnings:
        say(f"warning: {warning}")
    if not report.documents:
        say("error: no readable documents")
        return 1
    # Both files are made before either is written: a failure leaves the old pair, never a mix.
    graphml, page = to_graphml(G), html_bytes(G)
    atomic_write(outdir / "graph.graphml", graphml)
    atomic_write(outdir / "graph.html", page)
    say(_summary(G, report, outdir))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    err = Console(stderr=True)
    try:
        return cmd_build(args, err)
    except (RulesError, OSError, EngineError) as error:
        say(f"error: {error}")
        return 1
    except Exception as error:  # noqa: BLE001  (a bug still gets one line; KG_DEBUG=1 shows the trace)
        if os.environ.get("KG_DEBUG"):
            raise
        say(f"error: {type(error).__name__}: {error} (set KG_DEBUG=1 for the traceback)")
        return 1

