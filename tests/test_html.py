"""The HTML viewer: self-contained, escaped, deterministic, and working in a real headless Chromium."""

import json
import os
import re
import shutil

import networkx as nx
import pytest
from playwright.sync_api import sync_playwright

import kg
from kg.export.html import TOP_NODES, _t2s_table, graph_data, to_html, write_html
from kg.normalize import simplified_char
from kg.synthetic import synthetic_graph

HOSTILE = "<img src=x onerror=alert(1)>"
HREF = 'see <a href="javascript:alert(2)">href</a> </script><script>alert(3)</script>'
CLOSER = "</script><script>alert(4)</script>"
HINTON = "person:geoffrey-hinton"
SHOWN_IDS = "kgNetwork.body.data.nodes.getIds()"
SHOWN_RELATIONS = "kgNetwork.body.data.edges.getIds().map(id => kgViewer.data.relations[kgViewer.edges[+id.slice(1)].relation].name)"


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


@pytest.fixture(scope="module")
def sample_page(corpus_graph, tmp_path_factory):
    return write_html(corpus_graph, tmp_path_factory.mktemp("sample") / "graph.html")


@pytest.fixture(scope="module")
def large_graph():
    return synthetic_graph(5000, seed=3)


@pytest.fixture(scope="module")
def large_page(large_graph, tmp_path_factory):
    return write_html(large_graph, tmp_path_factory.mktemp("large") / "graph.html")


@pytest.fixture
def viewer(browser):
    """Opens a page and waits for its first drawing. Every page opened must finish the test with no
    console error, no uncaught exception, no dialog, and no request but the page itself."""
    opened = []

    def open_page(path):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        log = {"errors": [], "requests": [], "dialogs": []}
        page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
        page.on("pageerror", lambda e: log["errors"].append(str(e)))
        page.on("request", lambda r: log["requests"].append(r.url))
        page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_function("window.kgRenderedAt > 0")
        opened.append((page, path, log))
        return page

    yield open_page
    for page, path, log in opened:
        page.close()
        assert log == {"errors": [], "requests": [path.as_uri()], "dialogs": []}


def shown(page) -> set:
    return set(page.evaluate(SHOWN_IDS))


def dom_point(page, node: str) -> dict:
    """Where `node` is on the screen."""
    box = page.locator("#graph canvas").bounding_box()
    p = page.evaluate(f"(() => {{ const p = kgNetwork.getPositions([{json.dumps(node)}])[{json.dumps(node)}]; return kgNetwork.canvasToDOM(p); }})()")
    return {"x": box["x"] + p["x"], "y": box["y"] + p["y"]}


def search(page, text: str) -> None:
    page.fill("#search", text)
    page.press("#search", "Enter")


# --- the file ------------------------------------------------------------------------------------

def test_page_is_self_contained(corpus_graph):
    page = to_html(corpus_graph)
    assert not re.search(r"https?://", page)
    assert "<link" not in page and not re.search(r"<script[^>]+src=", page)
    assert page.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in page
    assert page.count('<script type="application/json"') == 1


def test_same_graph_same_bytes(corpus_graph):
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(corpus_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(corpus_graph.edges(keys=True, data=True))))
    assert to_html(shuffled) == to_html(corpus_graph)


def test_page_contains_node_names(corpus_graph):
    page = to_html(corpus_graph)
    for node in ("person:yann-lecun", "org:bell-labs", HINTON):
        data = corpus_graph.nodes[node]
        assert json.dumps(data["label"], ensure_ascii=False)[1:-1] in page
        assert data["label_zh"] in page


def test_evidence_shared_by_edges_is_stored_once(corpus_graph):
    """A sentence that proves a typed edge and its CO_OCCURS is one row of the sentence table."""
    data = graph_data(corpus_graph)
    page = to_html(corpus_graph)
    # A typed edge of Hinton's whose first sentence also proves the CO_OCCURS of the pair.
    u, v, _, text = next(
        (u, v, k, d["evidence"][0]["text"]) for u, v, k, d in sorted(corpus_graph.out_edges(HINTON, keys=True, data=True))
        if k != "CO_OCCURS" and corpus_graph.has_edge(min(u, v), max(u, v), "CO_OCCURS")
        and corpus_graph[min(u, v)][max(u, v)]["CO_OCCURS"]["evidence"][0]["text"]
        == d["evidence"][0]["text"])
    assert page.count(json.dumps(text, ensure_ascii=False)) == 1
    cited = sum(len(d["evidence"]) for *_, d in corpus_graph.edges(data=True))
    assert len(data["sentences"]) < cited


def test_data_rows_rank_and_date_the_nodes(corpus_graph):
    data = graph_data(corpus_graph)
    nodes = [dict(zip(data["nodes"]["fields"], row)) for row in data["nodes"]["rows"]]
    assert len(nodes) == corpus_graph.number_of_nodes()
    score = [corpus_graph.degree(n["id"]) + n["mentions"] for n in nodes]
    assert score == sorted(score, reverse=True)  # most connected first: the first view is a prefix
    year = next(n for n in nodes if n["id"] == "year:1980s")
    assert (year["y0"], year["y1"]) == (1980, 1989)
    hinton = next(n for n in nodes if n["id"] == HINTON)
    dated = [int(y[:4]) for *_, d in corpus_graph.edges(HINTON, data=True) for y in d["years"].split("|") if y]
    assert hinton["y0"] <= min(dated) and hinton["y1"] >= max(dated)
    assert "辛頓" in hinton["aliases"] and "Geoffrey Hinton" not in hinton["aliases"]  # the label is not repeated
    assert data["relations"][-1]["name"] == "CO_OCCURS" and data["top"] == TOP_NODES
    assert graph_data(corpus_graph, top_nodes=40)["top"] == 40


def test_document_strings_are_escaped_in_the_source():
    page = to_html(hostile_graph())
    assert HOSTILE not in page and "</script><script>alert(3)" not in page and CLOSER not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    assert page.count("</script>") == 3  # the data, vis-network and the viewer


def test_search_table_converts_each_character_as_kg_does():
    # Made in one conversion of all the characters; each must come out as if converted alone.
    expected = {chr(c): simplified_char(chr(c)) for c in range(0x4E00, 0xA000) if simplified_char(chr(c)) != chr(c)}
    assert _t2s_table() == expected
    assert _t2s_table()["頓"] == "顿" and "顿" not in _t2s_table()


def test_layout_is_seeded_and_spreads_large_components():
    # A chain of 600: more than the spring-laid core of a component, the rest placed beside it.
    G = nx.MultiDiGraph()
    common = dict(label_zh="", aliases="", docs="d.txt", mentions=1, type="TECH")
    for i in range(600):
        G.add_node(f"tech:t{i}", label=f"T{i}", **common)
        if i:
            G.add_edge(f"tech:t{i - 1}", f"tech:t{i}", key="CO_OCCURS", relation="CO_OCCURS", weight=1.0, docs="d.txt", years="", evidence="[]")
    data = graph_data(G)
    positions = [tuple(row[-2:]) for row in data["nodes"]["rows"]]
    assert len(set(positions)) == 600
    assert graph_data(G)["nodes"] == data["nodes"]


def test_large_graph_layout_places_every_node(large_graph):
    data = graph_data(large_graph)
    positions = [tuple(row[-2:]) for row in data["nodes"]["rows"]]
    assert len(positions) == 5000 and len(set(positions)) > 4900
    # The first view sits together: its nodes are not scattered over the whole drawing.
    def extent(points):
        xs, ys = zip(*points)
        return max(max(xs) - min(xs), max(ys) - min(ys))
    assert extent(positions[:TOP_NODES]) < extent(positions)


# --- in Chromium ---------------------------------------------------------------------------------

def test_sample_page_opens_still_and_bounded(corpus_graph, sample_page, viewer):
    page = viewer(sample_page)
    assert page.locator("canvas").count() == 1
    assert len(shown(page)) == min(TOP_NODES, corpus_graph.number_of_nodes())
    # Physics is off: what is drawn stays where the data put it.
    expected = page.evaluate("Object.fromEntries(kgViewer.nodes.slice(0, 20).map(n => [n.id, {x: n.x, y: n.y}]))")
    page.wait_for_timeout(300)
    assert page.evaluate(f"kgNetwork.getPositions({json.dumps(list(expected))})") == expected
    assert f"of {corpus_graph.number_of_nodes()} nodes" in page.inner_text("#stats")
    # How many the view holds is the reader's choice too.
    page.fill("#limit", "40")
    page.press("#limit", "Enter")
    assert shown(page) == set(page.evaluate("kgViewer.nodes.slice(0, 40).map(n => n.id)"))


def test_search_in_any_script_selects_and_focuses_the_node(corpus_graph, sample_page, viewer):
    page = viewer(sample_page)
    for query in ("辛頓", "辛顿", "Hinton", "Geoffrey Hinton", "geoffrey hinton"):
        page.fill("#search", query)
        assert page.inner_text("#results button >> nth=0").startswith("Geoffrey Hinton"), query
    page.fill("#search", "Léon")  # accents fold as in Python
    assert "Bottou" in page.inner_text("#results")
    search(page, "辛頓")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [HINTON]
    assert page.inner_text("#details h3").startswith("Geoffrey Hinton")
    centre = page.evaluate("kgNetwork.getViewPosition()")
    node = page.evaluate(f"kgNetwork.getPositions(['{HINTON}'])['{HINTON}']")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert page.evaluate("kgNetwork.getScale()") >= 1.2
    # Its neighbours came into view with it.
    assert set(corpus_graph.successors(HINTON)) & shown(page)


def test_search_folds_script_case_accents_and_punctuation(viewer, tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("tech:deep-learning", label="Deep learning", label_zh="深度学习", aliases="", type="TECH", docs="a.txt", mentions=2)
    G.add_node("person:leon", label="Léon Bottou", label_zh="", aliases="", type="PERSON", docs="a.txt", mentions=1)
    page = viewer(write_html(G, tmp_path / "fold.html"))
    for query, label in (("深度學習", "Deep learning"), ("DEEP-learning", "Deep learning"), ("leon bottou", "Léon Bottou"), ("（Bottou）", "Léon Bottou")):
        page.fill("#search", query)
        assert page.inner_text("#results").startswith(label), query
    page.fill("#search", "深度学问")
    assert page.inner_text("#results") == "no match"


def test_clicking_a_node_opens_its_names_relations_and_evidence(corpus_graph, sample_page, viewer):
    page = viewer(sample_page)
    search(page, "Hinton")
    page.click("#close")
    assert page.locator("#panel").is_hidden()
    point = dom_point(page, HINTON)
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#details")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    data = corpus_graph.nodes[HINTON]
    assert "辛頓" in text and "辛顿" in text and data["label_zh"] in text  # names in every script
    relations = {d["relation"] for *_, d in corpus_graph.out_edges(HINTON, data=True)} | {d["relation"] for *_, d in corpus_graph.in_edges(HINTON, data=True)}
    assert {s.split(" (")[0] for s in page.locator("#details summary").all_inner_texts()} == relations
    # The evidence of one of his typed relations, with its document and offsets.
    *_, first = min((k, v, d) for _, v, k, d in corpus_graph.out_edges(HINTON, keys=True, data=True) if k != "CO_OCCURS")
    cited = first["evidence"][0]
    assert cited["text"] in text and f"[{cited['start']}–{cited['end']}]" in text
    assert cited["doc"] in text


def test_clicking_an_edge_shows_its_evidence(corpus_graph, sample_page, viewer):
    page = viewer(sample_page)
    target = page.evaluate("""(() => {
      const net = kgNetwork, canvas = document.querySelector('#graph canvas');
      for (const id of net.body.data.edges.getIds()) {
        const e = net.body.data.edges.get(id), p = net.getPositions([e.from, e.to]);
        const dom = net.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        if (dom.x < 5 || dom.y < 5 || dom.x > canvas.clientWidth - 5 || dom.y > canvas.clientHeight - 5) continue;
        if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === id) {
          const edge = kgViewer.edges[+id.slice(1)];
          return {x: dom.x, y: dom.y, from: e.from, to: e.to, relation: kgViewer.data.relations[edge.relation].name};
        }
      }
    })()""")
    assert target, "no edge of the first view can be clicked on its own"
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    page.locator("#details").wait_for(state="visible")
    data = corpus_graph[target["from"]][target["to"]][target["relation"]]
    text = page.inner_text("#details")
    assert target["relation"] in text and f"confidence {data['confidence']:g}" in text
    for sentence in data["evidence"]:
        assert sentence["text"] in text and sentence["doc"] in text
    assert (data["years"].replace("|", ", ") or "undated") in text


def test_type_and_relation_filters_change_what_is_drawn(corpus_graph, sample_page, viewer):
    page = viewer(sample_page)
    # CO_OCCURS starts off, the typed relations on.
    relations = page.evaluate(SHOWN_RELATIONS)
    assert relations and "CO_OCCURS" not in relations
    page.check("#relations label:has-text('CO_OCCURS') input")
    assert "CO_OCCURS" in page.evaluate(SHOWN_RELATIONS)
    page.uncheck("#relations label:has-text('USED') input")
    assert "USED" not in page.evaluate(SHOWN_RELATIONS)
    # Hiding a type hides its nodes, and the view fills up with nodes the first view left out.
    before = shown(page)
    page.uncheck("#legend label:has-text('YEAR') input")
    after = shown(page)
    assert not any(n.startswith("year:") for n in after) and any(n.startswith("year:") for n in before)
    assert after - before and len(after) == min(TOP_NODES, sum(1 for n in corpus_graph if not n.startswith("year:")))
    page.check("#legend label:has-text('YEAR') input")
    assert shown(page) == before


def test_year_slider_hides_what_is_outside_the_range(sample_page, viewer):
    page = viewer(sample_page)
    page.check("#relations label:has-text('CO_OCCURS') input")
    before = shown(page)
    nodes = {n["id"]: n for n in page.evaluate("kgViewer.nodes.map(n => ({id: n.id, y0: n.y0, y1: n.y1}))")}
    page.eval_on_selector("#year-min", "e => { e.value = 2000; e.dispatchEvent(new Event('input')); }")
    assert page.inner_text("#year-from") == "2000"
    after = shown(page)
    assert "year:1985" in before and "year:1985" not in after and "year:2012" in after
    assert all(nodes[n]["y0"] == 0 or nodes[n]["y1"] >= 2000 for n in after)
    edges = page.evaluate("kgNetwork.body.data.edges.getIds().map(id => kgViewer.edges[+id.slice(1)])")
    assert edges and all(e["y0"] == 0 or e["y1"] >= 2000 for e in edges)
    # Undated nodes and edges are shown until the box says otherwise; the page says how many there are.
    undated = sum(1 for n in nodes.values() if n["y0"] == 0)
    assert f"{undated} nodes" in page.inner_text("#years")
    page.uncheck("#undated")
    assert shown(page) and all(nodes[n]["y0"] for n in shown(page))
    page.click("#reset")
    assert shown(page) == set(page.evaluate("kgViewer.nodes.slice(0, kgViewer.data.top).map(n => n.id)"))


def test_label_toggle(corpus_graph, sample_page, viewer):
    page = viewer(sample_page)
    label = f"kgNetwork.body.data.nodes.get('{HINTON}').label"
    data = corpus_graph.nodes[HINTON]
    assert page.evaluate(label) == data["label"]
    page.check("#labels input[value=zh]")
    assert page.evaluate(label) == data["label_zh"]
    page.check("#labels input[value=both]")
    assert page.evaluate(label) == data["label"] + "\n" + data["label_zh"]
    page.check("#labels input[value=en]")
    assert page.evaluate(label) == data["label"]


def test_hover_and_selection_highlight_the_neighbourhood(sample_page, viewer):
    page = viewer(sample_page)
    box = page.locator("#graph canvas").bounding_box()
    # The best-ranked node with drawn neighbours that the pointer can reach (no other drawn over
    # it), and a spot with nothing under it.
    found = page.evaluate("""(() => {
      const net = kgNetwork, edges = net.body.data.edges.get();
      const empty = [[5, 5], [5, 200], [200, 5], [400, 5], [5, 400]].map(([x, y]) => ({x, y}))
        .find((p) => net.getNodeAt(p) === undefined && net.getEdgeAt(p) === undefined);
      for (const id of net.body.data.nodes.getIds()) {
        const at = net.canvasToDOM(net.getPositions([id])[id]);
        const near = edges.filter((e) => e.from === id || e.to === id).map((e) => (e.from === id ? e.to : e.from));
        if (near.length && net.getNodeAt(at) === id) return {id, at, near: [id, ...near], empty};
      }
    })()""")
    assert found and found["empty"], "no node or empty spot to point at"
    colours = "Object.fromEntries(kgNetwork.body.data.nodes.get().map(n => [n.id, n.color.background]))"
    plain = page.evaluate(colours)
    near = set(found["near"])
    far = next(n for n in plain if n not in near)
    changed = f"kgNetwork.body.data.nodes.get({json.dumps(far)}).color.background !== {json.dumps(plain[far])}"

    def highlighted():
        lit = page.evaluate(colours)
        return all(lit[n] == plain[n] for n in near) and all(lit[n] != plain[n] for n in plain if n not in near)

    page.mouse.move(box["x"] + found["at"]["x"], box["y"] + found["at"]["y"])
    page.wait_for_function(changed)
    assert highlighted()
    page.mouse.move(box["x"] + found["empty"]["x"], box["y"] + found["empty"]["y"])
    page.wait_for_function(f"!({changed})")
    assert page.evaluate(colours) == plain
    # A click selects: the highlight stays after the pointer leaves, until a click on nothing.
    page.mouse.click(box["x"] + found["at"]["x"], box["y"] + found["at"]["y"])
    page.mouse.move(box["x"] + found["empty"]["x"], box["y"] + found["empty"]["y"])
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [found["id"]] and highlighted()
    page.mouse.click(box["x"] + found["empty"]["x"], box["y"] + found["empty"]["y"])
    lit = page.evaluate(colours)
    assert {n: lit[n] for n in plain} == plain


def test_large_graph_first_view_is_bounded_and_search_reaches_the_rest(large_graph, large_page, viewer):
    page = viewer(large_page)
    first = shown(page)
    assert len(first) == TOP_NODES and page.evaluate("kgViewer.nodes.length") == 5000
    last = page.evaluate("kgViewer.nodes[kgViewer.nodes.length - 1].id")
    assert last not in first
    number = last.split(":n")[1]
    page.fill("#search", f"節點{number}")  # its Traditional alias; the label is "Type N"
    assert page.locator("#results button").count() >= 1
    search(page, f"節點{number}")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [last] and last in shown(page)
    assert f"节点{number}" in page.inner_text("#details")
    # Its neighbours by the relations shown came with it, and the view is still bounded.
    typed = {v for u, v, d in large_graph.out_edges(last, data=True) if d["relation"] != "CO_OCCURS"}
    typed |= {u for u, v, d in large_graph.in_edges(last, data=True) if d["relation"] != "CO_OCCURS"}
    assert typed <= shown(page) and len(shown(page)) <= TOP_NODES + 102


# --- hostile text --------------------------------------------------------------------------------

def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    common = dict(docs=f"evil{CLOSER}.txt", mentions=3, r=1, g=2, b=3, first_year=0)
    G.add_node("person:evil", label=HOSTILE, label_zh=CLOSER, aliases=f"{CLOSER}|img", type="PERSON", **common)
    G.add_node("org:href", label="href Labs", label_zh="", aliases="", type=f"ORG{HOSTILE}", **common)
    evidence = json.dumps([{"doc": f"evil{CLOSER}.txt", "start": 0, "end": 9, "text": HREF}])
    G.add_edge("person:evil", "org:href", key="WORKED_AT", relation=f"WORKED_AT{HOSTILE}", weight=1.0, docs=f"evil{CLOSER}.txt", years="", evidence=evidence)
    return G


def test_hostile_strings_show_as_text_in_chromium(viewer, tmp_path):
    page = viewer(write_html(hostile_graph(), tmp_path / "evil.html"))
    assert len(shown(page)) == 2
    page.fill("#search", "img")
    page.click("#results button >> nth=0")
    details = page.inner_text("#details")
    assert HOSTILE in details and CLOSER in details and "</script><script>alert(3)</script>" in details
    assert f"ORG{HOSTILE}" in page.inner_text("#legend") and f"WORKED_AT{HOSTILE}" in page.inner_text("#relations")
    assert page.locator("img, a, #details script, #side script").count() == 0
    # Hover the node: its tooltip shows the name as text too.
    point = dom_point(page, "person:evil")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert HOSTILE in page.inner_text("div.vis-tooltip")
    assert page.locator("div.vis-tooltip img").count() == 0


def test_hostile_document_through_a_real_build(viewer, tmp_path):
    """A sentence of a document with markup and `href` in it, through reading, extraction and export."""
    (tmp_path / "evil.txt").write_text(f"Geoffrey Hinton 在多倫多大學說 {HOSTILE} 與 href 的事。", encoding="utf-8")
    G = kg.build([tmp_path / "evil.txt"])
    path = write_html(G, tmp_path / "evil.html")
    assert HOSTILE not in path.read_text(encoding="utf-8")
    page = viewer(path)
    page.check("#relations label:has-text('CO_OCCURS') input")
    search(page, "辛頓")
    assert HOSTILE in page.inner_text("#details")
    assert page.locator("img").count() == 0
