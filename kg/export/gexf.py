"""GEXF 1.3 for Gephi: colour, size and position per node (the page's seeded layout), and time
spells from the years relations carry, so Gephi's timeline works on open.

Time is `date`: a year is the interval from its 1 January to its 31 December, a decade (`1980s`)
its ten years. An edge lives in the years it is dated by (an edge to a year node, in that year);
a node in the years of its dated edges. Undated nodes and edges carry no spell: always present.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import networkx as nx

from . import year_span
from .graphml import sanitize
from .layout import layout, ranked

__all__ = ["to_gexf", "spells"]

NS = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"
# Carried by the element itself (label, colour, weight) or too long to be of use in Gephi (spans).
_NOT_ATTRIBUTES = {"node": {"label", "r", "g", "b", "spans"}, "edge": {"weight"}}
_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}


def spells(years) -> list[tuple[str, str]]:
    """Merged date intervals covering `years` (strings such as `1985`, `1980s`).

    >>> spells(["1987", "1980s", "1991", "1990"])
    [('1980-01-01', '1991-12-31')]
    """
    ranges = sorted(filter(None, map(year_span, years)))
    merged: list[list[int]] = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [(f"{first:04d}-01-01", f"{last:04d}-12-31") for first, last in merged]


def _edge_years(H: nx.MultiDiGraph, u: str, v: str, data: dict) -> list[str]:
    years = [y for y in str(data.get("years", "")).split("|") if y]
    return years + [str(H.nodes[n].get("label", "")) for n in (u, v) if H.nodes[n].get("type") == "YEAR"]


def _number(value, default: float) -> float:
    """`value` as a number, or `default` when it is none (a hand-made graph may hold anything)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _declare(graph: ET.Element, kind: str, items) -> dict[str, str]:
    """The <attributes> of `kind` (node or edge): one per attribute name, typed by its first value."""
    found: dict[str, str] = {}
    for data in items:
        for name, value in data.items():
            if name not in _NOT_ATTRIBUTES[kind]:
                found.setdefault(name, _TYPES.get(type(value), "string"))
    block = ET.SubElement(graph, "attributes", {"class": kind})
    for name in sorted(found):
        ET.SubElement(block, "attribute", {"id": name, "title": name, "type": found[name]})
    return found


def _attvalues(element: ET.Element, data: dict, declared: dict) -> None:
    values = ET.SubElement(element, "attvalues")
    for name in sorted(declared):
        if name in data:
            value = data[name]
            text = str(value).lower() if isinstance(value, bool) else repr(value) if isinstance(value, float) else str(value)
            ET.SubElement(values, "attvalue", {"for": name, "value": text})


def _spells(element: ET.Element, years) -> None:
    intervals = spells(years)
    if intervals:
        block = ET.SubElement(element, "spells")
        for start, end in intervals:
            ET.SubElement(block, "spell", {"start": start, "end": end})


def to_gexf(G: nx.MultiDiGraph) -> bytes:
    """The GEXF document of `G`, UTF-8."""
    H = sanitize(G)
    pos = layout(H, ranked(H))  # the page's layout: Gephi opens on the picture the browser shows
    root = ET.Element("gexf", {"xmlns": NS, "xmlns:viz": NS_VIZ, "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "kg"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"})
    node_attrs = _declare(graph, "node", (d for _, d in H.nodes(data=True)))
    edge_attrs = _declare(graph, "edge", (d for _, _, d in H.edges(data=True)))
    node_years: dict[str, list[str]] = {n: [] for n in H}
    for u, v, data in H.edges(data=True):
        for n in (u, v):
            node_years[n].extend(_edge_years(H, u, v, data))
    nodes = ET.SubElement(graph, "nodes", {"count": str(H.number_of_nodes())})
    for node, data in H.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": node, "label": str(data.get("label", node))})
        _attvalues(element, data, node_attrs)
        own = [str(data.get("label", ""))] if data.get("type") == "YEAR" else []
        _spells(element, own + node_years[node])
        ET.SubElement(element, "viz:color", {c: str(int(min(max(_number(data.get(c), 128), 0), 255))) for c in "rgb"})
        x, y = pos.get(node, (0, 0))
        ET.SubElement(element, "viz:position", {"x": f"{x:.1f}", "y": f"{-y:.1f}", "z": "0.0"})
        size = 4 + 4 * math.sqrt(max(_number(data.get("mentions"), 1), 1))
        ET.SubElement(element, "viz:size", {"value": f"{size:.2f}"})
    edges = ET.SubElement(graph, "edges", {"count": str(H.number_of_edges())})
    for i, (u, v, key, data) in enumerate(H.edges(keys=True, data=True)):
        relation = str(data.get("relation", key))
        attrs = {"id": str(i), "source": u, "target": v, "label": relation, "kind": relation}
        element = ET.SubElement(edges, "edge", {**attrs, "weight": repr(_number(data.get("weight"), 1.0))})
        _attvalues(element, data, edge_attrs)
        _spells(element, _edge_years(H, u, v, data))
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
