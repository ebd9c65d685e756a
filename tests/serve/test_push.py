"""``zonekg push``: the Graph Store Protocol against a recording stand-in, then against a real Virtuoso.

The stand-in receives the built mini zone (fast); Virtuoso receives the built
Kunshan graph (``slow``).

After a push into Virtuoso (the ``virtuoso`` session fixture: a private server
on loopback), every library question, with the parameters of
``tests/fixtures/queries/params.json``, answers from Virtuoso through
``zonekg query --endpoint`` as it answers locally (the reviewed answers in
``tests/fixtures/queries/``, which ``tests/test_library.py`` checks against
the local engine). Names are resolved to IRIs locally first. Values are compared
normalised: numbers by value (Virtuoso writes the decimal ``91.0`` as ``91``),
and the `` | ``-joined lists of ``GROUP_CONCAT`` as sets (SPARQL leaves their
order to the engine).
"""

from __future__ import annotations

import base64
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import Graph, URIRef

from graph.cli.main import EXIT_OK, EXIT_USAGE, main
from graph.sparql.engine import to_python
from graph.sparql.library import read_library
from graph.sparql.load import INFERRED_GRAPH
from graph.sparql.remote import ask_endpoint
from graph.sparql.resolve import resolve

LIBRARY = read_library()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "queries"


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def _data(trig):
    return [str(trig), str(trig.with_name("analysis.trig"))]


# -- a recording Graph Store ------------------------------------------------------------------------
@pytest.fixture()
def store():
    """A Graph Store Protocol stand-in on loopback that asks for basic authentication and records every PUT."""
    received: dict[str, bytes] = {}
    token = "Basic " + base64.b64encode(b"ana:secret").decode()

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(401 if self.headers.get("Authorization") != token else 404)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Authorization") != token:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="store"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            name = query["graph"][0] if "graph" in query else "DEFAULT"
            status = 500 if name.endswith("/broken") else 201
            if status == 201:
                assert self.headers["Content-Type"].startswith("application/n-triples")
                received[name] = body
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store", received
    server.shutdown()
    server.server_close()


def test_push_puts_one_graph_per_named_graph(store, mini_trig, mini_query_ds):
    url, received = store
    code, out, err = _run("push", "--endpoint", url, "--user", "ana", "--password", "secret", "-q", "--data", *_data(mini_trig))
    assert code == EXIT_OK, err
    names = {str(g.identifier) for g in mini_query_ds.graphs() if len(g)}
    assert set(received) == names and str(INFERRED_GRAPH) in received
    for name, body in received.items():
        pushed = Graph().parse(data=body.decode("utf-8"), format="nt")
        assert set(pushed) == set(mini_query_ds.graph(URIRef(name))), name
    assert "pushed" in out and "graph/mini" in out


def test_push_into_one_graph(store, mini_trig, mini_query_ds):
    url, received = store
    code, _, err = _run("push", "--endpoint", url, "--graph", "http://example.org/zone", "--user", "ana", "--password", "secret",
                        "-q", "--data", *_data(mini_trig))
    assert code == EXIT_OK, err
    assert list(received) == ["http://example.org/zone"]
    assert len(Graph().parse(data=received["http://example.org/zone"].decode("utf-8"), format="nt")) == len(mini_query_ds)


def test_push_errors_name_the_url_and_status(store, mini_trig, tmp_path):
    url, _ = store
    code, _, err = _run("push", "--endpoint", url, "--user", "ana", "--password", "wrong", "--data", *_data(mini_trig))
    assert code == EXIT_USAGE and "HTTP 401" in err and url in err
    broken = tmp_path / "broken.trig"
    broken.write_text("<http://x.org/broken> { <http://x.org/a> <http://x.org/p> 1 . }\n", encoding="utf-8")
    code, _, err = _run("push", "--endpoint", url, "--user", "ana", "--password", "secret", "--reason", "none",
                        "--data", str(broken))
    assert code == EXIT_USAGE and "HTTP 500" in err and "graph=http%3A%2F%2Fx.org%2Fbroken" in err
    closed = "http://127.0.0.1:9/store"
    code, _, err = _run("push", "--endpoint", closed, "--reason", "none", "--data", str(broken))
    assert code == EXIT_USAGE and "cannot reach the graph store at http://127.0.0.1:9/store" in err
    assert _run("push", "--endpoint", "ftp://x", "--reason", "none", "--data", str(broken))[0] == EXIT_USAGE
    assert _run("push", "--endpoint", url, "--user", "ana", "--data", str(broken))[0] == EXIT_USAGE  # a user without a password


# -- Virtuoso ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pushed(virtuoso, kunshan_trig):
    sparql, crud, user, password = virtuoso
    code, _, err = _run("push", "--endpoint", crud, "--user", user, "--password", password, "--data", *_data(kunshan_trig))
    assert code == EXIT_OK, err
    return sparql


def _value(value):
    """A plain value, normalised: numbers by value, `` | ``-joined lists as sorted lists."""
    if isinstance(value, bool) or value is None:
        return str(value)
    try:
        return format(float(value), ".12g")
    except (TypeError, ValueError):
        text = str(value)
        return " | ".join(sorted(text.split(" | ")))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_library_question_answers_alike_from_virtuoso(pushed, kunshan_query_ds, name):
    """Virtuoso's rows equal the local ones: ``tests/fixtures/queries/NAME.json``, which test_library checks locally."""
    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    resolved = {key: resolve(kunshan_query_ds, value) for key, value in fixture["params"].items()}
    remote_params = {key: f"<{term}>" if isinstance(term, URIRef) else str(term) for key, term in resolved.items()}
    _, remote = ask_endpoint(pushed, LIBRARY[name].text, params=remote_params, timeout=120)
    assert remote.vars == fixture["vars"]
    assert fixture["rows"], "a comparison of empty answers proves nothing"
    got = sorted(tuple(_value(to_python(term)) for term in row) for row in remote.rows)
    assert got == sorted(tuple(_value(v) for v in row) for row in fixture["rows"])


@pytest.mark.slow
def test_zonekg_query_endpoint_on_virtuoso(pushed):
    code, out, err = _run("query", "companies-in-park", "--endpoint", pushed,
                          "--param", "park=<https://w3id.org/zonekg/id/liandong-u-valley>", "--format", "csv")
    assert code == EXIT_OK, err
    assert out.splitlines()[1].startswith("https://w3id.org/zonekg/id/droplet-logic,江苏液滴逻辑生物技术有限公司")
