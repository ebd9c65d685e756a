"""Curated YAML records → typed, frozen records, with every problem met.

The records directory holds ``sources.yaml`` (the reports), ``entities/*.yaml``
(one entity a list item, its names and relations with it), ``observations/*.yaml``
(dated figures) and ``events/*.yaml``. :func:`read_records` reads them;
:func:`parse_records` is the same without the file system. Only the *shape* of
each record is checked here (known and required fields, types, formats);
cross-record checks are :mod:`graph.curation.validate`'s.

Examples
--------
>>> texts = {"entities/x.yaml": '''
... - id: kunshan-hnz
...   class: Zone
...   name_zh: 昆山高新区
...   name_en: Kunshan High-tech Zone
...   at: khnz-2021:1-6
... '''}
>>> records, report = parse_records(texts)
>>> report.ok, records.entities[0].name_en, records.entities[0].at[0].start
(True, 'Kunshan High-tech Zone', 1)

A name the reports do not print (a legal name, a full official name, a
typing variant) is written as a mapping with ``source: curator`` and a
``reason``; it stays among the names and is listed in :attr:`Entity.supplied`:

>>> records, report = parse_records({"entities/x.yaml": '''
... - id: kunshan-hnz
...   class: Zone
...   name_zh: 昆山高新区
...   name_en: Kunshan High-tech Zone
...   aliases: [{name: 昆山高新技术产业开发区, source: curator, reason: the official full name}]
...   at: khnz-2021:1-6
... '''})
>>> e = records.entities[0]
>>> e.aliases, [(n.name, n.field, n.reason) for n in e.supplied]
(('昆山高新技术产业开发区',), [('昆山高新技术产业开发区', 'aliases', 'the official full name')])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from graph.curation.problems import Problem, Report
from graph.curation.strict_yaml import Node, parse_yaml
from graph.errors import InputError

__all__ = [
    "Citation",
    "Entity",
    "Event",
    "NotModelled",
    "Observation",
    "Post",
    "RecordSet",
    "Relation",
    "Source",
    "SuppliedName",
    "Tension",
    "parse_date",
    "parse_records",
    "read_records",
]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CITE = re.compile(r"(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*):(?P<start>\d+)-(?P<end>\d+)")
_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
_DECIMAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_INT = re.compile(r"0|[1-9]\d*")


@dataclass(frozen=True, order=True)
class Citation:
    """A half-open span ``[start, end)`` of a source report, in code points; ordered by report, start and end.

    Records cite with it (``line`` is where the YAML says so), and
    :func:`graph.build.contents.read_contents` reads it back from a dataset.
    """

    source: str
    start: int
    end: int
    line: int = field(default=0, compare=False)

    def __str__(self) -> str:
        return f"{self.source}:{self.start}-{self.end}"


@dataclass(frozen=True)
class Relation:
    """``rel`` from the owning entity to entity ``to``, as stated at ``at``.

    ``basis`` is ``stated`` (the default: the span says it) or ``implied`` (the
    span implies it without saying it; the ``note`` says how).
    """

    rel: str
    to: str
    at: tuple[Citation, ...]
    date: str | None = None
    note: str | None = None
    basis: str = "stated"
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Post:
    """A person's role (a Role entity id) in an organisation, as stated at ``at``.

    ``status`` is ``current`` or ``former`` (the report calls it a past post,
    原…), unset meaning current; ``start`` and ``end`` are dates when the report
    gives them, and a post with an ``end`` is former.
    """

    role: str
    org: str
    at: tuple[Citation, ...]
    note: str | None = None
    status: str | None = None
    start: str | None = None
    end: str | None = None
    line: int = field(default=0, compare=False)

    @property
    def former(self) -> bool:
        """True when the post had ended by the time of the report."""
        return self.status == "former" or self.end is not None


@dataclass(frozen=True)
class SuppliedName:
    """A name of an entity that no report prints, supplied by the curators with their ``reason``.

    ``field`` is ``name_zh`` or ``aliases``; ``source`` must be ``curator``.
    ``at`` is read only so that :mod:`graph.curation.validate` can refuse it:
    a supplied name is never cited to a report.
    """

    name: str
    field: str
    source: str
    reason: str
    at: tuple[Citation, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Entity:
    """A thing a report names: a company, park, university, person, industry …

    Indicators and industries are also concepts of a scheme: ``broader`` names
    the concepts they sit under. An indicator may name its ``dimension`` (a base
    unit), its ``direction`` (``higher-is-better`` or ``lower-is-better``), the
    ``related`` indicators that measure the same thing with another scope, and a
    ``scope_note`` saying what it counts.
    """

    id: str
    cls: str
    name_zh: str
    name_en: str
    file: str
    line: int
    aliases: tuple[str, ...] = ()
    at: tuple[Citation, ...] = ()
    relations: tuple[Relation, ...] = ()
    roles: tuple[Post, ...] = ()
    note: str | None = None
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    direction: str | None = None
    dimension: str | None = None
    scope_note: str | None = None
    supplied: tuple[SuppliedName, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The Chinese name, the English name and the aliases."""
        return (self.name_zh, self.name_en, *self.aliases)

    @property
    def printed_names(self) -> tuple[str, ...]:
        """The Chinese name and the aliases that are not curator-supplied: the names a report prints."""
        supplied = {n.name for n in self.supplied}
        return tuple(n for n in (self.name_zh, *self.aliases) if n not in supplied)


@dataclass(frozen=True)
class Observation:
    """A dated figure of an indicator for a subject entity, as printed."""

    id: str
    subject: str
    indicator: str
    period: str
    value: Decimal
    unit: str
    at: tuple[Citation, ...]
    file: str
    line: int
    qualifiers: tuple[str, ...] = ()
    note: str | None = None
    about: tuple[str, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Event:
    """A dated happening with its participants and what it is about.

    ``status`` is ``happened`` (the default) or ``planned``: a date the report
    expects (预计, 计划) is a plan, never a fact.
    """

    id: str
    cls: str
    name_en: str
    date: str
    at: tuple[Citation, ...]
    file: str
    line: int
    name_zh: str | None = None
    participants: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    location: str | None = None
    note: str | None = None
    status: str = "happened"
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Source:
    """A source report: its id, text file, size and digest."""

    id: str
    title: str
    year: str
    file_name: str
    chars: int
    sha256: str
    file: str
    line: int
    publisher: str | None = None
    published: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Tension:
    """Statements that contradict each other or cannot all hold; all of them stay."""

    id: str
    kind: str
    involves: tuple[str, ...]
    at: tuple[Citation, ...]
    note: str
    file: str
    line: int
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class NotModelled:
    """A name-like term or a figure the graph deliberately leaves out, and why.

    Without ``at`` it covers every occurrence of ``text`` (a generic term);
    with ``at`` only the cited places.
    """

    text: str
    reason: str
    file: str
    line: int
    at: tuple[Citation, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class RecordSet:
    """Every record of a records directory."""

    sources: tuple[Source, ...] = ()
    entities: tuple[Entity, ...] = ()
    observations: tuple[Observation, ...] = ()
    events: tuple[Event, ...] = ()
    tensions: tuple[Tension, ...] = ()
    not_modelled: tuple[NotModelled, ...] = ()


def parse_date(text: str) -> tuple[int, int | None, int | None] | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``None`` if it is not a real date.

    Examples
    --------
    >>> parse_date("2021-12-24"), parse_date("2021"), parse_date("2021-02-30")
    ((2021, 12, 24), (2021, None, None), None)
    """
    import calendar

    m = _DATE.fullmatch(text)
    if not m:
        return None
    y = int(m["y"])
    mo = int(m["m"]) if m["m"] else None
    d = int(m["d"]) if m["d"] else None
    if mo is not None and not 1 <= mo <= 12:
        return None
    if d is not None and (mo is None or not 1 <= d <= calendar.monthrange(y, mo)[1]):
        return None
    return y, mo, d


# --- field readers: each takes a Node and returns a value or raises _Bad ------------


class _Bad(ValueError):
    """A field's value does not fit its type; the message says how."""


class _Reported(ValueError):
    """A field's value is wrong and its problems are already reported (a nested mapping's fields)."""


T = TypeVar("T")


def _text(node: Node) -> str:
    if not isinstance(node.value, str):
        raise _Bad("must be a string")
    if not node.value.strip():
        raise _Bad("must not be empty")
    return node.value


def _ident(node: Node) -> str:
    value = _text(node)
    if not ID_PATTERN.fullmatch(value):
        raise _Bad("must be lower-case ASCII letters and digits joined by single hyphens")
    return value


def _date(node: Node) -> str:
    value = _text(node)
    if parse_date(value) is None:
        raise _Bad("must be a real date written YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _decimal(node: Node) -> Decimal:
    value = _text(node)
    if not _DECIMAL.fullmatch(value):
        raise _Bad("must be a decimal number such as 965 or 56.71")
    return Decimal(value)


def _count(node: Node) -> int:
    value = _text(node)
    if not _INT.fullmatch(value):
        raise _Bad("must be a whole number")
    return int(value)


def _sha(node: Node) -> str:
    value = _text(node)
    if not _SHA256.fullmatch(value):
        raise _Bad("must be 64 lower-case hex digits")
    return value


def _cite(node: Node) -> Citation:
    value = _text(node)
    m = _CITE.fullmatch(value)
    if not m:
        raise _Bad("must be a citation SOURCE:START-END, such as khnz-2021:120-134")
    start, end = int(m["start"]), int(m["end"])
    if start >= end:
        raise _Bad("a citation's start must be before its end")
    return Citation(m["source"], start, end, node.line)


def _list(item: Callable[[Node], T]) -> Callable[[Node], tuple[T, ...]]:
    def read(node: Node) -> tuple[T, ...]:
        if isinstance(node.value, str):
            return (item(node),)
        if not isinstance(node.value, list):
            raise _Bad("must be a list")
        return tuple(item(n) for n in node.value)

    return read


_cites = _list(_cite)


# --- record readers ------------------------------------------------------------------

_Spec = Mapping[str, tuple[bool, Callable[[Node], object]]]


class _Reader:
    """Reads the fields of one mapping against a spec, collecting problems."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.current = ""  # the id of the record being read, for problems in its nested items

    def fields(self, node: Node, spec: _Spec, record: str, what: str) -> dict[str, object] | None:
        if not isinstance(node.value, dict):
            self.problems.append(Problem(self.file, node.line, record, "", "", f"{what} must be a mapping"))
            return None
        rid = node.value.get("id")
        if not record and rid is not None and isinstance(rid.value, str):
            record = rid.value
        out: dict[str, object] = {"lines": {key: child.line for key, child in node.value.items()}}
        ok = True
        for key, child in node.value.items():
            if key not in spec:
                known = ", ".join(sorted(spec))
                self.problems.append(
                    Problem(self.file, child.line, record, key, _show(child), f"unknown field (known: {known})")
                )
                ok = False
                continue
            try:
                out[key] = spec[key][1](child)
            except _Bad as exc:
                self.problems.append(Problem(self.file, child.line, record, key, _show(child), str(exc)))
                ok = False
            except _Reported:
                ok = False
        for key, (required, _) in spec.items():
            if required and key not in node.value:
                self.problems.append(Problem(self.file, node.line, record, key, "", "missing required field"))
                ok = False
        return out if ok else None

    def nested(self, spec: _Spec, build: Callable[..., T], what: str) -> Callable[[Node], tuple[T, ...]]:
        def read(node: Node) -> tuple[T, ...]:
            if not isinstance(node.value, list):
                raise _Bad("must be a list")
            items = []
            for child in node.value:
                values = self.fields(child, spec, self.current, what)
                if values is not None:
                    values.pop("lines")
                    items.append(build(**values, line=child.line))
            return tuple(items)

        return read


def _show(node: Node) -> str:
    if isinstance(node.value, str):
        return node.value
    return "<list>" if isinstance(node.value, list) else "<mapping>"


_RELATION_SPEC: _Spec = {
    "rel": (True, _text), "to": (True, _ident), "at": (True, _cites),
    "date": (False, _date), "note": (False, _text), "basis": (False, _text),
}
_POST_SPEC: _Spec = {
    "role": (True, _ident), "org": (True, _ident), "at": (True, _cites), "note": (False, _text),
    "status": (False, _text), "start": (False, _date), "end": (False, _date),
}
_SUPPLIED_SPEC: _Spec = {"name": (True, _text), "source": (True, _text), "reason": (True, _text), "at": (False, _cites)}


@dataclass(frozen=True)
class _Name:
    """A name as read: its text, and the curator's note on it when it is supplied rather than printed."""

    text: str
    supplied: SuppliedName | None = None


def _names(reader: _Reader, fld: str, *, many: bool) -> Callable[[Node], object]:
    """Read a name (or a list of names): each a string, or a mapping ``{name, source, reason}`` for a supplied one."""

    def one(node: Node) -> _Name:
        if isinstance(node.value, str):
            return _Name(_text(node))
        if not isinstance(node.value, dict):
            raise _Bad("must be a name, or a mapping {name, source: curator, reason} for a name no report prints")
        values = reader.fields(node, _SUPPLIED_SPEC, reader.current, "a supplied name")
        if values is None:
            raise _Reported
        return _Name(str(values["name"]), SuppliedName(
            name=str(values["name"]), field=fld, source=str(values["source"]), reason=str(values["reason"]),
            at=values.get("at", ()), line=node.line,  # type: ignore[arg-type]
        ))

    if not many:
        return one

    def read(node: Node) -> tuple[_Name, ...]:
        if isinstance(node.value, (str, dict)):
            return (one(node),)
        if not isinstance(node.value, list):
            raise _Bad("must be a list")
        return tuple(one(n) for n in node.value)

    return read


def _entity_spec(reader: _Reader) -> _Spec:
    return {
        "id": (True, _ident), "class": (True, _text), "name_zh": (True, _names(reader, "name_zh", many=False)),
        "name_en": (True, _text), "aliases": (False, _names(reader, "aliases", many=True)), "at": (False, _cites),
        "relations": (False, reader.nested(_RELATION_SPEC, Relation, "a relation")),
        "roles": (False, reader.nested(_POST_SPEC, Post, "a role")),
        "note": (False, _text),
        "broader": (False, _list(_ident)), "related": (False, _list(_ident)),
        "direction": (False, _text), "dimension": (False, _text), "scope_note": (False, _text),
    }


def _entity(**values: object) -> Entity:
    """Build an entity from its fields as read, the supplied names gathered into :attr:`Entity.supplied`."""
    name_zh = values.pop("name_zh")
    aliases = values.pop("aliases", ())
    assert isinstance(name_zh, _Name) and isinstance(aliases, tuple)
    read = (name_zh, *aliases)
    supplied = tuple(n.supplied for n in read if n.supplied is not None)
    return Entity(name_zh=name_zh.text, aliases=tuple(n.text for n in aliases), supplied=supplied, **values)  # type: ignore[arg-type]


_SPECS: dict[str, tuple[Callable[[_Reader], _Spec], Callable[..., object], str]] = {
    "entities": (_entity_spec, _entity, "an entity"),
    "observations": (lambda _: {
        "id": (True, _ident), "subject": (True, _ident), "indicator": (True, _ident),
        "period": (True, _date), "value": (True, _decimal), "unit": (True, _text),
        "qualifiers": (False, _list(_text)), "at": (True, _cites), "note": (False, _text),
        "about": (False, _list(_ident)),
    }, Observation, "an observation"),
    "events": (lambda _: {
        "id": (True, _ident), "class": (True, _text), "name_en": (True, _text), "name_zh": (False, _text),
        "date": (True, _date), "participants": (False, _list(_ident)), "about": (False, _list(_ident)),
        "location": (False, _ident), "at": (True, _cites), "note": (False, _text), "status": (False, _text),
    }, Event, "an event"),
    "sources": (lambda _: {
        "id": (True, _ident), "title": (True, _text), "year": (True, _date), "file": (True, _text),
        "chars": (True, _count), "sha256": (True, _sha), "publisher": (False, _text),
        "published": (False, _date),
    }, Source, "a source"),
    "tensions": (lambda _: {
        "id": (True, _ident), "kind": (True, _text), "involves": (True, _list(_ident)),
        "at": (True, _cites), "note": (True, _text),
    }, Tension, "a tension"),
    "not-modelled": (lambda _: {
        "text": (True, _text), "reason": (True, _text), "at": (False, _cites),
    }, NotModelled, "a not-modelled entry"),
}

#: YAML field names that are Python keywords or clash with record attributes.
_RENAMES = {"class": "cls", "file": "file_name"}


def _read_kind(kind: str, node: Node, reader: _Reader) -> list:
    make_spec, build, what = _SPECS[kind]
    spec = make_spec(reader)
    out = []
    for item in _items(node, reader):
        reader.current = _record_id(item)
        values = reader.fields(item, spec, "", what)
        if values is not None:
            values = {_RENAMES.get(key, key): value for key, value in values.items()}
            out.append(build(**values, file=reader.file, line=item.line))
    return out


def _record_id(node: Node) -> str:
    if isinstance(node.value, dict) and "id" in node.value and isinstance(node.value["id"].value, str):
        return node.value["id"].value
    return ""


def _items(node: Node, reader: _Reader) -> list[Node]:
    if not isinstance(node.value, list):
        reader.problems.append(Problem(reader.file, node.line, "", "", "", "the file must hold a YAML list of records"))
        return []
    return list(node.value)


_TOP_LEVEL = {"sources.yaml": "sources", "tensions.yaml": "tensions", "not-modelled.yaml": "not-modelled"}
_DIRECTORIES = {"entities", "observations", "events"}


def _kind(name: str) -> str | None:
    parts = name.split("/")
    if len(parts) == 1:
        return _TOP_LEVEL.get(name)
    if len(parts) == 2 and parts[0] in _DIRECTORIES and parts[1].endswith(".yaml"):
        return parts[0]
    return None


def parse_records(texts: Mapping[str, str]) -> tuple[RecordSet, Report]:
    """Parse record files given as ``{relative path: text}`` into records and a report.

    Paths are ``sources.yaml``, ``tensions.yaml``, ``not-modelled.yaml`` or
    ``KIND/NAME.yaml`` with ``KIND`` one of ``entities``, ``observations``,
    ``events``; any other path is a problem.
    """
    problems: list[Problem] = []
    found: dict[str, list] = {kind: [] for kind in _SPECS}
    for name in sorted(texts):
        kind = _kind(name)
        if kind is None:
            problems.append(Problem(
                name, 0, "", "", "",
                "not a records file (expected sources.yaml, tensions.yaml, not-modelled.yaml or "
                "entities|observations|events/NAME.yaml)",
            ))
            continue
        node, yaml_problems = parse_yaml(texts[name], name)
        problems.extend(yaml_problems)
        if node is not None:
            found[kind].extend(_read_kind(kind, node, _Reader(name, problems)))
    records = RecordSet(
        sources=tuple(found["sources"]),
        entities=tuple(found["entities"]),
        observations=tuple(found["observations"]),
        events=tuple(found["events"]),
        tensions=tuple(found["tensions"]),
        not_modelled=tuple(found["not-modelled"]),
    )
    return records, Report(tuple(sorted(problems)))


def read_records(directory: Path | str) -> tuple[RecordSet, Report]:
    """Read every records file below ``directory`` (see :func:`parse_records`).

    Raises
    ------
    InputError
        If ``directory`` is not a readable directory or a file is not UTF-8.
    """
    root = Path(directory)
    if not root.is_dir():
        raise InputError(f"records directory not found: {root}")
    texts: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.suffix in {".md", ".pyc"} or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(root).as_posix()
        try:
            texts[rel] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read as UTF-8 text: {exc}") from exc
    return parse_records(texts)
