"""zonekg: a knowledge graph of a Chinese national high-tech zone, from its annual reviews.

The package is laid out by pipeline stage, each a subpackage that imports only
earlier ones (``tests/test_imports.py`` checks it):

1. :mod:`graph.curation` — YAML records → typed, checked records
   (:func:`graph.curation.records.read_records`, :func:`graph.curation.validate.validate`);
2. :mod:`graph.build` — records → an RDF dataset (:func:`graph.build.dataset.to_dataset`),
   checked against the SHACL shapes (:func:`graph.build.checked.checked_dataset`),
   written to files (:func:`graph.build.output.write_outputs`);
3. :mod:`graph.sparql` — SPARQL answered safely (:func:`graph.query`);
4. :mod:`graph.network` — the dataset as a network, and its measures;
5. :mod:`graph.page` — the interactive graph page;
6. :mod:`graph.serve` — the SPARQL endpoint and pushing into other stores;

then :mod:`graph.cli`, the ``zonekg`` command. :mod:`graph.vocab` (the
ontology's terms, IRIs), :mod:`graph.data` (the shipped records, queries,
ontology and shapes) and :mod:`graph.errors` serve every stage.

Importing :mod:`graph` is cheap: the stages are imported when first used.

Examples
--------
>>> import graph
>>> records, report = graph.read_records(graph.default_records_dir())
>>> report.ok and any(e.id == "kunshan-hnz" for e in records.entities)
True
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "default_records_dir",
    "main",
    "parse_records",
    "query",
    "read_corpus",
    "read_ontology",
    "read_records",
    "serialize",
    "summarize",
    "to_dataset",
    "validate",
    "write_outputs",
]

_HOME = {
    "default_records_dir": "data",
    "main": "cli",
    "parse_records": "curation.records",
    "read_corpus": "curation.text",
    "read_records": "curation.records",
    "validate": "curation.validate",
    "read_ontology": "build.dataset",
    "to_dataset": "build.dataset",
    "summarize": "build.dataset",
    "serialize": "build.output",
    "write_outputs": "build.output",
    "query": "sparql.api",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f".{_HOME[name]}", __name__), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
