"""The one projection from the RDF dataset to networkx, for network analysis.

:func:`to_networkx` returns a :class:`networkx.MultiDiGraph` keyed by entity
IRI (as ``str``):

* **nodes** are the entities of the catalogue — everything with a record id
  and a preferred label, but for indicators and roles, which are vocabulary —
  with ``cls`` (the most specific zonekg class), ``name_zh``, ``name_en`` and
  ``years`` (the years of the reports that name it);
* **edges** are the relations each report states (the ``rdf:Statement``
  nodes), keyed by the relation's local name, with ``predicate`` (IRI),
  ``label_en``, ``label_zh``, ``date`` (if stated), ``sources`` (``report:start-end``)
  and ``years``; n-ary nodes collapse into labelled edges: an
  ``org:Membership`` becomes *person → organisation* keyed ``post:ROLE``, and
  an event links each participant to each other participant and to what it
  is about, keyed ``event:CLASS`` with the event's date.

Observations, spans and other provenance nodes are not entities and never
become nodes. Options restrict the projection by class (a class includes its
subclasses), by report year and by relation name.

Examples
--------
>>> from graph.rdf import read_ontology, to_dataset
>>> from graph.records import read_records
>>> from pathlib import Path
>>> records, _ = read_records(Path("tests/fixtures/mini/records"))
>>> g = to_networkx(to_dataset(records, ontology=read_ontology()))
>>> g.nodes["https://w3id.org/zonekg/id/demo-bio"]["name_zh"]
'示例生物公司'
>>> sorted(k for _, _, k in g.edges(keys=True))
['event:Signing', 'locatedIn', 'locatedIn', 'operatedBy', 'post:chairman', 'signedAgreementWith']
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Iterable

from rdflib import Dataset, Literal, URIRef

from .namespaces import DCTERMS, OA, ONTOLOGY_IRI, ORG, RDF, RDFS, SDO, SKOS, ZK

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["NOT_ENTITIES", "to_networkx"]

#: Entity classes that are vocabulary, not actors: never nodes.
NOT_ENTITIES = frozenset({ZK.Indicator, ZK.Role})


def _local(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Reader:
    """Reads labels, classes and citations from the dataset's graphs, once."""

    def __init__(self, ds: Dataset) -> None:
        self.ontology = ds.graph(ONTOLOGY_IRI)
        self.data = [g for g in ds.graphs() if g.identifier != ONTOLOGY_IRI and len(g)]
        self.years: dict[URIRef, str] = {}
        self.ids: dict[str, str] = {}
        for g in self.data:
            for report, year in g.subject_objects(ZK.yearCovered):
                self.years[report] = str(year)[:4]
                self.ids[str(report)] = str(g.value(report, DCTERMS.identifier) or _local(report))

    def objects(self, subject: URIRef, predicate: URIRef) -> list:
        return [o for g in self.data for o in g.objects(subject, predicate)]

    def label(self, node: URIRef, lang: str, graph=None) -> str:
        graphs = [graph] if graph is not None else self.data
        for g in graphs:
            for label in g.objects(node, RDFS.label):
                if isinstance(label, Literal) and label.language == lang:
                    return str(label)
        return ""

    def superclasses(self, cls: URIRef) -> set[URIRef]:
        return set(self.ontology.transitive_objects(cls, RDFS.subClassOf))

    def most_specific(self, classes: Iterable[URIRef]) -> URIRef | None:
        zk = [c for c in classes if str(c).startswith(str(ZK._NS))]
        for c in zk:
            if not any(c != other and c in self.superclasses(other) for other in zk):
                return c
        return zk[0] if zk else None

    def citations(self, node: URIRef) -> tuple[list[str], set[str]]:
        sources, years = [], set()
        for g in self.data:
            for span in g.objects(node, ZK.evidence):
                report = g.value(span, OA.hasSource)
                selector = g.value(span, OA.hasSelector)
                start, end = g.value(selector, OA.start), g.value(selector, OA.end)
                sources.append(f"{self.ids.get(str(report), _local(report))}:{start}-{end}")
                if report in self.years:
                    years.add(self.years[report])
        return sorted(set(sources)), years


def to_networkx(
    ds: Dataset,
    *,
    classes: Iterable[URIRef] | None = None,
    years: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
) -> "nx.MultiDiGraph":
    """Project ``ds`` onto a MultiDiGraph of entities and labelled relations (see the module docstring).

    Parameters
    ----------
    classes
        Keep only entities of these classes or their subclasses.
    years
        Keep only relations (and entities) stated in reports covering these years.
    relations
        Keep only edges with these keys (relation local names, ``post:ROLE``, ``event:CLASS``).
    """
    import networkx as nx

    reader = _Reader(ds)
    wanted_classes = set(classes) if classes is not None else None
    wanted_years = {str(y) for y in years} if years is not None else None
    wanted_relations = set(relations) if relations is not None else None
    g = nx.MultiDiGraph()
    for data in reader.data:
        for node in data.subjects(SKOS.prefLabel, None, unique=True):
            if not isinstance(node, URIRef) or data.value(node, DCTERMS.identifier) is None:
                continue
            types = set(data.objects(node, RDF.type))
            if types & NOT_ENTITIES:
                continue
            cls = reader.most_specific(types)
            if cls is None:
                continue
            if wanted_classes is not None and not (reader.superclasses(cls) | {cls}) & wanted_classes:
                continue
            _, cited_years = reader.citations(node)
            if wanted_years is not None and not cited_years & wanted_years:
                continue
            g.add_node(
                str(node), cls=_local(cls), name_zh=reader.label(node, "zh", data),
                name_en=reader.label(node, "en", data), years=sorted(cited_years),
            )

    def add_edge(u: URIRef, v: URIRef, key: str, **attrs) -> None:
        if str(u) not in g or str(v) not in g or u == v:
            return
        if wanted_relations is not None and key not in wanted_relations:
            return
        if wanted_years is not None and not set(attrs["years"]) & wanted_years:
            return
        if g.has_edge(str(u), str(v), key):
            old = g.edges[str(u), str(v), key]
            old["sources"] = sorted(set(old["sources"]) | set(attrs["sources"]))
            old["years"] = sorted(set(old["years"]) | set(attrs["years"]))
            return
        g.add_edge(str(u), str(v), key=key, **attrs)

    statements = {s for data in reader.data for s in data.subjects(RDF.type, RDF.Statement)}
    for statement in sorted(statements, key=str):
        subject = reader.objects(statement, RDF.subject)[0]
        predicate = reader.objects(statement, RDF.predicate)[0]
        obj = reader.objects(statement, RDF.object)[0]
        sources, cited = reader.citations(statement)
        dates = reader.objects(statement, DCTERMS.date)
        add_edge(
            subject, obj, _local(predicate), predicate=str(predicate),
            label_en=reader.label(predicate, "en", reader.ontology), label_zh=reader.label(predicate, "zh", reader.ontology),
            date=str(dates[0]) if dates else "", sources=sources, years=sorted(cited),
        )
    posts = {p for data in reader.data for p in data.subjects(RDF.type, ORG.Membership)}
    for post in sorted(posts, key=str):
        person = reader.objects(post, ORG.member)[0]
        organisation = reader.objects(post, ORG.organization)[0]
        role = reader.objects(post, ORG.role)[0]
        sources, cited = reader.citations(post)
        add_edge(
            person, organisation, f"post:{_local(role)}", predicate=str(ORG.memberOf),
            label_en=reader.label(role, "en"), label_zh=reader.label(role, "zh"), date="", sources=sources, years=sorted(cited),
        )
    events = {e for data in reader.data for e in data.subjects(SDO.startDate, None)}
    for event in sorted(events, key=str):
        cls = reader.most_specific(reader.objects(event, RDF.type))
        participants = sorted(reader.objects(event, ZK.participant), key=str)
        about = sorted(reader.objects(event, ZK.about), key=str)
        date = str(reader.objects(event, SDO.startDate)[0])
        sources, cited = reader.citations(event)
        attrs = dict(
            predicate=str(cls), label_en=reader.label(event, "en"), label_zh=reader.label(event, "zh"),
            date=date, sources=sources, years=sorted(cited),
        )
        key = f"event:{_local(cls)}" if cls is not None else "event:Event"
        for a, b in combinations(participants, 2):
            add_edge(a, b, key, **attrs)
        for a in participants:
            for b in about:
                add_edge(a, b, key, **attrs)
    return g



