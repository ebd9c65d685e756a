"""How two entities are linked, who surrounds one, and what changed between two reports.

Paths, neighbourhoods and changed relations read the projection of
:func:`graph.network.projection.to_networkx`; relations count in either
direction, and every hop keeps its relation and sources. The figures of two
reports are compared measure by measure (:func:`measure_changes`, by the
``indicator-pairs`` library question): the same indicator of the same subject is
compared, with a verdict by the indicator's direction; related indicators (or a
subject and a place inside it) whose scope differs are listed with the note that
says how, never compared.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> _ = g.add_edge("a", "b", key="locatedIn", label_en="located in", spans=(Citation("r", 1, 5),), years=["2021"])
>>> _ = g.add_edge("c", "b", key="operatedBy", label_en="operated by", spans=(Citation("r", 9, 12),), years=["2023"])
>>> for n in g:
...     g.nodes[n].update(name_zh=n.upper(), cls="Company", years=["2021"])
>>> [[(h.source, h.relation, h.target, h.forward) for h in path] for path in shortest_paths(g, "a", "c")]
[[('a', 'located in', 'b', True), ('b', 'operated by', 'c', False)]]
>>> sorted(neighbourhood(g, "a", depth=1))
['a', 'b']
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from graph.curation.records import Citation

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from graph.build.contents import Contents

__all__ = [
    "CSV_COLUMNS",
    "DIFF_FORMATS",
    "Figure",
    "Hop",
    "MeasureChange",
    "Named",
    "changed_relations",
    "format_measures",
    "format_path",
    "measure_changes",
    "measure_record",
    "measures_csv",
    "neighbourhood",
    "shortest_paths",
]


@dataclass(frozen=True)
class Hop:
    """One step of a path: ``source`` to ``target`` by ``relation`` (``forward`` when stated that way)."""

    source: str
    target: str
    relation: str
    key: str
    forward: bool
    spans: tuple[Citation, ...]


def _hops(g: nx.MultiDiGraph, u: str, v: str) -> list[Hop]:
    out = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        for key, data in sorted((g.get_edge_data(a, b) or {}).items()):
            out.append(Hop(u, v, data.get("label_en") or key, key, forward, tuple(data.get("spans", ()))))
    return out


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str, *, limit: int = 5) -> list[list[Hop]]:
    """Up to ``limit`` shortest paths from ``a`` to ``b`` (relations in either direction).

    Each path is a list of hops; where several relations join two entities the
    first (by key) stands for them. Returns ``[]`` when they are not connected.
    """
    import networkx as nx

    from graph.network.metrics import undirected

    h = undirected(g)
    if a not in h or b not in h:
        return []
    try:
        paths = sorted(nx.all_shortest_paths(h, a, b))[:limit]
    except nx.NetworkXNoPath:
        return []
    return [[_hops(g, u, v)[0] for u, v in pairwise(path)] for path in paths]


def format_path(g: nx.MultiDiGraph, path: list[Hop]) -> str:
    """A path as one line: ``甲 —located in→ 乙 ←operated by— 丙`` followed by the sources of each hop."""
    name = lambda n: g.nodes[n].get("name_zh") or n  # noqa: E731
    parts = [name(path[0].source)]
    for hop in path:
        parts.append(f" —{hop.relation}→ " if hop.forward else f" ←{hop.relation}— ")
        parts.append(name(hop.target))
    cited = "; ".join(f"{hop.relation}: {', '.join(str(s) for s in hop.spans)}" for hop in path)
    return "".join(parts) + f"   [{cited}]"


def neighbourhood(g: nx.MultiDiGraph, node: str, *, depth: int = 1) -> nx.MultiDiGraph:
    """The ego network of ``node``: every entity within ``depth`` relations, with the relations among them."""
    import networkx as nx

    from graph.network.metrics import undirected

    if node not in g:
        return nx.MultiDiGraph()
    near = nx.single_source_shortest_path_length(undirected(g), node, cutoff=depth)
    return g.subgraph(sorted(near)).copy()


def changed_relations(g: nx.MultiDiGraph, first: str, second: str) -> dict[str, list[tuple[str, str, str]]]:
    """Relations (source, key, target) stated in the ``first`` year's report only and in the ``second``'s only."""
    only: dict[str, list[tuple[str, str, str]]] = {first: [], second: []}
    for u, v, key, data in sorted(g.edges(keys=True, data=True)):
        years = set(data.get("years", ()))
        if first in years and second not in years:
            only[first].append((u, key, v))
        elif second in years and first not in years:
            only[second].append((u, key, v))
    return only


# --- the figures of two reports, measure by measure -------------------------------------------

#: What ``zonekg diff --format`` offers.
DIFF_FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class Named:
    """An entity or indicator as a comparison names it: record id, Chinese and English names."""

    id: str
    zh: str
    en: str

    def as_dict(self) -> dict[str, str]:
        """The names as a JSON object."""
        return {"id": self.id, "zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Figure:
    """One side of a compared measure: a figure of one year, as printed and normalised, with its sources."""

    id: str
    year: str
    subject: Named
    indicator: Named
    value: Decimal
    unit: str
    qualifiers: tuple[str, ...]
    normalised: Decimal
    base_unit: str
    spans: tuple[Citation, ...]

    def printed(self) -> str:
        """The figure as a person reads it: ``over 35 万平方米``, ``第33位``.

        Examples
        --------
        >>> from dataclasses import replace
        >>> z, i = Named("z", "甲", "Z"), Named("i", "乙", "I")
        >>> f = Figure("f", "2021", z, i, Decimal("33"), "第…位", (), Decimal("33"), "Rank", ())
        >>> f.printed(), replace(f, value=Decimal("35.0"), unit="万平方米", qualifiers=("over",)).printed()
        ('第33位', 'over 35 万平方米')
        """
        number = _number(self.value)
        text = self.unit.replace("…", number) if "…" in self.unit else f"{number} {self.unit}"
        return " ".join([*self.qualifiers, text])


@dataclass(frozen=True)
class MeasureChange:
    """A measure both reports state: two figures, and (same scope only) the change and its verdict.

    ``scope`` is ``"same"`` (one indicator of one subject: compared) or
    ``"differs"`` (related indicators, or a subject and a place inside it:
    listed with the ``note`` on how they differ, never compared).
    """

    scope: str
    before: Figure
    after: Figure
    change: Decimal | None
    change_percent: Decimal | None
    direction: str | None
    verdict: str | None
    note: str

    @property
    def subject(self) -> Named | None:
        """The subject both figures are about, or ``None`` when they are about different ones."""
        return self.before.subject if self.before.subject == self.after.subject else None

    @property
    def indicator(self) -> Named | None:
        """The indicator both figures measure, or ``None`` when they measure related ones."""
        return self.before.indicator if self.before.indicator == self.after.indicator else None


def _number(value: Decimal) -> str:
    """A decimal without a trailing ``.0``: ``644``, ``56.71``, ``-50000``."""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def _plain_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def measure_changes(ds: Dataset, *, first: str, second: str, contents: Contents | None = None) -> list[MeasureChange]:
    """Every measure both the ``first`` and the ``second`` year's reports state, by the ``indicator-pairs`` question.

    Same-scope pairs come first, then the pairs whose scope differs, each in the
    order of their subject's and indicator's names.

    Parameters
    ----------
    ds
        The dataset (as :func:`graph.sparql.load.load` returns it).
    first, second
        The years of the earlier and the later report (``"2021"``, ``"2023"``).
    contents
        The dataset as :func:`graph.build.contents.read_contents` reads it, if you have it.
    """
    from graph.build.contents import local_name, read_contents
    from graph.sparql.api import answer
    from graph.sparql.engine import to_python
    from graph.sparql.library import read_library

    contents = contents or read_contents(ds)
    figures = {f.iri: f for f in contents.figures}

    def named(iri: str) -> Named:
        entity = contents.entities.get(iri)
        if entity is not None:
            return Named(entity.id, entity.name_zh, entity.name_en)
        return Named(local_name(iri), contents.label(iri, "zh"), contents.label(iri, "en"))

    def figure(iri: str, indicator: str, normalised: Decimal, unit: str) -> Figure:
        f = figures[iri]
        qualifiers = tuple(q for q in f.qualifier_en.split(", ") if q)
        return Figure(f.id, f.year, named(f.subject), named(indicator), Decimal(f.value), f.unit, qualifiers,
                      normalised, local_name(unit), f.spans)

    _, result = answer(ds, read_library()["indicator-pairs"].text)
    out = []
    for row in result.rows:
        r = {name: to_python(value) for name, value in zip(result.vars, row, strict=True)}
        if str(r["from_year"]) != first or str(r["to_year"]) != second:
            continue
        notes = [n for n in dict.fromkeys((r["from_scope_note"], r["to_scope_note"])) if n]
        note = f"{first}: {notes[0]} {second}: {notes[1]}" if r["scope"] == "differs" and len(notes) == 2 else " ".join(notes)
        direction = local_name(r["direction"]) if r["direction"] else None
        out.append(MeasureChange(
            scope=r["scope"],
            before=figure(r["from_figure"], r["from_indicator"], Decimal(r["from_normalised"]), r["from_unit"]),
            after=figure(r["to_figure"], r["to_indicator"], Decimal(r["to_normalised"]), r["to_unit"]),
            change=None if r["change"] is None else Decimal(r["change"]),
            change_percent=None if r["change_percent"] is None else Decimal(r["change_percent"]),
            direction={"HigherIsBetter": "higher-is-better", "LowerIsBetter": "lower-is-better"}.get(direction or ""),
            verdict=r["verdict"], note=note,
        ))
    out.sort(key=lambda m: (m.scope != "same", m.before.subject.zh, m.before.indicator.en, m.after.subject.zh,
                            m.after.indicator.en, m.before.id, m.after.id))
    return out


def _side(f: Figure) -> dict[str, Any]:
    return {
        "year": f.year, "figure": f.id, "subject": f.subject.as_dict(), "indicator": f.indicator.as_dict(),
        "value": _plain_number(f.value), "unit": f.unit, "qualifiers": list(f.qualifiers),
        "normalised": _plain_number(f.normalised), "base_unit": f.base_unit, "at": [str(s) for s in f.spans],
    }


def measure_record(m: MeasureChange) -> dict[str, Any]:
    """One compared measure as a JSON object.

    Its subject and indicator (``null`` where the two sides differ), both sides
    (year, figure, subject, indicator, value and unit as printed, qualifiers,
    normalised value, base unit, citations), the change, its verdict and the note.
    """
    return {
        "scope": m.scope,
        "subject": m.subject.as_dict() if m.subject else None,
        "indicator": m.indicator.as_dict() if m.indicator else None,
        "from": _side(m.before), "to": _side(m.after),
        "change": _plain_number(m.change), "change_percent": _plain_number(m.change_percent),
        "direction": m.direction, "verdict": m.verdict, "note": m.note,
    }


#: The columns of ``zonekg diff --format csv``, one row per measure.
CSV_COLUMNS = (
    "scope", "subject_id", "subject_zh", "subject_en", "indicator_id", "indicator_zh", "indicator_en",
    "from_year", "from_figure", "from_subject_id", "from_indicator_id", "from_value", "from_unit", "from_qualifiers", "from_at",
    "to_year", "to_figure", "to_subject_id", "to_indicator_id", "to_value", "to_unit", "to_qualifiers", "to_at",
    "from_normalised", "to_normalised", "base_unit", "change", "change_percent", "direction", "verdict", "note",
)


def measures_csv(measures: list[MeasureChange]) -> str:
    """The measures as CSV (RFC 4180, ``\\r\\n`` line ends), one row per measure with the columns of :data:`CSV_COLUMNS`."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in measures:
        subject, indicator = m.subject or Named("", "", ""), m.indicator or Named("", "", "")
        sides = []
        for f in (m.before, m.after):
            sides += [f.year, f.id, f.subject.id, f.indicator.id, _number(f.value), f.unit, " ".join(f.qualifiers),
                      " ".join(str(s) for s in f.spans)]
        base = m.before.base_unit if m.before.base_unit == m.after.base_unit else f"{m.before.base_unit} → {m.after.base_unit}"
        writer.writerow([
            m.scope, subject.id, subject.zh, subject.en, indicator.id, indicator.zh, indicator.en, *sides,
            _number(m.before.normalised), _number(m.after.normalised), base,
            "" if m.change is None else _number(m.change), "" if m.change_percent is None else _number(m.change_percent),
            m.direction or "", m.verdict or "", m.note,
        ])
    return buffer.getvalue()


def format_measures(measures: list[MeasureChange], *, first: str, second: str) -> str:
    """The measures as an aligned table (Chinese counts two columns), the notes on scope below it.

    Examples
    --------
    >>> f = Figure("f", "2021", Named("z", "甲", "Z"), Named("i", "乙", "I"), Decimal("4"), "家", (), Decimal("4"), "Count", ())
    >>> from dataclasses import replace
    >>> m = MeasureChange("same", f, replace(f, year="2023", value=Decimal("9")), Decimal("5"), Decimal("125"),
    ...                   "higher-is-better", "improved", "")
    >>> print(format_measures([m], first="2021", second="2023"))
    measures stated in both the 2021 and the 2023 report (1): 1 compared, 0 whose scope differs
    subject | indicator | 2021 | 2023 | change   | change % | verdict
    --------+-----------+------+------+----------+----------+---------
    甲      | I         | 4 家 | 9 家 | +5 Count | +125%    | improved
    """
    from graph.sparql.formats import display_width

    same = [m for m in measures if m.scope == "same"]
    lines = [f"measures stated in both the {first} and the {second} report ({len(measures)}): "
             f"{len(same)} compared, {len(measures) - len(same)} whose scope differs"]
    if not measures:
        return lines[0]
    header = ["subject", "indicator", first, second, "change", "change %", "verdict"]
    rows: list[list[str]] = []
    notes: list[str] = []
    for m in measures:
        subject = m.subject.zh if m.subject else f"{m.before.subject.zh} → {m.after.subject.zh}"
        indicator = m.indicator.en if m.indicator else f"{m.before.indicator.en} → {m.after.indicator.en}"
        if m.scope == "same":
            change = "" if m.change is None else f"{'+' if m.change > 0 else ''}{_number(m.change)} {m.before.base_unit}"
            percent = "" if m.change_percent is None else f"{'+' if m.change_percent > 0 else ''}{_number(m.change_percent)}%"
            verdict = m.verdict or ""
        else:
            notes.append(f"  [{len(notes) + 1}] {subject}, {indicator}: {m.note}")
            change, percent, verdict = "", "", f"scope differs [{len(notes)}]"
        rows.append([subject, indicator, m.before.printed(), m.after.printed(), change, percent, verdict])
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    pad = lambda text, width: text + " " * (width - display_width(text))  # noqa: E731
    lines.append(" | ".join(pad(h, w) for h, w in zip(header, widths, strict=True)).rstrip())
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    if notes:
        lines.append("scope differs: listed, not compared")
        lines += notes
    return "\n".join(lines)
