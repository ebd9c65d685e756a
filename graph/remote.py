"""Sending a checked query to a remote SPARQL 1.1 endpoint (``zonekg query --endpoint``).

The query is checked exactly as a local one (no ``SERVICE``, ``FROM``, ``LOAD``
or update), bound through rdflib's ``initBindings`` on a
:class:`rdflib.plugins.stores.sparqlstore.SPARQLStore`, and answered within
the same time limit; the answer renders in the same formats.
"""

from __future__ import annotations

from typing import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from .errors import InputError
from .sparql import DEFAULT_TIMEOUT, Prepared, Result, prepare, run

__all__ = ["ask_endpoint", "endpoint_value"]


def endpoint_value(value: str) -> Identifier:
    """A ``--param`` value for a remote endpoint: an IRI (``<…>`` or ``http…``), else a literal.

    Examples
    --------
    >>> endpoint_value("<http://x.org/a>"), endpoint_value("2021")
    (rdflib.term.URIRef('http://x.org/a'), rdflib.term.Literal('2021'))
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    return Literal(text)


def ask_endpoint(
    url: str, text: str, *, params: Mapping[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT
) -> tuple[Prepared, Result]:
    """Check ``text`` and answer it at the endpoint ``url``."""
    if not url.startswith(("http://", "https://")):
        raise InputError(f"--endpoint {url!r} must be an http(s) URL")
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    prepared = prepare(text)
    store = SPARQLStore(url, returnFormat="json", timeout=timeout)
    remote = Graph(store=store)
    bindings = {name: endpoint_value(value) for name, value in (params or {}).items()}
    return prepared, run(remote, prepared, bindings=bindings, timeout=timeout)
