"""Answering SPARQL safely — check, bind, run with a time limit, return plain rows.

Every query is parsed by rdflib before anything runs, and refused when it
could reach the network or the file system on the user's behalf (``SERVICE``,
``FROM``/``FROM NAMED`` of any IRI, and every update — ``LOAD`` included —
unless updates are explicitly allowed). Values go in through ``initBindings``
only. A query runs in a forked worker that is killed at the time limit, so a
pathological query cannot hang the caller.

Examples
--------
>>> from rdflib import Dataset, Literal, URIRef
>>> ds = Dataset(default_union=True)
>>> _ = ds.graph(URIRef("http://x.org/g")).add((URIRef("http://x.org/a"), URIRef("http://x.org/p"), Literal(1)))
>>> result = run(ds, prepare("SELECT ?s ?o WHERE { ?s ?p ?o }"))
>>> result.vars, result.rows
(['s', 'o'], [(rdflib.term.URIRef('http://x.org/a'), rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')))])
>>> prepare("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
    ...
graph.errors.QueryError: SERVICE <http://evil.example/sparql> is refused: queries never reach the network
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef
from rdflib.query import ResultRow
from rdflib.term import Identifier, Node, Variable

from graph.errors import QueryError, QueryTimeout, ZonekgError
from graph.vocab.namespaces import DEFAULT_BASE, PREFIXES, RDF

__all__ = ["DEFAULT_TIMEOUT", "INIT_NS", "Prepared", "Result", "prepare", "run", "stated_classes", "to_python"]

#: Seconds a query may run unless told otherwise.
DEFAULT_TIMEOUT = 30.0

#: Prefixes every query may use without declaring them (zk:, kg:, org:, schema:, skos:, …).
INIT_NS: dict[str, str] = {**{prefix: str(ns) for prefix, ns in PREFIXES}, "kg": DEFAULT_BASE, "rdf": str(RDF)}


@dataclass(frozen=True)
class Prepared:
    """A checked query: its text, form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` or ``UPDATE``)
    and, for queries, rdflib's parsed form (so it is parsed once, not again to run)."""

    text: str
    form: str
    parsed: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Result:
    """What a query returned: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    form: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)

    def graph(self) -> Graph:
        """The CONSTRUCT or DESCRIBE result as an rdflib graph."""
        g = Graph()
        for triple in self.triples:
            g.add(triple)
        return g


def _syntax_error(exc: Exception, text: str) -> QueryError:
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    where = f"line {line}, column {col}" if line is not None else "unknown position"
    message = getattr(exc, "msg", None) or str(exc).split(" (at char")[0]
    return QueryError(f"SPARQL syntax error at {where}: {message}")


def _walk(node: Any, seen: set[int]) -> Iterator[Any]:
    """Yield every algebra node below ``node`` (CompValue trees, lists, dicts)."""
    if id(node) in seen:
        return
    seen.add(id(node))
    name = getattr(node, "name", None)
    if name is not None:
        yield node
    if isinstance(node, Mapping):
        for value in node.values():
            yield from _walk(value, seen)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value, seen)


def prepare(text: str, *, allow_update: bool = False) -> Prepared:
    """Parse and check ``text``; raise :class:`QueryError` if it is malformed or refused.

    Examples
    --------
    >>> prepare("ASK { ?s ?p ?o }").form
    'ASK'
    >>> prepare("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
        ...
    graph.errors.QueryError: FROM <file:///etc/passwd> is refused: queries run on the loaded data only
    >>> prepare("SELECT * WHERE {\\n  ?s ?p\\n}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    graph.errors.QueryError: SPARQL syntax error at line 2, column ...
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = translateQuery(parseQuery(text), initNs=INIT_NS)
        algebra = parsed.algebra
    except ParseException as query_exc:
        try:
            update = translateUpdate(parseUpdate(text), initNs=INIT_NS)
        except ParseException:
            raise _syntax_error(query_exc, text) from query_exc
        except Exception as exc:  # rdflib raises plain exceptions for some semantic errors
            raise QueryError(f"SPARQL error: {exc}") from exc
        if not allow_update:
            raise QueryError("SPARQL Update is refused: give --update and a writable --data file to change data") from None
        for node in _walk(update.algebra, set()):
            if node.name == "Load":
                raise QueryError(f"LOAD <{node['iri']}> is refused: queries never read files or the network") from None
            if node.name == "ServiceGraphPattern":
                raise QueryError(f"SERVICE <{node['term']}> is refused: queries never reach the network") from None
        return Prepared(text, "UPDATE")
    except Exception as exc:
        raise QueryError(f"SPARQL error: {exc}") from exc
    for clause in algebra.get("datasetClause") or []:
        named = "named" in clause
        iri = clause["named"] if named else clause["default"]
        keyword = "FROM NAMED" if named else "FROM"
        raise QueryError(f"{keyword} <{iri}> is refused: queries run on the loaded data only")
    for node in _walk(algebra, set()):
        if node.name == "ServiceGraphPattern":
            raise QueryError(f"SERVICE <{node['term']}> is refused: queries never reach the network")
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}[algebra.name]
    return Prepared(text, form, parsed)


def stated_classes(prepared: Prepared) -> dict[str, frozenset[URIRef]]:
    """The classes the query asks its variables to be (``?industry a zk:Industry``), by variable name.

    Examples
    --------
    >>> stated_classes(prepare("SELECT ?c WHERE { ?i a zk:Industry . ?c zk:inIndustry ?i ; a zk:Company }"))["i"]
    frozenset({rdflib.term.URIRef('https://w3id.org/zonekg/ontology#Industry')})
    """
    found: dict[str, set[URIRef]] = {}
    if prepared.parsed is None:
        return {}
    for node in _walk(prepared.parsed.algebra, set()):
        for s, p, o in node.get("triples") or () if node.name == "BGP" else ():
            if isinstance(s, Variable) and p == RDF.type and isinstance(o, URIRef):
                found.setdefault(str(s), set()).add(o)
    return {name: frozenset(classes) for name, classes in sorted(found.items())}


def _execute(ds: Graph, prepared: Prepared, bindings: Mapping[str, Identifier]) -> Result:
    import rdflib.plugins.sparql as sparql_settings

    sparql_settings.SPARQL_LOAD_GRAPHS = False  # belt and braces: never fetch FROM graphs
    if prepared.form == "UPDATE":
        ds.update(prepared.text, initNs=INIT_NS, initBindings=dict(bindings))
        return Result("UPDATE")
    query = prepared.parsed if prepared.parsed is not None and _local(ds) else prepared.text
    result = ds.query(query, initNs=INIT_NS, initBindings={Variable(k): v for k, v in bindings.items()})
    if prepared.form == "SELECT":
        names = [str(v) for v in (result.vars or [])]
        return Result("SELECT", names, [tuple(row) for row in result if isinstance(row, ResultRow)])
    if prepared.form == "ASK":
        return Result("ASK", boolean=bool(result.askAnswer))
    graph = result.graph  # set for CONSTRUCT and DESCRIBE
    return Result(prepared.form, triples=list(graph) if graph is not None else [])


def _local(ds: Graph) -> bool:
    """True when rdflib's own engine answers for ``ds`` (a remote store wants the text)."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    return not isinstance(ds.store, SPARQLStore)


def _child(ds: Graph, prepared: Prepared, bindings: Mapping[str, Identifier], conn: Any) -> None:
    payload: tuple[str, Result | ZonekgError]
    try:
        payload = ("ok", _execute(ds, prepared, bindings))
    except ZonekgError as exc:
        payload = ("error", exc)
    except Exception as exc:  # report the engine's error to the parent
        payload = ("error", QueryError(f"the query failed: {exc.__class__.__name__}: {exc}"))
        traceback.print_exc()
    try:
        conn.send_bytes(pickle.dumps(payload))
    finally:
        conn.close()


def run(
    ds: Graph,
    prepared: Prepared,
    *,
    bindings: Mapping[str, Identifier] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Result:
    """Run a prepared query on ``ds`` with ``bindings`` (through ``initBindings``) within ``timeout`` seconds.

    The query runs in a forked worker; past the limit the worker is killed and
    :class:`QueryTimeout` is raised. Updates run in this process (they change
    ``ds``) under the same limit, checked by a watchdog process.
    """
    bindings = dict(bindings or {})
    if prepared.form == "UPDATE":
        return _execute(ds, prepared, bindings)
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_child, args=(ds, prepared, bindings, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(f"the query was stopped after its time limit of {timeout:g} s")
        status, payload = pickle.loads(receiver.recv_bytes())
    except EOFError as exc:
        raise QueryError(f"the query worker ended without an answer (exit code {worker.exitcode})") from exc
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
    if status == "error":
        raise payload
    result: Result = payload
    return result


def to_python(term: Node | None) -> Any:
    """A term as a plain Python value: IRIs and strings as ``str``, numbers, booleans and dates as themselves.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> to_python(URIRef("http://x.org/a")), to_python(Literal("5", datatype="http://www.w3.org/2001/XMLSchema#integer"))
    ('http://x.org/a', 5)
    """
    if term is None:
        return None
    value = term.toPython() if hasattr(term, "toPython") else term
    if isinstance(value, Identifier):
        return str(value)
    return value
