"""Stage 6, serve: the graph over HTTP, and into other stores.

* :mod:`graph.serve.http` — a read-only SPARQL 1.1 Protocol endpoint;
* :mod:`graph.serve.pool` — forked workers with a time limit;
* :mod:`graph.serve.pages` — the query page, the index, the service description;
* :mod:`graph.serve.push` — the SPARQL 1.1 Graph Store Protocol, into any store.

May import: every earlier stage (:mod:`graph.vocab` … :mod:`graph.page`).
"""

from __future__ import annotations

__all__: list[str] = []
