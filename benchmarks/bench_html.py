"""How fast the HTML viewer opens and searches, on the sample corpus and on a synthetic large graph.

    python benchmarks/bench_html.py [--nodes 5000] [--repeat 3] [--screenshots DIR]

For each page: time to write it (layout included), its size, and in headless Chromium (the
system `chromium`, or KG_CHROMIUM) the time from navigation to the first drawing, to the first
search (folding every name of every node) and to selecting the result. `--screenshots DIR` saves
the first view and the view after the search as PNG files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

import kg
from kg.export.html import write_html
from kg.synthetic import synthetic_graph

SEARCH = """(query) => {
  const input = document.getElementById('search');
  let began = performance.now();
  input.value = query;
  input.dispatchEvent(new Event('input'));
  const search = performance.now() - began;
  began = performance.now();
  input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));
  return {search, select: performance.now() - began, selected: kgNetwork.getSelectedNodes()};
}"""


def measure(browser, path: Path, query: str, shots: Path | None, name: str) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function("window.kgRenderedAt > 0")
    result = {"render": page.evaluate("window.kgRenderedAt"), "shown": page.evaluate("kgNetwork.body.data.nodes.length")}
    if shots:
        page.screenshot(path=str(shots / f"{name}.png"))
    result.update(page.evaluate(SEARCH, query))
    if shots:
        page.fill("#search", query)  # the result list in the picture too
        page.screenshot(path=str(shots / f"{name}-search.png"))
    page.close()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--screenshots", type=Path, metavar="DIR")
    args = ap.parse_args()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    large = synthetic_graph(args.nodes)
    cases = [("sample", kg.build(), "辛頓"), (f"synthetic-{args.nodes}", large, f"節點{args.nodes - 200}")]
    executable = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for name, G, query in cases:
            path = Path(tmp) / f"{name}.html"
            began = time.perf_counter()
            write_html(G, path)
            written = time.perf_counter() - began
            runs = [measure(browser, path, query, args.screenshots if i == 0 else None, name) for i in range(args.repeat)]
            best = {k: min(r[k] for r in runs) for k in ("render", "search", "select")}
            print(f"{name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, page {path.stat().st_size / 1e6:.2f} MB "
                  f"written in {written:.2f} s; first view {runs[0]['shown']} nodes")
            print(f"  first drawing {best['render']:.0f} ms after navigation, search {query!r} {best['search']:.0f} ms, "
                  f"select {runs[0]['selected']} {best['select']:.0f} ms (best of {args.repeat})")
        browser.close()


if __name__ == "__main__":
    main()
