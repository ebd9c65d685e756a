"""Stage 2, build: checked records → an RDF dataset, checked against the shapes, written to files.

* :mod:`graph.build.dataset` — records → an :class:`rdflib.Dataset`, one named graph per report;
* :mod:`graph.build.store` — the one seam to an rdflib store;
* :mod:`graph.build.shapes` — SHACL validation with pySHACL;
* :mod:`graph.build.checked` — records → validated, SHACL-conforming dataset: the one "checked dataset";
* :mod:`graph.build.contents` — the one reader of a built dataset into plain typed objects;
* :mod:`graph.build.output` — dataset → bytes per file, written atomically;
* :mod:`graph.build.synthetic` — a generated zone of any size, for tests and benchmarks.

May import: :mod:`graph.errors`, :mod:`graph.data`, :mod:`graph.vocab`, :mod:`graph.curation`.
"""

from __future__ import annotations

__all__: list[str] = []
