"""A parameter value → an RDF term: the one name resolver.

Every place a person names something — ``zonekg query --param``, ``path``,
``neighbours``, the library API, a remote endpoint's parameters — turns the
text into an RDF term here: an IRI (``<…>`` or ``http…``), a prefixed name
(``kg:…``, ``zk:…``), an entity's Chinese or English name or alias (matched
with :func:`graph.curation.text.squash`, so width forms and stray spaces do
not matter), else a plain literal. A name several entities share is refused
with the candidates, unless the question says which class it wants and just
one of them is of it.

Examples
--------
>>> resolve(None, "<http://x.org/a>"), resolve(None, "2021")
(rdflib.term.URIRef('http://x.org/a'), rdflib.term.Literal('2021'))
>>> resolve(None, "zk:Company")
rdflib.term.URIRef('https://w3id.org/zonekg/ontology#Company')
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from graph.errors import InputError
from graph.vocab.namespaces import DEFAULT_BASE, PREFIXES, RDF, SKOS

__all__ = ["resolve"]


def resolve(ds: Dataset | Graph | None, value: str, *, classes: Iterable[URIRef] = ()) -> Identifier:
    """A parameter value as an RDF term: an IRI, a prefixed name, an entity's name or alias, else a literal.

    Parameters
    ----------
    ds
        The data whose prefixes and names count; ``None`` (a remote endpoint)
        knows the predeclared prefixes and no names.
    value
        The text a person gave.
    classes
        The classes the question wants the value to be (a library query's
        ``?industry a zk:Industry``): when several entities share the name and
        exactly one of them is of these classes, it is the one meant.

    Raises
    ------
    InputError
        If the name belongs to several entities (they are listed with their classes).
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    prefix, _, local = text.partition(":")
    namespaces = dict(ds.namespaces()) if ds is not None else {**dict(PREFIXES), "kg": DEFAULT_BASE}
    if local and prefix in namespaces and " " not in text:
        return URIRef(str(namespaces[prefix]) + local)
    if ds is None:
        return Literal(text)
    from graph.curation.text import squash

    wanted = squash(text)
    found: dict[Identifier, set[str]] = {}
    graphs = list(ds.graphs()) if isinstance(ds, Dataset) else [ds]  # every named graph, union or not
    for graph in graphs:
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for subject, label in graph.subject_objects(prop):
                if isinstance(subject, Identifier) and isinstance(label, Literal) and squash(str(label)) == wanted:
                    found.setdefault(subject, set())
    if not found:
        return Literal(text)
    wanted_classes: set[Identifier] = set(classes)
    if len(found) > 1 and wanted_classes:
        typed = [s for s in found if any(c in wanted_classes for graph in graphs for c in graph.objects(s, RDF.type))]
        if len(typed) == 1:
            return typed[0]
    if len(found) > 1:
        listed = []
        for subject in sorted(found, key=str):
            types = {c for graph in graphs for c in graph.objects(subject, RDF.type) if isinstance(c, URIRef)}
            kinds = sorted(ds.namespace_manager.normalizeUri(c) for c in types)
            listed.append(f"{subject} ({', '.join(kinds) or 'no class'})")
        raise InputError(f"{value!r} names several entities: " + "; ".join(listed))
    return next(iter(found))
