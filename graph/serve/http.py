"""``zonekg serve``: a read-only SPARQL 1.1 Protocol endpoint over the built graph, with the standard library.

Endpoints
---------
``/sparql``
    The SPARQL 1.1 Protocol for queries: ``GET ?query=``, ``POST`` form-encoded
    (``query=``) and ``POST`` with ``Content-Type: application/sparql-query``.
    ``GET`` with no query returns the service description. The prefixes of
    ``zonekg query`` (``zk:``, ``kg:``, ``org:``, ``schema:`` …) are predeclared.
``/service-description``
    The SPARQL 1.1 Service Description, in Turtle.
``/``
    ``graph.html`` beside the first data file (the interactive graph that
    ``zonekg build`` writes), else a small index page.
``/query``
    The offline query page: no CDN, nothing loaded from anywhere but this server.

Content negotiation (``Accept``): SELECT and ASK answer in
``application/sparql-results+json`` (the default), ``application/sparql-results+xml``,
``text/csv`` and ``text/tab-separated-values``; CONSTRUCT and DESCRIBE in
``text/turtle`` (the default), ``application/n-triples`` and ``application/ld+json``.

Status codes: **200** an answer (``X-Zonekg-Truncated: true`` when the row cap
cut it); **400** a syntax error, ``SERVICE``, ``FROM``/``FROM NAMED``, ``LOAD``,
``default-graph-uri``/``named-graph-uri``, or a missing or repeated ``query``;
**403** SPARQL Update (the endpoint is read-only); **404** an unknown path;
**406** no acceptable format; **411**/**413** a POST without a length or over 1 MB;
**415** an unknown POST content type; **503 Service Unavailable** — the one
time-out status: the query ran past ``--timeout`` (its worker is killed and
replaced) or no worker came free within it (waiting counts against the limit).

Queries run in a pool of forked workers (:mod:`graph.serve.pool`) that share the
dataset loaded once; results are capped at ``--max-rows`` rows (or triples).
The server binds loopback unless told otherwise and sends CORS headers only
for the one origin given with ``--cors``.

Examples
--------
>>> negotiate("SELECT", "text/csv;q=0.9, application/sparql-results+xml")
('application/sparql-results+xml', 'xml')
>>> negotiate("CONSTRUCT", "*/*")
('text/turtle', 'turtle')
>>> negotiate("ASK", "image/png") is None
True
"""

from __future__ import annotations

import ipaddress
import itertools
import re
import secrets
import socket
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import parse_qs, urlsplit

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import ResultRow
from rdflib.term import Identifier

from graph.errors import QueryTimeout, ZonekgError
from graph.serve.pages import (
    GRAPH_PAGE_POLICY,
    INDEX_POLICY,
    index_page,
    query_page,
    query_page_policy,
    read_graph_page,
    service_description,
)
from graph.serve.pool import WorkerPool
from graph.sparql.engine import INIT_NS, Prepared, Result, prepare
from graph.sparql.formats import render
from graph.sparql.library import read_library

__all__ = [
    "DEFAULT_MAX_ROWS",
    "DEFAULT_PORT",
    "GRAPH_TYPES",
    "TABLE_TYPES",
    "TIMEOUT_STATUS",
    "Answer",
    "ServeOptions",
    "is_loopback",
    "make_server",
    "negotiate",
    "respond",
]

#: The port ``zonekg serve`` listens on unless told otherwise.
DEFAULT_PORT = 7878
#: Rows (or triples) an answer holds at most unless told otherwise.
DEFAULT_MAX_ROWS = 10_000
#: The one status of a query stopped at its time limit, or that found no free worker within it.
TIMEOUT_STATUS = 503

#: Media types of SELECT and ASK answers, in the server's order of preference, with the format of each.
TABLE_TYPES = (
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
)
#: Media types of CONSTRUCT and DESCRIBE answers, likewise.
GRAPH_TYPES = (
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "jsonld"),
    ("application/x-turtle", "turtle"),
    ("text/plain", "nt"),
)


@dataclass(frozen=True)
class ServeOptions:
    """How ``zonekg serve`` runs: address, limits, pool size, CORS origin, the graph page and the log."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout: float = 30.0
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = 4
    cors: str | None = None
    graph_page: Path | None = None
    reason: str = "rdfs"
    log: TextIO | None = None


@dataclass(frozen=True)
class Answer:
    """What a worker sends back: status, media type, body, and whether the row cap cut the answer."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def is_loopback(host: str) -> bool:
    """True when ``host`` is a loopback name or address.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _ranges(accept: str | None) -> list[tuple[str, float]]:
    out = []
    for part in (accept or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q))
    return out


def negotiate(form: str, accept: str | None) -> tuple[str, str] | None:
    """The media type and format to answer a ``form`` query in, given ``accept``; ``None`` if none fits."""
    offers = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES
    ranges = _ranges(accept)
    best, best_q = None, 0.0
    for media, fmt in offers:
        kind = media.split("/")[0]
        matches = [(3 if r == media else 2 if r == f"{kind}/*" else 1, q) for r, q in ranges if r in (media, f"{kind}/*", "*/*")]
        if not matches:
            continue
        q = max(matches)[1]
        if q > best_q:
            best, best_q = (media, fmt), q
    return best


def _execute(ds: Dataset, prepared: Prepared, max_rows: int) -> tuple[Result, bool]:
    import rdflib.plugins.sparql as sparql_settings

    sparql_settings.SPARQL_LOAD_GRAPHS = False
    result = ds.query(prepared.parsed, initNs=INIT_NS)
    if prepared.form == "SELECT":
        rows: list[tuple[Identifier | None, ...]] = list(
            itertools.islice((tuple(row) for row in result if isinstance(row, ResultRow)), max_rows + 1)
        )
        names = [str(v) for v in (result.vars or [])]
        return Result("SELECT", names, rows[:max_rows]), len(rows) > max_rows
    if prepared.form == "ASK":
        return Result("ASK", boolean=bool(result.askAnswer)), False
    graph = result.graph  # set for CONSTRUCT and DESCRIBE
    triples = list(itertools.islice(iter(graph), max_rows + 1)) if graph is not None else []
    return Result(prepared.form, triples=triples[:max_rows]), len(triples) > max_rows


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def respond(ds: Dataset, request: tuple[str, str | None, int]) -> Answer:
    """Answer one protocol request ``(query text, Accept header, row cap)`` on ``ds`` (run in a worker).

    Examples
    --------
    >>> from rdflib import Dataset
    >>> respond(Dataset(), ("ASK { ?s ?p ?o }", "text/csv", 10)).body
    b'boolean\\r\\nfalse\\r\\n'
    >>> respond(Dataset(), ("DROP ALL", None, 10)).status
    403
    >>> respond(Dataset(), ("ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", None, 10)).status
    400
    """
    text, accept, max_rows = request
    try:
        prepared = prepare(text, allow_update=True)
    except ZonekgError as exc:
        return _text(400, str(exc))
    if prepared.form == "UPDATE":
        return _text(403, "SPARQL Update is refused: this endpoint is read-only")
    chosen = negotiate(prepared.form, accept)
    if chosen is None:
        offers = GRAPH_TYPES if prepared.form in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES
        return _text(406, f"a {prepared.form} answer comes as {', '.join(m for m, _ in offers)}")
    media, fmt = chosen
    result, truncated = _execute(ds, prepared, max_rows)
    body = render(result, fmt=fmt).encode("utf-8")
    charset = "; charset=utf-8" if media.startswith("text/") or media.endswith("json") else ""
    return Answer(200, media + charset, body, truncated)


class _Server(ThreadingHTTPServer):
    # What getsockname() gives an AF_INET or AF_INET6 socket (typeshed allows bytes hosts too).
    server_address: tuple[str, int] | tuple[str, int, int, int]
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, options: ServeOptions, pool: WorkerPool, handler: type, graphs: list[str]) -> None:
        self.address_family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
        self.options = options
        self.pool = pool
        self.graphs = graphs
        super().__init__((options.host.strip("[]"), options.port), handler)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


_MAX_BODY = 1 << 20
_FORM = "application/x-www-form-urlencoded"
_DIRECT = "application/sparql-query"
_UPDATE = "application/sparql-update"
_SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "zonekg"
    protocol_version = "HTTP/1.1"

    # -- plumbing -------------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        log = self.server.options.log
        if log is not None:
            log.write(f"{self.address_string()} - {format % args}\n")
            log.flush()

    def _send(self, answer: Answer, *, headers: dict[str, str] | None = None) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in {**_SECURITY, **(headers or {})}.items():
            self.send_header(name, value)
        if answer.truncated:
            self.send_header("X-Zonekg-Truncated", "true")
        origin = self.server.options.cors
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", "X-Zonekg-Truncated")
            self.send_header("Vary", "Origin")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _fail(self, status: int, message: str) -> None:
        self._send(_text(status, message))

    def _path(self) -> tuple[str, dict[str, list[str]]]:
        url = urlsplit(self.path)
        return url.path, parse_qs(url.query, keep_blank_values=True)

    # -- methods --------------------------------------------------------------------------------
    def do_GET(self) -> None:
        path, params = self._path()
        if path == "/sparql":
            if not params:
                self._send(self._description())
            else:
                self._protocol(params, None)
        elif path == "/service-description":
            self._send(self._description())
        elif path == "/query":
            nonce = secrets.token_urlsafe(18)
            self._send(
                Answer(200, "text/html; charset=utf-8", query_page(read_library(), nonce=nonce)),
                headers={"Content-Security-Policy": query_page_policy(nonce), "Cache-Control": "no-store"},
            )
        elif path in ("/", "/index.html", "/graph.html"):
            page = read_graph_page(self.server.options.graph_page)
            if page is None:
                self._send(
                    Answer(200, "text/html; charset=utf-8", index_page()),
                    headers={"Content-Security-Policy": INDEX_POLICY},
                )
            else:
                self._send(Answer(200, "text/html; charset=utf-8", page), headers={"Content-Security-Policy": GRAPH_PAGE_POLICY})
        else:
            self._fail(404, f"no such page: {path} (try /sparql, /query, /service-description or /)")

    def do_HEAD(self) -> None:
        path, params = self._path()
        if path == "/sparql" and params:
            self._fail(405, "send queries with GET or POST")
        else:
            self.do_GET()

    def do_POST(self) -> None:
        path, params = self._path()
        if path != "/sparql":
            self._fail(404, f"no such endpoint: {path} (queries go to /sparql)")
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._fail(411, "a POST needs a Content-Length")
            return
        if int(length) > _MAX_BODY:
            self._fail(413, f"a query may be at most {_MAX_BODY} bytes")
            self.close_connection = True
            return
        body = self.rfile.read(int(length))
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._fail(400, "the request body is not UTF-8")
            return
        if kind == _FORM:
            form = parse_qs(text, keep_blank_values=True)
            for name, values in params.items():
                form.setdefault(name, []).extend(values)
            self._protocol(form, None)
        elif kind == _DIRECT:
            self._protocol(params, text)
        elif kind == _UPDATE:
            self._fail(403, "SPARQL Update is refused: this endpoint is read-only")
        else:
            self._fail(415, f"POST queries as {_FORM} or {_DIRECT}, not {kind or 'no content type'}")

    def do_OPTIONS(self) -> None:
        headers = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self.server.options.cors:
            headers.update({
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Accept, Content-Type",
                "Access-Control-Max-Age": "600",
            })
        self._send(Answer(204, "text/plain; charset=utf-8", b""), headers=headers)

    # -- the protocol ---------------------------------------------------------------------------
    def _protocol(self, params: dict[str, list[str]], direct: str | None) -> None:
        if "update" in params:
            self._fail(403, "SPARQL Update is refused: this endpoint is read-only")
            return
        for name in ("default-graph-uri", "named-graph-uri"):
            if name in params:
                self._fail(400, f"{name} is refused: queries run on the loaded data only")
                return
        queries = params.get("query", []) + ([direct] if direct is not None else [])
        if len(queries) != 1:
            self._fail(400, "give exactly one query (the query parameter, or the body of an application/sparql-query POST)")
            return
        options = self.server.options
        try:
            answer = self.server.pool.call((queries[0], self.headers.get("Accept"), options.max_rows), timeout=options.timeout)
        except QueryTimeout as exc:
            answer = _text(TIMEOUT_STATUS, f"query timed out: {exc}")
        except ZonekgError as exc:
            answer = _text(400, str(exc))
        self._send(answer)

    def _description(self) -> Answer:
        host = self.headers.get("Host") or ""
        if not _HOST.fullmatch(host):
            address = self.server.server_address
            host = f"{address[0]}:{address[1]}" if ":" not in address[0] else f"[{address[0]}]:{address[1]}"
        text = service_description(f"http://{host}/sparql", reason=self.server.options.reason, graphs=self.server.graphs)
        return Answer(200, "text/turtle; charset=utf-8", text.encode("utf-8"))


_HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


def make_server(ds: Dataset, options: ServeOptions) -> ThreadingHTTPServer:
    """Start the worker pool over ``ds`` and bind the HTTP server (port 0 picks a free port); not yet serving.

    Call ``serve_forever()`` on the result, and ``shutdown()`` then
    ``server_close()`` (which also kills the workers) to stop.

    Examples
    --------
    >>> import threading, urllib.request
    >>> from rdflib import Dataset
    >>> server = make_server(Dataset(), ServeOptions(port=0, workers=1))
    >>> thread = threading.Thread(target=server.serve_forever, daemon=True); thread.start()
    >>> url = f"http://127.0.0.1:{server.server_address[1]}/sparql?query=ASK%7B%7D"
    >>> urllib.request.urlopen(url).read()
    b'{"head": {}, "boolean": true}'
    >>> server.shutdown(); server.server_close()
    """

    def task(state: Dataset, request: tuple[str, str | None, int]) -> Answer:
        return respond(state, request)

    graphs = sorted(
        str(g.identifier) for g in ds.graphs() if isinstance(g.identifier, URIRef) and g.identifier != DATASET_DEFAULT_GRAPH_ID
    )
    pool = WorkerPool(task, state=ds, workers=options.workers)  # before the socket: workers must not inherit it
    try:
        return _Server(options, pool, _Handler, graphs)
    except OSError:
        pool.close()
        raise
