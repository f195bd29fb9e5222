"""Resolved mentions → `nx.MultiDiGraph` with the node and edge conventions of DESIGN.md.

Nodes are keyed `type:slug` and carry scalar attributes (`label`, `label_zh`, `type`, `aliases`,
`docs`, `mentions`, `r`/`g`/`b`, `first_year`, `resolution`) and `spans`, where each mention stands.
Edges are keyed by their relation; `evidence` lists the sentences. `spans` and `evidence` are lists
of `{doc, start, end, text}` in memory and JSON strings in files (`STRUCTURED`).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Iterable

import networkx as nx

from .extract import Mention
from .normalize import is_cjk, to_simplified
from .relate import Relation, relate
from .ruleset import Rules

__all__ = ["COLORS", "EVIDENCE_CAP", "STRUCTURED", "build_graph", "decoded", "join", "sentence_text"]

# Colour by type (Gephi reads r, g, b); the HTML legend uses the same table.
COLORS = {
    "PERSON": (228, 87, 86),
    "ORG": (76, 120, 168),
    "TECH": (84, 162, 75),
    "YEAR": (238, 202, 59),
    "FIELD": (178, 121, 162),
    "PLACE": (157, 117, 93),
    "VENUE": (255, 157, 166),
    "AWARD": (245, 133, 24),
    "WORK": (114, 183, 178),
}
OTHER_COLOR = (186, 176, 172)
EVIDENCE_CAP = 5
SENTENCE_CAP = 300
# Attributes that are lists of {doc, start, end, text}: a JSON string in every file format but JSON.
STRUCTURED = ("evidence", "spans")


def join(values: Iterable) -> str:
    """Sorted, de-duplicated, `|`-joined (the GraphML convention for many values)."""
    return "|".join(sorted({str(v).replace("|", "/") for v in values if str(v).strip()}))


def decoded(data: dict) -> dict:
    """`data` (changed in place) with its STRUCTURED attributes read back from JSON strings."""
    for name in STRUCTURED:
        if isinstance(data.get(name), str):
            data[name] = json.loads(data[name] or "[]")
    return data


def _clean(surface: str) -> str:
    return " ".join(surface.split())


def sentence_text(text: str, span: tuple[int, int], around: tuple[int, int]) -> tuple[int, int, str]:
    """The sentence `span`, cut to at most SENTENCE_CAP characters that keep `around` (the two
    mentions an edge joins) in view when they fit."""
    start, end = span
    if end - start > SENTENCE_CAP:
        width = around[1] - around[0]
        if width <= SENTENCE_CAP:
            start = min(max(start, around[0] - (SENTENCE_CAP - width) // 2), end - SENTENCE_CAP)
        else:
            start = max(start, around[0] - 20)
        end = min(end, start + SENTENCE_CAP)
    return start, end, " ".join(text[start:end].split())


def _label_zh(rule_zh: str, surfaces: Counter) -> str:
    if rule_zh:
        return rule_zh
    chinese = [s for s, _ in surfaces.most_common() if s and is_cjk(s[0])]
    return to_simplified(chinese[0]) if chinese else ""


def _label(key: str, surfaces: Counter) -> str:
    if key.startswith("year:"):
        return key.split(":", 1)[1]
    latin = [s for s in surfaces if s and not is_cjk(s[0])]
    return min(latin or surfaces, key=lambda s: (-surfaces[s], -len(s), s))


def _add_nodes(G: nx.MultiDiGraph, mentions: list[Mention], rules: Rules, why: dict) -> None:
    surfaces: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, set] = defaultdict(set)
    spans: dict[str, set] = defaultdict(set)
    types: dict[str, str] = {}
    for m in mentions:
        surfaces[m.ids][_clean(m.text)] += 1
        docs[m.ids].add(m.doc)
        spans[m.ids].add((m.doc, m.start, m.end, m.text))
        types[m.ids] = m.type
    for key in sorted(surfaces):
        rule = rules.entities.get(key)
        etype = types[key]
        r, g, b = COLORS.get(etype, OTHER_COLOR)
        known = (rule.label, rule.label_zh, *rule.aliases, *rule.short) if rule else ()
        G.add_node(
            key,
            label=rule.label if rule else _label(key, surfaces[key]),
            label_zh=_label_zh(rule.label_zh if rule else "", surfaces[key]),
            type=etype,
            aliases=join([*surfaces[key], *known]),
            docs=join(docs[key]),
            mentions=sum(surfaces[key].values()),
            r=r,
            g=g,
            b=b,
            source="gazetteer" if rule or etype == "YEAR" else "discovered",
            resolution="; ".join(why.get(key, [])),
            spans=[{"doc": d, "start": s, "end": e, "text": t} for d, s, e, t in sorted(spans[key])],
        )


def _add_relations(G: nx.MultiDiGraph, relations: list[Relation], texts: dict[str, str]) -> None:
    """One edge per (source, relation, target): statements counted, years and documents joined,
    evidence capped at EVIDENCE_CAP sentences, the best confidence kept."""
    groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for r in relations:
        groups[(r.source, r.relation, r.target)].append(r)
    for (u, relation, v), group in sorted(groups.items()):
        group.sort(key=lambda r: (-r.confidence, r.doc, r.start))
        evidence = []
        for r in group[:EVIDENCE_CAP]:
            start, end, text = sentence_text(texts[r.doc], (r.start, r.end), r.around)
            evidence.append({"doc": r.doc, "start": start, "end": end, "text": text})
        G.add_edge(
            u,
            v,
            key=relation,
            relation=relation,
            weight=float(len(group)),
            docs=join(r.doc for r in group),
            years=join(y for r in group for y in r.years),
            evidence=evidence,
            confidence=max(r.confidence for r in group),
        )


def _first_years(G: nx.MultiDiGraph) -> None:
    """`first_year`: a year node's own year; for others the earliest year they share a sentence
    with, through an edge to the year or the years on their edges (0 when none)."""
    for node in G.nodes:
        if node.startswith("year:"):
            G.nodes[node]["first_year"] = int(node[5:9])
            continue
        edges = list(G.out_edges(node, data=True)) + list(G.in_edges(node, data=True))
        found = [int(y[:4]) for _, _, d in edges for y in d["years"].split("|") if y]
        found += [int(n[5:9]) for n in nx.all_neighbors(G, node) if n.startswith("year:")]
        G.nodes[node]["first_year"] = min(found) if found else 0


def build_graph(
    mentions: list[Mention], rules: Rules, texts: dict[str, str], why: dict | None = None,
    relations: list[Relation] | None = None,
) -> nx.MultiDiGraph:
    """The knowledge graph of resolved mentions and their relations (`kg.relate`, computed here
    when not given); `texts` maps document name → text (for evidence)."""
    G = nx.MultiDiGraph()
    _add_nodes(G, mentions, rules, why or {})
    _add_relations(G, relate(mentions, texts, rules) if relations is None else relations, texts)
    _first_years(G)
    return G
