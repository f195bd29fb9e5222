"""Questions to a kg graph, as plain functions over a plain `nx.MultiDiGraph` returning plain data."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx

from .graph import decoded
from .normalize import search_key

__all__ = ["load", "find", "neighbors", "links", "timeline", "path", "evidence", "stats", "CO_OCCURS_COST"]

CO_OCCURS = "CO_OCCURS"
# A path prefers typed relations: one co-occurrence hop costs as much as this many typed ones.
CO_OCCURS_COST = 3.0
_YEAR = re.compile(r"\d{3,4}")


def load(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph that kg wrote, GraphML or node-link JSON (told apart by content), with `evidence`
    and `spans` decoded into lists of `{doc, start, end, text}`.

    >>> import kg, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> G = load(kg.write(kg.build(), folder, formats=["graphml"])[0])
    >>> edge = G.edges["person:yann-lecun", "org:bell-labs", "WORKED_AT"]
    >>> sorted(edge["evidence"][0])
    ['doc', 'end', 'start', 'text']
    >>> load(kg.write(G, folder, formats=["json"])[0]).edges["person:yann-lecun", "org:bell-labs", "WORKED_AT"] == edge
    True
    """
    path = Path(path)
    with open(path, "rb") as handle:
        head = handle.read(64).removeprefix(b"\xef\xbb\xbf").lstrip()
    try:
        if head.startswith(b"{"):
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
        elif head.startswith(b"<"):
            G = nx.read_graphml(path, force_multigraph=True)
        else:
            raise ValueError("neither GraphML nor JSON")
        G = G if G.is_directed() else nx.MultiDiGraph(G)
        for _, data in G.nodes(data=True):
            decoded(data)
        for _, _, data in G.edges(data=True):
            decoded(data)
    except KeyError as err:
        raise ValueError(f"{path}: not a kg graph: no {err} in it") from err
    except (ValueError, TypeError, ET.ParseError, nx.NetworkXError) as err:
        raise ValueError(f"{path}: not a kg graph: {err}") from err
    return G


def find(G: nx.MultiDiGraph, text: str) -> str | None:
    """The node named `text` in any script, case or spacing (its id, label, Chinese label or an
    alias), or None.

    A canonical name (id, label, Chinese label) goes before an alias; among equals, the node
    mentioned most, then the most connected, then the smaller id. When no name is `text`, a name
    containing it is taken (for `text` of two or more characters), by the same order.

    >>> import kg
    >>> G = kg.build()
    >>> find(G, "楊立昆") == find(G, "杨立昆") == find(G, "yann lecun") == "person:yann-lecun"
    True
    >>> find(G, "辛頓"), find(G, "Nobody Atall")
    ('person:geoffrey-hinton', None)
    """
    wanted = search_key(text)
    best = None
    for node, data in G.nodes(data=True) if wanted else ():
        canonical = {search_key(str(n)) for n in (node, data.get("label", ""), data.get("label_zh", "")) if n}
        aliases = {search_key(a) for a in str(data.get("aliases", "")).split("|") if a}
        if wanted in canonical:
            tier = 0
        elif wanted in aliases:
            tier = 1
        elif len(wanted) >= 2 and any(wanted in name for name in canonical):
            tier = 2
        elif len(wanted) >= 2 and any(wanted in name for name in aliases):
            tier = 3
        else:
            continue
        rank = (tier, -int(data.get("mentions", 0) or 0), -G.degree(node), str(node))
        best = min(best or rank, rank)
    return best[-1] if best else None


def _edges(G: nx.MultiDiGraph, node: str):
    if node not in G:
        raise nx.NodeNotFound(f"{node!r} is not in the graph")
    yield from G.out_edges(node, keys=True, data=True)
    yield from ((u, v, k, d) for u, v, k, d in G.in_edges(node, keys=True, data=True) if u != v)


def _split(value) -> list[str]:
    return [v for v in value.split("|") if v] if isinstance(value, str) else [str(v) for v in value or ()]


def _items(value) -> list[dict]:
    return json.loads(value or "[]") if isinstance(value, str) else list(value or ())


def links(G: nx.MultiDiGraph, node: str, *, relation: str | None = None, type: str | None = None) -> list[dict]:
    """Every edge of `node` in either direction (of `relation`, to nodes of `type`, when given) as
    `{node, relation, source, target, years, weight, confidence, evidence}`, where `node` is the
    other end; typed relations first.

    >>> import kg
    >>> G = kg.build()
    >>> rows = links(G, "person:yann-lecun", relation="worked_at", type="org")
    >>> [(r["source"], r["relation"], r["target"]) for r in rows if r["node"] == "org:bell-labs"]
    [('person:yann-lecun', 'WORKED_AT', 'org:bell-labs')]
    >>> all(r["evidence"] for r in rows)
    True
    """
    rows = []
    for u, v, key, data in _edges(G, node):
        other = v if u == node else u
        name = str(data.get("relation", key))
        if relation and name != relation.upper():
            continue
        if type and str(G.nodes[other].get("type", "")).upper() != type.upper():
            continue
        rows.append({
            "node": other, "relation": name, "source": u, "target": v, "years": _split(data.get("years", "")),
            "weight": float(data.get("weight", 1.0)), "confidence": float(data.get("confidence", 0.0)),
            "evidence": _items(data.get("evidence")),
        })
    return sorted(rows, key=lambda r: (r["relation"] == CO_OCCURS, r["relation"], str(r["node"]), str(r["source"])))


def neighbors(G: nx.MultiDiGraph, node: str, *, relation: str | None = None, type: str | None = None) -> list[str]:
    """The nodes joined to `node` in either direction (by `relation`, of `type`, when given), sorted.

    >>> import kg
    >>> G = kg.build()
    >>> "org:bell-labs" in neighbors(G, "person:yann-lecun", relation="WORKED_AT", type="ORG")
    True
    """
    return sorted({row["node"] for row in links(G, node, relation=relation, type=type)}, key=str)


def _is_year(G: nx.MultiDiGraph, node: str) -> bool:
    return G.nodes[node].get("type") == "YEAR" or str(node).startswith("year:")


def _year_number(year: str) -> int | None:
    match = _YEAR.match(year)
    return int(match.group()) if match else None


def _year_key(year: str) -> tuple:
    number = _year_number(year)
    return (10**6 if number is None else number, year)


def timeline(G: nx.MultiDiGraph, node: str, *, relation: str | None = None) -> list[dict]:
    """The dated relations of `node`, oldest first, as `{year, relation, node, source, target,
    evidence}`: one row per year an edge carries (an edge to a year node is dated by it). A
    co-occurrence with a bare year is left out when another row already holds that year.
    Evidence that names the year comes first.

    >>> import kg
    >>> G = kg.build()
    >>> rows = timeline(G, "person:yann-lecun")
    >>> ("1998", "CREATED", "tech:convolutional-neural-network") in [(r["year"], r["relation"], r["node"]) for r in rows]
    True
    """
    rows = []
    for row in links(G, node, relation=relation):
        years = set(row.pop("years"))
        if _is_year(G, row["node"]):
            years.add(str(G.nodes[row["node"]].get("label") or str(row["node"]).split(":", 1)[-1]))
        for year in years:
            evidence = sorted(row["evidence"], key=lambda item: year[:4] not in item.get("text", ""))
            rows.append({"year": year, **{k: row[k] for k in ("relation", "node", "source", "target")}, "evidence": evidence})
    held = {r["year"] for r in rows if not (r["relation"] == CO_OCCURS and _is_year(G, r["node"]))}
    rows = [r for r in rows if r["year"] not in held or r["relation"] != CO_OCCURS or not _is_year(G, r["node"])]
    return sorted(rows, key=lambda r: (_year_key(r["year"]), r["relation"] == CO_OCCURS, r["relation"], str(r["node"])))


def path(G: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    """A cheapest chain of nodes from `a` to `b`, edges taken in either direction, [] if none.

    A hop joined by a typed relation costs 1, one joined only by co-occurrence CO_OCCURS_COST; a
    chain never passes through a year (sharing a year does not connect two things).

    >>> import kg
    >>> G = kg.build()
    >>> path(G, "person:geoffrey-hinton", "org:bell-labs")
    ['person:geoffrey-hinton', 'person:yann-lecun', 'org:bell-labs']
    """
    if a not in G or b not in G:
        return []
    hops = nx.Graph()
    hops.add_nodes_from((a, b))
    for u, v, data in G.edges(data=True):
        if u == v or any(_is_year(G, n) and n not in (a, b) for n in (u, v)):
            continue
        cost = CO_OCCURS_COST if data.get("relation") == CO_OCCURS else 1.0
        if not hops.has_edge(u, v) or cost < hops[u][v]["cost"]:
            hops.add_edge(u, v, cost=cost)
    try:
        return nx.shortest_path(hops, a, b, weight="cost")
    except nx.NetworkXNoPath:
        return []


def evidence(G: nx.MultiDiGraph, u: str, v: str, relation: str | None = None) -> list[dict]:
    """The evidence sentences of every edge between `u` and `v` in either direction (of `relation`,
    when given), as `{relation, source, target, doc, start, end, text}`.

    >>> import kg
    >>> G = kg.build()
    >>> first = evidence(G, "person:yann-lecun", "org:bell-labs", "WORKED_AT")[0]
    >>> first["source"], first["relation"], "貝爾實驗室" in first["text"]
    ('person:yann-lecun', 'WORKED_AT', True)
    """
    out = []
    for source, target in ((u, v), (v, u)) if u != v else ((u, v),):
        for key, data in sorted((G.get_edge_data(source, target) or {}).items(), key=lambda kv: str(kv[0])):
            name = str(data.get("relation", key))
            if relation is None or name == relation.upper():
                out.extend({"relation": name, "source": source, "target": target, **item} for item in _items(data.get("evidence")))
    return out


def stats(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts of a graph: nodes by type, edges by relation, documents, dated edges, the year range,
    connected components, and the `top` most connected nodes.

    >>> import kg
    >>> s = stats(kg.build())
    >>> s["documents"], s["types"]["PERSON"] > 10, s["top"][0]["node"]
    (5, True, 'person:yann-lecun')
    """
    numbers = (_year_number(str(d.get("label", n))) for n, d in G.nodes(data=True) if _is_year(G, n))
    years = [y for y in numbers if y is not None]
    components = list(nx.weakly_connected_components(G)) if len(G) else []
    ranked = sorted(G.nodes, key=lambda n: (-G.degree(n), -int(G.nodes[n].get("mentions", 0) or 0), str(n)))
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "types": dict(sorted(Counter(str(d.get("type", "")) for _, d in G.nodes(data=True)).items())),
        "relations": dict(sorted(Counter(str(d.get("relation", k)) for _, _, k, d in G.edges(keys=True, data=True)).items())),
        "documents": len({doc for _, d in G.nodes(data=True) for doc in _split(d.get("docs", ""))}),
        "dated_edges": sum(1 for u, v, d in G.edges(data=True) if _split(d.get("years", "")) or _is_year(G, u) or _is_year(G, v)),
        "years": [min(years), max(years)] if years else [],
        "components": len(components),
        "largest_component": max(map(len, components), default=0),
        "top": [
            {"node": n, "label": str(G.nodes[n].get("label", n)), "type": str(G.nodes[n].get("type", "")),
             "degree": G.degree(n), "mentions": int(G.nodes[n].get("mentions", 0) or 0)}
            for n in ranked[:top]
        ],
    }
