"""Stage 3, query: answering SPARQL over the built graph, safely.

* :mod:`graph.sparql.engine` — check, bind, run with a time limit, plain rows;
* :mod:`graph.sparql.library` — the library of questions (``graph/data/queries/*.rq``);
* :mod:`graph.sparql.load` — reading RDF files into a dataset, and the cached inferences;
* :mod:`graph.sparql.resolve` — a parameter value → an RDF term: the one name resolver;
* :mod:`graph.sparql.api` — :func:`graph.query`, the Python face of ``zonekg query``;
* :mod:`graph.sparql.formats` — results → table, CSV, TSV, JSON, XML, Turtle …;
* :mod:`graph.sparql.remote` — a checked query sent to another SPARQL endpoint.

May import: :mod:`graph.errors`, :mod:`graph.data`, :mod:`graph.vocab`, :mod:`graph.curation`, :mod:`graph.build`.
"""

from __future__ import annotations

__all__: list[str] = []
