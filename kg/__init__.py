"""kg: an offline knowledge-graph builder for texts about the history of technology.

`G = kg.build(paths)` or `G = kg.load("output/graph.graphml")`, then `kg.find`, `kg.neighbors`,
`kg.timeline`, `kg.path`, `kg.evidence`; `kg.write(G, folder)` writes every output format. The graph
is a plain `networkx.MultiDiGraph`.
"""

__version__ = "0.1.0"  # before the imports: kg.cache reads it

from .build import build, build_corpus, bundled_corpus
from .export.formats import FORMATS, write
from .export.graphml import write_graphml
from .export.html import write_html
from .query import evidence, find, links, load, neighbors, path, stats, timeline

__all__ = [
    "build", "load", "find", "neighbors", "links", "path", "timeline", "evidence", "stats", "write", "FORMATS",
    "build_corpus", "bundled_corpus", "write_graphml", "write_html",
]
