"""zonekg: a knowledge graph of a Chinese national high-tech zone, from its annual reviews.

The pipeline, one module a stage, each a function from one stage's data to the next:

1. :func:`graph.curation.records.read_records` — curated YAML records → typed records and a report;
2. :func:`graph.curation.validate.validate` — cross-record checks → a report;
3. :func:`graph.build.dataset.to_dataset` — records → an RDF dataset (one named graph per report);
4. :func:`graph.build.output.serialize` / :func:`graph.build.output.write_outputs` — dataset → files;
5. :func:`graph.query` — answer SPARQL (text, a ``.rq`` file or a library query) with plain values.

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
