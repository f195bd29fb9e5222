"""Resolved mentions → `nx.MultiDiGraph` with the node and edge conventions of DESIGN.md.

Nodes are keyed `type:slug` and carry only scalar attributes (`label`, `label_zh`, `type`,
`aliases`, `docs`, `mentions`, `r`/`g`/`b`, `first_year`, `resolution`). Edges are keyed by their
relation; evidence is a JSON list of `{doc, start, end, text}`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import networkx as nx

from .extract import Mention
from .normalize import is_cjk, to_simplified
from .relate import Relation, relate
from .ruleset import Rules

__all__ = ["COLORS", "EVIDENCE_CAP", "DocumentParts", "EdgePart", "build_graph", "document_parts", "graph_of", "join", "sentence_text"]

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


def join(values: Iterable) -> str:
    """Sorted, de-duplicated, `|`-joined (the GraphML convention for many values)."""
    return "|".join(sorted({str(v).replace("|", "/") for v in values if str(v).strip()}))


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


@dataclass
class EdgePart:
    """One relation in one document: statements counted, years, the best confidence, and the
    evidence of its best statements as (-confidence, statement start, start, end, sentence)."""

    count: int = 0
    years: set[str] = field(default_factory=set)
    confidence: float = 0.0
    evidence: list[tuple[float, int, int, int, str]] = field(default_factory=list)


@dataclass
class DocumentParts:
    """What one document adds to the graph. It does not name the document, so that one text adds
    the same under any name (and a cached part serves a renamed file)."""

    surfaces: dict[str, Counter] = field(default_factory=dict)  # key → surface forms, first met first
    types: dict[str, str] = field(default_factory=dict)  # key → type of its last mention
    edges: dict[tuple[str, str, str], EdgePart] = field(default_factory=dict)
    why: dict[str, list[str]] = field(default_factory=dict)  # key → why its mentions were merged


def document_parts(mentions: Iterable[Mention], relations: Iterable[Relation], text: str, why: dict | None = None) -> DocumentParts:
    """The parts of one document: its resolved mentions and its relations (`text` for evidence)."""
    parts = DocumentParts(why={k: list(v) for k, v in (why or {}).items()})
    for m in mentions:
        parts.surfaces.setdefault(m.ids, Counter())[_clean(m.text)] += 1
        parts.types[m.ids] = m.type
    statements: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for r in relations:
        statements[(r.source, r.relation, r.target)].append(r)
    for key, group in statements.items():
        group.sort(key=lambda r: (-r.confidence, r.start))
        best = [(-r.confidence, r.start, *sentence_text(text, (r.start, r.end), r.around)) for r in group[:EVIDENCE_CAP]]
        parts.edges[key] = EdgePart(len(group), {y for r in group for y in r.years}, max(r.confidence for r in group), best)
    return parts


def graph_of(parts: Iterable[tuple[str, DocumentParts]], rules: Rules, why: dict | None = None) -> nx.MultiDiGraph:
    """The knowledge graph of (document name, parts) pairs, merged in the order given; `why` adds
    reasons to those the parts carry. Memory holds entities and edges, not documents: each edge
    keeps only its EVIDENCE_CAP best statements."""
    surfaces: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, set] = defaultdict(set)
    types: dict[str, str] = {}
    reasons: dict[str, set] = defaultdict(set)
    edges: dict[tuple[str, str, str], tuple[EdgePart, set]] = {}
    for key, values in (why or {}).items():
        reasons[key].update(values)
    for doc, part in parts:
        for key, forms in part.surfaces.items():
            surfaces[key].update(forms)
            docs[key].add(doc)
        types.update(part.types)
        for key, values in part.why.items():
            reasons[key].update(values)
        for key, edge in part.edges.items():
            total, edge_docs = edges.setdefault(key, (EdgePart(), set()))
            total.count += edge.count
            total.years |= edge.years
            total.confidence = max(total.confidence, edge.confidence)
            # The best statements of all documents: by confidence, then document, then place.
            best = [(c, doc, *rest) for c, *rest in edge.evidence]
            total.evidence = sorted(total.evidence + best)[:EVIDENCE_CAP]
            edge_docs.add(doc)
    G = nx.MultiDiGraph()
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
            resolution="; ".join(sorted(reasons.get(key, []))),
        )
    for (u, relation, v), (edge, edge_docs) in sorted(edges.items()):
        evidence = [{"doc": doc, "start": start, "end": end, "text": text} for _, doc, _, start, end, text in edge.evidence]
        G.add_edge(
            u,
            v,
            key=relation,
            relation=relation,
            weight=float(edge.count),
            docs=join(edge_docs),
            years=join(edge.years),
            evidence=json.dumps(evidence, ensure_ascii=False),
            confidence=edge.confidence,
        )
    _first_years(G)
    return G


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
    if relations is None:
        relations = relate(mentions, texts, rules)
    by_doc: dict[str, tuple[list, list]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, ([], []))[0].append(m)
    for r in relations:
        by_doc.setdefault(r.doc, ([], []))[1].append(r)
    parts = ((doc, document_parts(ms, rs, texts.get(doc, ""))) for doc, (ms, rs) in by_doc.items())
    return graph_of(parts, rules, why)
