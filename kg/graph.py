"""Resolved mentions → `nx.MultiDiGraph` with the node and edge conventions of DESIGN.md.

Nodes are keyed `type:slug` and carry scalar attributes (`label`, `label_zh`, `type`, `aliases`,
`docs`, `mentions`, `r`/`g`/`b`, `first_year`, `resolution`) and `spans`, where each mention stands.
Edges are keyed by their relation; `evidence` lists the sentences. `spans` and `evidence` are lists
of `{doc, start, end, text}` in memory and JSON strings in files (`STRUCTURED`).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Iterable, Mapping, NamedTuple

import networkx as nx

from .extract import Mention
from .normalize import is_cjk, to_simplified
from .relate import Relation
from .ruleset import Rules

__all__ = [
    "COLORS", "EVIDENCE_CAP", "STRUCTURED", "DocumentParts", "decoded", "document_parts", "graph_of",
    "join", "sentence_text",
]

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
    strings = set(map(str, values))  # (a node's documents: thousands, so no Python loop unless needed)
    if "|" in "".join(strings):
        strings = {v.replace("|", "/") for v in strings}
    return "|".join(sorted(filter(str.strip, strings)))


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


class DocumentParts(NamedTuple):
    """What one document adds to the graph, in plain dicts and tuples (cheap to send from a worker).
    It does not name the document, so that one text adds the same under any name.

    - surfaces: entity key → {surface form: count}, in the order first met
    - types: entity key → the type of its last mention
    - edges: (source, relation, target) → (statements, years, best confidence, evidence), the
      evidence being its EVIDENCE_CAP best statements as (-confidence, start, end, around), whose
      sentences are cut from the text only for the statements that end up on the edge
    - why: entity key → why its mentions were merged
    - spans: entity key → [(start, end, surface)] of its mentions
    """

    surfaces: dict
    types: dict
    edges: dict
    why: dict
    spans: dict


def document_parts(mentions: Iterable[Mention], relations: Iterable[Relation], why: dict | None = None) -> DocumentParts:
    """The parts of one document: its resolved mentions and its relations."""
    surfaces: dict[str, dict[str, int]] = {}
    types: dict[str, str] = {}
    spans: dict[str, list] = {}
    for m in mentions:
        forms = surfaces.setdefault(m.ids, {})
        surface = _clean(m.text)
        forms[surface] = forms.get(surface, 0) + 1
        types[m.ids] = m.type
        spans.setdefault(m.ids, []).append((m.start, m.end, m.text))
    statements: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for r in relations:
        statements[(r.source, r.relation, r.target)].append(r)
    edges = {}
    for key, group in statements.items():
        group.sort(key=lambda r: (-r.confidence, r.start))
        best = [(-r.confidence, r.start, r.end, r.around) for r in group[:EVIDENCE_CAP]]
        # Sorted by confidence: the first statement is the most confident.
        edges[key] = (len(group), sorted({y for r in group for y in r.years}), group[0].confidence, best)
    return DocumentParts(surfaces, types, edges, {k: list(v) for k, v in (why or {}).items()}, spans)


def graph_of(parts: Iterable[tuple[str, DocumentParts]], rules: Rules, texts: Mapping[str, str], why: dict | None = None) -> nx.MultiDiGraph:
    """The knowledge graph of (document name, parts) pairs, merged in the order given (`texts`:
    document name → text, for evidence); `why` adds reasons to those the parts carry. Memory holds
    entities and edges, not statements: each edge keeps only its EVIDENCE_CAP best."""
    surfaces: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, set] = defaultdict(set)
    spans: dict[str, set] = defaultdict(set)
    types: dict[str, str] = {}
    reasons: dict[str, set] = defaultdict(set)
    edges: dict[tuple[str, str, str], list] = {}
    for key, values in (why or {}).items():
        reasons[key].update(values)
    for doc, part in parts:
        for key, forms in part.surfaces.items():
            surfaces[key].update(forms)
            docs[key].add(doc)
        for key, where in part.spans.items():
            spans[key].update((doc, *span) for span in where)
        types.update(part.types)
        for key, values in part.why.items():
            reasons[key].update(values)
        for key, (count, years, confidence, evidence) in part.edges.items():
            total = edges.setdefault(key, [0, set(), set(), 0.0, []])
            total[0] += count
            total[1].add(doc)
            total[2].update(years)
            total[3] = max(total[3], confidence)
            # The best statements of all documents: by confidence, then document, then place. When
            # the edge has its fill and this document's best comes after its worst, none of this
            # document's can enter (most of a large corpus's statements).
            best = total[4]
            if len(best) < EVIDENCE_CAP or (evidence[0][0], doc) <= best[-1][:2]:
                total[4] = sorted(best + [(c, doc, start, *rest) for c, start, *rest in evidence])[:EVIDENCE_CAP]
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
            spans=[{"doc": d, "start": s, "end": e, "text": t} for d, s, e, t in sorted(spans[key])],
        )
    for (u, relation, v), (count, edge_docs, years, confidence, best) in sorted(edges.items()):
        evidence = []
        for _, doc, start, end, around in best:
            start, end, text = sentence_text(texts[doc], (start, end), tuple(around))
            evidence.append({"doc": doc, "start": start, "end": end, "text": text})
        G.add_edge(
            u,
            v,
            key=relation,
            relation=relation,
            weight=float(count),
            docs=join(edge_docs),
            years=join(years),
            evidence=evidence,
            confidence=confidence,
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
