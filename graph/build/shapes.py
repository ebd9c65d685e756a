"""SHACL validation of a built dataset with pySHACL (``graph/data/shapes.ttl``).

The union of every named graph is validated, with the ontology mixed in so
``sh:class`` sees the class hierarchy. Each violation becomes a
:class:`~graph.curation.problems.Problem` that names the entity's record (file and line,
when the caller says where records stand), the property path, the offending
value and the rule (the shape's message and name). pySHACL is imported only
when a validation runs.

Examples
--------
>>> from rdflib import Dataset, Graph, Literal, URIRef
>>> from graph.vocab.namespaces import RDF, RDFS, SKOS, ZK
>>> ds = Dataset()
>>> g = ds.graph(URIRef("http://x.org/g"))
>>> a = URIRef("http://x.org/a")
>>> _ = g.add((a, RDF.type, ZK.Company)).add((a, SKOS.prefLabel, Literal("A", lang="en")))
>>> _ = g.add((a, RDFS.label, Literal("A", lang="en")))
>>> report = check_shapes(ds, shapes=read_shapes(), ontology=Graph())
>>> for p in report.problems: print(p.format())
<graph>: record 'http://x.org/a', field 'dcterms:identifier': an entity has exactly one record id [EntityShape]
<graph>: record 'http://x.org/a', field 'rdfs:label': an entity has exactly one Chinese (@zh) label [EntityShape]
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from graph.curation.problems import Problem, Report
from graph.data import read_text
from graph.errors import InputError
from graph.vocab.namespaces import DCTERMS, ONTOLOGY_IRI, PREFIXES, RDF, SHAPES

__all__ = ["check_shapes", "read_shapes"]

#: The namespace of the shapes (``zks:``).
SHAPES_IRI = str(SHAPES)


def read_shapes() -> Graph:
    """Read the SHACL shapes shipped inside the package (``graph/data/shapes.ttl``)."""
    try:
        text = read_text("shapes.ttl")
    except OSError as exc:
        raise InputError(f"the packaged shapes cannot be read: {exc}") from exc
    return Graph().parse(data=text, format="turtle")


def _data_graph(ds: Dataset) -> Graph:
    data = Graph()
    for prefix, ns in PREFIXES:
        data.bind(prefix, ns, override=True)
    for graph in ds.graphs():
        if graph.identifier != ONTOLOGY_IRI:
            for triple in graph:
                data.add(triple)
    return data


def _path_text(path: Node | None, results: Graph, data: Graph, inverse: URIRef) -> str:
    """A property path as a person reads it: ``zk:locatedIn``, ``^org:member``."""
    if isinstance(path, URIRef):
        return data.namespace_manager.normalizeUri(path)
    inner = results.value(path, inverse) if path is not None else None
    if isinstance(inner, URIRef):
        return "^" + data.namespace_manager.normalizeUri(inner)
    return ""


def check_shapes(
    ds: Dataset,
    *,
    shapes: Graph,
    ontology: Graph,
    where: Mapping[str, tuple[str, int]] | None = None,
) -> Report:
    """Validate ``ds`` against ``shapes``; return every violation as a problem.

    Parameters
    ----------
    ds
        The dataset built by :func:`graph.build.dataset.to_dataset`.
    shapes
        The shapes graph (:func:`read_shapes`).
    ontology
        The ontology, mixed into the data for the class hierarchy.
    where
        Record id → (file, line), so each problem points at the record to fix.
    """
    from pyshacl import validate as shacl_validate
    from pyshacl.consts import SH

    data = _data_graph(ds)
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", abort_on_first=False, allow_warnings=True
    )
    if conforms:
        return Report()
    where = where or {}
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = str(results.value(result, SH.resultMessage) or "violates a shape")
        shape = results.value(result, SH.sourceShape)
        while shape is not None and not (isinstance(shape, URIRef) and str(shape).startswith(SHAPES_IRI)):
            shape = next(iter(shapes.subjects(SH.property, shape)), None)
        rule = str(shape)[len(SHAPES_IRI):] if shape is not None else "shape"
        record = str(data.value(focus, DCTERMS.identifier) or focus)
        file, line = where.get(record, ("<graph>", 0))
        field = _path_text(path, results, data, SH.inversePath)
        problems.append(Problem(file, line, record, field, "" if value is None else str(value), f"{message} [{rule}]"))
    return Report(tuple(sorted(set(problems))))
