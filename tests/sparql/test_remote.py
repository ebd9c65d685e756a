"""``zonekg query --endpoint``: the same answers from a SPARQL 1.1 endpoint over HTTP.

The endpoint here is a minimal SPARQL 1.1 Protocol server on loopback that the
test starts and stops itself, answering from the same built graph (the mini
zone's) with rdflib.
"""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from graph.cli.main import EXIT_OK, EXIT_USAGE, main
from graph.sparql.engine import INIT_NS
from graph.sparql.load import read_dataset


@pytest.fixture(scope="module")
def endpoint(mini_trig):
    ds = read_dataset([mini_trig])

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, query: str) -> None:
            result = ds.query(query, initNs=INIT_NS)
            body = result.serialize(format="json")
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(parse_qs(urlparse(self.path).query)["query"][0])

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length).decode("utf-8")
            kind = self.headers.get("Content-Type", "")
            self._answer(parse_qs(body)["query"][0] if "form-urlencoded" in kind else body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_remote_answers_equal_local(endpoint, mini_trig):
    query = "SELECT ?z ?name WHERE { ?z a zk:Zone ; rdfs:label ?name } ORDER BY ?z ?name"
    code, remote, err = _run("query", query, "--endpoint", endpoint, "--format", "json")
    assert code == EXIT_OK, err
    code, local, _ = _run("query", query, "--data", str(mini_trig), "--reason", "none", "--format", "json")
    assert json.loads(remote)["results"] == json.loads(local)["results"]
    assert len(json.loads(local)["results"]["bindings"]) == 2


def test_remote_parameters_bind(endpoint):
    query = "SELECT ?name WHERE { ?z rdfs:label ?name } ORDER BY ?name"
    code, out, err = _run("query", query, "--endpoint", endpoint, "--param", "z=<https://w3id.org/zonekg/id/demo-zone>",
                          "--format", "csv")
    assert code == EXIT_OK, err
    assert out.splitlines() == ["name", "Demo High-tech Zone", "示例高新区"]


def test_remote_queries_are_checked_first(endpoint):
    code, _, err = _run("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "--endpoint", endpoint)
    assert code == EXIT_USAGE and "SERVICE" in err
    assert _run("query", "ASK { ?s ?p ?o }", "--endpoint", "ftp://x")[0] == EXIT_USAGE


def test_parameters_reach_the_filters(endpoint, mini_trig):
    """A parameter a FILTER tests is bound where the filter sees it (a trailing VALUES would leave it unbound)."""
    asked = ("query", "zone-figures-of-year", "--param", "year=2030", "--format", "json")
    code, remote, err = _run(*asked, "--endpoint", endpoint)
    assert code == EXIT_OK, err
    code, local, _ = _run(*asked, "--data", str(mini_trig), "--reason", "none")
    rows = json.loads(remote)["results"]["bindings"]
    assert len(rows) == 2 and rows == json.loads(local)["results"]["bindings"]  # an unbound ?year would match nothing
