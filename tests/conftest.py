"""Shared fixtures: one build of the bundled corpus for the whole session; parsed rules kept in a
folder of the session's own (kg.rules_cache), not the user's."""

from __future__ import annotations

import os

import pytest

import kg
from kg.extract import make_nlp
from kg.ruleset import load_rules


@pytest.fixture(scope="session", autouse=True)
def rules_cache_home(tmp_path_factory):
    """KG_CACHE_HOME for the session (the CLI's subprocesses inherit it)."""
    before = os.environ.get("KG_CACHE_HOME")
    os.environ["KG_CACHE_HOME"] = str(tmp_path_factory.mktemp("kg-cache"))
    yield os.environ["KG_CACHE_HOME"]
    if before is None:
        del os.environ["KG_CACHE_HOME"]
    else:
        os.environ["KG_CACHE_HOME"] = before


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
