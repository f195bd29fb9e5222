"""kg: an offline knowledge-graph builder for texts about the history of technology.

`G = kg.build(paths)` or `G = kg.load("output/graph.graphml")`, then `kg.find`, `kg.neighbors`,
`kg.timeline`, `kg.path`, `kg.evidence`. The graph is a plain `networkx.MultiDiGraph`.
"""

__version__ = "0.1.0"  # before the imports: kg.cache reads it

from .build import build, build_corpus, bundled_corpus
from .export.graphml import write_graphml
from .export.html import write_html
from .query import evidence, find, load, neighbors, path, timeline

__all__ = [
    "build", "build_corpus", "bundled_corpus", "load", "find", "neighbors", "timeline", "path",
    "evidence", "write_graphml", "write_html",
]
