"""Work that several stages of one document share: inside `one_document(text)`, a function wrapped
with `per_document` computes its result for that very text (the same object) once per set of
other arguments, however many stages ask for it. The whole text of a document is folded
(kg.normalize.fold_key) by the learn step and by kg.relate and cut into sentences (kg.segment) by
both; the pipeline's components convert it to Simplified for the key and for the discovery rules.

Results are shared, not copied: callers must not change them. They are dropped when the block
ends, so a process holds one document's at most; nothing is shared between documents.

>>> calls = []
>>> @per_document
... def shout(text):
...     calls.append(text)
...     return text.upper()
>>> text = "hinton"
>>> with one_document(text):
...     shout(text), shout(text), shout("lecun")
('HINTON', 'HINTON', 'LECUN')
>>> calls
['hinton', 'lecun']
"""

from __future__ import annotations

import contextlib
import functools
import threading
from typing import Callable, Iterator, TypeVar

__all__ = ["current_text", "one_document", "per_document"]

F = TypeVar("F", bound=Callable)

# The text of the enclosing `one_document` block and its results, per thread (Dask workers may
# run several tasks at once).
_SCOPE = threading.local()


@contextlib.contextmanager
def one_document(text: str) -> Iterator[None]:
    """Within the block, `per_document` functions compute their result for `text` once."""
    previous = getattr(_SCOPE, "current", None)
    _SCOPE.current = (text, {})
    try:
        yield
    finally:
        _SCOPE.current = previous


def current_text() -> str | None:
    """The text of the enclosing `one_document` block (None outside one)."""
    current = getattr(_SCOPE, "current", None)
    return None if current is None else current[0]


def per_document(fn: F) -> F:
    """`fn(text, ...)`, kept for the text of the enclosing `one_document` block."""

    @functools.wraps(fn)
    def wrapper(text, *args, **kwargs):
        current = getattr(_SCOPE, "current", None)
        # Identity, not equality: comparing a long text would cost more than a miss.
        if current is None or current[0] is not text:
            return fn(text, *args, **kwargs)
        results, key = current[1], (fn, args, tuple(kwargs.items()))
        try:
            hash(key)
        except TypeError:  # arguments that cannot be a key (a list): not kept
            return fn(text, *args, **kwargs)
        if key not in results:
            results[key] = fn(text, *args, **kwargs)
        return results[key]

    return wrapper  # type: ignore[return-value]
