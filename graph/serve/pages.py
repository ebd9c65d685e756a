"""What ``zonekg serve`` shows people and tools: the query page, the index page, the service description.

Every page is self-contained: it loads nothing from any other host, and its
Content-Security-Policy says so. The query page's script and style carry a
per-response nonce; the library questions reach it as a JSON data block
(with ``<``, ``>`` and ``&`` escaped, so no text can close the block), and
the script sets every text — questions, queries, result cells, errors —
through ``textContent``, never as HTML.

Examples
--------
>>> page = query_page({}, nonce="abc").decode()
>>> 'nonce="abc"' in page and "innerHTML" not in page and "https://" not in page
True
>>> "'nonce-abc'" in query_page_policy("abc")
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path

from graph.errors import InputError
from graph.page.safe import safe_json
from graph.sparql.library import LibraryQuery
from graph.vocab.namespaces import ENTAILMENT, FORMATS, RDF, SD

__all__ = [
    "GRAPH_PAGE_POLICY",
    "INDEX_POLICY",
    "index_page",
    "query_page",
    "query_page_policy",
    "read_graph_page",
    "service_description",
]

_LOCKED = "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
#: The policy of the index page: no script, an inline style, nothing from anywhere.
INDEX_POLICY = f"default-src 'none'; style-src 'unsafe-inline'; {_LOCKED}"
#: The policy of the interactive graph page: its inline script and style, data: images, this server only.
GRAPH_PAGE_POLICY = f"default-src 'self' 'unsafe-inline' data: blob:; connect-src 'self'; {_LOCKED}"


def query_page_policy(nonce: str) -> str:
    """The query page's policy: its own nonce-tagged script and style, requests to this server only."""
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; img-src 'self'; "
        f"{_LOCKED}"
    )


def read_graph_page(path: Path | None) -> bytes | None:
    """The bytes of the interactive graph page at ``path``, or ``None`` when there is none."""
    if path is None or not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the graph page: {exc}") from exc


_STYLE = """
body { font: 15px/1.45 system-ui, "WenQuanYi Micro Hei", sans-serif; margin: 0; display: flex; min-height: 100vh; }
nav { width: 24rem; overflow-y: auto; border-right: 1px solid #ccc; padding: .5rem 1rem; max-height: 100vh; \
box-sizing: border-box; }
nav button { display: block; width: 100%; text-align: left; margin: .25rem 0; padding: .3rem .5rem; background: #f6f6f6; \
border: 1px solid #ddd; cursor: pointer; }
nav button:hover { background: #e8f0fe; } nav .zh { display: block; color: #555; font-size: 90%; }
main { flex: 1; padding: .5rem 1rem; min-width: 0; }
textarea { width: 100%; height: 16rem; font: 13px/1.4 monospace; box-sizing: border-box; }
#params { color: #555; } #status { margin: .5rem 0; font-weight: 600; }
table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #ccc; padding: .15rem .4rem; \
vertical-align: top; text-align: left; }
th { background: #f0f0f0; position: sticky; top: 0; } pre { white-space: pre-wrap; font-size: 13px; }
"""

_SCRIPT = """
"use strict";
const library = JSON.parse(document.getElementById("library").textContent);
const text = document.getElementById("text"), out = document.getElementById("out");
const status = document.getElementById("status"), params = document.getElementById("params");
const list = document.getElementById("questions");
for (const entry of library) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = entry.question_en;
  const zh = document.createElement("span");
  zh.className = "zh";
  zh.textContent = entry.question_zh + " (" + entry.name + ")";
  button.append(zh);
  button.addEventListener("click", () => {
    text.value = entry.text;
    params.textContent = entry.name + " — parameters: " + entry.parameters + "; returns: " + entry.returns;
    text.focus();
  });
  list.append(button);
}
function cell(tag, value) {
  const node = document.createElement(tag);
  node.textContent = value;
  return node;
}
async function run() {
  status.textContent = "running…";
  out.replaceChildren();
  const started = performance.now();
  let response, body;
  try {
    response = await fetch("/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: new URLSearchParams({query: text.value}),
    });
    body = await response.text();
  } catch (error) {
    status.textContent = "the request failed: " + error;
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2) + " s";
  if (!response.ok) {
    status.textContent = response.status + " " + response.statusText + " (" + seconds + ")";
    out.append(cell("pre", body));
    return;
  }
  const truncated = response.headers.get("X-Zonekg-Truncated") === "true" ? " — cut at the row cap" : "";
  const type = response.headers.get("Content-Type") || "";
  if (!type.startsWith("application/sparql-results+json")) {
    status.textContent = "a graph (" + seconds + ")" + truncated;
    out.append(cell("pre", body));
    return;
  }
  const data = JSON.parse(body);
  if ("boolean" in data) {
    status.textContent = (data.boolean ? "yes" : "no") + " (" + seconds + ")";
    return;
  }
  const vars = data.head.vars, rows = data.results.bindings;
  const table = document.createElement("table"), head = document.createElement("tr");
  for (const name of vars) head.append(cell("th", name));
  table.append(head);
  for (const row of rows) {
    const tr = document.createElement("tr");
    for (const name of vars) {
      const value = row[name];
      const td = cell("td", value ? value.value : "");
      if (value && (value["xml:lang"] || value.datatype)) td.title = value["xml:lang"] || value.datatype;
      tr.append(td);
    }
    table.append(tr);
  }
  out.append(table);
  status.textContent = rows.length + " row(s) in " + seconds + truncated;
}
document.getElementById("run").addEventListener("click", run);
text.addEventListener("keydown", (event) => { if (event.key === "Enter" && event.ctrlKey) run(); });
"""

_HELP = (
    "Prefixes zk:, kg:, org:, schema:, skos:, rdfs:, xsd: … are predeclared. A library question's parameters "
    "are variables: leave one unbound where the question allows it, or bind it by writing, say, "
    "VALUES ?park { kg:liandong-u-valley } as the first line inside WHERE { … }. Ctrl+Enter runs the query."
)


def query_page(library: Mapping[str, LibraryQuery], *, nonce: str) -> bytes:
    """The offline query page: a text area, a run button, the result table, and ``library`` one click away."""
    entries = [
        {"name": q.name, "question_en": q.question_en, "question_zh": q.question_zh,
         "parameters": q.parameters_text, "returns": q.returns, "text": q.text}
        for q in library.values()
    ]
    n = html.escape(nonce, quote=True)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zonekg · SPARQL</title>
<style nonce="{n}">{_STYLE}</style>
</head><body>
<nav><h2>Questions · 问题</h2><div id="questions"></div></nav>
<main><h1>zonekg · SPARQL</h1>
<p>{html.escape(_HELP)}</p>
<p id="params"></p>
<textarea id="text" spellcheck="false">SELECT ?class (COUNT(?x) AS ?n) WHERE {{ ?x a ?class }} GROUP BY ?class \
ORDER BY DESC(?n) LIMIT 20</textarea>
<p><button id="run" type="button">Run</button> <a href="/">graph</a> · <a href="/service-description">service description</a></p>
<div id="status"></div><div id="out"></div></main>
<script type="application/json" id="library">{safe_json(entries)}</script>
<script nonce="{n}">{_SCRIPT}</script>
</body></html>
"""
    return page.encode("utf-8")


def index_page() -> bytes:
    """The page at ``/`` when there is no interactive graph page to serve."""
    return b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>zonekg</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem; }</style></head><body>
<h1>zonekg</h1>
<p>A SPARQL 1.1 endpoint over the zone's knowledge graph.</p>
<ul>
<li><a href="/query">The query page</a>, with the library of questions</li>
<li><a href="/service-description">The service description</a> (Turtle); queries go to <code>/sparql</code></li>
</ul>
<p>The interactive graph appears here once <code>zonekg build</code> has written <code>graph.html</code> beside the data.</p>
</body></html>
"""


def service_description(endpoint: str, *, reason: str = "rdfs", graphs: Iterable[str] = ()) -> str:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``, in Turtle.

    Examples
    --------
    >>> text = service_description("http://127.0.0.1:7878/sparql")
    >>> "sd:endpoint <http://127.0.0.1:7878/sparql>" in text and "SPARQL_Results_JSON" in text
    True
    """
    from rdflib import BNode, Graph, URIRef

    g = Graph()
    g.bind("sd", SD._NS)
    g.bind("formats", FORMATS._NS)
    g.bind("entailment", ENTAILMENT._NS)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in (FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
                FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["JSON-LD"]):
        g.add((service, SD.resultFormat, fmt))
    regime = {"none": ENTAILMENT.Simple, "rdfs": ENTAILMENT.RDFS, "owlrl": ENTAILMENT["OWL-RDF-Based"]}[reason]
    g.add((service, SD.defaultEntailmentRegime, regime))
    dataset, default = BNode("dataset"), BNode("default")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for name in sorted(graphs):
        named = BNode(f"g{len(list(g.objects(dataset, SD.namedGraph)))}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
    return g.serialize(format="turtle")
