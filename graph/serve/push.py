"""``zonekg push``: load the dataset into a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

Every named graph — one per report, the catalogue, the tensions, the
ontology, the analysis and the inferred closure (``graph/inferred``, so a
store without inference answers the library questions as ``zonekg query``
does) — is sent as N-Triples with ``PUT URL?graph=IRI``, which replaces what
that graph held; triples outside any named graph go to ``PUT URL?default``.
With ``graph=IRI`` the union of everything goes into that one graph.

HTTP basic and digest authentication are both answered (Virtuoso's
``/sparql-graph-crud-auth`` asks for digest), with the standard library's
``urllib``: a bodiless ``HEAD`` fetches the store's challenge, and the ``PUT``
carries the answer from its first byte. An unreachable store or an HTTP error stops the push with an
:class:`~graph.errors.OutputError` naming the URL and the status.

Examples
--------
>>> graph_store_url("http://localhost:3030/ds/data", "https://w3id.org/zonekg/id/graph/khnz-2021")
'http://localhost:3030/ds/data?graph=https%3A%2F%2Fw3id.org%2Fzonekg%2Fid%2Fgraph%2Fkhnz-2021'
>>> graph_store_url("http://localhost:7200/repositories/kg/rdf-graphs/service?x=1", None)
'http://localhost:7200/repositories/kg/rdf-graphs/service?x=1&default'
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.errors import InputError, OutputError

__all__ = ["PushOptions", "graph_store_url", "push_dataset"]

_MEDIA = "application/n-triples"


@dataclass(frozen=True)
class PushOptions:
    """Where and how to push: the Graph Store Protocol URL, one target graph or none, credentials, time limit."""

    endpoint: str
    graph: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 120.0


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of ``graph`` (``None``: the default graph) at ``endpoint``."""
    joiner = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    if graph is None:
        return f"{endpoint}{joiner}default"
    return f"{endpoint}{joiner}{urllib.parse.urlencode({'graph': graph})}"


def _challenges(url: str, timeout: float) -> list[str]:
    """The ``WWW-Authenticate`` challenges a ``HEAD`` of ``url`` meets (none if it needs no credentials)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            return []
    except urllib.error.HTTPError as exc:
        return exc.headers.get_all("WWW-Authenticate") or [] if exc.code == 401 else []
    except (urllib.error.URLError, OSError) as exc:
        raise OutputError(f"cannot reach the graph store at {url}: {getattr(exc, 'reason', exc)}") from exc


def _authorization(request: urllib.request.Request, options: PushOptions, challenges: list[str]) -> str | None:
    """Credentials for ``request``, computed before it is sent.

    A store that asks for credentials only after a large body has started
    (Virtuoso does) may close the connection mid-body; so the challenge is
    fetched with a bodiless ``HEAD`` first and the ``PUT`` carries its answer.
    """
    if options.user is None:
        return None
    for challenge in challenges:
        scheme, _, rest = challenge.strip().partition(" ")
        if scheme.lower() == "digest":
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, options.endpoint, options.user, options.password or "")
            fields = urllib.request.parse_keqv_list([part for part in urllib.request.parse_http_list(rest) if part])
            answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(request, fields)
            if answer:
                return f"Digest {answer}"
        if scheme.lower() == "basic":
            token = base64.b64encode(f"{options.user}:{options.password or ''}".encode()).decode("ascii")
            return f"Basic {token}"
    return None


def _ntriples(triples: Iterable) -> tuple[bytes, int]:
    g = Graph()
    for triple in triples:
        g.add(triple)
    text = g.serialize(format="nt", encoding="utf-8")
    return b"".join(sorted(line + b"\n" for line in text.splitlines() if line.strip())), len(g)


def _put(url: str, body: bytes, options: PushOptions) -> int:
    challenges = _challenges(url, options.timeout) if options.user is not None else []
    for attempt in (1, 2):
        request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": f"{_MEDIA}; charset=utf-8"})
        authorization = _authorization(request, options, challenges)
        if authorization:
            request.add_header("Authorization", authorization)
        try:
            with urllib.request.urlopen(request, timeout=options.timeout) as response:
                status: int = response.status
                return status
        except urllib.error.HTTPError as exc:
            if exc.code == 401 and attempt == 1 and options.user is not None and not authorization:
                challenges = exc.headers.get_all("WWW-Authenticate") or []  # a store that answers no HEAD
                continue
            detail = " ".join(exc.read(2000).decode("utf-8", "replace").split())[:300]
            raise OutputError(f"PUT {url} failed: HTTP {exc.code} {exc.reason}: {detail}") from exc
        except urllib.error.URLError as exc:
            raise OutputError(f"cannot reach the graph store at {url}: {exc.reason}") from exc
        except OSError as exc:  # a reset connection, a time-out
            raise OutputError(f"cannot reach the graph store at {url}: {exc}") from exc
    raise OutputError(f"PUT {url} failed: the store asked for credentials it did not accept")


def _targets(ds: Dataset, graph: str | None) -> list[tuple[str | None, list]]:
    if graph is not None:
        return [(graph, list(ds.quads((None, None, None, None))))]
    out: list[tuple[str | None, list]] = []
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        triples = list(g)
        if not triples:
            continue
        name = None if g.identifier == DATASET_DEFAULT_GRAPH_ID or not isinstance(g.identifier, URIRef) else str(g.identifier)
        out.append((name, triples))
    return out


def push_dataset(
    ds: Dataset, options: PushOptions, *, progress: Callable[[str], None] = lambda message: None
) -> list[tuple[str, int]]:
    """PUT every graph of ``ds`` (or their union, into ``options.graph``) to the store; return (graph, triples) pushed.

    Raises
    ------
    InputError
        If the endpoint is not an http(s) URL.
    OutputError
        If the store cannot be reached or answers with an HTTP error.
    """
    if not options.endpoint.startswith(("http://", "https://")):
        raise InputError(f"--endpoint {options.endpoint!r} must be an http(s) URL")
    pushed = []
    for name, triples in _targets(ds, options.graph):
        if options.graph is not None:
            triples = [(s, p, o) for s, p, o, _ in triples]
        url = graph_store_url(options.endpoint, name)
        body, count = _ntriples(triples)
        status = _put(url, body, options)
        label = name or "the default graph"
        progress(f"PUT {label}: {count} triples, {len(body):,} bytes → HTTP {status}")
        pushed.append((label, count))
    return pushed
