"""The spaCy components of kg; importing this package registers them."""

from . import boilerplate, discover, gazetteer, select, sentences, statistical, years  # noqa: F401

__all__ = ["boilerplate", "discover", "gazetteer", "select", "sentences", "statistical", "years"]
