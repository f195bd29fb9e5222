// The kg graph viewer: reads the JSON blob of kg/export/html.py and draws it with vis-network.
// Every string from a document or a rule reaches the DOM through textContent, never as markup.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const rows = (table) => table.rows.map((r) => Object.fromEntries(table.fields.map((f, i) => [f, r[i]])));
  // Nodes come most connected first: a node's index is its rank.
  const nodes = rows(data.nodes);
  const edges = rows(data.edges);
  nodes.forEach((n, i) => { n.index = i; n.edges = []; });
  edges.forEach((e, i) => {
    e.id = "e" + i;
    nodes[e.from].edges.push(e);
    if (e.to !== e.from) nodes[e.to].edges.push(e);
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const untyped = data.relations.findIndex((r) => r.name === data.untyped);
  const hasTyped = data.relations.some((r) => r.name !== data.untyped);
  const PIN_NEIGHBOURS = 100;  // neighbours a selection brings into view, best ranked first
  const GROUP_SHOWN = 50;      // relations of one kind listed before "show all"
  const DIM = { node: { background: "#eeeeee", border: "#dddddd" }, font: "#bbbbbb", edge: "rgba(190,190,190,0.25)" };

  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const link = (text, onClick) => { const b = el("button", text, "link"); b.type = "button"; b.addEventListener("click", onClick); return b; };
  const both = (n) => n.label + (n.label_zh && n.label_zh !== n.label ? " · " + n.label_zh : "");
  const span = (y0, y1) => (y0 ? (y0 === y1 ? String(y0) : y0 + "–" + y1) : "undated");

  // Search keys are folded as kg.normalize.search_key folds them: NFKC, lower case, accents off,
  // Traditional→Simplified, and the characters of data.drop removed.
  const drop = new RegExp(data.drop, "gu");
  const fold = (s) => Array.from(s.normalize("NFKC").toLowerCase().normalize("NFKD").replace(/\p{M}/gu, ""))
    .map((c) => data.t2s[c] || c).join("").normalize("NFKC").replace(drop, "");
  const isTraditional = (s) => Array.from(s).some((c) => data.t2s[c]);
  const isHan = (s) => /\p{Script=Han}/u.test(s);
  let keys = null;  // [key, node, name], folded on the first search rather than at load
  function searchKeys() {
    if (!keys) {
      keys = [];
      for (const n of nodes) for (const name of new Set([n.label, n.label_zh, ...n.aliases])) if (name) keys.push([fold(name), n, name]);
    }
    return keys;
  }

  const defaults = (labels) => ({
    types: new Set(data.types.map((_, i) => i)),
    relations: new Set(data.relations.map((_, i) => i).filter((i) => i !== untyped || !hasTyped)),
    from: data.years[0], to: data.years[1], undated: true, limit: data.top,
    pinned: new Set(), selected: null, hovered: null, labels,
  });
  let state = defaults("en");

  const yearOk = (o) => (o.y0 ? o.y1 >= state.from && o.y0 <= state.to : state.undated);
  const nodeOk = (n) => state.types.has(n.type) && yearOk(n);
  const edgeOk = (e) => state.relations.has(e.relation) && yearOk(e);

  const visNodes = new vis.DataSet();
  const visEdges = new vis.DataSet();
  let shownNodes = new Set();
  let shownEdges = [];

  const tips = new Map();
  function tip(key, lines) {
    // One tooltip element per node or edge, made when first shown.
    if (!tips.has(key)) tips.set(key, el("div", lines().filter(Boolean).join("\n"), "tip"));
    return tips.get(key);
  }
  const label = (n) => {
    if (state.labels === "zh") return n.label_zh || n.label;
    return state.labels === "both" && n.label_zh && n.label_zh !== n.label ? n.label + "\n" + n.label_zh : n.label;
  };

  function neighbourhood() {
    const f = state.hovered !== null ? state.hovered : state.selected;
    if (f === null || !shownNodes.has(f)) return null;
    const near = new Set([f]);
    for (const e of shownEdges) { if (e.from === f) near.add(e.to); if (e.to === f) near.add(e.from); }
    return { focus: f, near };
  }
  function visNode(n, dim) {
    const type = data.types[n.type];
    return {
      id: n.id, x: n.x, y: n.y, label: label(n), value: n.degree + n.mentions,
      color: dim ? DIM.node : { background: type.color, border: type.color, highlight: { background: type.color, border: "#222222" }, hover: { background: type.color, border: "#555555" } },
      font: { color: dim ? DIM.font : "#222222" },
      title: tip(n.id, () => [n.label, n.label_zh, type.name + " · " + span(n.y0, n.y1), n.aliases.join(", ")]),
    };
  }
  function visEdge(e, dim) {
    const rel = data.relations[e.relation];
    return {
      id: e.id, from: nodes[e.from].id, to: nodes[e.to].id, value: e.weight,
      color: { color: dim ? DIM.edge : rel.color, highlight: rel.color, hover: rel.color },
      dashes: e.relation === untyped, arrows: e.relation === untyped ? "" : "to",
      title: tip(e.id, () => [rel.name + ": " + nodes[e.from].label + " → " + nodes[e.to].label, e.years.length ? "years: " + e.years.join(", ") : "undated"]),
    };
  }

  // What is drawn: the `limit` best-ranked nodes that pass the filters, plus the pinned ones.
  function refresh() {
    const shown = new Set();
    for (const n of nodes) {
      if (shown.size >= state.limit) break;
      if (nodeOk(n)) shown.add(n.index);
    }
    for (const i of state.pinned) if (nodeOk(nodes[i])) shown.add(i);
    shownNodes = shown;
    shownEdges = edges.filter((e) => shown.has(e.from) && shown.has(e.to) && edgeOk(e));
    const keepEdges = new Set(shownEdges.map((e) => e.id));
    const gone = [visEdges.getIds().filter((id) => !keepEdges.has(id)), visNodes.getIds().filter((id) => !shown.has(byId.get(id).index))];
    visEdges.remove(gone[0]);
    visNodes.remove(gone[1]);
    for (const id of gone.flat()) looks.delete(id);
    restyle();
    $("stats").textContent = "Showing " + shown.size + " of " + nodes.length + " nodes and " + shownEdges.length + " of " + edges.length
      + " edges" + (shown.size < nodes.length ? "; search or filter to reach the others." : ".");
  }
  // Only what is new or changes look goes to vis-network: thousands of updates cost seconds.
  const looks = new Map();
  function changed(id, look) {
    if (looks.get(id) === look) return false;
    looks.set(id, look);
    return true;
  }
  function restyle() {
    const hl = neighbourhood();
    const dimNode = (n) => Boolean(hl && !hl.near.has(n.index));
    const dimEdge = (e) => Boolean(hl && e.from !== hl.focus && e.to !== hl.focus);
    visNodes.update(Array.from(shownNodes, (i) => nodes[i]).filter((n) => changed(n.id, dimNode(n) + state.labels)).map((n) => visNode(n, dimNode(n))));
    visEdges.update(shownEdges.filter((e) => changed(e.id, String(dimEdge(e)))).map((e) => visEdge(e, dimEdge(e))));
  }

  const network = new vis.Network($("graph"), { nodes: visNodes, edges: visEdges }, {
    // Positions come from the page's data (a seeded layout): nothing moves.
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: edges.length > 5000 },
    nodes: { shape: "dot", scaling: { min: 6, max: 36, label: { enabled: true, min: 12, max: 30, drawThreshold: 6, maxVisible: 40 } }, font: { size: 14, face: "Noto Sans CJK SC, Noto Sans CJK TC, PingFang SC, Microsoft YaHei, sans-serif" } },
    edges: { smooth: false, scaling: { min: 1, max: 6 }, arrows: { to: { scaleFactor: 0.5 } } },
  });

  function evidenceList(indexes, parent) {
    for (const i of indexes) {
      const [doc, start, end, text] = data.sentences[i];
      const box = el("div", undefined, "ev");
      box.append(el("div", data.docs[doc] + " [" + start + "–" + end + "]", "doc"), el("div", text));
      parent.appendChild(box);
    }
  }
  function openPanel(...children) {
    $("details").replaceChildren(...children);
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
  }
  function names(n) {
    const box = el("div", undefined, "names");
    const all = [...new Set([n.label, n.label_zh, ...n.aliases])].filter(Boolean);
    const groups = [["English / Latin", all.filter((s) => !isHan(s))], ["繁體 Traditional", all.filter((s) => isHan(s) && isTraditional(s))],
      ["简体 Simplified", all.filter((s) => isHan(s) && !isTraditional(s))]];
    for (const [title, list] of groups) if (list.length) { const d = el("div"); d.append(el("b", title), list.join(", ")); box.appendChild(d); }
    return box;
  }
  function edgeLine(e, n) {
    const out = e.from === n.index;
    const other = nodes[out ? e.to : e.from];
    const line = el("div");
    line.append(out ? "→ " : "← ", link(both(other), () => select(other, true)),
      el("span", " · " + (e.years.length ? e.years.join(", ") : "undated") + " · confidence " + e.confidence + " · " + e.weight + "× ", "muted"),
      link("evidence", () => showEdge(e)));
    return line;
  }
  function showNode(n) {
    const type = data.types[n.type];
    const head = el("div");
    const sw = el("span", undefined, "swatch"); sw.style.background = type.color;
    head.append(sw, " " + type.name + " · " + n.mentions + " mentions · " + n.degree + " neighbours · " + span(n.y0, n.y1));
    const parts = [el("h3", both(n)), head, el("h2", "Names"), names(n), el("h2", "Documents"), el("div", n.docs.map((d) => data.docs[d]).join(", "))];
    parts.push(el("h2", "Relations"));
    const groups = new Map();
    for (const e of n.edges) { if (!groups.has(e.relation)) groups.set(e.relation, []); groups.get(e.relation).push(e); }
    if (!groups.size) parts.push(el("div", "none", "muted"));
    for (const r of [...groups.keys()].sort((a, b) => a - b)) {
      const rel = data.relations[r];
      const list = groups.get(r).sort((a, b) => b.weight - a.weight || Math.min(a.from, a.to) - Math.min(b.from, b.to));
      const box = el("details");
      box.open = r !== untyped || state.relations.has(r);  // CO_OCCURS lists run long: open when drawn
      const summary = el("summary");
      const line = el("span", undefined, "line" + (r === untyped ? " dashed" : "")); line.style.borderColor = rel.color;
      summary.append(line, rel.name + " (" + list.length + ")");
      box.appendChild(summary);
      const fill = (items) => {
        for (const e of items) {
          const item = el("div", undefined, "rel");
          item.appendChild(edgeLine(e, n));
          evidenceList(e.evidence, item);
          box.appendChild(item);
        }
      };
      fill(list.slice(0, GROUP_SHOWN));
      if (list.length > GROUP_SHOWN) {
        const more = link("show all " + list.length, () => { more.remove(); fill(list.slice(GROUP_SHOWN)); });
        box.appendChild(more);
      }
      parts.push(box);
    }
    openPanel(...parts);
  }
  function showEdge(e) {
    const rel = data.relations[e.relation];
    const head = el("h3");
    head.append(link(both(nodes[e.from]), () => select(nodes[e.from], true)), " —" + rel.name + "→ ", link(both(nodes[e.to]), () => select(nodes[e.to], true)));
    openPanel(head,
      el("div", "years: " + (e.years.length ? e.years.join(", ") : "undated") + " · confidence " + e.confidence + " · " + e.weight + " statement(s)", "muted"),
      el("div", "documents: " + e.docs.map((d) => data.docs[d]).join(", "), "muted"),
      el("h2", "Evidence"));
    evidenceList(e.evidence, $("details"));
    if (!e.evidence.length) $("details").appendChild(el("div", "no evidence sentence", "muted"));
  }

  // Selecting a node shows it and its neighbours whatever the view limit, highlights them, opens its panel.
  function select(n, focus) {
    if (!state.types.has(n.type)) { state.types.add(n.type); syncChecks(); }
    if (!yearOk(n)) { state.undated = true; state.from = data.years[0]; state.to = data.years[1]; syncYears(); }
    state.pinned.add(n.index);
    const around = n.edges.filter((e) => state.relations.has(e.relation)).map((e) => (e.from === n.index ? e.to : e.from));
    for (const i of [...new Set(around)].sort((a, b) => a - b).slice(0, PIN_NEIGHBOURS)) state.pinned.add(i);
    state.selected = n.index;
    refresh();
    network.selectNodes([n.id]);
    showNode(n);
    if (focus) {
      // The panel narrowed the canvas: let vis-network take the new size now, not on its next check.
      network.setSize("100%", "100%");
      network.focus(n.id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    }
  }
  network.on("click", (p) => {
    if (p.nodes.length) select(byId.get(p.nodes[0]), false);
    else if (p.edges.length) { state.selected = null; restyle(); showEdge(edges[+p.edges[0].slice(1)]); }
    else { state.selected = null; restyle(); }
  });
  network.on("hoverNode", (p) => { state.hovered = byId.get(p.node).index; restyle(); });
  network.on("blurNode", () => { state.hovered = null; restyle(); });

  const search = $("search"), results = $("results");
  let hits = [];
  function find(text) {
    const q = fold(text);
    if (!q) return [];
    // Best match of each node: the whole name, then its start, then anywhere; ties by rank.
    const best = new Map();
    for (const [key, n, name] of searchKeys()) {
      const at = key.indexOf(q);
      if (at < 0) continue;
      const score = key === q ? 0 : at === 0 ? 1 : 2;
      const had = best.get(n.index);
      if (!had || score < had[0]) best.set(n.index, [score, n, name]);
    }
    return [...best.values()].sort((a, b) => a[0] - b[0] || a[1].index - b[1].index);
  }
  search.addEventListener("input", () => {
    hits = find(search.value);
    results.replaceChildren();
    for (const [, n, name] of hits.slice(0, 20)) {
      const b = link(both(n), () => select(n, true));
      b.append(el("span", (name !== n.label && name !== n.label_zh ? " (" + name + ")" : "") + " — " + data.types[n.type].name, "alias"));
      results.appendChild(b);
    }
    if (hits.length > 20) results.appendChild(el("div", (hits.length - 20) + " more: type more of the name", "muted"));
    if (search.value.trim() && !hits.length) results.appendChild(el("div", "no match", "muted"));
  });
  search.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && hits.length) select(hits[0][1], true); });

  // The legend is the filter: one checkbox per type (its colour) and per relation (its line).
  const checks = [];
  function syncChecks() { for (const [box, kind, i] of checks) box.checked = state[kind].has(i); }
  function addCheck(parent, item, i, kind, mark) {
    const row = el("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.addEventListener("change", () => { if (box.checked) state[kind].add(i); else state[kind].delete(i); refresh(); });
    row.append(box, mark, el("span", item.name), el("span", String(item.count), "count"));
    parent.appendChild(row);
    checks.push([box, kind, i]);
  }
  data.types.forEach((t, i) => {
    const mark = el("span", undefined, "swatch");
    mark.style.background = t.color;
    addCheck($("legend"), t, i, "types", mark);
  });
  data.relations.forEach((r, i) => {
    const mark = el("span", undefined, "line" + (i === untyped ? " dashed" : ""));
    mark.style.borderColor = r.color;
    addCheck($("relations"), r, i, "relations", mark);
  });
  $("relations-note").textContent = ((untyped >= 0 ? data.untyped + " (dashed) joins names said in one sentence, not a typed fact" + (hasTyped ? "; hidden at first." : ".") : "")
    + (hasTyped ? " Typed relations point from subject to object." : "")).trim();

  const ymin = $("year-min"), ymax = $("year-max");
  for (const input of [ymin, ymax]) { input.min = data.years[0]; input.max = data.years[1]; input.step = 1; }
  function syncYears() {
    ymin.value = state.from; ymax.value = state.to; $("undated").checked = state.undated;
    $("year-from").textContent = state.from; $("year-to").textContent = state.to;
  }
  for (const input of [ymin, ymax]) input.addEventListener("input", () => {
    state.from = Math.min(+ymin.value, +ymax.value); state.to = Math.max(+ymin.value, +ymax.value);
    syncYears(); refresh();
  });
  $("undated").addEventListener("change", () => { state.undated = $("undated").checked; refresh(); });
  const undatedNodes = nodes.filter((n) => !n.y0).length, undatedEdges = edges.filter((e) => !e.y0).length;
  $("undated-label").textContent = "show undated (" + undatedNodes + " nodes, " + undatedEdges + " edges)";
  if (!data.years[0]) { ymin.hidden = ymax.hidden = true; $("year-from").textContent = "no dated nodes or edges"; }
  $("years-note").textContent = "A node is in range when the years it is linked with (its relations, the years named with it) overlap the range; an edge when its own years do. Undated ones have no year at all.";

  const limit = $("limit");
  limit.max = nodes.length;
  $("limit-of").textContent = "most connected of " + nodes.length;
  limit.addEventListener("change", () => { state.limit = Math.max(1, Math.min(nodes.length, Math.round(+limit.value) || data.top)); limit.value = state.limit; refresh(); });
  for (const radio of document.querySelectorAll("input[name=labels]")) radio.addEventListener("change", () => { state.labels = radio.value; restyle(); });
  $("close").addEventListener("click", () => { $("panel").hidden = true; });
  function reset() {
    state = defaults(state.labels);
    limit.value = state.limit; syncChecks(); syncYears(); refresh();
    network.unselectAll(); network.fit({ animation: false });
  }
  $("reset").addEventListener("click", reset);

  network.once("afterDrawing", () => { window.kgRenderedAt = performance.now(); });
  limit.value = state.limit; syncChecks(); syncYears(); refresh();
  network.fit({ animation: false });
  window.kgNetwork = network;
  window.kgViewer = { data, nodes, edges, state: () => state, shown: () => shownNodes, select: (id) => select(byId.get(id), true) };
})();
