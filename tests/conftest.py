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
