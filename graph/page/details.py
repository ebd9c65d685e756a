"""What the page's side panel says of each entity, read from the dataset, with every fact's source.

:func:`entity_details` gathers, for each node of the projection: its record
id, aliases (and which of its names the curators supplied, no report
printing them) and note, the places the reports name it, its figures by
year (value, unit, qualifier, whether a recorded tension involves it,
including the figures of another subject that concern it), the events it
takes part in with their status (happened or planned), and the tensions
that involve it, all from
:func:`graph.build.contents.read_contents`. Every fact refers to its spans by
the key ``str(span)`` (``report:start-end``), the form the page's JSON uses;
:attr:`Details.spans` gives each span's report and year and, when the
reports' texts are given, the sentence that holds it
(:func:`graph.curation.text.quote`), so that a generated page may quote the
source while the repository never does. Search keys (names, aliases, their
pinyin and pinyin initials) come from :func:`search_keys`.

Examples
--------
>>> search_keys(["昆山高新区"], ["Kunshan High-tech Zone"])
['kunshangaoxinqu', 'ksgxq', 'kunshan high-tech zone', '昆山高新区']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Dataset

from graph.build.contents import Contents, EventInfo, FigureInfo, TensionInfo, read_contents
from graph.curation.records import Citation
from graph.curation.text import quote

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Details", "entity_details", "search_keys"]


@dataclass(frozen=True)
class Details:
    """The side panel's data: ``entities`` by IRI, ``spans`` by key, ``reports`` by id."""

    entities: Mapping[str, Mapping[str, Any]]
    spans: Mapping[str, Mapping[str, Any]]
    reports: Mapping[str, Mapping[str, str]]

def search_keys(names_zh: Iterable[str], names_en: Iterable[str]) -> list[str]:
    """Lower-case keys a search box matches: pinyin (full and initials) of the Chinese names, then every name."""
    from pypinyin import Style, lazy_pinyin

    keys: list[str] = []
    for name in names_zh:
        if not name:
            continue
        syllables = [s.lower() for s in lazy_pinyin(name, errors="ignore") if s.strip()]
        keys.append("".join(syllables))
        keys.append("".join(s[0] for s in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore") if s.strip()).lower())
    keys.extend(name.lower() for name in names_en if name)
    keys.extend(name.lower() for name in names_zh if name)
    seen: dict[str, None] = {}
    for key in keys:
        if key and key not in seen:
            seen[key] = None
    return list(seen)


class _Spans:
    """The spans the panel cites, each with its report's year and, given the texts, its sentence."""

    def __init__(self, contents: Contents, texts: Mapping[str, str]) -> None:
        self.contents = contents
        self.texts = texts
        self.entries: dict[Citation, dict[str, Any]] = {}

    def keys(self, spans: Iterable[Citation]) -> list[str]:
        """Record ``spans`` and return their keys, in span order."""
        out = []
        for span in sorted(set(spans)):
            if span not in self.entries:
                report = self.contents.reports.get(span.source)
                entry: dict[str, Any] = {"report": span.source, "year": report.year if report else "",
                                         "start": span.start, "end": span.end}
                if span.source in self.texts:
                    entry["quote"] = list(quote(self.texts[span.source], span.start, span.end))
                self.entries[span] = entry
            out.append(str(span))
        return out


def entity_details(ds: Dataset | Contents, g: nx.MultiDiGraph, *, texts: Mapping[str, str] | None = None) -> Details:
    """The side panel's data for every node of ``g`` (see the module docstring).

    Parameters
    ----------
    ds
        The dataset ``g`` was projected from, or its :class:`~graph.build.contents.Contents`.
    texts
        The reports' texts by source id; when given, each span carries its sentence.
    """
    contents = ds if isinstance(ds, Contents) else read_contents(ds)
    spans = _Spans(contents, texts or {})
    tensions: dict[str, list[TensionInfo]] = {}
    for tension in contents.tensions:
        for target in tension.involves:
            tensions.setdefault(target, []).append(tension)
    figures_of: dict[str, list[FigureInfo]] = {}
    for figure in contents.figures:
        for concerned in dict.fromkeys((figure.subject, *figure.about)):
            figures_of.setdefault(concerned, []).append(figure)
    events_of: dict[str, list[tuple[EventInfo, str]]] = {}
    for event in contents.events:
        for role, members in (("participant", event.participants), ("about", event.about)):
            for member in members:
                events_of.setdefault(member, []).append((event, role))

    def tension_entry(tension: TensionInfo) -> dict[str, Any]:
        return {"id": tension.id, "kind_en": tension.kind_en, "kind_zh": tension.kind_zh, "note": tension.note,
                "spans": spans.keys(tension.spans)}

    entities: dict[str, dict[str, Any]] = {}
    for node in sorted(g):
        entity = contents.entities.get(node)
        aliases = list(entity.aliases) if entity else []
        observations = figures_of.get(node, [])
        figures = [{
            "id": f.id, "year": f.year, "indicator_zh": f.indicator_zh, "indicator_en": f.indicator_en,
            "value": f.value, "unit": f.unit, "qualifier_en": f.qualifier_en, "qualifier_zh": f.qualifier_zh,
            "spans": spans.keys(f.spans), "tensions": [t.id for t in tensions.get(f.iri, [])],
            **({"of": f.subject} if f.subject != node else {}),
        } for f in observations]
        figures.sort(key=lambda f: (f["year"], f["indicator_zh"], f["id"]))
        events = [{
            "zh": e.name_zh, "en": e.name_en, "date": e.date, "cls": e.cls, "role": role, "status": e.status,
            "spans": spans.keys(e.spans),
        } for e, role in events_of.get(node, [])]
        events.sort(key=lambda e: (e["date"], e["en"], e["role"]))
        involved = list(tensions.get(node, []))
        involved += [t for f in observations for t in tensions.get(f.iri, []) if t not in involved]
        attrs = g.nodes[node]
        entities[node] = {
            "id": entity.id if entity else node.rsplit("/", 1)[-1],
            "aliases": aliases, "supplied": list(entity.supplied) if entity else [], "note": entity.note if entity else "",
            "spans": spans.keys(entity.spans) if entity else [],
            "figures": figures, "events": events, "tensions": [tension_entry(t) for t in dict.fromkeys(involved)],
            "search": search_keys([attrs.get("name_zh", ""), *aliases], [attrs.get("name_en", "")]),
        }
    for _, _, data in g.edges(data=True):  # edges' citations get their sentences too
        spans.keys(data.get("spans", ()))
    reports = {rid: {"year": r.year, "title": r.title} for rid, r in contents.reports.items()}
    return Details(
        entities=entities, spans={str(span): entry for span, entry in sorted(spans.entries.items())}, reports=reports,
    )
