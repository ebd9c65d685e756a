"""``zonekg serve`` and ``zonekg push``: the command-line faces of :mod:`graph.serve.http` and :mod:`graph.serve.push`.

:func:`add_parsers` adds both subcommands to ``zonekg``'s parser;
:data:`COMMANDS` maps their names to the functions that run them.
"""

from __future__ import annotations

import argparse
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from graph.cli.options import add_data_option, add_reason_option
from graph.errors import InputError

__all__ = ["COMMANDS", "add_parsers", "push_command", "serve_command"]

# The defaults of graph.serve.http, repeated so that building the parser imports no rdflib (tests/test_server.py checks them).
_PORT = 7878
_MAX_ROWS = 10_000

_SERVE_EPILOG = (
    "Endpoints: /sparql (SPARQL 1.1 Protocol: GET ?query=, POST form or application/sparql-query; without a query, "
    "the service description), /service-description, /query (the offline query page), / (graph.html beside the first "
    "data file, else an index). Status codes: 200; 400 syntax error, SERVICE/FROM/LOAD, default-graph-uri or "
    "named-graph-uri; 403 update; 406 no acceptable format; 503 the query timed out (its worker is killed and "
    "replaced) or no worker came free within --timeout. A response cut at --max-rows carries X-Zonekg-Truncated: true."
)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve`` and ``push`` to ``zonekg``'s subcommands."""
    serve = sub.add_parser(
        "serve", help="serve the graph as a read-only SPARQL 1.1 endpoint, with a query page",
        description="Serve the built graph (out/zone.trig and out/analysis.trig, else the embedded records) or --data "
        "files over HTTP, read-only, on loopback unless --host says otherwise.", epilog=_SERVE_EPILOG,
    )
    serve.add_argument(
        "--host", default="127.0.0.1",
        help="address to bind (default: 127.0.0.1; anything but loopback is warned about)",
    )
    serve.add_argument("--port", type=int, default=_PORT, help=f"port (default: {_PORT}; 0 picks a free one)")
    add_data_option(serve, help="serve these RDF files instead of the built graph")
    add_reason_option(serve, help="inference added before serving (default: rdfs)")
    serve.add_argument(
        "--timeout", type=float, default=30.0,
        help="seconds a query may take, waiting for a worker included (default: 30)",
    )
    serve.add_argument(
        "--max-rows", type=int, default=_MAX_ROWS,
        help=f"rows (or triples) an answer holds at most (default: {_MAX_ROWS})",
    )
    serve.add_argument("--workers", type=int, default=4, help="worker processes answering queries (default: 4)")
    serve.add_argument(
        "--cors", default=None, metavar="ORIGIN",
        help="allow this one origin (e.g. http://localhost:3000) to query from a browser",
    )
    serve.add_argument("-q", "--quiet", action="store_true", help="no request log on stderr")

    push = sub.add_parser(
        "push", help="load the graph into a triple store through the SPARQL 1.1 Graph Store HTTP Protocol",
        description="PUT every named graph (one per report, the catalogue, the tensions, the ontology, the analysis and "
        "the inferred closure) to the store's Graph Store Protocol URL, replacing what those graphs held; with --graph, "
        "PUT the union into that one graph.",
    )
    push.add_argument(
        "--endpoint", required=True, metavar="URL",
        help="the Graph Store Protocol URL (e.g. http://localhost:8890/sparql-graph-crud-auth)",
    )
    push.add_argument("--graph", default=None, metavar="IRI", help="push everything into this one graph")
    push.add_argument("--user", default=None, help="user name (HTTP basic or digest authentication, as the server asks)")
    push.add_argument("--password", default=None, help="password (default: $ZONEKG_PASSWORD)")
    add_data_option(push, help="push these RDF files instead of the built graph")
    add_reason_option(push, help="inferred graph pushed too (default: rdfs)")
    push.add_argument("--timeout", type=float, default=120.0, help="seconds per request (default: 120)")
    push.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def _graph_page(data: list[Path] | None) -> Path:
    from graph.sparql.load import default_data

    first = (data or default_data() or [Path("out") / "zone.trig"])[0]
    return Path(first).parent / "graph.html"


def serve_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``zonekg serve`` until Ctrl-C or SIGTERM."""
    from graph.serve.http import ServeOptions, is_loopback, make_server
    from graph.sparql.load import load

    if args.timeout <= 0 or args.max_rows < 1 or args.workers < 1:
        raise InputError("--timeout, --max-rows and --workers must be positive")
    if not 0 <= args.port <= 65535:
        raise InputError("--port must be between 0 and 65535")
    if args.cors is not None and (not args.cors.startswith(("http://", "https://")) or any(c in args.cors for c in " ,\r\n")):
        raise InputError(f"--cors {args.cors!r}: give one origin, such as http://localhost:3000")
    print("zonekg: loading the graph", file=err, flush=True)
    ds = load(args.data, reason=args.reason)
    options = ServeOptions(
        host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows, workers=args.workers,
        cors=args.cors, graph_page=_graph_page(args.data), reason=args.reason, log=None if args.quiet else err,
    )
    if not is_loopback(args.host):
        print(f"zonekg: warning: serving on {args.host}, not loopback: anyone who can reach this address can query the graph",
              file=err, flush=True)
    try:
        server = make_server(ds, options)
    except OSError as exc:
        raise InputError(f"cannot listen on {args.host}:{args.port}: {exc}") from exc
    host, port = server.server_address[:2]
    assert isinstance(host, str)  # what getsockname() gives an AF_INET(6) socket; typeshed allows bytes too
    shown = f"[{host}]" if ":" in host else host
    print(f"zonekg: serving {len(ds)} triples with {args.workers} workers at http://{shown}:{port}/sparql "
          f"(query page http://{shown}:{port}/query); Ctrl-C stops", file=err, flush=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("zonekg: stopping", file=err, flush=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
    return 0


def push_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``zonekg push``."""
    import os

    from graph.serve.push import PushOptions, push_dataset
    from graph.sparql.load import load

    password = args.password if args.password is not None else os.environ.get("ZONEKG_PASSWORD")
    if (args.user is None) != (password is None):
        raise InputError("give both --user and --password (or $ZONEKG_PASSWORD), or neither")
    if args.timeout <= 0:
        raise InputError("--timeout must be a positive number of seconds")
    ds = load(args.data, reason=args.reason)
    options = PushOptions(endpoint=args.endpoint, graph=args.graph, user=args.user, password=password, timeout=args.timeout)
    log = (lambda message: None) if args.quiet else (lambda message: print(f"zonekg: {message}", file=err, flush=True))
    pushed = push_dataset(ds, options, progress=log)
    total = sum(n for _, n in pushed)
    print(f"pushed {total} triples in {len(pushed)} graph(s) to {args.endpoint}", file=out)
    for name, n in pushed:
        print(f"  {name}: {n}", file=out)
    return 0


#: Subcommand name → the function that runs it.
COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {"serve": serve_command, "push": push_command}
