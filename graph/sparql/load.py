"""The data to query: RDF files read fast, or the embedded records checked and built; with cached inferences.

Data come from ``--data`` files, else the built ``out/zone.trig``, else the
embedded records (built in memory). With ``reason="rdfs"`` (the default) or
``"owlrl"``, owlrl's closure over the data and the ontology is added in the
graph ``<https://w3id.org/zonekg/id/graph/inferred>``; it is computed once per
input and kept in the cache directory (``$ZONEKG_CACHE``, else
``$XDG_CACHE_HOME/zonekg``, else ``~/.cache/zonekg``), so asking for
``org:Organization`` or ``zk:Park`` finds the members of their subclasses
without waiting for the reasoner again.

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.ttl"
>>> _ = path.write_text("<http://x.org/a> a <http://x.org/B> .", encoding="utf-8")
>>> ds = load([path], reason="none")
>>> [str(o) for o in ds.objects(None, None)]
['http://x.org/B']
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from graph.errors import InputError
from graph.vocab.namespaces import DEFAULT_BASE, PREFIXES, RDF, RDFS, XSD

__all__ = [
    "DEFAULT_REASON",
    "INFERRED_GRAPH",
    "REASONING",
    "cache_dir",
    "default_data",
    "infer",
    "load",
    "read_dataset",
]

#: Inference modes, and the default.
REASONING = ("none", "rdfs", "owlrl")
DEFAULT_REASON = "rdfs"
#: The named graph that holds inferred triples.
INFERRED_GRAPH = URIRef(f"{DEFAULT_BASE}graph/inferred")

_FORMATS = {
    ".trig": "trig", ".nq": "nquads", ".nquads": "nquads", ".ttl": "turtle", ".turtle": "turtle",
    ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
}
_OX_FORMATS = {"trig": "TRIG", "nquads": "N_QUADS", "turtle": "TURTLE", "nt": "N_TRIPLES", "xml": "RDF_XML"}


def cache_dir() -> Path:
    """Where inferred closures are kept between runs."""
    if os.environ.get("ZONEKG_CACHE"):
        return Path(os.environ["ZONEKG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zonekg"


def default_data() -> list[Path]:
    """The built ``out/zone.trig`` (with ``out/analysis.trig`` when analysed), else nothing (the embedded records are used)."""
    built = Path("out") / "zone.trig"
    if not built.is_file():
        return []
    analysis = Path("out") / "analysis.trig"
    return [built, analysis] if analysis.is_file() else [built]


def _rdflib_term(term: Any, cache: dict[tuple[type, str], Identifier]) -> Identifier:
    import pyoxigraph as ox

    key = (term.__class__, str(term))
    known = cache.get(key)
    if known is not None:
        return known
    if isinstance(term, ox.NamedNode):
        out: Identifier = URIRef(term.value)
    elif isinstance(term, ox.BlankNode):
        out = BNode(term.value)
    elif term.language:
        out = Literal(term.value, lang=term.language)
    elif term.datatype.value == str(XSD.string):
        out = Literal(term.value)
    else:
        out = Literal(term.value, datatype=URIRef(term.datatype.value))
    cache[key] = out
    return out


def read_dataset(paths: Sequence[Path | str]) -> Dataset:
    """Read RDF files (TriG, N-Quads, Turtle, N-Triples, JSON-LD, RDF/XML) into one dataset.

    Quads keep their graph; triples go to the default graph. The dataset's
    default graph is the union of all its graphs, as queries expect.
    Oxigraph's parser reads the files when it can (it is much faster).
    """
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES:
        ds.bind(prefix, ns, override=True)
    ds.bind("kg", DEFAULT_BASE, override=True)
    for raw in paths:
        path = Path(raw)
        fmt = _FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: unknown RDF format (use one of {', '.join(sorted(_FORMATS))})")
        if not path.is_file():
            raise InputError(f"{path}: no such data file")
        try:
            _read_into(ds, path, fmt)
        except InputError:
            raise
        except Exception as exc:  # parsers raise many kinds of errors
            raise InputError(f"{path}: cannot read as {fmt}: {exc}") from exc
    return ds


def _read_into(ds: Dataset, path: Path, fmt: str) -> None:
    if fmt not in _OX_FORMATS:
        ds.parse(path, format=fmt)
        return
    import pyoxigraph as ox

    cache: dict = {}
    graphs: dict[str, Graph] = {}
    default = ds.default_graph
    for quad in ox.parse(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[fmt])):
        name = quad.graph_name
        if isinstance(name, ox.DefaultGraph):
            target = default
        else:
            target = graphs.get(name.value)
            if target is None:
                target = graphs[name.value] = ds.graph(URIRef(name.value))
        target.add((_rdflib_term(quad.subject, cache), _rdflib_term(quad.predicate, cache), _rdflib_term(quad.object, cache)))


def _build_embedded() -> Dataset:
    from graph.build.checked import checked_dataset
    from graph.data import default_records_dir

    checked = checked_dataset(default_records_dir())
    if checked.dataset is None:
        raise InputError(f"the embedded records have {len(checked.report.problems)} problem(s); run `zonekg validate`")
    built = checked.dataset
    ds = Dataset(default_union=True)
    for prefix, ns in built.namespaces():
        ds.bind(prefix, ns, override=True)
    for g in built.graphs():
        target = ds.graph(g.identifier)
        for triple in g:
            target.add(triple)
    return ds


def infer(ds: Dataset, *, mode: str, ontology: Graph) -> Graph:
    """The triples owlrl's ``mode`` closure (``rdfs`` or ``owlrl``) adds to ``ds`` and ``ontology``.

    Blank nodes, literal subjects, literals the input does not hold (owlrl's
    re-typed copies) and the trivial ``?x rdf:type rdfs:Resource`` are left out.
    """
    import owlrl

    semantics = {"rdfs": owlrl.RDFS_Semantics, "owlrl": owlrl.OWLRL_Semantics}[mode]
    union = Graph()
    for triple in ds.triples((None, None, None)):
        union.add(triple)
    for triple in ontology:
        union.add(triple)
    before = set(union)
    stated = {(s_, o) for s_, _, o in before if isinstance(o, Literal)}
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(union)
    inferred = Graph()
    for triple in union:
        if triple in before or any(isinstance(t, BNode) for t in triple) or isinstance(triple[0], Literal):
            continue
        if isinstance(triple[2], Literal) and (triple[0], triple[2]) not in stated:
            continue  # owlrl's re-typed copies of literals (7.0 as an integer 7): not new facts
        if triple[1] == RDF.type and triple[2] == RDFS.Resource:
            continue  # every node is a resource: thousands of triples that answer nothing
        inferred.add(triple)
    return inferred


def _with_inferences(ds: Dataset, *, mode: str, key: str) -> Dataset:
    from graph.build.dataset import read_ontology
    from graph.build.output import write_outputs

    path = cache_dir() / f"inferred-{mode}-{key}.nt"
    target = ds.graph(INFERRED_GRAPH)
    if path.is_file():
        _read_into_graph(target, path)
        return ds
    inferred = infer(ds, mode=mode, ontology=read_ontology())
    for triple in inferred:
        target.add(triple)
    text = "".join(sorted(line + "\n" for line in inferred.serialize(format="nt").splitlines() if line))
    with contextlib.suppress(Exception):
        write_outputs({path.name: text.encode("utf-8")}, path.parent)
    return ds


def _read_into_graph(graph: Graph, path: Path) -> None:
    import pyoxigraph as ox

    cache: dict[tuple[type, str], Identifier] = {}
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
        graph.add(
            (_rdflib_term(triple.subject, cache), _rdflib_term(triple.predicate, cache), _rdflib_term(triple.object, cache))
        )


def load(data: Sequence[Path | str] | None = None, *, reason: str = DEFAULT_REASON) -> Dataset:
    """The dataset to query: ``data`` files, else ``out/zone.trig``, else the embedded records; with inferences."""
    if reason not in REASONING:
        raise InputError(f"unknown reasoning {reason!r} (known: {', '.join(REASONING)})")
    paths = list(data) if data else default_data()
    if paths:
        ds = read_dataset(paths)
        digest = hashlib.sha256()
        for path in paths:
            digest.update(Path(path).read_bytes())
    else:
        ds = _build_embedded()
        digest = hashlib.sha256(b"embedded")
        for line in sorted(ds.serialize(format="nquads").splitlines()):
            digest.update(line.encode("utf-8"))
    if reason == "none":
        return ds
    from importlib import metadata

    digest.update(f"{reason}|owlrl {metadata.version('owlrl')}|closure v4".encode())
    return _with_inferences(ds, mode=reason, key=digest.hexdigest()[:24])


