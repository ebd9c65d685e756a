"""The one reader of a built dataset: its entities, relations, posts, events, figures and tensions as plain typed objects.

:func:`read_contents` reads a dataset laid out by :func:`graph.build.dataset.to_dataset`
(built in memory or read back from ``zone.trig``) once, in a single pass over
its named graphs, and returns a :class:`Contents` of frozen dataclasses with
IRIs as ``str`` and every citation as a :class:`~graph.curation.records.Citation` value
``(source, start, end)``. The network projection, the page and its side panel
all read the dataset through it, so none of them walks the RDF on its own
and no citation is ever parsed back out of a string.

Examples
--------
>>> from graph.build.dataset import read_ontology, to_dataset
>>> from graph.curation.records import read_records
>>> records, _ = read_records("tests/fixtures/mini/records")
>>> contents = read_contents(to_dataset(records, ontology=read_ontology()))
>>> bio = contents.entities["https://w3id.org/zonekg/id/demo-bio"]
>>> bio.name_zh, bio.cls, bio.years
('示例生物公司', 'Company', ('2030',))
>>> bio.spans[0]
Citation(source='mini', start=29, end=35, line=0)
>>> str(bio.spans[0])
'mini:29-35'
>>> sorted(r.rel for r in contents.relations)
['locatedIn', 'locatedIn', 'operatedBy', 'signedAgreementWith']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from graph.curation.records import Citation
from graph.vocab.namespaces import (
    DCTERMS,
    OA,
    ONTOLOGY_IRI,
    ORG,
    RDF,
    RDFS,
    SDO,
    SKOS,
    SKOSXL,
    TIME,
    ZK,
)

__all__ = [
    "NOT_ENTITIES",
    "Contents",
    "EntityInfo",
    "EventInfo",
    "FigureInfo",
    "PostInfo",
    "RelationInfo",
    "ReportInfo",
    "TensionInfo",
    "local_name",
    "read_contents",
]

#: Classes whose members are vocabulary, not actors: never entities here.
NOT_ENTITIES = frozenset({str(ZK.Indicator), str(ZK.Role)})

_ZK = str(ZK._NS)

#: The OWL-Time properties that place an instant, most precise first.
_POSITIONS = (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear)


def local_name(iri: str) -> str:
    """The last segment of ``iri`` (after ``#`` or ``/``).

    >>> local_name("https://w3id.org/zonekg/ontology#Company"), local_name("https://w3id.org/zonekg/id/report/khnz-2021")
    ('Company', 'khnz-2021')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ReportInfo:
    """A source report: its id, IRI, the year it covers and its title."""

    id: str
    iri: str
    year: str
    title: str


@dataclass(frozen=True)
class EntityInfo:
    """An entity of the catalogue, with its most specific zonekg class and where the reports name it."""

    iri: str
    id: str
    cls: str
    lineage: frozenset[str]
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    note: str
    spans: tuple[Citation, ...]
    years: tuple[str, ...]
    supplied: tuple[str, ...] = ()
    """The names (Chinese name or aliases) that no report prints: the curators supplied them."""


@dataclass(frozen=True)
class RelationInfo:
    """A relation a report states (an ``rdf:Statement``): ``subject --rel--> object``."""

    subject: str
    object: str
    rel: str
    predicate: str
    label_en: str
    label_zh: str
    date: str
    spans: tuple[Citation, ...]
    years: tuple[str, ...]
    implied: bool = False
    """True when the spans imply the relation without stating it."""


@dataclass(frozen=True)
class PostInfo:
    """A post (an ``org:Membership``): ``person`` holds ``role`` in ``organisation``."""

    iri: str
    person: str
    organisation: str
    role: str
    label_en: str
    label_zh: str
    spans: tuple[Citation, ...]
    years: tuple[str, ...]
    former: bool = False
    """True when the post had ended by the time of the report (its tenure has an end)."""
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class EventInfo:
    """An event: its class, names, date, participants and what it is about."""

    iri: str
    cls: str
    cls_iri: str
    name_en: str
    name_zh: str
    date: str
    participants: tuple[str, ...]
    about: tuple[str, ...]
    spans: tuple[Citation, ...]
    years: tuple[str, ...]
    status: str = "happened"
    """``happened``, or ``planned`` for an event the report only expects."""


@dataclass(frozen=True)
class FigureInfo:
    """A dated figure (a ``schema:Observation``) about an entity; several qualifiers are joined (``近、创纪录``)."""

    iri: str
    id: str
    subject: str
    year: str
    indicator_en: str
    indicator_zh: str
    value: str
    unit: str
    qualifier_en: str
    qualifier_zh: str
    spans: tuple[Citation, ...]
    about: tuple[str, ...] = ()
    """Other entities the figure concerns (a talent programme whose selections the zone counts)."""


@dataclass(frozen=True)
class TensionInfo:
    """A recorded tension: what it involves, its kind, the curators' note and the spans in tension."""

    iri: str
    id: str
    kind_en: str
    kind_zh: str
    note: str
    involves: tuple[str, ...]
    spans: tuple[Citation, ...]


@dataclass(frozen=True)
class Contents:
    """Everything :func:`read_contents` reads, keyed and sorted for deterministic use."""

    reports: Mapping[str, ReportInfo]
    entities: Mapping[str, EntityInfo]
    relations: tuple[RelationInfo, ...]
    posts: tuple[PostInfo, ...]
    events: tuple[EventInfo, ...]
    figures: tuple[FigureInfo, ...]
    tensions: tuple[TensionInfo, ...]
    labels: Mapping[str, Mapping[str, str]]

    def label(self, iri: str, lang: str) -> str:
        """The ``rdfs:label`` of ``iri`` in ``lang`` (data first, then the ontology), else ``""``."""
        return self.labels.get(iri, {}).get(lang, "")


class _Index:
    """Every triple of the data graphs by subject and predicate, read once; the ontology's labels and hierarchy."""

    def __init__(self, ds: Dataset) -> None:
        self.facts: dict[Node, dict[Node, list[Node]]] = {}
        self.by_type: dict[Node, list[Node]] = {}
        self.labels: dict[str, dict[str, str]] = {}
        ontology = ds.graph(ONTOLOGY_IRI)
        for graph in ds.graphs():
            if graph.identifier == ONTOLOGY_IRI or not len(graph):
                continue
            for s, p, o in graph:
                objects = self.facts.setdefault(s, {}).setdefault(p, [])
                if o not in objects:
                    objects.append(o)
        for s, predicates in self.facts.items():
            for objects in predicates.values():
                objects.sort(key=lambda o: (type(o).__name__, str(o)))  # stores differ in order: sort, to repeat
            for cls in predicates.get(RDF.type, ()):
                self.by_type.setdefault(cls, []).append(s)
        for source in (self.facts, None):
            pairs: Iterable[tuple[Node, Node]] = (
                ((s, o) for s, ps in source.items() for o in ps.get(RDFS.label, ()))
                if source is not None else ontology.subject_objects(RDFS.label)
            )
            for s, label in sorted(pairs, key=lambda pair: (str(pair[0]), str(pair[1]))):
                if isinstance(label, Literal) and label.language:
                    self.labels.setdefault(str(s), {}).setdefault(label.language, str(label))
        self.parents: dict[str, set[str]] = {}
        for cls, parent in ontology.subject_objects(RDFS.subClassOf):
            self.parents.setdefault(str(cls), set()).add(str(parent))
        self._lineage: dict[str, frozenset[str]] = {}
        self.reports: dict[str, ReportInfo] = {}
        self.report_ids: dict[Node, str] = {}
        for report in sorted((s for s, ps in self.facts.items() if ZK.yearCovered in ps), key=str):
            rid = self.first(report, DCTERMS.identifier) or local_name(str(report))
            self.report_ids[report] = rid
            self.reports[rid] = ReportInfo(
                id=rid, iri=str(report), year=self.first(report, ZK.yearCovered)[:4],
                title=self.first(report, DCTERMS.title) or rid,
            )

    def cited(self, node: Node) -> tuple[tuple[Citation, ...], tuple[str, ...]]:
        """The spans ``node`` cites, in order, and the years of their reports."""
        spans, years = set(), set()
        for span in self.values(node, ZK.evidence):
            report = self.values(span, OA.hasSource)[0]
            selector = self.values(span, OA.hasSelector)[0]
            rid = self.report_ids.get(report, local_name(str(report)))
            spans.add(Citation(rid, int(self.first(selector, OA.start)), int(self.first(selector, OA.end))))
            if rid in self.reports:
                years.add(self.reports[rid].year)
        return tuple(sorted(spans)), tuple(sorted(years))

    def label(self, node: Node, lang: str) -> str:
        """The ``rdfs:label`` of ``node`` in ``lang``, else ``""``."""
        return self.labels.get(str(node), {}).get(lang, "")

    def values(self, subject: Node, predicate: Node) -> list[Node]:
        return self.facts.get(subject, {}).get(predicate, [])

    def first(self, subject: Node, predicate: Node) -> str:
        found = self.values(subject, predicate)
        return str(found[0]) if found else ""

    def lineage(self, cls: str) -> frozenset[str]:
        """``cls`` and all its superclasses."""
        if cls not in self._lineage:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self.parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self._lineage[cls] = frozenset(seen)
        return self._lineage[cls]

    def most_specific(self, classes: Iterable[Node]) -> str:
        """The zonekg class of ``classes`` that no other of them specialises (the first by IRI if several), else ``""``."""
        zk = sorted({str(c) for c in classes if str(c).startswith(_ZK)})
        for c in zk:
            if not any(c != other and c in self.lineage(other) for other in zk):
                return c
        return ""


def read_contents(ds: Dataset) -> Contents:
    """Read ``ds`` once into a :class:`Contents` (see the module docstring)."""
    index = _Index(ds)
    return Contents(
        reports=dict(sorted(index.reports.items())), entities=_entities(index), relations=tuple(_relations(index)),
        posts=tuple(_posts(index)), events=tuple(_events(index)), figures=tuple(_figures(index)),
        tensions=tuple(_tensions(index)), labels=index.labels,
    )


def _entities(index: _Index) -> dict[str, EntityInfo]:
    """The catalogue's entities (record id and preferred label), vocabulary left out, by IRI."""
    entities: dict[str, EntityInfo] = {}
    for node in sorted((s for s, ps in index.facts.items() if SKOS.prefLabel in ps and DCTERMS.identifier in ps), key=str):
        if not isinstance(node, URIRef):
            continue
        types = index.values(node, RDF.type)
        if {str(t) for t in types} & NOT_ENTITIES:
            continue
        cls = index.most_specific(types)
        if not cls:
            continue
        spans, years = index.cited(node)
        entities[str(node)] = EntityInfo(
            iri=str(node), id=index.first(node, DCTERMS.identifier), cls=local_name(cls), lineage=index.lineage(cls),
            name_zh=index.label(node, "zh"), name_en=index.label(node, "en"),
            aliases=tuple(sorted({str(a) for a in index.values(node, SKOS.altLabel)})),
            note="\n".join(sorted(str(c) for c in index.values(node, RDFS.comment))), spans=spans, years=years,
            supplied=tuple(sorted(
                index.first(name, SKOSXL.literalForm)
                for prop in (SKOSXL.prefLabel, SKOSXL.altLabel) for name in index.values(node, prop)
            )),
        )
    return entities


def _relations(index: _Index) -> list[RelationInfo]:
    """Every ``rdf:Statement`` of a relation, by statement IRI."""
    relations: list[RelationInfo] = []
    for statement in sorted(index.by_type.get(RDF.Statement, []), key=str):
        predicate = index.first(statement, RDF.predicate)
        spans, years = index.cited(statement)
        relations.append(RelationInfo(
            subject=index.first(statement, RDF.subject), object=index.first(statement, RDF.object),
            rel=local_name(predicate), predicate=predicate,
            label_en=index.label(URIRef(predicate), "en"), label_zh=index.label(URIRef(predicate), "zh"),
            date=index.first(statement, DCTERMS.date), spans=spans, years=years,
            implied=index.first(statement, ZK.implied) == "true",
        ))
    return relations


def _posts(index: _Index) -> list[PostInfo]:
    """Every ``org:Membership``, by IRI."""
    posts: list[PostInfo] = []
    for post in sorted(index.by_type.get(ORG.Membership, []), key=str):
        role = index.values(post, ORG.role)[0]
        spans, years = index.cited(post)
        tenure = index.values(post, ORG.memberDuring)
        start = end = ""
        ended = False
        if tenure:
            for prop in (TIME.hasBeginning, TIME.hasEnd):
                for instant in index.values(tenure[0], prop):
                    when = next((str(v[0]) for p in _POSITIONS if (v := index.values(instant, p))), "")
                    if prop == TIME.hasEnd:
                        ended, end = True, when
                    else:
                        start = when
        posts.append(PostInfo(
            iri=str(post), person=index.first(post, ORG.member), organisation=index.first(post, ORG.organization),
            role=local_name(str(role)), label_en=index.label(role, "en"), label_zh=index.label(role, "zh"),
            spans=spans, years=years, former=ended, start=start, end=end,
        ))
    return posts


def _events(index: _Index) -> list[EventInfo]:
    """Every dated event, by IRI."""
    events: list[EventInfo] = []
    for event in sorted((s for s, ps in index.facts.items() if SDO.startDate in ps), key=str):
        cls = index.most_specific(index.values(event, RDF.type))
        spans, years = index.cited(event)
        events.append(EventInfo(
            iri=str(event), cls=local_name(cls) if cls else "Event", cls_iri=cls,
            name_en=index.label(event, "en"), name_zh=index.label(event, "zh"), date=index.first(event, SDO.startDate),
            participants=tuple(sorted(str(p) for p in index.values(event, ZK.participant))),
            about=tuple(sorted(str(a) for a in index.values(event, ZK.about))), spans=spans, years=years,
            status="planned" if index.first(event, SDO.eventStatus) == str(ZK.EventPlanned) else "happened",
        ))
    return events


def _figures(index: _Index) -> list[FigureInfo]:
    """Every ``schema:Observation`` about an entity, by IRI."""
    figures: list[FigureInfo] = []
    for obs in sorted((s for s, ps in index.facts.items() if SDO.observationAbout in ps), key=str):
        indicator = index.values(obs, ZK.indicator)[0]
        qualifiers = index.values(obs, ZK.qualifier)  # a figure may be both "nearly" and "a record"
        figures.append(FigureInfo(
            iri=str(obs), id=index.first(obs, DCTERMS.identifier), subject=index.first(obs, SDO.observationAbout),
            year=index.first(obs, ZK.year)[:4],
            indicator_en=index.label(indicator, "en"), indicator_zh=index.label(indicator, "zh"),
            value=_number(index.first(obs, SDO.value)), unit=index.first(obs, SDO.unitText),
            qualifier_en=", ".join(index.label(q, "en") for q in qualifiers),
            qualifier_zh="、".join(index.label(q, "zh") for q in qualifiers), spans=index.cited(obs)[0],
            about=tuple(sorted(str(a) for a in index.values(obs, ZK.about))),
        ))
    return figures


def _tensions(index: _Index) -> list[TensionInfo]:
    """Every recorded tension, by IRI."""
    tensions: list[TensionInfo] = []
    for tension in sorted(index.by_type.get(ZK.Tension, []), key=str):
        kinds = index.values(tension, ZK.tensionKind)
        tensions.append(TensionInfo(
            iri=str(tension), id=index.first(tension, DCTERMS.identifier),
            kind_en=index.label(kinds[0], "en") if kinds else "", kind_zh=index.label(kinds[0], "zh") if kinds else "",
            note=index.first(tension, RDFS.comment), involves=tuple(str(i) for i in index.values(tension, ZK.involves)),
            spans=index.cited(tension)[0],
        ))
    return tensions


def _number(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text
