/* zonekg interactive graph. Every text from the data is set with textContent
   or handed to vis-network, which draws labels on a canvas and sets tooltips
   with innerText: nothing from the data is ever parsed as HTML. */
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("zonekg-data").textContent);
  const ALL_YEARS = DATA.years;
  const state = { edgeLabels: DATA.nodes.length <= 1000, lang: "zh", year: "all", community: "all", classes: new Set(), rels: new Set(), highlighted: null, panel: null };
  const byId = (id) => document.getElementById(id);

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "class") node.className = value;
      else if (key === "on") for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === "") continue;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }
  const t = (zh, en) => (state.lang === "zh" ? zh || en : en || zh);
  const nodeName = (i) => t(DATA.nodes[i].zh, DATA.nodes[i].en) || DATA.nodes[i].iri;
  const classInfo = Object.fromEntries(DATA.classes.map((c) => [c.name, c]));
  const relInfo = Object.fromEntries(DATA.relations.map((r) => [r.key, r]));
  const measureInfo = Object.fromEntries(DATA.measures.map((m) => [m.name, m]));
  const communityInfo = Object.fromEntries(DATA.communities.map((c) => [String(c.number), c]));
  const nodeIndex = Object.fromEntries(DATA.nodes.map((n, i) => [n.iri, i]));

  /* ---------- the network ---------- */
  const tooltip = (i) => {
    const n = DATA.nodes[i], cls = classInfo[n.cls] || { zh: n.cls, en: n.cls };
    return [n.zh, n.en, `${cls.zh} / ${cls.en}`].filter(Boolean).join("\n");
  };
  /* a relation only implied, a post that had ended, an event only planned: said wherever the relation is shown */
  const edgeFlags = (row, lang) => {
    const zh = lang === "zh", out = [];
    if (row.implied) out.push(zh ? "隐含" : "implied");
    if (row.former) out.push((zh ? "原任" : "former") + (row.end ? ` ${row.end}` : ""));
    if (row.planned) out.push(zh ? "计划中" : "planned");
    return out.length ? ` [${out.join(zh ? "，" : ", ")}]` : "";
  };
  const edgeLabel = (i) => { const row = DATA.edges[i], rel = relInfo[row.rel]; return t((row.zh || rel.zh) + edgeFlags(row, "zh"), (row.en || rel.en) + edgeFlags(row, "en")); };
  const edgeTooltip = (i) => {
    const row = DATA.edges[i], rel = relInfo[row.rel];
    return [`${row.zh || rel.zh} / ${row.en || rel.en}`, edgeFlags(row, "zh") + edgeFlags(row, "en"), row.date, (row.spans || []).join(" ")]
      .filter(Boolean).join("\n");
  };
  const nodes = new vis.DataSet(DATA.vis.nodes.map((n) => Object.assign({}, n, { hidden: false, title: tooltip(n.id) })));
  // A large graph draws its lines unlabelled until asked: vis-network draws every edge label on every frame.
  const edges = new vis.DataSet(DATA.vis.edges.map((e) => Object.assign({}, e, { hidden: false, title: edgeTooltip(e.id) },
    state.edgeLabels ? { label: edgeLabel(e.id) } : {})));
  const hidden = { nodes: new Uint8Array(DATA.nodes.length), edges: new Uint8Array(DATA.edges.length) };
  const outEdges = DATA.nodes.map(() => []);
  const inEdges = DATA.nodes.map(() => []);
  DATA.vis.edges.forEach((e) => { outEdges[e.from].push(e.id); inEdges[e.to].push(e.id); });
  const network = new vis.Network(byId("network"), { nodes, edges }, DATA.vis.options);
  network.fit({ animation: false }); // the whole zone first; labels appear as one zooms in
  let ready = false;
  network.once("afterDrawing", () => {
    ready = true;
    window.zonekgReady = performance.now();
    document.body.dataset.ready = "true";
  });

  /* ---------- search ---------- */
  function search(query) {
    const q = query.trim().toLowerCase().replace(/\s+/g, "");
    if (!q) return [];
    const hits = [];
    DATA.nodes.forEach((n, i) => {
      const keys = [n.zh.toLowerCase(), (n.en || "").toLowerCase(), ...((n.d && n.d.search) || [])];
      let best = 3;
      for (const key of keys) {
        const k = key.replace(/\s+/g, "");
        if (k === q) best = Math.min(best, 0);
        else if (k.startsWith(q)) best = Math.min(best, 1);
        else if (k.includes(q)) best = Math.min(best, 2);
      }
      if (best < 3) hits.push([best, -(n.m[DATA.sizeBy] || 0), i]);
    });
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    return hits.map((h) => h[2]);
  }
  function showResults() {
    const list = byId("results");
    list.replaceChildren();
    const found = search(byId("search").value);
    found.slice(0, 30).forEach((i, rank) => {
      const cls = classInfo[DATA.nodes[i].cls];
      list.appendChild(el("li", { tabindex: "0", "data-node": String(i), class: rank === 0 ? "active" : "",
        on: { click: () => focusNode(i), keydown: (ev) => { if (ev.key === "Enter") focusNode(i); } } },
        nodeName(i), " ", el("span", { class: "cls" }, cls ? t(cls.zh, cls.en) : DATA.nodes[i].cls)));
    });
    if (found.length > 30) list.appendChild(el("li", { class: "muted" }, t(`另有 ${found.length - 30} 个`, `${found.length - 30} more`)));
    return found;
  }
  function focusNode(i) {
    if (hidden.nodes[i]) resetFilters();
    if (state.highlighted !== null && state.highlighted !== i) {
      nodes.update({ id: state.highlighted, borderWidth: 1, color: DATA.vis.nodes[state.highlighted].color });
    }
    state.highlighted = i;
    nodes.update({ id: i, borderWidth: 5, color: { background: DATA.vis.nodes[i].color, border: "#d62728" } });
    network.selectNodes([i]);
    openNode(i); // the panel narrows the canvas first, so the focus centres the node in what is left
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: false });
  }

  /* ---------- filters ---------- */
  function yearOk(years) {
    if (state.year === "all") return true;
    if (state.year === "both") return ALL_YEARS.every((y) => years.includes(y));
    return years.includes(state.year);
  }
  function applyFilters() {
    const nodeChanges = [], edgeChanges = [];
    DATA.nodes.forEach((n, i) => {
      const show = state.classes.has(n.cls) && yearOk(n.years) && (state.community === "all" || String(n.community) === state.community);
      const flag = show ? 0 : 1;
      if (hidden.nodes[i] !== flag) { hidden.nodes[i] = flag; nodeChanges.push({ id: i, hidden: !show }); }
    });
    DATA.vis.edges.forEach((e) => {
      const row = DATA.edges[e.id];
      const show = !hidden.nodes[e.from] && !hidden.nodes[e.to] && state.rels.has(row.rel) && yearOk(row.years);
      const flag = show ? 0 : 1;
      if (hidden.edges[e.id] !== flag) { hidden.edges[e.id] = flag; edgeChanges.push({ id: e.id, hidden: !show }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    updateStats();
  }
  function resetFilters() {
    state.year = "all";
    state.community = "all";
    state.classes = new Set(DATA.classes.map((c) => c.name));
    state.rels = new Set(DATA.relations.map((r) => r.key));
    document.querySelectorAll("#legend input, #relations input").forEach((box) => { box.checked = true; });
    document.querySelectorAll("#years input").forEach((r) => { r.checked = r.value === "all"; });
    byId("community").value = "all";
    applyFilters();
  }
  function visibleCount(kind) { return hidden[kind].reduce((sum, flag) => sum + (flag ? 0 : 1), 0); }
  function updateStats() {
    const n = visibleCount("nodes"), e = visibleCount("edges");
    byId("stats").textContent = t(`显示 ${n} / ${DATA.nodes.length} 个实体，${e} / ${DATA.edges.length} 条关系`,
      `showing ${n} of ${DATA.nodes.length} entities, ${e} of ${DATA.edges.length} relations`);
  }
  function sizeBy(measure) {
    DATA.sizeBy = measure;
    const largest = Math.max(...DATA.nodes.map((n) => n.m[measure] || 0)) || 1;
    nodes.update(DATA.nodes.map((n, i) => ({ id: i, size: Math.round((8 + 32 * Math.sqrt((n.m[measure] || 0) / largest)) * 100) / 100 })));
  }

  /* ---------- labels in Chinese or English ---------- */
  function relabelEdges() {
    edges.update(DATA.edges.map((row, i) => ({ id: i, label: state.edgeLabels ? edgeLabel(i) : null })));
  }
  function setLanguage(lang) {
    state.lang = lang;
    document.documentElement.lang = lang;
    byId("lang").textContent = lang === "zh" ? "EN" : "中文";
    document.querySelectorAll("[data-zh]").forEach((node) => { node.textContent = node.dataset[lang]; });
    nodes.update(DATA.nodes.map((n, i) => ({ id: i, label: nodeName(i) })));
    relabelEdges();
    buildControls();
    updateStats();
    if (state.panel) state.panel();
  }

  /* ---------- controls ---------- */
  function checkList(container, items, selected, onChange, swatch) {
    container.replaceChildren();
    items.forEach((item, k) => {
      const id = `${container.id}-${k}`;
      const box = el("input", { type: "checkbox", id, value: item.key });
      box.checked = selected.has(item.key);
      box.addEventListener("change", () => { onChange(item.key, box.checked); applyFilters(); });
      container.appendChild(el("li", {}, box, swatch ? swatch(item) : "", el("label", { for: id }, t(item.zh, item.en)),
        el("span", { class: "count" }, String(item.count))));
    });
  }
  function buildControls() {
    const size = byId("size-by");
    size.replaceChildren(...DATA.measures.map((m) => el("option", { value: m.name }, t(m.zh, m.en))));
    size.value = DATA.sizeBy;
    const years = byId("years");
    years.replaceChildren();
    const yearChoices = [["all", "全部", "all"], ...ALL_YEARS.map((y) => [y, y, y])];
    if (ALL_YEARS.length > 1) yearChoices.push(["both", "两年均有", "in both"]);
    yearChoices.forEach(([value, zh, en]) => {
      const radio = el("input", { type: "radio", name: "year", value, id: `year-${value}` });
      radio.checked = state.year === value;
      radio.addEventListener("change", () => { state.year = value; applyFilters(); });
      years.appendChild(el("label", { for: `year-${value}` }, radio, t(zh, en)));
    });
    const community = byId("community");
    community.replaceChildren(el("option", { value: "all" }, t("全部社群", "all communities")),
      ...DATA.communities.map((c) => el("option", { value: String(c.number) }, `${c.number}: ${c.name} (${c.size})`)));
    community.value = state.community;
    checkList(byId("legend"), DATA.classes.map((c) => Object.assign({ key: c.name }, c)), state.classes,
      (key, on) => { if (on) state.classes.add(key); else state.classes.delete(key); },
      (c) => { const s = el("span", { class: `swatch ${c.shape}` }); s.style.background = c.color; return s; });
    checkList(byId("relations"), DATA.relations.map((r) => Object.assign({}, r)), state.rels,
      (key, on) => { if (on) state.rels.add(key); else state.rels.delete(key); });
  }

  /* ---------- the side panel ---------- */
  function sourceEl(key) {
    const match = /^(.*):(\d+)-(\d+)$/.exec(key);
    if (!match) return el("span", { class: "src" }, key);
    const report = DATA.reports[match[1]] || {};
    const where = el("span", { class: "where" }, `${match[1]} (${report.year || "?"}) ${match[2]}–${match[3]}`);
    where.title = report.title || "";
    const quote = DATA.spans[key];
    if (!quote) return el("span", { class: "src", "data-span": key }, where);
    return el("span", { class: "src", "data-span": key }, where, " ", el("q", {}, quote[0], el("mark", {}, quote[1]), quote[2]));
  }
  const sources = (keys) => (keys || []).map(sourceEl);
  const link = (i) => el("span", { class: "link", role: "link", tabindex: "0", "data-node": String(i),
    on: { click: () => focusNode(i), keydown: (ev) => { if (ev.key === "Enter") focusNode(i); } } }, nodeName(i));
  const section = (zh, en, ...content) => [el("h3", {}, t(zh, en)), ...content];

  function relationItem(edgeId, outgoing) {
    const e = DATA.vis.edges[edgeId], row = DATA.edges[edgeId], rel = relInfo[row.rel];
    const other = outgoing ? e.to : e.from;
    const label = t((row.zh || rel.zh) + edgeFlags(row, "zh"), (row.en || rel.en) + edgeFlags(row, "en"));
    return el("li", { "data-edge": String(edgeId) }, outgoing ? `→ ${label} ` : `← ${label} `, link(other),
      row.date ? ` (${row.date})` : "", ...sources(row.spans));
  }
  function openNode(i) {
    const n = DATA.nodes[i], d = n.d || {}, cls = classInfo[n.cls] || { zh: n.cls, en: n.cls };
    const body = byId("panel-body");
    const facts = el("dl", {});
    const fact = (zh, en, ...value) => { facts.append(el("dt", {}, t(zh, en)), el("dd", {}, ...value)); };
    fact("中文名", "Chinese name", n.zh);
    fact("英文名", "English name", n.en);
    if (d.aliases && d.aliases.length) fact("别名", "Aliases", d.aliases.join("、"));
    if (d.supplied && d.supplied.length) fact("整理者补充的名称（报告未载）", "Names supplied by the curators (not printed)", d.supplied.join("、"));
    fact("类别", "Class", t(cls.zh, cls.en));
    if (d.id) fact("标识", "Record id", d.id);
    fact("IRI", "IRI", n.iri);
    fact("报告", "Reports", n.years.join(", "));
    if (n.community >= 0 && communityInfo[String(n.community)]) fact("社群", "Community", `${n.community}: ${communityInfo[String(n.community)].name}`);
    DATA.measures.forEach((m) => fact(m.zh, m.en, String(n.m[m.name])));
    if (d.note) fact("注释", "Note", d.note);
    const content = [el("h2", {}, nodeName(i)), el("div", { class: "muted" }, t(n.en, n.zh)), facts];
    const outs = outEdges[i].map((e) => relationItem(e, true)), ins = inEdges[i].map((e) => relationItem(e, false));
    if (outs.length || ins.length) content.push(...section("关系", "Relations", el("ul", { class: "relations" }, ...outs, ...ins)));
    if (d.figures && d.figures.length) {
      const table = el("table", { class: "figures" }, el("tr", {}, el("th", {}, t("年份", "Year")), el("th", {}, t("指标", "Indicator")),
        el("th", {}, t("数值", "Value")), el("th", {}, t("来源", "Source"))));
      d.figures.forEach((f) => {
        const qualifier = f.qualifier_zh || f.qualifier_en ? `${t(f.qualifier_zh, f.qualifier_en)} ` : "";
        const of = f.of && nodeIndex[f.of] !== undefined ? [" (", t("主体：", "of "), link(nodeIndex[f.of]), ")"] : [];
        table.appendChild(el("tr", { "data-figure": f.id }, el("td", {}, f.year), el("td", {}, t(f.indicator_zh, f.indicator_en), ...of),
          el("td", {}, `${qualifier}${f.value} ${f.unit}`, f.tensions.length ? el("span", { class: "flag", title: f.tensions.join(", ") }, " ⚑") : ""),
          el("td", {}, ...sources(f.spans))));
      });
      content.push(...section("数据（按年份）", "Figures by year", table));
    }
    if (d.events && d.events.length) {
      content.push(...section("事件", "Events", el("ul", {}, ...d.events.map((ev) =>
        el("li", { "data-status": ev.status || "happened" }, `${ev.date} ${t(ev.zh, ev.en)} (${ev.role === "about" ? t("涉及", "about") : t("参与", "participant")})`,
          ev.status === "planned" ? el("span", { class: "flag" }, t(" [计划中，尚未发生]", " [planned, not yet happened]")) : "",
          ...sources(ev.spans))))));
    }
    if (d.tensions && d.tensions.length) {
      content.push(...section("存疑之处", "Tensions", el("ul", {}, ...d.tensions.map((ts) =>
        el("li", { class: "tension" }, el("span", { class: "flag" }, `${t(ts.kind_zh, ts.kind_en)}: `), ts.note, ...sources(ts.spans))))));
    }
    if (d.spans && d.spans.length) content.push(...section("提及之处", "Mentioned at", el("div", {}, ...sources(d.spans))));
    body.replaceChildren(...content);
    showPanel(true);
    state.panel = () => openNode(i);
    remember(d.id || n.iri);
  }
  function openEdge(edgeId) {
    const e = DATA.vis.edges[edgeId], row = DATA.edges[edgeId], rel = relInfo[row.rel];
    byId("panel-body").replaceChildren(el("h2", {}, t(row.zh || rel.zh, row.en || rel.en)),
      el("p", {}, link(e.from), " → ", link(e.to)), row.date ? el("p", {}, row.date) : "",
      edgeFlags(row, "en") ? el("p", { class: "flag" }, t(edgeFlags(row, "zh"), edgeFlags(row, "en")).trim()) : "",
      el("p", { class: "muted" }, (row.years || []).join(", ")), ...section("来源", "Sources", el("div", {}, ...sources(row.spans))));
    showPanel(true);
    state.panel = () => openEdge(edgeId);
  }
  function showPanel(open) {
    if (byId("panel").hidden === !open) return;
    byId("panel").hidden = !open;
    network.setSize("100%", "100%"); // vis-network would notice the new width only at its next size check
  }
  function closePanel() { showPanel(false); state.panel = null; remember(""); }

  /* ---------- links to an entity: graph.html#record-id ---------- */
  function remember(key) {
    try { history.replaceState(null, "", key ? `#${encodeURIComponent(key)}` : location.pathname + location.search); } catch (e) { /* some file: pages refuse */ }
  }
  function followHash() {
    let key = "";
    try { key = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!key) return;
    const i = DATA.nodes.findIndex((n) => (n.d && n.d.id === key) || n.iri === key);
    if (i >= 0) focusNode(i);
  }

  /* ---------- wiring ---------- */
  network.on("click", (params) => {
    if (params.nodes.length) openNode(params.nodes[0]);
    else if (params.edges.length) openEdge(params.edges[0]);
    else closePanel();
  });
  byId("search").addEventListener("input", showResults);
  byId("search").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { const found = showResults(); if (found.length) focusNode(found[0]); }
  });
  byId("size-by").addEventListener("change", (ev) => sizeBy(ev.target.value));
  byId("community").addEventListener("change", (ev) => { state.community = ev.target.value; applyFilters(); });
  byId("reset").addEventListener("click", () => {
    byId("search").value = "";
    byId("results").replaceChildren();
    if (state.highlighted !== null) nodes.update({ id: state.highlighted, borderWidth: 1, color: DATA.vis.nodes[state.highlighted].color });
    state.highlighted = null;
    network.unselectAll();
    closePanel();
    resetFilters();
    network.fit({ animation: false });
  });
  byId("edge-labels").checked = state.edgeLabels;
  byId("edge-labels").addEventListener("change", (ev) => {
    state.edgeLabels = ev.target.checked;
    relabelEdges();
  });
  byId("lang").addEventListener("click", () => setLanguage(state.lang === "zh" ? "en" : "zh"));
  byId("close").addEventListener("click", closePanel);

  state.classes = new Set(DATA.classes.map((c) => c.name));
  state.rels = new Set(DATA.relations.map((r) => r.key));
  buildControls();
  updateStats();
  window.addEventListener("hashchange", followHash);
  followHash();

  window.zonekg = {
    network, nodes, edges, search, focusNode, openNode, setLanguage, sizeBy, resetFilters,
    visible: () => ({ nodes: visibleCount("nodes"), edges: visibleCount("edges") }),
    isReady: () => ready,
    indexOf: (iri) => DATA.nodes.findIndex((n) => n.iri === iri),
  };
})();
