"""The vocabulary: the ontology's terms as rdflib namespaces, minted IRIs, and what a record may name.

* :mod:`graph.vocab.namespaces` — ``ZK`` and the reused vocabularies (ORG, schema.org, FOAF, SKOS, PROV-O, OWL-Time,
  Web Annotation);
* :mod:`graph.vocab.iri` — record ids → IRIs, one canonical form;
* :mod:`graph.vocab.terms` — the classes, relations, units and qualifiers a record may name.

May import: :mod:`graph.errors`, :mod:`graph.data`.
"""

from __future__ import annotations

__all__: list[str] = []
