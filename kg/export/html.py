"""One self-contained HTML page of the graph: vis-network inlined, no external URL, all text escaped.

The graph data travels as JSON inside `<script type="application/json">` (with `<`, `>`, `&` and
`://` escaped), and the page's script puts every document or rule string into the DOM with
`textContent`, never as markup: a name such as `<img src=x onerror=alert(1)>` shows as text.
"""

from __future__ import annotations

import functools
import json
import math
import re
from importlib import resources
from pathlib import Path

import networkx as nx

from ..graph import COLORS, OTHER_COLOR
from ..normalize import SEARCH_DROP, search_key, simplified_char
from . import atomic_write

__all__ = ["html_bytes", "to_html", "write_html", "TOP_NODES"]

# Nodes shown before any search or filter; the rest are one search away.
TOP_NODES = 250
_VIS = "templates/lib/vis-9.1.2"
_MARKER = re.compile(r"/\*__(VIS_CSS|VIS_JS|DATA)__\*/")


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style as shipped by pyvis, made safe to inline."""
    lib = resources.files("pyvis") / _VIS
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # "http://…" only occurs in strings, regexes and licence comments, where ":\/\/" means the same.
    js = js.replace("://", ":\\/\\/").replace("</script", "<\\/script")
    css = css.replace("</style", "<\\/style")
    return js, css


@functools.lru_cache(maxsize=1)
def _t2s_table() -> dict[str, str]:
    """Traditional → Simplified for every Han character that changes, so the page's search folds
    scripts the way kg does (辛頓 finds 辛顿)."""
    table = {}
    for code in range(0x4E00, 0xA000):
        ch = chr(code)
        simple = simplified_char(ch)
        if simple != ch:
            table[ch] = simple
    return table


def _search_key(data: dict) -> str:
    names = [data.get("label", ""), data.get("label_zh", ""), *str(data.get("aliases", "")).split("|")]
    return "|".join(sorted({search_key(n) for n in names if n}))


def _hex(data: dict) -> str:
    r, g, b = (data.get(c, OTHER_COLOR[i]) for i, c in enumerate("rgb"))
    return f"#{int(r):02x}{int(g):02x}{int(b):02x}"


def _layout(G: nx.MultiDiGraph) -> dict:
    """A fixed, seeded layout: each connected component spring-laid on its own, the largest in the
    middle and the others on rings around it, so the page opens with physics off and the same
    picture every time."""
    simple = nx.Graph()
    simple.add_nodes_from(G.nodes)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    pos: dict = {}
    ring, angle = 0.0, 0.0
    for i, nodes in enumerate(components):
        # A fresh graph in sorted order: subgraph views iterate a set, whose order varies by process.
        sub = nx.Graph()
        sub.add_nodes_from(sorted(nodes, key=str))
        sub.add_edges_from(sorted((tuple(sorted(e, key=str)) for e in simple.edges(nodes)), key=str))
        radius = 45 * len(sub) ** 0.5
        if len(sub) == 1:
            local = {next(iter(sub)): (0.0, 0.0)}
        else:
            iterations = 100 if len(sub) <= 1500 else 30
            local = nx.spring_layout(sub, seed=7, iterations=iterations, k=2.0 / len(sub) ** 0.5, scale=radius)
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
            pos[node] = (round(float(x) + cx), round(float(y) + cy))
    return pos


def _top(G: nx.MultiDiGraph, limit: int) -> set:
    ranked = sorted(G.nodes, key=lambda n: (-(G.degree(n) + int(G.nodes[n].get("mentions", 0))), str(n)))
    return set(ranked[:limit])


def graph_data(G: nx.MultiDiGraph, top_nodes: int = TOP_NODES) -> dict:
    """The JSON the page reads: nodes with positions, edges with evidence, legend, year range."""
    pos = _layout(G)
    top = _top(G, top_nodes)
    nodes = []
    for node, data in G.nodes(data=True):
        x, y = pos.get(node, (0, 0))
        nodes.append({
            "id": str(node), "label": str(data.get("label", node)), "label_zh": str(data.get("label_zh", "")),
            "type": str(data.get("type", "")), "aliases": str(data.get("aliases", "")), "docs": str(data.get("docs", "")),
            "mentions": int(data.get("mentions", 1)), "first_year": int(data.get("first_year", 0) or 0),
            "color": _hex(data), "x": x, "y": y, "top": node in top, "search": _search_key(data),
        })
    edges = []
    for i, (u, v, key, data) in enumerate(G.edges(keys=True, data=True)):
        evidence = data.get("evidence", "[]")
        edges.append({
            "id": f"e{i}", "from": str(u), "to": str(v), "relation": str(data.get("relation", key)),
            "weight": float(data.get("weight", 1)), "docs": str(data.get("docs", "")), "years": str(data.get("years", "")),
            "evidence": json.loads(evidence) if isinstance(evidence, str) else list(evidence),
        })
    types = sorted({n["type"] for n in nodes}, key=lambda t: (list(COLORS).index(t) if t in COLORS else 99, t))
    years = [int(str(n)[5:9]) for n in G.nodes if str(n).startswith("year:")]
    return {
        "nodes": nodes,
        "edges": edges,
        "types": [{"name": t, "color": "#%02x%02x%02x" % COLORS.get(t, OTHER_COLOR)} for t in types],
        "relations": sorted({e["relation"] for e in edges}),
        "years": [min(years), max(years)] if years else [1800, 2039],
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
    """The page as a string."""
    template = (resources.files("kg") / "templates" / "graph.html").read_text(encoding="utf-8")
    js, css = _vis_assets()
    parts = {"VIS_CSS": css, "VIS_JS": js, "DATA": _script_json(graph_data(G, top_nodes))}
    # One pass, so nothing inserted (a document quoting a marker) is ever replaced again.
    return _MARKER.sub(lambda m: parts[m.group(1)], template)


def html_bytes(G: nx.MultiDiGraph, top_nodes: int = TOP_NODES) -> bytes:
    """The page as UTF-8 (a lone surrogate from an undecodable file name becomes U+FFFD)."""
    return to_html(G, top_nodes).encode("utf-8", errors="replace")


def write_html(G: nx.MultiDiGraph, path: str | Path, top_nodes: int = TOP_NODES) -> Path:
    """Write the page to `path`, atomically."""
    return atomic_write(path, html_bytes(G, top_nodes))
