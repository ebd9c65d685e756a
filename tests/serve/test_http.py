"""``zonekg serve``: the SPARQL 1.1 Protocol with real clients, the refusals, CORS, the pages, and the pool under load.

Each server runs in this process on an ephemeral loopback port, over a built
graph with its RDFS closure: the mini zone (``mini_query_ds``) for the protocol,
the refusals and the pages, in the fast loop; the Kunshan graph
(``kunshan_query_ds``, ``slow``) for real clients' answers and the pool under load.
Latencies are measured by ``scripts/bench_serve.py``, not asserted here.
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest
from rdflib import Graph, URIRef

from graph.cli.main import _parser, main
from graph.serve.http import (
    DEFAULT_MAX_ROWS,
    DEFAULT_PORT,
    TIMEOUT_STATUS,
    ServeOptions,
    make_server,
)
from graph.serve.pages import query_page
from graph.sparql.api import answer
from graph.sparql.library import LibraryQuery, read_library

LIBRARY = read_library()
#: Library questions that answer in well under a second; compared over every client.
COMPARED = ("people-and-roles", "designation-holders", "talent-programme-counts", "parks", "government-bodies",
            "zone-figures-of-year")
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a zk:Company ; ?p ?o } ORDER BY ?s ?p ?o LIMIT 40"


def _start(ds, **options):
    server = make_server(ds, ServeOptions(port=0, **options))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _stop(server):
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def base(mini_query_ds):
    server, url = _start(mini_query_ds, workers=2, timeout=60)
    yield url
    _stop(server)


@pytest.fixture(scope="module")
def kunshan_base(kunshan_query_ds):
    server, url = _start(kunshan_query_ds, workers=3, timeout=60)
    yield url
    _stop(server)


@pytest.fixture(scope="module")
def capped(mini_query_ds, tmp_path_factory):
    page = tmp_path_factory.mktemp("page") / "graph.html"
    page.write_text("<!DOCTYPE html><title>the graph</title>", encoding="utf-8")
    server, url = _start(mini_query_ds, workers=1, max_rows=5, cors="http://localhost:3000", graph_page=page)
    yield url
    _stop(server)


def _http(url, *, data=None, headers=None, method=None):
    """(status, headers, body) of a request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _get(base, query, accept=None, **extra):
    params = urllib.parse.urlencode({"query": query, **extra})
    return _http(f"{base}/sparql?{params}", headers={"Accept": accept} if accept else {})


def _local(ds, text, params=None):
    _, result = answer(ds, text, params=params or {}, timeout=60)
    return result


def _plain_rows(result):
    return {tuple("" if term is None else str(term) for term in row) for row in result.rows}


def _json_rows(data):
    names = data["head"]["vars"]
    return {tuple(b[n]["value"] if n in b else "" for n in names) for b in data["results"]["bindings"]}


# -- real clients get the CLI's answers ------------------------------------------------------------
def _sparqlwrapper_gets(url, ds, text):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    local = _local(ds, text)
    assert local.rows, "a comparison of empty answers proves nothing"
    for method in ("GET", POST):
        client = SPARQLWrapper(f"{url}/sparql")
        client.setQuery(text)
        client.setMethod(method)
        client.setReturnFormat(JSON)
        data = client.query().convert()
        assert data["head"]["vars"] == local.vars
        assert _json_rows(data) == _plain_rows(local)
        assert len(data["results"]["bindings"]) == len(local.rows)


def _sparqlstore_gets(url, ds, text):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(f"{url}/sparql", returnFormat="json", method="POST"))
    rows = remote.query(text)
    local = _local(ds, text)
    assert local.rows and {tuple("" if t is None else str(t) for t in row) for row in rows} == _plain_rows(local)


def _sparqlstore_binds(url, ds, park_iri, park_name):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(f"{url}/sparql", returnFormat="json"))
    rows = remote.query(LIBRARY["companies-in-park"].text, initBindings={"park": URIRef(park_iri)})
    local = _local(ds, LIBRARY["companies-in-park"].text, {"park": park_name})
    assert local.rows and {tuple(str(t) for t in row) for row in rows} == _plain_rows(local)


def _the_cli_json_equals_the_http_json(url, trig):
    out = io.StringIO()
    data = [str(trig), str(trig.with_name("analysis.trig"))]
    assert main(["query", "people-and-roles", "--format", "json", "--data", *data], stdout=out, stderr=io.StringIO()) == 0
    status, _, body = _get(url, LIBRARY["people-and-roles"].text)
    assert status == 200
    assert _json_rows(json.loads(body)) == _json_rows(json.loads(out.getvalue()))


def test_real_clients_get_the_local_answers_on_the_mini_zone(base, mini_query_ds, mini_trig):
    _sparqlwrapper_gets(base, mini_query_ds, LIBRARY["people-and-roles"].text)
    _sparqlstore_gets(base, mini_query_ds, LIBRARY["parks"].text)
    _sparqlstore_binds(base, mini_query_ds, "https://w3id.org/zonekg/id/demo-park", "示例科技园")
    _the_cli_json_equals_the_http_json(base, mini_trig)


@pytest.mark.slow
@pytest.mark.parametrize("name", COMPARED)
def test_sparqlwrapper_gets_the_local_answers(kunshan_base, kunshan_query_ds, name):
    text = LIBRARY[name].text.replace("?year", '"2023"') if name == "zone-figures-of-year" else LIBRARY[name].text
    _sparqlwrapper_gets(kunshan_base, kunshan_query_ds, text)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["people-and-roles", "parks"])
def test_sparqlstore_gets_the_local_answers(kunshan_base, kunshan_query_ds, name):
    _sparqlstore_gets(kunshan_base, kunshan_query_ds, LIBRARY[name].text)


@pytest.mark.slow
def test_sparqlstore_binds_a_parameter(kunshan_base, kunshan_query_ds):
    _sparqlstore_binds(kunshan_base, kunshan_query_ds, "https://w3id.org/zonekg/id/liandong-u-valley", "联东U谷科技园")


@pytest.mark.slow
def test_the_cli_json_equals_the_http_json(kunshan_base, kunshan_trig):
    _the_cli_json_equals_the_http_json(kunshan_base, kunshan_trig)


# -- the protocol ---------------------------------------------------------------------------------
def test_get_post_form_and_post_direct_agree(base):
    text = LIBRARY["parks"].text  # its header's comments hold Chinese and line breaks, for the form encoding
    _, _, by_get = _get(base, text, "text/csv")
    form = urllib.parse.urlencode({"query": text}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}
    status, _, by_form = _http(f"{base}/sparql", data=form, headers=headers)
    assert status == 200
    headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": "text/csv"}
    status, _, direct = _http(f"{base}/sparql", data=text.encode(), headers=headers)
    assert status == 200
    assert by_get == by_form == direct and len(by_get.splitlines()) == 2 and "示例科技园" in by_get.decode("utf-8")


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ],
)
def test_select_results_negotiate(base, accept, media):
    status, headers, body = _get(base, "SELECT ?name WHERE { kg:demo-zone rdfs:label ?name } ORDER BY ?name", accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    text = body.decode("utf-8")
    names = ["Demo High-tech Zone", "示例高新区"]
    if media.endswith("json"):
        assert sorted(b["name"]["value"] for b in json.loads(text)["results"]["bindings"]) == names
    elif media.endswith("xml"):
        ns = "{http://www.w3.org/2005/sparql-results#}"
        assert sorted(e.text for e in ET.fromstring(body).iter(f"{ns}literal")) == names
    elif media == "text/csv":
        assert list(csv.reader(io.StringIO(text))) == [["name"], *([name] for name in names)]
    else:
        assert text.splitlines()[0] == "?name" and '"示例高新区"@zh' in text


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [(None, "text/turtle", "turtle"), ("text/turtle", "text/turtle", "turtle"),
     ("application/n-triples", "application/n-triples", "nt"), ("application/ld+json", "application/ld+json", "json-ld")],
)
def test_graph_results_negotiate(base, mini_query_ds, accept, media, fmt):
    status, headers, body = _get(base, CONSTRUCT, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    got = Graph().parse(data=body.decode("utf-8"), format=fmt)
    assert set(got) == set(_local(mini_query_ds, CONSTRUCT).triples) and len(got) >= 10


def test_ask_and_not_acceptable(base):
    assert json.loads(_get(base, "ASK { kg:demo-zone a zk:Zone }")[2])["boolean"] is True
    assert _get(base, "ASK { ?s ?p ?o }", "image/png")[0] == 406
    assert _get(base, CONSTRUCT, "text/csv")[0] == 406


@pytest.mark.parametrize(
    ("query", "extra", "status", "message"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", {}, 400, "SERVICE"),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", {}, 400, "FROM <file:///etc/passwd> is refused"),
        ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", {}, 400, "FROM NAMED"),
        ("LOAD <http://example.org/data.ttl>", {}, 400, "LOAD"),
        ("SELECT * WHERE {\n ?s ?p\n}", {}, 400, "syntax error at line"),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": "http://example.org/g"}, 400, "default-graph-uri"),
        ("SELECT * WHERE { ?s ?p ?o }", {"named-graph-uri": "http://example.org/g"}, 400, "named-graph-uri"),
        ("INSERT DATA { <http://x.org/a> <http://x.org/b> <http://x.org/c> }", {}, 403, "read-only"),
        ("DROP ALL", {}, 403, "read-only"),
    ],
)
def test_refusals(base, query, extra, status, message):
    got, _, body = _get(base, query, **extra)
    assert got == status and message in body.decode("utf-8")


def test_updates_by_any_route_are_forbidden(base):
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    assert _http(f"{base}/sparql", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert _http(f"{base}/sparql", data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})[0] == 403
    assert _get(base, "ASK { kg:demo-zone a zk:Zone }")[0] == 200  # and nothing was dropped


def test_malformed_requests(base):
    assert _http(f"{base}/sparql", data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    assert _http(f"{base}/sparql?x=1")[0] == 400
    assert _http(f"{base}/sparql?query=ASK%7B%7D&query=ASK%7B%7D")[0] == 400
    assert _http(f"{base}/nothing-here")[0] == 404


# -- safety ------------------------------------------------------------------------------------------
def test_no_cors_by_default(base):
    for status, headers, _ in (_get(base, "ASK {}"), _http(f"{base}/sparql", method="OPTIONS")):
        assert status in (200, 204)
        assert not [h for h in headers if h.lower().startswith("access-control-")]


def test_cors_for_the_one_origin_given(capped):
    _, headers, _ = _get(capped, "ASK {}")
    assert headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    status, headers, _ = _http(f"{capped}/sparql", method="OPTIONS", headers={
        "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert "POST" in headers["Access-Control-Allow-Methods"] and "Content-Type" in headers["Access-Control-Allow-Headers"]


def test_loopback_by_default(mini_query_ds):
    args = _parser().parse_args(["serve"])
    assert ServeOptions().host == args.host == "127.0.0.1"
    assert (args.port, args.max_rows, args.timeout) == (DEFAULT_PORT, DEFAULT_MAX_ROWS, ServeOptions().timeout)
    server = make_server(mini_query_ds, ServeOptions(port=0, workers=1))
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_rows_are_capped_and_say_so(capped):
    status, headers, body = _get(capped, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers["X-Zonekg-Truncated"] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 5
    status, headers, _ = _get(capped, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert status == 200 and headers.get("X-Zonekg-Truncated") is None


# -- pages ------------------------------------------------------------------------------------------
_REMOTE = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_query_page_is_offline_and_carries_the_library(base):
    status, headers, body = _http(f"{base}/query")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert not _REMOTE.search(page) and "@import" not in page and "innerHTML" not in page
    policy = headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy and "http" not in policy
    assert page.count(f'nonce="{nonce}"') == 2  # the one script and the one style
    block = re.search(r'<script type="application/json" id="library">(.*?)</script>', page, re.S).group(1)
    entries = json.loads(block)
    assert [e["name"] for e in entries] == list(LIBRARY)
    assert entries[0]["text"] == LIBRARY[entries[0]["name"]].text and entries[0]["question_zh"]
    assert _http(f"{base}/query")[1]["Content-Security-Policy"] != policy  # a fresh nonce per response


def test_query_page_escapes_what_it_carries():
    evil = "</script><script>alert(1)</script><img src=x onerror=alert(1)>"
    entry = LibraryQuery("evil", evil, evil, evil, evil, f"# {evil}\nASK {{}}")
    page = query_page({"evil": entry}, nonce="n0").decode("utf-8")
    assert "<script>alert(1)" not in page and "<img" not in page
    block = re.search(r'<script type="application/json" id="library">(.*?)</script>', page, re.S).group(1)
    assert json.loads(block)[0]["question_en"] == evil


def test_graph_page_or_index(base, capped):
    status, headers, body = _http(f"{capped}/")
    assert status == 200 and b"the graph" in body and "connect-src 'self'" in headers["Content-Security-Policy"]
    status, headers, body = _http(f"{base}/")
    assert status == 200 and b'href="/query"' in body and not _REMOTE.search(body.decode())


def test_service_description(base):
    for url in (f"{base}/sparql", f"{base}/service-description"):
        status, headers, body = _http(url)
        assert status == 200 and headers["Content-Type"].startswith("text/turtle")
        sd = Graph().parse(data=body.decode("utf-8"), format="turtle")
        endpoint = URIRef(f"{base}/sparql")
        prefix = "http://www.w3.org/ns/sparql-service-description#"
        assert (endpoint, URIRef(prefix + "endpoint"), endpoint) in sd
        assert len(list(sd.objects(endpoint, URIRef(prefix + "resultFormat")))) == 7
        assert URIRef("https://w3id.org/zonekg/id/graph/mini") in set(sd.objects(None, URIRef(prefix + "name")))


# -- limits and load --------------------------------------------------------------------------------
#: The pool and time limit in the test under load: a worker for each of the eight clients, so no call ever waits for
#: one (waiting counts against the limit), and a limit that the library queries (about 0.1 s alone) meet many times
#: over even when the two cross joins and a busy machine leave them a fraction of a core.
LOAD_WORKERS = 8
LOAD_TIMEOUT = 10.0
#: How late a cross join's 503 may come after the time limit: killing and replacing its worker, under load.
LOAD_MARGIN = 10.0


@pytest.mark.slow
def test_eight_clients_mixing_normal_and_pathological_queries(kunshan_query_ds):
    """Every normal query is answered correctly (200); every pathological one gets 503 within the limit and a margin."""
    server, url = _start(kunshan_query_ds, workers=LOAD_WORKERS, timeout=LOAD_TIMEOUT)
    names = ("people-and-roles", "designation-holders", "government-bodies", "talent-programme-counts")
    normal = [LIBRARY[n].text for n in names]
    expected = {text: _plain_rows(_local(kunshan_query_ds, text)) for text in normal}
    bad_started = threading.Event()

    def bad_client(i):
        bad_started.set()
        answers = []
        for _ in range(2):  # the second runs on the worker that replaced the first's
            started = time.monotonic()
            status = _get(url, CROSS_JOIN)[0]
            answers.append((status, time.monotonic() - started))
        return answers

    def normal_client(i):
        bad_started.wait()
        results = []
        for round_ in range(3):
            text = normal[(i + round_) % len(normal)]
            status, _, body = _get(url, text)
            results.append((status, status == 200 and _json_rows(json.loads(body)) == expected[text]))
        return results

    def ask_client(i):
        bad_started.wait()
        time.sleep(0.5)  # the bad queries are running by now
        results = []
        for _ in range(5):
            status, _, body = _get(url, "ASK { kg:kunshan-hnz a zk:Zone }")
            results.append((status, status == 200 and json.loads(body)["boolean"] is True))
        return results

    try:
        with ThreadPoolExecutor(8) as clients:
            bad = [clients.submit(bad_client, i) for i in range(2)]
            good = [clients.submit(normal_client, i) for i in range(4)]
            asks = [clients.submit(ask_client, i) for i in range(2)]
            bad_answers = [a for f in bad for a in f.result(timeout=120)]
            good_results = [r for f in [*good, *asks] for r in f.result(timeout=120)]
        assert [status for status, _ in bad_answers] == [TIMEOUT_STATUS] * 4, bad_answers
        assert all(seconds < LOAD_TIMEOUT + LOAD_MARGIN for _, seconds in bad_answers), bad_answers
        assert good_results == [(200, True)] * (12 + 10), good_results
        status, _, _ = _get(url, "ASK { ?s ?p ?o }")  # the killed workers were replaced
        assert status == 200 and server.pool.size == server.pool.idle == LOAD_WORKERS
    finally:
        _stop(server)


def test_a_timed_out_query_says_so(mini_query_ds):
    server, url = _start(mini_query_ds, workers=1, timeout=0.5)
    try:
        status, _, body = _get(url, CROSS_JOIN)
        assert status == TIMEOUT_STATUS == 503 and b"timed out" in body
        assert _get(url, "ASK {}")[0] == 200
    finally:
        _stop(server)


# -- the command -----------------------------------------------------------------------------------
def test_serve_warns_off_loopback_and_stops_on_sigterm(tmp_path):
    data = tmp_path / "tiny.ttl"
    data.write_text("<http://x.org/a> <http://x.org/p> <http://x.org/b> .\n", encoding="utf-8")
    command = [sys.executable, "-m", "graph", "serve", "--host", "0.0.0.0", "--port", "0", "--workers", "1",
               "--reason", "none", "--data", str(data)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in process.stderr:
            lines.append(line)
            if "Ctrl-C stops" in line:
                break
        url = re.search(r"http://\S+/sparql", lines[-1]).group(0).replace("0.0.0.0", "127.0.0.1")
        assert any("warning" in line and "not loopback" in line for line in lines)
        assert _http(url + "?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D")[0] == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        assert "stopping" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
