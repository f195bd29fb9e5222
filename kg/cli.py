"""The `kg` command line, thin over the library: `kg build` (`kg.build_corpus`, then every output
format), `kg query GRAPH find|neighbors|path|timeline`, `kg stats GRAPH`, `kg export GRAPH`.

Commands parse, call the library and print; a library error becomes one clear line and exit 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import query
from .build import Report, build_corpus
from .engine import ENGINES, EngineError
from .export.formats import FORMATS, parse_formats, write
from .read import MAX_MB
from .ruleset import RulesError

__all__ = ["main", "parser"]


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph of people, institutions, technologies and years.")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the graph of texts (default: the bundled corpus) and write every output format")
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
    _format_option(b)
    b.set_defaults(run=cmd_build)
    _query_parsers(sub)
    return ap


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _summary(G, report: Report, outdir: Path, written: list[Path]) -> str:
    types = Counter(d.get("type", "?") for _, d in G.nodes(data=True))
    relations = Counter(d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True))
    lines = [
        f"documents: {len(report.documents)} read" + (f" ({report.cached} from the cache)" if report.cached else "") + f", {report.skipped} skipped",
        "entities: " + (", ".join(f"{t} {n}" for t, n in sorted(types.items())) or "none"),
        "edges: " + (", ".join(f"{r} {n}" for r, n in sorted(relations.items())) or "none"),
        f"warnings: {len(report.warnings)}",
        f"elapsed: {report.seconds:.1f} s",
        _wrote(outdir, written),
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
    written = write(G, outdir, formats=_formats(args))
    say(_summary(G, report, outdir, written))
    return 0


class CommandError(Exception):
    """A user's mistake (an unknown name, an unreadable graph): one line, exit 1."""


def _format_list(text: str) -> list[str]:
    try:
        return parse_formats([text])
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _format_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format", action="append", type=_format_list, metavar="FORMAT",
        help=f"write only these formats (repeatable or comma-separated: {','.join(FORMATS)}; default: all)",
    )


def _formats(args) -> list[str] | None:
    return [name for group in args.format for name in group] if args.format else None


def _wrote(outdir: Path, written: list[Path]) -> str:
    return f"wrote {len(written)} files to {outdir}: " + ", ".join(p.relative_to(outdir).as_posix() for p in written)


def _query_parsers(sub) -> None:
    """`kg query`, `kg stats` and `kg export`: questions to, and conversions of, a written graph."""
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON instead of a table (for scripts)")
    q = sub.add_parser("query", help="ask a graph file (GraphML or JSON) about a name")
    q.add_argument("graph", metavar="GRAPH", help="a graph written by kg: graph.graphml or graph.json")
    questions = q.add_subparsers(dest="question", required=True)
    f = questions.add_parser("find", parents=[as_json], help="the node a name stands for, in any script")
    f.add_argument("name", metavar="NAME")
    f.set_defaults(run=cmd_find)
    n = questions.add_parser("neighbors", parents=[as_json], help="a node's relations, with evidence")
    n.add_argument("name", metavar="NAME")
    n.add_argument("--relation", metavar="R", help="only this relation, e.g. WORKED_AT")
    n.add_argument("--type", metavar="T", help="only neighbours of this type, e.g. ORG")
    n.set_defaults(run=cmd_neighbors)
    pa = questions.add_parser("path", parents=[as_json], help="a shortest chain of relations between two names")
    pa.add_argument("a", metavar="A")
    pa.add_argument("b", metavar="B")
    pa.set_defaults(run=cmd_path)
    t = questions.add_parser("timeline", parents=[as_json], help="a node's dated relations, oldest first")
    t.add_argument("name", metavar="NAME")
    t.set_defaults(run=cmd_timeline)
    st = sub.add_parser("stats", parents=[as_json], help="counts of a graph file: types, relations, documents, years")
    st.add_argument("graph", metavar="GRAPH")
    st.set_defaults(run=cmd_stats)
    e = sub.add_parser("export", help="write a graph file in other formats")
    e.add_argument("graph", metavar="GRAPH")
    e.add_argument("-o", "--output", metavar="OUTDIR", help="output folder (default: the folder of GRAPH)")
    _format_option(e)
    e.set_defaults(run=cmd_export)


def _load(path: str):
    try:
        return query.load(path)
    except ValueError as error:
        raise CommandError(str(error)) from None


def _node(G, name: str, graph: str) -> str:
    node = query.find(G, name)
    if node is None:
        raise CommandError(f"no node named {name!r} in {graph}")
    return node


def _name(G, node: str) -> str:
    data = G.nodes[node]
    label, zh = str(data.get("label", node)), str(data.get("label_zh", ""))
    return f"{label} ({zh})" if zh and zh != label else label


def _describe(G, node: str) -> dict:
    data = G.nodes[node]
    return {"id": node, "label": data.get("label", node), "label_zh": data.get("label_zh", ""), "type": data.get("type", "")}


def _cell(G, node: str, evidence: list[dict] = ()) -> Text:
    """A node's names, and under them the first evidence sentence (document text is never markup)."""
    cell = Text(_name(G, node))
    if evidence:
        cell.append(f"\n{evidence[0]['text']}  [{evidence[0]['doc']}]", style="dim")
    return cell


def _print(args, data, table: Table) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        Console().print(table)


def _table(title: str, *headers: str, lines: bool = True) -> Table:
    table = Table(title=Text(title), title_justify="left", show_lines=lines)
    for header in headers:
        # The node column, which holds the evidence sentence too, gets the room that is left.
        table.add_column(header, overflow="fold", ratio=4 if header == "node" else None)
    return table


def cmd_find(args, err: Console) -> int:
    G = _load(args.graph)
    node = _node(G, args.name, args.graph)
    data = G.nodes[node]
    table = _table(_name(G, node), "field", "value", lines=False)
    for field in ("id", "label", "label_zh", "type", "mentions", "docs", "aliases"):
        table.add_row(field, Text(str(node if field == "id" else data.get(field, "")).replace("|", " | ")))
    listed = {field: [v for v in str(data.get(field, "")).split("|") if v] for field in ("docs", "aliases")}
    result = {**_describe(G, node), "mentions": data.get("mentions", 0), **listed}
    _print(args, result, table)
    return 0


def _arrow(r: dict, node: str) -> str:
    return "→" if r["source"] == node else "←"


def cmd_neighbors(args, err: Console) -> int:
    G = _load(args.graph)
    node = _node(G, args.name, args.graph)
    rows = query.links(G, node, relation=args.relation, type=args.type)
    table = _table(f"{_name(G, node)}: {len(rows)} relations", "relation", "", "node", "type", "years")
    for r in rows:
        table.add_row(Text(r["relation"]), _arrow(r, node), _cell(G, r["node"], r["evidence"]),
                      Text(str(G.nodes[r["node"]].get("type", ""))), Text(", ".join(r["years"])))
    links = [{**r, "label": G.nodes[r["node"]].get("label", "")} for r in rows]
    _print(args, {"node": _describe(G, node), "links": links}, table)
    return 0


def cmd_path(args, err: Console) -> int:
    G = _load(args.graph)
    a, b = _node(G, args.a, args.graph), _node(G, args.b, args.graph)
    chain = query.path(G, a, b)
    if not chain:
        raise CommandError(f"no path between {_name(G, a)} and {_name(G, b)}")
    hops = [{"from": u, "to": v, "links": [r for r in query.links(G, u) if r["node"] == v]} for u, v in zip(chain, chain[1:])]
    table = _table(f"{_name(G, a)} → {_name(G, b)}: {len(hops)} steps", "#", "relation", "node")
    table.add_row("1", "", _cell(G, a))
    for i, hop in enumerate(hops, 2):
        relations = "\n".join(dict.fromkeys(f"{r['relation']} {_arrow(r, hop['from'])}" for r in hop["links"]))
        table.add_row(str(i), Text(relations), _cell(G, hop["to"], hop["links"][0]["evidence"]))
    _print(args, {"path": [_describe(G, n) for n in chain], "hops": hops}, table)
    return 0


def cmd_timeline(args, err: Console) -> int:
    G = _load(args.graph)
    node = _node(G, args.name, args.graph)
    rows = query.timeline(G, node)
    table = _table(f"{_name(G, node)}: {len(rows)} dated relations", "year", "relation", "", "node")
    for r in rows:
        table.add_row(Text(r["year"]), Text(r["relation"]), _arrow(r, node), _cell(G, r["node"], r["evidence"]))
    _print(args, {"node": _describe(G, node), "timeline": rows}, table)
    return 0


def cmd_stats(args, err: Console) -> int:
    G = _load(args.graph)
    s = query.stats(G)
    years = "–".join(map(str, s["years"])) or "none"
    table = _table(str(args.graph), "", "count", lines=False)
    for what, count in (("nodes", s["nodes"]), ("edges", s["edges"]), ("documents", s["documents"]),
                        ("dated edges", s["dated_edges"]), ("years", years), ("components", s["components"]),
                        ("largest component", s["largest_component"])):
        table.add_row(what, Text(str(count)))
    for title, counts in (("type", s["types"]), ("relation", s["relations"])):
        table.add_section()
        for name, count in counts.items():
            table.add_row(Text(f"{title} {name}"), str(count))
    table.add_section()
    for i, top in enumerate(s["top"], 1):
        table.add_row(f"most connected #{i}", Text(f"{_name(G, top['node'])} ({top['type']}, {top['degree']} edges)"))
    _print(args, s, table)
    return 0


def cmd_export(args, err: Console) -> int:
    G = _load(args.graph)
    outdir = Path(args.output) if args.output else Path(args.graph).parent
    say(_wrote(outdir, write(G, outdir, formats=_formats(args))))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    err = Console(stderr=True)
    try:
        return args.run(args, err)
    except (RulesError, OSError, EngineError, CommandError) as error:
        say(f"error: {error}")
        return 1
    except Exception as error:  # noqa: BLE001  (a bug still gets one line; KG_DEBUG=1 shows the trace)
        if os.environ.get("KG_DEBUG"):
            raise
        say(f"error: {type(error).__name__}: {error} (set KG_DEBUG=1 for the traceback)")
        return 1

