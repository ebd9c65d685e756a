"""The one projection from the RDF dataset to networkx, for network analysis.

:func:`to_networkx` returns a :class:`networkx.MultiDiGraph` keyed by entity
IRI (as ``str``):

* **nodes** are the entities of the catalogue — everything with a record id
  and a preferred label, but for indicators and roles, which are vocabulary —
  with ``cls`` (the most specific zonekg class), ``name_zh``, ``name_en`` and
  ``years`` (the years of the reports that name it);
* **edges** are the relations each report states (the ``rdf:Statement``
  nodes), keyed by the relation's local name, with ``predicate`` (IRI),
  ``label_en``, ``label_zh``, ``date`` (if stated), ``spans`` (:class:`~graph.build.contents.Citation` values)
  and ``years`` (and ``implied`` when the spans only imply it); n-ary nodes
  collapse into labelled edges: an ``org:Membership`` becomes *person →
  organisation* keyed ``post:ROLE`` (with ``former`` and ``end`` when the post
  had ended), and an event links each participant to each other participant
  and to what it is about, keyed ``event:CLASS`` with the event's date and
  ``status`` (``happened`` or ``planned``).

Observations, spans and other provenance nodes are not entities and never
become nodes. Options restrict the projection by class (a class includes its
subclasses), by report year and by relation name. The dataset is read by
:func:`graph.build.contents.read_contents`, the one reader; pass its
:class:`~graph.build.contents.Contents` instead of the dataset when you have it.

Examples
--------
>>> from graph.build.dataset import read_ontology, to_dataset
>>> from graph.curation.records import read_records
>>> from pathlib import Path
>>> records, _ = read_records(Path("tests/fixtures/mini/records"))
>>> g = to_networkx(to_dataset(records, ontology=read_ontology()))
>>> g.nodes["https://w3id.org/zonekg/id/demo-bio"]["name_zh"]
'示例生物公司'
>>> sorted(k for _, _, k in g.edges(keys=True))
['event:Signing', 'locatedIn', 'locatedIn', 'operatedBy', 'post:chairman', 'signedAgreementWith']
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, URIRef

from graph.build.contents import NOT_ENTITIES, Contents, read_contents
from graph.curation.records import Citation
from graph.vocab.namespaces import ORG

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["NOT_ENTITIES", "to_networkx"]


def to_networkx(
    ds: Dataset | Contents,
    *,
    classes: Iterable[URIRef | str] | None = None,
    years: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Project ``ds`` onto a MultiDiGraph of entities and labelled relations (see the module docstring).

    Parameters
    ----------
    ds
        A dataset, or the :class:`~graph.build.contents.Contents` already read from it.
    classes
        Keep only entities of these classes or their subclasses.
    years
        Keep only relations (and entities) stated in reports covering these years.
    relations
        Keep only edges with these keys (relation local names, ``post:ROLE``, ``event:CLASS``).
    """
    import networkx as nx

    contents = ds if isinstance(ds, Contents) else read_contents(ds)
    wanted_classes = {str(c) for c in classes} if classes is not None else None
    wanted_years = {str(y) for y in years} if years is not None else None
    wanted_relations = set(relations) if relations is not None else None
    g = nx.MultiDiGraph()
    for iri, entity in contents.entities.items():
        if wanted_classes is not None and not entity.lineage & wanted_classes:
            continue
        if wanted_years is not None and not set(entity.years) & wanted_years:
            continue
        g.add_node(iri, cls=entity.cls, name_zh=entity.name_zh, name_en=entity.name_en, years=list(entity.years))

    def add_edge(u: str, v: str, key: str, *, spans: tuple[Citation, ...], years: tuple[str, ...], **attrs: Any) -> None:
        if u not in g or v not in g or u == v:
            return
        if wanted_relations is not None and key not in wanted_relations:
            return
        if wanted_years is not None and not set(years) & wanted_years:
            return
        if g.has_edge(u, v, key):
            old = g.edges[u, v, key]
            old["spans"] = tuple(sorted(set(old["spans"]) | set(spans)))
            old["years"] = sorted(set(old["years"]) | set(years))
            return
        g.add_edge(u, v, key=key, spans=spans, years=list(years), **attrs)

    for r in contents.relations:
        add_edge(r.subject, r.object, r.rel, predicate=r.predicate, label_en=r.label_en, label_zh=r.label_zh,
                 date=r.date, spans=r.spans, years=r.years, **({"implied": True} if r.implied else {}))
    for p in contents.posts:
        add_edge(p.person, p.organisation, f"post:{p.role}", predicate=str(ORG.memberOf), label_en=p.label_en,
                 label_zh=p.label_zh, date="", spans=p.spans, years=p.years,
                 **({"former": True, "end": p.end} if p.former else {}))
    for e in contents.events:
        attrs = dict(predicate=e.cls_iri or "None", label_en=e.name_en, label_zh=e.name_zh, date=e.date, status=e.status)
        key = f"event:{e.cls}"
        for a, b in combinations(e.participants, 2):
            add_edge(a, b, key, spans=e.spans, years=e.years, **attrs)
        for a in e.participants:
            for b in e.about:
                add_edge(a, b, key, spans=e.spans, years=e.years, **attrs)
    return g

