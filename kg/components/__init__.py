"""The spaCy components of kg; importing this package registers them."""

from . import discover, gazetteer, select, sentences, years  # noqa: F401

__all__ = ["discover", "gazetteer", "select", "sentences", "years"]
