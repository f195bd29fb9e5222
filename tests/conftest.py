"""Shared fixtures: one build of the bundled corpus for the whole session."""

from __future__ import annotations

import pytest

import kg
from kg.extract import make_nlp
from kg.ruleset import load_rules


@pytest.fixture(scope="session")
def corpus_build():
    """(graph, report) of the bundled corpus."""
    return kg.build_corpus()


@pytest.fixture(scope="session")
def corpus_graph(corpus_build):
    return corpus_build[0]


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def nlp():
    return make_nlp()


@pytest.fixture(scope="session")
def dask_scheduler():
    """The address of a small Dask cluster of two worker processes on this machine (started once)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address
