"""Stage 4, network: the dataset as a network, and who connects the zone.

* :mod:`graph.network.projection` — the dataset → a networkx MultiDiGraph (and its undirected projection);
* :mod:`graph.network.metrics` — centralities, cores, brokers, communities;
* :mod:`graph.network.analysis` — every measure in one result, as JSON and as RDF;
* :mod:`graph.network.explore` — paths, neighbourhoods and what changed between reports;
* :mod:`graph.network.report` — the analysis as HTML and Markdown with charts.

May import: :mod:`graph.errors`, :mod:`graph.data`, :mod:`graph.vocab`, :mod:`graph.curation`, :mod:`graph.build`,
:mod:`graph.sparql`.
"""

from __future__ import annotations

__all__: list[str] = []
