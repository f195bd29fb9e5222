"""The HTML page: self-contained, escaped, and working in a real headless Chromium."""

import json
import os
import re
import shutil

import networkx as nx
import pytest
from playwright.sync_api import sync_playwright

import kg
from kg.export.html import to_html, write_html

HOSTILE = "<img src=x onerror=alert(1)>"
HREF = 'see <a href="javascript:alert(2)">href</a> </script><script>alert(3)</script>'


def chromium() -> str:
    path = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "headless Chromium is needed for the HTML tests: apt-get install chromium"
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
        b = p.chromium.launch(executable_path=chromium(), headless=True, args=args)
        yield b
        b.close()


def open_page(browser, path, ready: str = "window.kgNetwork.body.data.nodes.length > 0"):
    """The page at `path` once the network is drawn, and the list its dialogs (alerts) land in."""
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function(f"window.kgNetwork && {ready}")
    return page, dialogs


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    common = dict(aliases="", docs="evil.txt", mentions=3, r=1, g=2, b=3, first_year=0, label_zh="")
    G.add_node("person:evil", label=HOSTILE, type="PERSON", **common)
    G.add_node("org:href", label="href Labs", type="ORG", **common)
    evidence = json.dumps([{"doc": "evil.txt", "start": 0, "end": 9, "text": HREF}])
    G.add_edge("person:evil", "org:href", key="CO_OCCURS", relation="CO_OCCURS", weight=1.0, docs="evil.txt", years="", evidence=evidence)
    return G


def test_page_is_self_contained(corpus_graph):
    page = to_html(corpus_graph)
    assert not re.search(r"https?://", page)
    assert "<link" not in page and not re.search(r"<script[^>]+src=", page)
    assert page.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in page


def test_page_contains_node_names(corpus_graph):
    page = to_html(corpus_graph)
    for node in ("person:yann-lecun", "org:bell-labs", "person:geoffrey-hinton"):
        data = corpus_graph.nodes[node]
        assert json.dumps(data["label"], ensure_ascii=False)[1:-1] in page
        assert data["label_zh"] in page


def test_document_strings_are_escaped_in_the_source():
    page = to_html(hostile_graph())
    assert HOSTILE not in page and "</script><script>alert(3)" not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page


def test_renders_offline_in_chromium(corpus_graph, browser, tmp_path):
    path = write_html(corpus_graph, tmp_path / "graph.html")
    page = browser.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("pageerror", lambda e: failed.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgNetwork && window.kgNetwork.body.data.nodes.length > 0")
    shown = page.evaluate("window.kgNetwork.body.data.nodes.length")
    assert shown == min(250, corpus_graph.number_of_nodes())
    assert page.locator("canvas").count() == 1
    assert failed == []
    # Search in any script: Traditional, Simplified and English find the same node.
    for query in ("辛頓", "辛顿", "hinton"):
        page.fill("#search", query)
        assert "Geoffrey Hinton" in page.inner_text("#results"), query
    page.click("#results div >> nth=0")
    assert "Geoffrey Hinton" in page.inner_text("#details")
    page.fill("#search", "Léon")  # accents fold as in Python
    assert "Bottou" in page.inner_text("#results")
    # The type legend filters nodes.
    page.click("#legend label:has-text('YEAR') input")
    types = page.evaluate("window.kgNetwork.body.data.nodes.get().map(n => window.kgData.nodes.find(d => d.id === n.id).type)")
    assert "YEAR" not in types and types
    page.screenshot(path=str(tmp_path / "graph.png"))
    page.close()


def test_hostile_strings_show_as_text_in_chromium(browser, tmp_path):
    path = write_html(hostile_graph(), tmp_path / "evil.html")
    page, dialogs = open_page(browser, path, "window.kgNetwork.body.data.nodes.length === 2")
    page.fill("#search", "img")
    page.click("#results div >> nth=0")
    details = page.inner_text("#details")
    assert HOSTILE in details and "href" in details and "</script><script>alert(3)</script>" in details
    assert page.locator("#details img, #details a, #details script").count() == 0
    # Hover the node: its tooltip shows the name as text too.
    box = page.locator("#graph canvas").bounding_box()
    point = page.evaluate("(() => { const p = window.kgNetwork.getPositions(['person:evil'])['person:evil']; return window.kgNetwork.canvasToDOM(p); })()")
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert HOSTILE in page.inner_text("div.vis-tooltip")
    assert page.locator("div.vis-tooltip img").count() == 0
    assert dialogs == []
    page.close()


def test_hostile_document_through_a_real_build(browser, tmp_path):
    """A sentence of a document with markup and `href` in it, through reading, extraction and export."""
    (tmp_path / "evil.txt").write_text(f"Geoffrey Hinton 在多倫多大學說 {HOSTILE} 與 href 的事。", encoding="utf-8")
    G = kg.build([tmp_path / "evil.txt"])
    path = write_html(G, tmp_path / "evil.html")
    assert HOSTILE not in path.read_text(encoding="utf-8")
    page, dialogs = open_page(browser, path)
    page.fill("#search", "辛頓")
    page.click("#results div >> nth=0")
    assert HOSTILE in page.inner_text("#details")
    assert page.locator("#details img").count() == 0 and dialogs == []
    page.close()


def test_large_component_is_laid_out(tmp_path):
    # networkx switches to its sparse (scipy) layout at 500 nodes: a corpus of ~20 interviews gets there.
    G = nx.MultiDiGraph()
    common = dict(label_zh="", aliases="", docs="d.txt", mentions=1, r=1, g=2, b=3, first_year=0, type="TECH")
    for i in range(600):
        G.add_node(f"tech:t{i}", label=f"T{i}", **common)
        if i:
            G.add_edge(f"tech:t{i - 1}", f"tech:t{i}", key="CO_OCCURS", relation="CO_OCCURS", weight=1.0, docs="d.txt", years="", evidence="[]")
    data = kg.export.html.graph_data(G)
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 500
    assert sum(n["top"] for n in data["nodes"]) == 250
