"""The whole pipeline in one call: read → extract → learn → resolve → relate → graph.

Each document is extracted on its own (kg.stages), here or in worker processes or on a Dask
cluster (kg.engine), or taken from the cache (kg.cache); the corpus then teaches its aliases
(kg.learn), and each document is finished on its own again. Documents are merged in the order of
their names, whatever runs them, so every way of building gives the same graph.

>>> G, report = build_corpus([bundled_corpus()])
>>> report.documents[:1], G.nodes["person:geoffrey-hinton"]["type"]
(['000_d8658307e9e5b70f.txt'], 'PERSON')
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from .cache import Cache, fingerprint
from .engine import Runner, collecting_less, long_lived_aside
from .graph import DocumentParts, graph_of
from .learn import learned_aliases
from .read import MAX_MB, Document, check_paths, read_paths
from .ruleset import Rules, load_rules
from .stages import Failed, Settings, extract_document, finish_document, taught, teaching, warm

__all__ = ["Report", "build", "build_corpus", "build_documents", "bundled_corpus"]


@dataclass
class Report:
    """What a build read, skipped, took from the cache and took."""

    documents: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: int = 0
    cached: int = 0


def bundled_corpus() -> Path:
    """The sample interviews shipped inside the package."""
    return Path(str(resources.files("kg") / "corpus"))


def build_corpus(
    paths: Iterable[str | Path] | None = None,
    rules: Iterable[str | Path] = (),
    on_document: Callable[[Document], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    ner: str = "auto",
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: str | Path | None = None,
    max_mb: float = MAX_MB,
) -> tuple[nx.MultiDiGraph, Report]:
    """Build the graph of `paths` (files or folders; the bundled corpus when None) with the bundled
    rules plus the folders in `rules`. Returns the graph and a report of the run.

    `ner`: optional statistical NER, see `kg.extract.make_nlp`. `jobs`, `engine`, `scheduler`:
    where documents are processed (kg.engine). `cache`: a folder of extractions kept between
    builds (kg.cache). `max_mb`: larger files are skipped with a warning.
    """
    began = time.perf_counter()
    with collecting_less():
        settings = _settings(rules, ner)  # invalid rules stop the build before any reading
        paths = check_paths(paths or [bundled_corpus()])  # so does a path that does not exist
        with Runner(jobs, engine, scheduler, warm=(warm, (settings,))) as runner:
            runner.start()  # workers build their pipelines while the files are read
            documents, warnings = read_paths(paths, max_mb)
            if on_start:
                on_start(len(documents))
            graph, report = _build(documents, settings, runner, cache, on_document)
    report.warnings[:0] = warnings
    report.skipped += len(warnings)
    report.seconds = time.perf_counter() - began
    return graph, report


def build_documents(
    documents: list[Document],
    rules: Iterable[str | Path] = (),
    ner: str = "auto",
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: str | Path | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> tuple[nx.MultiDiGraph, Report]:
    """The graph of documents already read (names unique), as `build_corpus` builds it."""
    with collecting_less():
        settings = _settings(rules, ner)
        with Runner(jobs, engine, scheduler, warm=(warm, (settings,))) as runner:
            return _build(documents, settings, runner, cache, on_document)


def _settings(rules: Iterable[str | Path], ner: str) -> Settings:
    rules_dirs = tuple(str(Path(r)) for r in rules)
    load_rules(rules_dirs)
    return Settings(rules_dirs, ner, fingerprint(rules_dirs, ner))


# From this many characters on, a build runs several full garbage collections of its own anyway.
_COLLECT_FIRST_CHARS = 1_000_000


def _build(documents: list[Document], settings: Settings, runner: Runner, cache: str | Path | None,
           on_document: Callable | None) -> tuple[nx.MultiDiGraph, Report]:
    began = time.perf_counter()
    rule_set = load_rules(settings.rules)
    report = Report(warnings=[f"{d.path or d.name}: {d.note}" for d in documents if d.note])
    # The rules and the pipeline are there for good. A build large enough to run full collections
    # of its own begins with one, so that what earlier work left is not kept through it.
    with long_lived_aside(collect_first=sum(len(d.text) for d in documents) >= _COLLECT_FIRST_CHARS):
        extracted = _extract(documents, settings, runner, Cache(cache, settings.fingerprint) if cache else None, report, on_document)
        kept = [d for d in documents if d.name in extracted]
        report.documents = [d.name for d in kept]
        parts = _finish(sorted(kept, key=lambda d: d.name), extracted, settings, rule_set, runner, report)
        graph = graph_of(parts, rule_set, {d.name: d.text for d in kept})
    report.seconds = time.perf_counter() - began
    return graph, report


def _extract(documents: list[Document], settings: Settings, runner: Runner, cache: Cache | None,
             report: Report, on_document: Callable | None) -> dict[str, bytes]:
    """Document name → its packed extraction, from the cache or extracted; failures reported."""
    out: dict[str, bytes] = {}
    todo = []
    for d in documents:
        packed = cache.get(d.text) if cache else None
        if packed is None:
            todo.append(d)
            continue
        out[d.name] = packed
        report.cached += 1
        if on_document:
            on_document(d)
    results = runner.map(extract_document, (settings,), [(d.name, d.text) for d in todo], [len(d.text) for d in todo])
    for d, result in zip(todo, results):
        if isinstance(result, Failed):
            _skip(report, d, result)
        else:
            out[d.name] = result
            if cache:
                try:
                    cache.put(d.text, result)
                except OSError as err:  # the cache is a help, not a need: build on without it
                    report.warnings.append(f"cache: not written, build goes on without it: {err}")
                    cache = None
        if on_document:
            on_document(d)
    return out


def _finish(documents: list[Document], extracted: dict[str, bytes], settings: Settings, rules: Rules,
            runner: Runner, report: Report) -> Iterator[tuple[str, DocumentParts]]:
    """(name, parts) of every document, in the order given, once the corpus has taught its aliases."""
    # The aliases the corpus teaches, from every document's first resolution, in document order.
    lesson = taught(learned_aliases((m for d in documents for m in teaching(extracted[d.name], d.name)), rules))
    work = ((d.name, d.text, extracted.pop(d.name)) for d in documents)  # let each go once sent
    results = runner.map(finish_document, (settings, lesson), work, [len(d.text) for d in documents])
    for d, result in zip(documents, results):
        if isinstance(result, Failed):
            _skip(report, d, result)
            report.documents.remove(d.name)
        else:
            yield d.name, result


def _skip(report: Report, document: Document, failure: Failed) -> None:
    report.warnings.append(f"{document.path or document.name}: skipped: {failure.reason}")
    report.skipped += 1


def build(
    paths: Iterable[str | Path] | str | Path | None = None, *, rules: Iterable[str | Path] | str | Path | None = None,
    jobs: int = 1,
) -> nx.MultiDiGraph:
    """`G = kg.build(paths)`: the knowledge graph of the given files/folders (the bundled corpus when
    None), with the bundled rules plus the folders in `rules`, documents processed by `jobs` (≥ 1)
    worker processes.

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
    return build_corpus(paths, rules or (), jobs=jobs)[0]
