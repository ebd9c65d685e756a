"""Validated records → an RDF dataset, one named graph per source report.

Layout of the dataset (every node has a minted IRI; there are no blank nodes,
so serialisations are deterministic):

``<https://w3id.org/zonekg/ontology>``
    the ontology (``ontology.ttl``).
``BASE graph/catalogue``
    the source reports (``zk:SourceReport``, with title, year, SHA-256) and every
    entity's class, names (``rdfs:label``/``skos:prefLabel`` in ``@zh`` and
    ``@en``, ``skos:altLabel`` for aliases) and record id; indicators and
    industries as concepts of ``zk:IndicatorScheme`` and ``zk:IndustryScheme``
    (``skos:inScheme``, ``skos:broader``/``skos:narrower``, ``skos:topConceptOf``
    for those under none; an indicator's ``skos:related``, ``skos:scopeNote``,
    ``zk:direction`` and ``zk:dimension``). A name no report prints is also
    a ``skosxl:Label`` (``BASE label/{entity}/{name}``)
    ``prov:wasAttributedTo`` the curators (``BASE agent/curators``), with
    their reason as its comment and no evidence.
``BASE graph/SOURCE``
    what report ``SOURCE`` states: relation triples, each with an
    ``rdf:Statement`` node (``zk:implied true`` when the span only implies
    it); ``org:Membership`` posts (a former post ``org:memberDuring`` an
    OWL-Time interval with an end); observations; events (with
    ``schema:eventStatus``: happened or planned); and the cited spans. Every fact points to its spans with ``zk:evidence``; a
    span is an ``oa:SpecificResource`` of the report with an
    ``oa:TextPositionSelector`` (``oa:start``, ``oa:end``, code points,
    end exclusive).

Examples
--------
>>> from graph.curation.records import parse_records
>>> records, _ = parse_records({
...     "sources.yaml": '''
... - {id: r, title: T, year: "2021", file: r.txt, chars: "20", sha256: "%s"}
... ''' % ("0" * 64),
...     "entities/e.yaml": '''
... - {id: z, class: Zone, name_zh: 昆山高新区, name_en: Kunshan HNZ, at: "r:0-5"}
... '''})
>>> ds = to_dataset(records, ontology=Graph())
>>> sorted(str(g.identifier) for g in ds.graphs() if len(g))
['https://w3id.org/zonekg/id/graph/catalogue', 'https://w3id.org/zonekg/id/graph/r']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.build.store import new_dataset
from graph.curation.records import (
    Citation,
    Entity,
    Event,
    Observation,
    RecordSet,
    Tension,
    parse_date,
)
from graph.data import read_text
from graph.errors import InputError
from graph.vocab.iri import check_base, mint
from graph.vocab.namespaces import (
    DCTERMS,
    DEFAULT_BASE,
    OA,
    ONTOLOGY_IRI,
    ORG,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    SKOSXL,
    TIME,
    XSD,
    ZK,
)
from graph.vocab.terms import (
    DIMENSIONS,
    DIRECTIONS,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    EVENT_STATUSES,
    HIERARCHY_CLASSES,
    QUALIFIERS,
    RELATIONS,
    TENSION_KINDS,
    UNITS,
)

__all__ = [
    "Summary",
    "catalogue_graph_iri",
    "curators_iri",
    "parse_ontology",
    "read_ontology",
    "report_graph_iri",
    "summarize",
    "tensions_graph_iri",
    "to_dataset",
]

_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")


def read_ontology() -> Graph:
    """Read the ontology shipped inside the package (``graph/data/ontology.ttl``)."""
    try:
        text = read_text("ontology.ttl")
    except OSError as exc:
        raise InputError(f"the packaged ontology cannot be read: {exc}") from exc
    return parse_ontology(text)


def parse_ontology(text: str) -> Graph:
    """Parse ontology Turtle ``text`` into a graph named :data:`ONTOLOGY_IRI`."""
    graph = Graph(identifier=ONTOLOGY_IRI)
    graph.parse(data=text, format="turtle")
    return graph


def catalogue_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The name of the graph of reports and entity descriptions."""
    return mint(base, "catalogue", kind="graph")


def tensions_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The name of the graph of tensions between statements (the curators' flags)."""
    return mint(base, "tensions", kind="graph")


def report_graph_iri(source: str, base: str = DEFAULT_BASE) -> URIRef:
    """The name of the graph of what report ``source`` states."""
    return mint(base, source, kind="graph")


def curators_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The agent that supplies the names no report prints: the zonekg curators."""
    return mint(base, "curators", kind="agent")


def _lang(text: str) -> str:
    return "zh" if _CJK.search(text) else "en"


def _date_literal(text: str) -> Literal:
    _, m, d = parse_date(text) or (0, None, None)
    if d is not None:
        return Literal(text, datatype=XSD.date)
    if m is not None:
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.gYear)


#: What an undated end of a former post says of itself.
_UNDATED_END = "before the report that calls the post former; the date is not printed"

#: The OWL-Time property that places an instant, by the datatype of its date.
_XSD_POSITION = {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth, XSD.gYear: TIME.inXSDgYear}


def _decimal(value: Decimal) -> Literal:
    """The canonical xsd:decimal form: no exponent, at least one digit after the point."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0")
    text = text + "0" if text.endswith(".") else text if "." in text else text + ".0"
    return Literal(text, datatype=XSD.decimal)


class _Builder:
    def __init__(self, records: RecordSet, base: str, ds: Dataset) -> None:
        self.base = base
        self.ds = ds
        self.records = records
        self.cat = ds.graph(catalogue_graph_iri(base))
        self.graphs = {s.id: ds.graph(report_graph_iri(s.id, base)) for s in records.sources}
        self.entity_iri = {e.id: mint(base, e.id) for e in records.entities}
        self.observation_ids = {o.id for o in records.observations}

    def report(self, source: str) -> URIRef:
        return mint(self.base, source, kind="report")

    def span(self, c: Citation) -> URIRef:
        iri = mint(self.base, c.source, f"{c.start}-{c.end}", kind="span")
        g = self.graphs[c.source]
        selector = mint(self.base, c.source, f"{c.start}-{c.end}", kind="selector")
        g.add((iri, RDF.type, OA.SpecificResource))
        g.add((iri, OA.hasSource, self.report(c.source)))
        g.add((iri, OA.hasSelector, selector))
        g.add((selector, RDF.type, OA.TextPositionSelector))
        g.add((selector, OA.start, Literal(c.start, datatype=XSD.nonNegativeInteger)))
        g.add((selector, OA.end, Literal(c.end, datatype=XSD.nonNegativeInteger)))
        return iri

    def cite(self, node: URIRef, cites: Iterable[Citation]) -> list[Graph]:
        """Attach ``zk:evidence`` for each citation; return the report graphs involved, in order."""
        graphs: list[Graph] = []
        for c in cites:
            g = self.graphs[c.source]
            g.add((node, ZK.evidence, self.span(c)))
            if g not in graphs:
                graphs.append(g)
        return graphs

    def sources(self) -> None:
        for s in self.records.sources:
            iri = self.report(s.id)
            self.cat.add((iri, RDF.type, ZK.SourceReport))
            self.cat.add((iri, DCTERMS.identifier, Literal(s.id)))
            self.cat.add((iri, DCTERMS.title, Literal(s.title, lang=_lang(s.title))))
            self.cat.add((iri, ZK.yearCovered, _date_literal(s.year)))
            self.cat.add((iri, ZK.fileName, Literal(s.file_name)))
            self.cat.add((iri, ZK.characterCount, Literal(s.chars, datatype=XSD.nonNegativeInteger)))
            self.cat.add((iri, ZK.sha256, Literal(s.sha256, datatype=XSD.hexBinary)))
            if s.publisher:
                self.cat.add((iri, DCTERMS.publisher, Literal(s.publisher, lang=_lang(s.publisher))))
            if s.published:
                self.cat.add((iri, DCTERMS.issued, _date_literal(s.published)))

    def entity(self, e: Entity) -> None:
        iri = self.entity_iri[e.id]
        cat = self.cat
        cat.add((iri, RDF.type, ENTITY_CLASSES[e.cls]))
        cat.add((iri, DCTERMS.identifier, Literal(e.id)))
        for name, lang in ((e.name_zh, "zh"), (e.name_en, "en")):
            cat.add((iri, RDFS.label, Literal(name, lang=lang)))
            cat.add((iri, SKOS.prefLabel, Literal(name, lang=lang)))
        for alias in e.aliases:
            cat.add((iri, SKOS.altLabel, Literal(alias, lang=_lang(alias))))
        for supplied in e.supplied:
            self.supplied_name(iri, e.id, supplied.name, supplied.field, supplied.reason)
        if e.note:
            cat.add((iri, RDFS.comment, Literal(e.note, lang="en")))
        self.concept(e)
        self.cite(iri, e.at)
        for r in e.relations:
            prop, target = RELATIONS[r.rel], self.entity_iri[r.to]
            stmt = mint(self.base, e.id, r.rel, r.to, kind="statement")
            for g in self.cite(stmt, r.at):
                g.add((iri, prop, target))
                g.add((stmt, RDF.type, RDF.Statement))
                g.add((stmt, RDF.subject, iri))
                g.add((stmt, RDF.predicate, prop))
                g.add((stmt, RDF.object, target))
                if r.date:
                    g.add((stmt, DCTERMS.date, _date_literal(r.date)))
                if r.note:
                    g.add((stmt, RDFS.comment, Literal(r.note, lang="en")))
                if r.basis == "implied":
                    g.add((stmt, ZK.implied, Literal(True)))
        for p in e.roles:
            post = mint(self.base, e.id, p.role, p.org, kind="membership")
            for g in self.cite(post, p.at):
                g.add((post, RDF.type, ORG.Membership))
                g.add((post, ORG.member, iri))
                g.add((post, ORG.organization, self.entity_iri[p.org]))
                g.add((post, ORG.role, self.entity_iri[p.role]))
                if p.note:
                    g.add((post, RDFS.comment, Literal(p.note, lang="en")))
                if p.former or p.start:
                    self.tenure(g, post, (e.id, p.role, p.org), start=p.start, end=p.end, ended=p.former)

    def supplied_name(self, entity: URIRef, entity_id: str, name: str, fld: str, reason: str) -> None:
        """A name no report prints, as a ``skosxl:Label`` attributed to the curators with their reason."""
        label = mint(self.base, entity_id, name, kind="label")
        curators = curators_iri(self.base)
        cat = self.cat
        cat.add((entity, SKOSXL.prefLabel if fld == "name_zh" else SKOSXL.altLabel, label))
        cat.add((label, RDF.type, SKOSXL.Label))
        cat.add((label, SKOSXL.literalForm, Literal(name, lang=_lang(name))))
        cat.add((label, PROV.wasAttributedTo, curators))
        cat.add((label, RDFS.comment, Literal(reason, lang="en")))
        cat.add((curators, RDF.type, PROV.Agent))
        cat.add((curators, RDFS.label, Literal("zonekg curators", lang="en")))
        cat.add((curators, RDFS.label, Literal("zonekg 整理者", lang="zh")))

    def tenure(
        self, g: Graph, post: URIRef, ids: tuple[str, str, str], *, start: str | None, end: str | None, ended: bool,
    ) -> None:
        """``org:memberDuring`` an OWL-Time interval: its beginning and end when dated, an end without a date when only former."""
        interval = mint(self.base, *ids, kind="tenure")
        g.add((post, ORG.memberDuring, interval))
        g.add((interval, RDF.type, TIME.ProperInterval))
        for prop, date, part in ((TIME.hasBeginning, start, "start"), (TIME.hasEnd, end, "end")):
            if date is None and not (part == "end" and ended):
                continue
            instant = mint(self.base, *ids, part, kind="tenure")
            g.add((interval, prop, instant))
            g.add((instant, RDF.type, TIME.Instant))
            if date is not None:
                when = _date_literal(date)
                g.add((instant, _XSD_POSITION[URIRef(str(when.datatype))], when))
            else:
                g.add((instant, RDFS.comment, Literal(_UNDATED_END, lang="en")))

    def concept(self, e: Entity) -> None:
        """An indicator or industry as a concept of its scheme: broader, related, direction, dimension, scope note."""
        scheme = HIERARCHY_CLASSES.get(e.cls)
        if scheme is None:
            return
        iri, cat = self.entity_iri[e.id], self.cat
        cat.add((iri, SKOS.inScheme, scheme))
        if not e.broader:
            cat.add((iri, SKOS.topConceptOf, scheme))
            cat.add((scheme, SKOS.hasTopConcept, iri))
        for parent in e.broader:
            cat.add((iri, SKOS.broader, self.entity_iri[parent]))
            cat.add((self.entity_iri[parent], SKOS.narrower, iri))
        for other in e.related:
            cat.add((iri, SKOS.related, self.entity_iri[other]))
            cat.add((self.entity_iri[other], SKOS.related, iri))
        if e.direction:
            cat.add((iri, ZK.direction, DIRECTIONS[e.direction]))
        if e.dimension:
            cat.add((iri, ZK.dimension, DIMENSIONS[e.dimension]))
        if e.scope_note:
            cat.add((iri, SKOS.scopeNote, Literal(e.scope_note, lang="en")))

    def period(self, text: str) -> URIRef:
        y, m, d = parse_date(text) or (0, None, None)
        iri = mint(self.base, text, kind="period")
        start = f"{y:04d}-{m or 1:02d}-{d or 1:02d}"
        if d is not None:
            end = start
        elif m is not None:
            import calendar

            end = f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
        else:
            end = f"{y:04d}-12-31"
        self.cat.add((iri, RDF.type, TIME.ProperInterval))
        self.cat.add((iri, RDFS.label, Literal(text)))
        for prop, day in ((TIME.hasBeginning, start), (TIME.hasEnd, end)):
            instant = mint(self.base, day, kind="instant")
            self.cat.add((iri, prop, instant))
            self.cat.add((instant, RDF.type, TIME.Instant))
            self.cat.add((instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)))
        return iri

    def observation(self, o: Observation) -> None:
        iri = mint(self.base, o.id, kind="observation")
        unit, scale = UNITS[o.unit]
        period = self.period(o.period)
        for g in self.cite(iri, o.at):
            g.add((iri, RDF.type, ZK.Observation))
            g.add((iri, DCTERMS.identifier, Literal(o.id)))
            g.add((iri, SDO.observationAbout, self.entity_iri[o.subject]))
            g.add((iri, ZK.indicator, self.entity_iri[o.indicator]))
            g.add((iri, ZK.period, period))
            g.add((iri, ZK.year, Literal(o.period[:4], datatype=XSD.gYear)))
            g.add((iri, SDO.value, _decimal(o.value)))
            g.add((iri, SDO.unitText, Literal(o.unit, lang="zh")))
            g.add((iri, ZK.scale, _decimal(scale)))
            g.add((iri, ZK.normalisedValue, _decimal((o.value * scale).quantize(Decimal("0.000001")))))
            g.add((iri, ZK.unit, unit))
            for q in o.qualifiers:
                g.add((iri, ZK.qualifier, QUALIFIERS[q]))
            for a in o.about:
                g.add((iri, ZK.about, self.entity_iri[a]))
            if o.note:
                g.add((iri, RDFS.comment, Literal(o.note, lang="en")))

    def record_iri(self, record_id: str) -> URIRef:
        if record_id in self.entity_iri:
            return self.entity_iri[record_id]
        kind = "observation" if record_id in self.observation_ids else "event"
        return mint(self.base, record_id, kind=kind)

    def tension(self, t: Tension) -> None:
        iri = mint(self.base, t.id, kind="tension")
        g = self.ds.graph(tensions_graph_iri(self.base))
        g.add((iri, RDF.type, ZK.Tension))
        g.add((iri, DCTERMS.identifier, Literal(t.id)))
        g.add((iri, ZK.tensionKind, TENSION_KINDS[t.kind]))
        g.add((iri, RDFS.comment, Literal(t.note, lang="en")))
        for record_id in t.involves:
            g.add((iri, ZK.involves, self.record_iri(record_id)))
        for c in t.at:
            g.add((iri, ZK.evidence, self.span(c)))

    def event(self, ev: Event) -> None:
        iri = mint(self.base, ev.id, kind="event")
        for g in self.cite(iri, ev.at):
            g.add((iri, RDF.type, EVENT_CLASSES[ev.cls]))
            g.add((iri, DCTERMS.identifier, Literal(ev.id)))
            g.add((iri, RDFS.label, Literal(ev.name_en, lang="en")))
            if ev.name_zh:
                g.add((iri, RDFS.label, Literal(ev.name_zh, lang="zh")))
            g.add((iri, SDO.startDate, _date_literal(ev.date)))
            g.add((iri, ZK.year, Literal(ev.date[:4], datatype=XSD.gYear)))
            for p in ev.participants:
                g.add((iri, ZK.participant, self.entity_iri[p]))
            for a in ev.about:
                g.add((iri, ZK.about, self.entity_iri[a]))
            if ev.location:
                g.add((iri, SDO.location, self.entity_iri[ev.location]))
            g.add((iri, SDO.eventStatus, EVENT_STATUSES[ev.status]))
            if ev.note:
                g.add((iri, RDFS.comment, Literal(ev.note, lang="en")))


def to_dataset(records: RecordSet, *, ontology: Graph, base: str = DEFAULT_BASE, store: str = "memory") -> Dataset:
    """Turn validated ``records`` into a dataset (see the module docstring for its layout).

    The records must have passed :func:`graph.curation.validate.validate`; unknown names
    raise ``KeyError`` here.

    Parameters
    ----------
    records
        The validated records.
    ontology
        The ontology graph (:func:`read_ontology`), copied into its own named graph.
    base
        The namespace entity, report and graph IRIs are minted under.
    store
        The rdflib store behind the dataset (see :func:`graph.build.store.new_dataset`).
    """
    check_base(base)
    ds = new_dataset(store=store)
    for prefix, ns in PREFIXES:
        ds.bind(prefix, ns, override=True)
    ds.bind("kg", base, override=True)
    onto = ds.graph(ONTOLOGY_IRI)
    for triple in ontology:
        onto.add(triple)
    builder = _Builder(records, base, ds)
    builder.sources()
    for e in records.entities:
        builder.entity(e)
    for o in records.observations:
        builder.observation(o)
    for ev in records.events:
        builder.event(ev)
    for t in records.tensions:
        builder.tension(t)
    return ds


@dataclass(frozen=True)
class Summary:
    """What a dataset holds: entities per class and triples per named graph."""

    entities: Mapping[str, int]
    triples: Mapping[str, int]

    def format(self) -> str:
        """Return the summary as aligned text lines."""
        lines = ["entities per class:"]
        lines += [f"  {name:<24} {n:>6}" for name, n in self.entities.items()]
        lines.append("triples per graph:")
        lines += [f"  {name:<48} {n:>6}" for name, n in self.triples.items()]
        return "\n".join(lines)


def summarize(ds: Dataset) -> Summary:
    """Count the records of each class (entities, events, observations) and the triples of each named graph."""
    names = {iri: name for name, iri in {**ENTITY_CLASSES, **EVENT_CLASSES, "Observation": ZK.Observation}.items()}
    found: dict[str, set[Node]] = {}
    triples: dict[str, int] = {}
    for graph in ds.graphs():
        if not len(graph):
            continue
        triples[str(graph.identifier)] = len(graph)
        if graph.identifier == ONTOLOGY_IRI:
            continue
        for subject, cls in graph.subject_objects(RDF.type):
            if isinstance(cls, URIRef) and cls in names:
                found.setdefault(names[cls], set()).add(subject)
    entities = {name: len(found[name]) for name in sorted(found)}
    return Summary(entities, dict(sorted(triples.items())))
