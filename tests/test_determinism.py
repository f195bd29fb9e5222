"""Every way of building gives the same bytes in OUTDIR: reruns, --jobs 1/2, cached or clean, Dask
or local. The comparison covers every file kg writes there, so new export formats are covered too."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.cli import main


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative name → bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The bundled corpus twice over under other names, a Big5 copy and an HTML page: enough
    documents to share between workers, with names a learned alias crosses."""
    folder = tmp_path_factory.mktemp("corpus")
    for doc in sorted(kg.bundled_corpus().glob("*.txt")):
        shutil.copy(doc, folder / doc.name)
        shutil.copy(doc, folder / f"copy-{doc.name}")
    (folder / "big5.txt").write_bytes("類神經網路之父辛頓在多倫多大學教書。韋斯特馬克（Ilse Westmark）提出了稀疏振盪網路。".encode("big5"))
    (folder / "page.html").write_text("<h1>韦斯特马克</h1><p>韦斯特马克在 1991 年来到贝尔实验室。</p>", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference")
    assert main(["build", str(corpus), "-o", str(out)]) == 0
    files = outputs(out)
    assert {"graph.graphml", "graph.html"} <= set(files)
    # The corpus step ran: a name the Big5 file defines was found in the HTML page.
    assert "page.html" in nx.read_graphml(out / "graph.graphml").nodes["person:ilse-westmark"]["docs"]
    return files


def test_a_rerun_in_another_process_gives_the_same_bytes(corpus, reference, tmp_path):
    # Another process with another hash seed: no set or dict order may leak into the files.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert outputs(tmp_path) == reference


@pytest.mark.parametrize("jobs", ["1", "2", "3"])
def test_jobs_give_the_same_bytes(corpus, reference, tmp_path, jobs):
    assert main(["build", str(corpus), "-o", str(tmp_path), "--jobs", jobs]) == 0
    assert outputs(tmp_path) == reference


def test_cached_builds_give_the_same_bytes(corpus, reference, tmp_path):
    cache = tmp_path / "cache"
    assert main(["build", str(corpus), "-o", str(tmp_path / "cold"), "--cache", str(cache)]) == 0
    assert main(["build", str(corpus), "-o", str(tmp_path / "warm"), "--cache", str(cache)]) == 0
    assert main(["build", str(corpus), "-o", str(tmp_path / "warm2"), "--cache", str(cache), "--jobs", "2"]) == 0
    assert outputs(tmp_path / "cold") == outputs(tmp_path / "warm") == outputs(tmp_path / "warm2") == reference


def test_dask_gives_the_same_bytes(corpus, reference, tmp_path, dask_scheduler):
    assert main(["build", str(corpus), "-o", str(tmp_path), "--engine", "dask", "--scheduler", dask_scheduler]) == 0
    assert outputs(tmp_path) == reference
