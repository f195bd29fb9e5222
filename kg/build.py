"""The whole pipeline in one call: read → extract → resolve → graph.

>>> G, report = build_corpus([bundled_corpus()])
>>> report.documents[:1], G.nodes["person:geoffrey-hinton"]["type"]
(['000_d8658307e9e5b70f.txt'], 'PERSON')
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from .extract import extract, make_nlp
from .graph import build_graph
from .learn import with_learned
from .read import Document, read_paths
from .resolve import resolve
from .ruleset import load_rules

__all__ = ["Report", "build", "build_corpus", "bundled_corpus"]


@dataclass
class Report:
    """What a build read, skipped and took."""

    documents: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def bundled_corpus() -> Path:
    """The sample interviews shipped inside the package."""
    return Path(str(resources.files("kg") / "corpus"))


def build_corpus(
    paths: Iterable[str | Path] | None = None,
    rules: Iterable[str | Path] = (),
    on_document: Callable[[Document], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    ner: str = "auto",
) -> tuple[nx.MultiDiGraph, Report]:
    """Build the graph of `paths` (files or folders; the bundled corpus when None) with the bundled
    rules plus the folders in `rules`. Returns the graph and a report of the run. `ner`: optional
    statistical NER, see `kg.extract.make_nlp`."""
    began = time.perf_counter()
    rules_dirs = tuple(str(Path(r)) for r in rules)
    rule_set = load_rules(rules_dirs)
    documents, warnings = read_paths([Path(p) for p in paths] if paths else [bundled_corpus()])
    if on_start:
        on_start(len(documents))
    nlp = make_nlp(rules_dirs, ner)
    mentions = []
    read = []
    for document in documents:
        try:
            mentions.extend(extract([document], nlp))
            read.append(document)
        except Exception as err:  # noqa: BLE001  (one bad document must not cost the corpus)
            warnings.append(f"{document.path or document.name}: skipped: {type(err).__name__}: {err}")
        if on_document:
            on_document(document)
    documents = read
    texts = {d.name: d.text for d in documents}
    resolved, why = resolve(mentions, rule_set, texts)
    # Names a rule found once are looked for in every document; resolve again with them.
    taught = with_learned(mentions, resolved, texts, rule_set)
    if taught is not mentions:
        resolved, why = resolve(taught, rule_set, texts)
    graph = build_graph(resolved, rule_set, texts, why)
    report = Report([d.name for d in documents], warnings, time.perf_counter() - began)
    return graph, report


def build(
    paths: Iterable[str | Path] | str | Path | None = None, *, rules: Iterable[str | Path] | str | Path | None = None,
    jobs: int = 1,
) -> nx.MultiDiGraph:
    """`G = kg.build(paths)`: the knowledge graph of the given files/folders (the bundled corpus when
    None), with the bundled rules plus the folders in `rules`. `jobs` (≥ 1) is the number of worker
    processes for extraction; for now every build runs in this process.

    >>> G = build()
    >>> G.nodes["person:yann-lecun"]["label_zh"], G.is_multigraph() and G.is_directed()
    ('杨立昆', True)
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if isinstance(rules, (str, Path)):
        rules = [rules]
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    # Accepted (and checked) now so that callers need not change when extraction runs in parallel.
    return build_corpus(paths, rules or ())[0]
