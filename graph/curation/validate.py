"""Cross-record checks on a :class:`~graph.curation.records.RecordSet`.

Ids unique across all records, every reference resolving to an entity of the
right class, known classes, relations, units and qualifiers, and every citation
inside its report. The vocabularies hold together: a ``broader`` concept is of
the record's own class (an indicator under an indicator, an industry under an
industry) and no chain of them comes back to where it started; only indicators
have a direction, a dimension, related indicators and a scope note; an
indicator with figures has a dimension, and every one of its figures is printed
in a unit of it. A name the curators supply is never cited to a report, a
former post does not carry on, an implied relation says why in its note, and an
event dated after its report was written can only be planned. Given the
reports' texts, also that each report is the version the records cite (length
and SHA-256), that each cited span, with whitespace removed, names what it is
cited for, and that every printed name of an entity stands in one of the spans
that cite it (a name no report prints must be marked ``source: curator``).

Examples
--------
>>> from graph.curation.records import parse_records
>>> records, _ = parse_records({"entities/a.yaml": '''
... - {id: a, class: Compny, name_zh: 甲, name_en: A, at: "r:0-1"}
... '''})
>>> print(validate(records).format())
entities/a.yaml:2: record 'a', field 'at', value 'r:0-1': unknown source report 'r'
entities/a.yaml:2: record 'a', field 'class', value 'Compny': unknown entity class (did you mean Company?)
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import TypeAlias

from graph.curation.problems import Problem, Report
from graph.curation.records import (
    Citation,
    Entity,
    Event,
    NotModelled,
    Observation,
    Post,
    RecordSet,
    Source,
    Tension,
    parse_date,
)
from graph.curation.text import squash
from graph.vocab.terms import (
    CONCEPT_CLASSES,
    DIMENSIONS,
    DIRECTIONS,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    EVENT_STATUSES,
    HIERARCHY_CLASSES,
    NAME_SOURCES,
    POST_STATUSES,
    QUALIFIERS,
    RELATION_BASES,
    RELATIONS,
    TENSION_KINDS,
    UNITS,
)

__all__ = ["validate"]

_SPACE = re.compile(r"\s+")

#: A top-level record: it has an id, a file, a line and the lines of its fields.
_Record: TypeAlias = Source | Entity | Observation | Event | Tension


def _hint(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


class _Checker:
    def __init__(self, records: RecordSet, corpus: Mapping[str, str] | None) -> None:
        self.problems: list[Problem] = []
        self.records = records
        self.corpus = corpus
        self.sources = {s.id: s for s in records.sources}
        self.entities: dict[str, Entity] = {}
        identified: tuple[Entity | Observation | Event, ...] = (*records.entities, *records.observations, *records.events)
        self.all_ids = {r.id for r in identified}

    def add(self, file: str, line: int, record: str, fld: str, value: str, message: str) -> None:
        self.problems.append(Problem(file, line, record, fld, value, message))

    def at(self, rec: _Record, fld: str, value: str, message: str) -> None:
        """Add a problem on field ``fld`` of top-level record ``rec``, at that field's line."""
        self.add(rec.file, rec.lines.get(fld, rec.line), rec.id, fld, value, message)

    def ids(self) -> None:
        first: dict[str, tuple[str, int]] = {}
        seen_sources: dict[str, tuple[str, int]] = {}
        for s in self.records.sources:
            if s.id in seen_sources:
                f, ln = seen_sources[s.id]
                self.at(s, "id", s.id, f"duplicate source id (first at {f}:{ln})")
            seen_sources.setdefault(s.id, (s.file, s.line))
        records: tuple[Entity | Observation | Event | Tension, ...] = (
            *self.records.entities, *self.records.observations, *self.records.events, *self.records.tensions,
        )
        for rec in records:
            if rec.id in first:
                f, ln = first[rec.id]
                self.at(rec, "id", rec.id, f"duplicate id (first at {f}:{ln})")
                continue
            first[rec.id] = (rec.file, rec.line)
            if isinstance(rec, Entity):
                self.entities[rec.id] = rec

    def ref(self, file: str, line: int, record: str, fld: str, target: str, classes: Iterable[str] | None = None) -> None:
        entity = self.entities.get(target)
        if entity is None:
            self.add(file, line, record, fld, target, "refers to no entity" + _hint(target, self.entities))
        elif classes is not None and entity.cls not in set(classes):
            wanted = " or ".join(sorted(classes))
            self.add(file, line, record, fld, target, f"refers to a {entity.cls}, expected {wanted}")

    def cites(self, file: str, record: str, fld: str, cites: Iterable[Citation], names: Iterable[str] = ()) -> None:
        names = [squash(n) for n in names if n]
        for c in cites:
            source = self.sources.get(c.source)
            if source is None:
                self.add(file, c.line, record, fld, str(c), f"unknown source report {c.source!r}" + _hint(c.source, self.sources))
                continue
            if c.end > source.chars:
                self.add(file, c.line, record, fld, str(c), f"span ends after the report's last character ({source.chars})")
                continue
            text = (self.corpus or {}).get(c.source)
            if text is not None and names and not any(n in squash(text[c.start:c.end]) for n in names):
                self.add(file, c.line, record, fld, str(c), "the cited span does not contain " + " / ".join(sorted(set(names))))

    def names_of(self, *ids: str) -> list[str]:
        return [n for i in ids if i in self.entities for n in self.entities[i].names]

    def entity(self, e: Entity) -> None:
        if e.cls not in ENTITY_CLASSES:
            self.at(e, "class", e.cls, "unknown entity class" + _hint(e.cls, ENTITY_CLASSES))
        if not e.at and e.cls not in CONCEPT_CLASSES:
            self.at(e, "at", "", "an entity needs at least one citation of where a report names it")
        self.cites(e.file, e.id, "at", e.at, [e.name_zh, *e.aliases])
        self.names(e)
        for r in e.relations:
            if r.rel not in RELATIONS:
                self.add(e.file, r.line, e.id, "rel", r.rel, "unknown relation" + _hint(r.rel, RELATIONS))
            if r.basis not in RELATION_BASES:
                self.add(e.file, r.line, e.id, "basis", r.basis, "unknown basis (known: " + ", ".join(RELATION_BASES) + ")")
            elif r.basis == "implied" and not r.note:
                self.add(e.file, r.line, e.id, "note", "", "an implied relation needs a note saying how the span implies it")
            if r.to == e.id:
                self.add(e.file, r.line, e.id, "to", r.to, "an entity cannot relate to itself")
            self.ref(e.file, r.line, e.id, "to", r.to)
            self.cites(e.file, e.id, "at", r.at, self.names_of(e.id, r.to))
        if e.roles and e.cls != "Person":
            self.at(e, "roles", "", "only a Person holds roles")
        for p in e.roles:
            self.ref(e.file, p.line, e.id, "role", p.role, ["Role"])
            self.ref(e.file, p.line, e.id, "org", p.org)
            self.cites(e.file, e.id, "at", p.at, self.names_of(e.id, p.org))
            self.post(e, p)

    def post(self, e: Entity, p: Post) -> None:
        if p.status is not None and p.status not in POST_STATUSES:
            self.add(e.file, p.line, e.id, "status", p.status, "unknown post status (known: " + ", ".join(POST_STATUSES) + ")")
        elif p.status == "current" and p.end is not None:
            self.add(e.file, p.line, e.id, "end", p.end, "a post with an end is former: say status: former or drop the end")
        if p.start and p.end and _day(p.start) > _day(p.end, last=True):
            self.add(e.file, p.line, e.id, "end", p.end, f"a post cannot end before it starts ({p.start})")

    def names(self, e: Entity) -> None:
        """Supplied names are the curators', never cited; printed names stand in a span that cites the entity."""
        for n in e.supplied:
            if n.source not in NAME_SOURCES:
                self.add(e.file, n.line, e.id, n.field, n.name, "unknown name source (known: " + ", ".join(NAME_SOURCES) + ")")
            for c in n.at:
                self.add(e.file, c.line or n.line, e.id, n.field, n.name,
                         f"a curator-supplied name is never cited to a report (drop {c}; cite a printed name instead)")
        if self.corpus is None or e.cls in CONCEPT_CLASSES or not e.at:
            return
        spans = [squash(self.corpus[c.source][c.start:c.end]) for c in e.at if c.source in self.corpus]
        if not any(squash(n) in span for n in (e.name_zh, *e.aliases) for span in spans):
            return  # no span names the entity at all: the citation check has said so, span by span
        for n in e.supplied:
            if squash(n.name) in "\n".join(spans):
                self.at(e, n.field, n.name,
                        "a name marked source: curator is printed in a span that cites the entity: it is not supplied")
        for name in e.printed_names:
            if not any(squash(name) in span for span in spans):
                fld = "name_zh" if name == e.name_zh else "aliases"
                self.at(e, fld, name, "no span that cites the entity prints this name: cite where a report prints it, "
                        "or mark it {name: …, source: curator, reason: …}")

    def concept(self, e: Entity) -> None:
        """The vocabulary fields: ``broader`` within the record's class; the indicator-only fields."""
        if e.broader and e.cls not in HIERARCHY_CLASSES:
            self.at(e, "broader", e.broader[0], "only an indicator or an industry sits under a broader concept")
        for target in e.broader:
            if target == e.id:
                self.at(e, "broader", target, "a concept cannot be broader than itself")
            else:
                self.ref(e.file, e.lines.get("broader", e.line), e.id, "broader", target, [e.cls])
        fields = {"related": e.related, "direction": e.direction, "dimension": e.dimension, "scope_note": e.scope_note}
        for fld, value in fields.items():
            if value and e.cls != "Indicator":
                self.at(e, fld, value if isinstance(value, str) else value[0], f"only an indicator has {fld.replace('_', ' ')}")
        if e.cls != "Indicator":
            return
        for target in e.related:
            if target == e.id:
                self.at(e, "related", target, "an indicator cannot be related to itself")
            else:
                self.ref(e.file, e.lines.get("related", e.line), e.id, "related", target, ["Indicator"])
        if e.direction is not None and e.direction not in DIRECTIONS:
            self.at(e, "direction", e.direction, "unknown direction (known: " + ", ".join(DIRECTIONS) + ")")
        if e.dimension is not None and e.dimension not in DIMENSIONS:
            known = ", ".join(DIMENSIONS)
            self.at(e, "dimension", e.dimension, f"unknown dimension{_hint(e.dimension, DIMENSIONS)} (known: {known})")

    def cycles(self) -> None:
        """Report each chain of ``broader`` links that comes back to its start, once, at its first record by id."""
        up = {i: sorted(b for b in e.broader if b in self.entities and b != i) for i, e in sorted(self.entities.items())}
        reported: set[str] = set()
        done: set[str] = set()

        def walk(node: str, path: list[str]) -> None:
            if node in path:
                cycle = path[path.index(node):]
                first = cycle.index(min(cycle))
                turn = cycle[first:] + cycle[:first]
                text = " → ".join([*turn, turn[0]])
                if text not in reported:
                    reported.add(text)
                    self.at(self.entities[turn[0]], "broader", text, "the broader links form a cycle")
                return
            if node in done:
                return
            for parent in up.get(node, ()):
                walk(parent, [*path, node])
            done.add(node)

        for start in up:
            walk(start, [])

    def dimensions(self) -> None:
        """Every figure in a unit of its indicator's dimension; every indicator with figures has one."""
        units: dict[str, set[str]] = {}
        for o in self.records.observations:
            indicator = self.entities.get(o.indicator)
            if indicator is None or indicator.cls != "Indicator" or o.unit not in UNITS:
                continue
            base = str(UNITS[o.unit][0]).rsplit("#", 1)[-1]
            units.setdefault(indicator.id, set()).add(base)
            if indicator.dimension in DIMENSIONS and base != indicator.dimension:
                message = f"a unit of {base}, but indicator {indicator.id!r} is measured in {indicator.dimension}"
                self.at(o, "unit", o.unit, message)
        for indicator_id, bases in sorted(units.items()):
            indicator = self.entities[indicator_id]
            if indicator.dimension is None:
                message = f"an indicator with figures needs a dimension (its figures are in {', '.join(sorted(bases))})"
                self.at(indicator, "dimension", "", message)

    def observation(self, o: Observation) -> None:
        self.ref(o.file, o.lines.get("subject", o.line), o.id, "subject", o.subject)
        self.ref(o.file, o.lines.get("indicator", o.line), o.id, "indicator", o.indicator, ["Indicator"])
        if o.unit not in UNITS:
            self.at(o, "unit", o.unit, "unknown unit" + _hint(o.unit, UNITS))
        for q in o.qualifiers:
            if q not in QUALIFIERS:
                self.at(o, "qualifiers", q, "unknown qualifier (known: " + ", ".join(QUALIFIERS) + ")")
        self.cites(o.file, o.id, "at", o.at, [format(o.value, "f")])
        for target in o.about:
            self.ref(o.file, o.lines.get("about", o.line), o.id, "about", target)

    def event(self, ev: Event) -> None:
        if ev.cls not in EVENT_CLASSES:
            self.at(ev, "class", ev.cls, "unknown event class" + _hint(ev.cls, EVENT_CLASSES))
        if ev.status not in EVENT_STATUSES:
            self.at(ev, "status", ev.status, "unknown event status (known: " + ", ".join(EVENT_STATUSES) + ")")
        elif ev.status == "happened":
            for c in ev.at:
                source = self.sources.get(c.source)
                if source is not None and _day(ev.date) > _day(source.published or source.year, last=True):
                    self.at(ev, "date", ev.date, f"dated after report {c.source} was written, so it cannot have happened "
                            "by then: mark it status: planned")
                    break
        for fld, ids in (("participants", ev.participants), ("about", ev.about)):
            for target in ids:
                self.ref(ev.file, ev.lines.get(fld, ev.line), ev.id, fld, target)
        if ev.location:
            self.ref(ev.file, ev.lines.get("location", ev.line), ev.id, "location", ev.location)
        self.cites(ev.file, ev.id, "at", ev.at, self.names_of(*ev.participants, *ev.about) or [ev.date[:4]])

    def tension(self, t: Tension) -> None:
        if t.kind not in TENSION_KINDS:
            self.at(t, "kind", t.kind, "unknown tension kind (known: " + ", ".join(TENSION_KINDS) + ")")
        for target in t.involves:
            if target not in self.all_ids:
                self.add(
                    t.file, t.lines.get("involves", t.line), t.id, "involves", target,
                    "refers to no record" + _hint(target, self.all_ids),
                )
        if len(t.at) < 2:
            self.at(t, "at", "", "a tension cites at least two spans: the statements in tension")
        self.cites(t.file, t.id, "at", t.at)

    def not_modelled(self, n: NotModelled) -> None:
        self.cites(n.file, n.text, "at", n.at, [n.text])

    def corpus_versions(self) -> None:
        for s in self.records.sources:
            text = (self.corpus or {}).get(s.id)
            if text is None:
                continue
            if len(text) != s.chars:
                self.at(s, "chars", str(s.chars), f"the report's text has {len(text)} characters")
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest != s.sha256:
                self.at(s, "sha256", s.sha256, f"the report's text has SHA-256 {digest}")


def _day(text: str, *, last: bool = False) -> tuple[int, int, int]:
    """A date written YYYY[-MM[-DD]] as its first day (or its ``last``), for comparing dates of any precision."""
    y, m, d = parse_date(text) or (0, None, None)
    if last:
        return y, m or 12, d or 31
    return y, m or 1, d or 1


def validate(records: RecordSet, *, corpus: Mapping[str, str] | None = None) -> Report:
    """Check ``records`` against each other (and the reports' ``corpus`` if given).

    Parameters
    ----------
    records
        What :func:`graph.curation.records.read_records` returned.
    corpus
        The reports' texts by source id (:func:`graph.curation.records.read_corpus`);
        when given, digests and the content of every cited span are checked.

    Returns
    -------
    Report
        Every problem found; ``report.ok`` when there is none.
    """
    checker = _Checker(records, corpus)
    checker.ids()
    checker.corpus_versions()
    for e in records.entities:
        checker.entity(e)
        checker.concept(e)
    checker.cycles()
    for o in records.observations:
        checker.observation(o)
    checker.dimensions()
    for ev in records.events:
        checker.event(ev)
    for t in records.tensions:
        checker.tension(t)
    for n in records.not_modelled:
        checker.not_modelled(n)
    return Report(tuple(sorted(set(checker.problems))))
