"""Sending a checked query to a remote SPARQL 1.1 endpoint (``zonekg query --endpoint``).

The query is checked exactly as a local one (no ``SERVICE``, ``FROM``, ``LOAD``
or update), sent through a :class:`rdflib.plugins.stores.sparqlstore.SPARQLStore`
and answered within the same time limit; the answer renders in the same formats.

Parameters are bound as a ``VALUES`` block opening the query's outermost
``WHERE`` group (:func:`bind_values`), so that the filters of that group see
them as they see ``initBindings`` locally (rdflib's store would append the
``VALUES`` after the query, where a ``FILTER`` on a parameter finds it unbound).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Graph
from rdflib.term import Identifier

from graph.errors import InputError
from graph.sparql.engine import DEFAULT_TIMEOUT, Prepared, Result, prepare, run
from graph.sparql.resolve import resolve

__all__ = ["ask_endpoint", "bind_values"]

_TOKENS = re.compile(
    r"""(?P<skip>#[^\n]*|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>)"""
    r"|(?P<where>(?<![?$:\w])WHERE\b)|(?P<construct>(?<![?$:\w])CONSTRUCT\b)|(?P<open>\{)",
    re.S | re.I,
)


def bind_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with ``bindings`` as a ``VALUES`` block opening its outermost ``WHERE`` group.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> print(bind_values('SELECT ?n WHERE { ?x rdfs:label ?n FILTER(?n != "{") }', {"x": URIRef("http://x.org/a")}))
    SELECT ?n WHERE { VALUES (?x) { (<http://x.org/a>) }
     ?x rdfs:label ?n FILTER(?n != "{") }
    >>> print(bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": Literal(1)}))
    CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }
     ?s ?p ?o }
    """
    if not bindings:
        return text
    names = list(bindings)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(bindings[n].n3() for n in names)}) }}\n"
    construct = seen_where = False
    for token in _TOKENS.finditer(text):
        if token.lastgroup == "construct":
            construct = True
        elif token.lastgroup == "where":
            seen_where = True
        elif token.lastgroup == "open" and (seen_where or not construct):
            return f"{text[:token.end()]} {block}{text[token.end():]}"
    return f"{text}\n{block}"  # a DESCRIBE without a group: a trailing VALUES, the only place left


def ask_endpoint(
    url: str, text: str, *, params: Mapping[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT
) -> tuple[Prepared, Result]:
    """Check ``text`` and answer it at the endpoint ``url``."""
    if not url.startswith(("http://", "https://")):
        raise InputError(f"--endpoint {url!r} must be an http(s) URL")
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    prepare(text)
    bindings = {name: resolve(None, value) for name, value in (params or {}).items()}
    prepared = prepare(bind_values(text, bindings))
    store = SPARQLStore(url, returnFormat="json", timeout=timeout)
    remote = Graph(store=store)
    return prepared, run(remote, prepared, timeout=timeout)
