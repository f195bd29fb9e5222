"""Where per-document work runs: in this process, in a pool of processes (`--jobs N`), or on a Dask
cluster (`--engine dask [--scheduler ADDRESS]`). Whatever runs it, results come back in the order
the work was given, never in the order it finished, so every engine builds the same graph.

Work goes out in chunks of documents, a few chunks ahead of the results read back, so that neither
the queue nor the results waiting their turn grow with the corpus.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gc
import itertools
from collections import deque
from typing import Callable, Iterable, Iterator

__all__ = ["CHUNK_CHARS", "ENGINES", "LAST_CHUNK_CHARS", "WORK_THRESHOLDS", "EngineError", "Runner", "chunks", "collecting_less", "long_lived_aside", "set_aside_now"]

ENGINES = ("local", "dask")
# Text per chunk sent to a worker: enough to make the sending cheap, little enough to share out.
CHUNK_CHARS = 100_000
# The least text per chunk as the work runs out (the last chunks are small, so that no worker is
# left with a large one while the others wait).
LAST_CHUNK_CHARS = 10_000


class EngineError(ValueError):
    """An engine that cannot run as asked (the message is one line)."""


def chunks(items: Iterable[tuple], sizes: list[int], workers: int) -> Iterator[list[tuple]]:
    """`items` cut into runs of consecutive items of about `CHUNK_CHARS` characters (`sizes`), taken
    from `items` as needed. Chunks shrink as the work left does (a share of it for each worker's
    next few chunks), down to `LAST_CHUNK_CHARS`: a small corpus is shared out among all workers,
    and a large one ends on chunks that take little time."""
    left = sum(sizes)
    most = max(1, min(CHUNK_CHARS, left // (4 * workers)))
    chunk: list[tuple] = []
    size = 0
    for item, n in zip(items, sizes):
        chunk.append(item)
        size += n
        if size >= min(most, max(LAST_CHUNK_CHARS, left // (3 * workers))):
            yield chunk
            left -= size
            chunk, size = [], 0
    if chunk:
        yield chunk


def _run_chunk(fn: Callable, shared: tuple, chunk: list[tuple]) -> list:
    return [fn(*shared, *item) for item in chunk]


class Runner:
    """Runs `fn(*shared, *item)` for each item: here (jobs 1, local), in `jobs` processes, or on Dask."""

    def __init__(self, jobs: int = 1, engine: str = "local", scheduler: str | None = None,
                 warm: tuple[Callable, tuple] | None = None) -> None:
        """`warm`: (function, arguments) each process-pool worker runs first (to build what every
        task needs once); Dask workers build it at their first task."""
        if engine not in ENGINES:
            raise EngineError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
        if jobs < 1:
            raise EngineError(f"jobs must be at least 1, not {jobs}")
        if scheduler and engine != "dask":
            raise EngineError("a scheduler needs the dask engine (--engine dask)")
        self.jobs, self.engine, self.scheduler, self.warm = jobs, engine, scheduler, warm
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._client = self._cluster = None

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        client, cluster, self._client, self._cluster = self._client, self._cluster, None, None
        try:
            if client is not None:
                client.close()
        finally:  # a local cluster's processes go even when the client fails to close
            if cluster is not None:
                cluster.close()

    def start(self) -> None:
        """Start the workers now (they warm up while the caller goes on), not at the first map."""
        if self.engine == "dask":
            self._dask()
        elif self.jobs > 1:
            self._processes()

    @property
    def workers(self) -> int:
        if self.engine == "dask":
            return max(1, len(self._dask().scheduler_info().get("workers", {})))
        return self.jobs

    def map(self, fn: Callable, shared: tuple, items: Iterable[tuple], sizes: list[int]) -> Iterator:
        """The results of `fn(*shared, *item)` for every item, in the order of `items`; `sizes`
        (one per item, e.g. characters) share the work out."""
        if self.engine == "local" and self.jobs == 1:
            return (fn(*shared, *item) for item in items)
        work = chunks(items, sizes, self.workers)
        if self.engine == "dask":
            client = self._dask()
            # Sent once to each worker, not with every chunk; under keys of its own (scatter names data
            # by its hash, and the same settings scattered again would share the first call's key).
            shared = client.scatter(list(shared), broadcast=True, hash=False) if shared else []
            submit = lambda chunk: client.submit(_run_dask_chunk, fn, shared, chunk, pure=False)  # noqa: E731
        else:
            pool = self._processes()
            submit = lambda chunk: pool.submit(_run_chunk, fn, shared, chunk)  # noqa: E731
        return itertools.chain.from_iterable(_in_order(submit, work, 2 * self.workers))

    def _processes(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=self.jobs, initializer=_start_worker, initargs=(self.warm,))
            for _ in range(self.jobs):
                self._pool.submit(int)  # starts a process, where they are started on demand
        return self._pool

    def _dask(self):
        if self._client is None:
            try:
                from distributed import Client, LocalCluster  # noqa: PLC0415  (an optional extra)
            except ImportError as err:
                raise EngineError("the dask engine needs dask.distributed: pip install 'kg[dask]'") from err
            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                # No cluster given: one on this machine, a process per job.
                self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, dashboard_address=":0")
                self._client = Client(self._cluster)
        return self._client


# The collector's thresholds while kg works: a young collection every 50,000 new objects rather
# than 700, and full ones rarer. A document makes hundreds of thousands of short-lived objects
# (tokens, candidates, statements) that reference counting frees anyway; at the default, the
# collector ran thousands of times per build looking for cycles among them (5% of a build, and a
# quarter of the merging process's work under --jobs 2), with no change in peak memory.
WORK_THRESHOLDS = (50_000, 20, 100)


def _start_worker(warm: tuple[Callable, tuple] | None) -> None:
    """A pool worker's start: its warm-up, then everything made so far set aside from the cyclic
    garbage collector (`gc.freeze`) for the worker's life, which is kg's to decide: the pipeline
    and the rules are never garbage, and a full collection would walk through them all again."""
    if warm:
        fn, args = warm
        fn(*args)
    gc.freeze()
    gc.set_threshold(*WORK_THRESHOLDS)


# Whether a `long_lived_aside` block is open in this process (the collector is the process's).
_aside = False


@contextlib.contextmanager
def long_lived_aside(collect_first: bool = False) -> Iterator[None]:
    """Within the block, the objects made before it (the rules, the modules, a pipeline: hundreds
    of thousands) are set aside from the cyclic garbage collector, which would walk through them
    all at each full collection; they are given back when the block ends. Objects made inside are
    collected as usual. When some are set aside already, that is left as it is.

    Garbage made before the block is set aside with the rest, and kept until it ends (a graph an
    earlier build returned and the caller let go of). `collect_first` collects it first, at the
    cost of one full collection: worth it for work that would run several of its own."""
    global _aside
    if _aside or gc.get_freeze_count():
        yield
        return
    if collect_first:
        gc.collect()
    _aside = True
    gc.freeze()
    try:
        yield
    finally:
        _aside = False
        gc.unfreeze()


@contextlib.contextmanager
def collecting_less() -> Iterator[None]:
    """Within the block, the cyclic garbage collector runs at `WORK_THRESHOLDS`; as it was after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(*WORK_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def set_aside_now() -> None:
    """Within a `long_lived_aside` block, set aside what has been made so far too (a pipeline
    built for the block's first document is there for good as well)."""
    if _aside:
        gc.freeze()


def _run_dask_chunk(fn: Callable, shared: list, chunk: list[tuple]) -> list:
    return _run_chunk(fn, tuple(shared), chunk)


def _in_order(submit: Callable, work: Iterable, ahead: int) -> Iterator:
    """The results of `submit(w)` for each `w` in `work`, in order, with at most `ahead` pending."""
    pending: deque = deque()
    for w in work:
        pending.append(submit(w))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
