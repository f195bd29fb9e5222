"""One self-contained HTML page of the graph: vis-network and the viewer inlined, no external URL,
all text escaped.

The graph travels as one JSON blob inside `<script type="application/json">` (with `<`, `>`, `&`
and `://` escaped): nodes in rank order (most connected first), edges, and a table of evidence
sentences they share. The viewer (`templates/viewer.js`) puts every document or rule string into
the DOM with `textContent`, never as markup: a name such as `<img src=x onerror=alert(1)>` shows
as text.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import networkx as nx

from ..graph import COLORS, OTHER_COLOR
from ..normalize import SEARCH_DROP, to_simplified
from ..schema import RELATIONS
from . import atomic_write, year_span
from .layout import layout, ranked

__all__ = ["TOP_NODES", "UNTYPED", "graph_data", "html_bytes", "to_html", "write_html"]

# Nodes in the first view (the most connected); the page can show more, and search reaches all.
TOP_NODES = 250
# The relation that only says "named in one sentence"; hidden at first when typed ones exist.
UNTYPED = "CO_OCCURS"
UNTYPED_COLOR = "#a0a0a0"
# One colour per relation of the vocabulary, in its order, then round again for others.
RELATION_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
                    "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173")
NODE_FIELDS = ("id", "label", "label_zh", "type", "aliases", "docs", "mentions", "degree", "y0", "y1", "x", "y")
EDGE_FIELDS = ("from", "to", "relation", "weight", "confidence", "years", "y0", "y1", "docs", "evidence")
_VIS = "templates/lib/vis-9.1.2"
_MARKER = re.compile(r"/\*__(VIS_CSS|VIS_JS|VIEWER_JS|DATA)__\*/")


def _inline_js(js: str) -> str:
    # "http://…" only occurs in strings, regexes and licence comments, where ":\/\/" means the same.
    return js.replace("://", ":\\/\\/").replace("</script", "<\\/script")


@functools.lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    """vis-network's script and style as shipped by pyvis, and the viewer's script, safe to inline."""
    lib = resources.files("pyvis") / _VIS
    vis_js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (lib / "vis-network.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    viewer = (resources.files("kg") / "templates" / "viewer.js").read_text(encoding="utf-8")
    return _inline_js(vis_js), vis_css, _inline_js(viewer)


@functools.lru_cache(maxsize=1)
def _t2s_table() -> dict[str, str]:
    """Traditional → Simplified for every Han character that changes, so the page's search folds
    scripts the way kg does (辛頓 finds 辛顿)."""
    chars = [chr(code) for code in range(0x4E00, 0xA000)]
    # One conversion of them all, a line each: no phrase spans two, as if each went alone.
    simple = to_simplified("\n".join(chars))[::2]
    return {ch: s for ch, s in zip(chars, simple) if s != ch}


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % rgb


def _union(spans) -> tuple[int, int]:
    """The smallest span holding all of `spans`; (0, 0) when there are none (undated)."""
    spans = [s for s in spans if s and s[0]]
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (0, 0)


def _edge_span(u: str, v: str, years: str) -> tuple[int, int]:
    """The years an edge is dated by: its own, and those of a year node it joins."""
    ends = [year_span(n.split(":", 1)[1]) for n in (u, v) if n.startswith("year:")]
    return _union([year_span(y) for y in years.split("|") if y] + ends)


def _relation_color(name: str, index: int) -> str:
    if name == UNTYPED:
        return UNTYPED_COLOR
    at = RELATIONS.index(name) if name in RELATIONS else len(RELATIONS) + index
    return RELATION_PALETTE[at % len(RELATION_PALETTE)]


def _evidence(value) -> list[dict]:
    """An edge's evidence list, whether still JSON text (as built and as read from GraphML) or not."""
    try:
        items = json.loads(value) if isinstance(value, str) else list(value or [])
    except ValueError:
        return []
    return [e for e in items if isinstance(e, dict)]


def _split(value) -> list[str]:
    return [s for s in str(value or "").split("|") if s]


def _node_spans(order: list, edge_spans: dict) -> dict:
    """Node → its span of years. A year node stands for its own year; any other node spans the
    years of the edges it is on."""
    around: dict = {n: [] for n in order}
    for (u, v, _), span in edge_spans.items():
        around[u].append(span)
        around[v].append(span)
    own = {n: year_span(str(n).split(":", 1)[1]) if str(n).startswith("year:") else None for n in order}
    return {n: own[n] or _union(around[n]) for n in order}


def _sentence_rows(edges: list, doc_index: dict) -> tuple[dict, list]:
    """Edge → indexes of its evidence sentences, and the sentences ([doc, start, end, text]),
    each stored once however many edges cite it (a typed edge and its CO_OCCURS share theirs)."""
    table: dict[tuple, int] = {}
    cited = {}
    for u, v, key, data in edges:
        cited[(u, v, key)] = [
            table.setdefault((doc_index[str(s.get("doc", ""))], int(s.get("start", 0)), int(s.get("end", 0)), str(s.get("text", ""))), len(table))
            for s in _evidence(data.get("evidence"))
        ]
    return cited, [list(row) for row in table]


def graph_data(G: nx.MultiDiGraph, top_nodes: int = TOP_NODES) -> dict:
    """The JSON the page reads. Nodes (most connected first) and edges are rows of NODE_FIELDS /
    EDGE_FIELDS; `type`, `relation`, `docs` and an edge's `from`/`to` and `evidence` are indexes
    into `types`, `relations`, `docs`, the nodes and `sentences`; `y0`–`y1` is the span of years a
    node or edge is linked with (0–0: undated); `x`, `y` the fixed layout."""
    order = ranked(G)
    index = {n: i for i, n in enumerate(order)}
    pos = layout(G, order)
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (index[e[0]], index[e[1]], str(e[3].get("relation", e[2]))))
    edge_spans = {e[:3]: _edge_span(str(e[0]), str(e[1]), str(e[3].get("years", ""))) for e in edges}
    node_spans = _node_spans(order, edge_spans)
    docs = sorted({d for _, data in G.nodes(data=True) for d in _split(data.get("docs"))}
                  | {d for *_, data in edges for d in _split(data.get("docs"))}
                  | {str(s.get("doc", "")) for *_, data in edges for s in _evidence(data.get("evidence"))})
    doc_index = {d: i for i, d in enumerate(docs)}
    cited, sentences = _sentence_rows(edges, doc_index)
    node_type = {n: str(G.nodes[n].get("type", "")) for n in order}
    edge_relation = {e[:3]: str(e[3].get("relation", e[2])) for e in edges}
    types = sorted(set(node_type.values()), key=lambda t: (list(COLORS).index(t) if t in COLORS else 99, t))
    relations = sorted(set(edge_relation.values()), key=lambda r: (r == UNTYPED, r))

    node_rows = []
    for n in order:
        data = G.nodes[n]
        label, label_zh = str(data.get("label", n)), str(data.get("label_zh", ""))
        node_rows.append([
            str(n), label, label_zh, types.index(node_type[n]),
            [a for a in _split(data.get("aliases")) if a not in (label, label_zh)],
            [doc_index[d] for d in _split(data.get("docs"))], int(data.get("mentions", 0) or 0),
            len(set(nx.all_neighbors(G, n)) - {n}), *node_spans[n], *pos[n],
        ])
    edge_rows = [[
        index[u], index[v], relations.index(edge_relation[(u, v, key)]), float(data.get("weight", 1) or 1),
        float(data.get("confidence", 0) or 0), _split(data.get("years")), *edge_spans[(u, v, key)],
        [doc_index[d] for d in _split(data.get("docs"))], cited[(u, v, key)],
    ] for u, v, key, data in edges]

    type_count = Counter(node_type.values())
    relation_count = Counter(edge_relation.values())
    return {
        "top": int(top_nodes),
        "untyped": UNTYPED,
        "types": [{"name": t, "color": _hex(COLORS.get(t, OTHER_COLOR)), "count": type_count[t]} for t in types],
        "relations": [{"name": r, "color": _relation_color(r, i), "count": relation_count[r]} for i, r in enumerate(relations)],
        "docs": docs,
        "years": list(_union([*edge_spans.values(), *node_spans.values()])),
        "nodes": {"fields": list(NODE_FIELDS), "rows": node_rows},
        "edges": {"fields": list(EDGE_FIELDS), "rows": edge_rows},
        "sentences": sentences,
        "t2s": _t2s_table(),
        "drop": SEARCH_DROP,
    }


def _script_json(value) -> str:
    """JSON that cannot end its <script> element or be read as a URL reference."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("://", ":\\/\\/"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def to_html(G: nx.MultiDiGraph, top_nodes: int = TOP_NODES) -> str:
    """The page as a string; `top_nodes` is how many of the most connected nodes it opens on."""
    template = (resources.files("kg") / "templates" / "graph.html").read_text(encoding="utf-8")
    vis_js, vis_css, viewer = _assets()
    parts = {"VIS_CSS": vis_css, "VIS_JS": vis_js, "VIEWER_JS": viewer, "DATA": _script_json(graph_data(G, top_nodes))}
    # One pass, so nothing inserted (a document quoting a marker) is ever replaced again.
    return _MARKER.sub(lambda m: parts[m.group(1)], template)


def html_bytes(G: nx.MultiDiGraph, top_nodes: int = TOP_NODES) -> bytes:
    """The page as UTF-8 (a lone surrogate from an undecodable file name becomes U+FFFD)."""
    return to_html(G, top_nodes).encode("utf-8", errors="replace")


def write_html(G: nx.MultiDiGraph, path: str | Path, top_nodes: int = TOP_NODES) -> Path:
    """Write the page to `path`, atomically."""
    return atomic_write(path, html_bytes(G, top_nodes))
