"""What the page's side panel says of each entity, read from the dataset, with every fact's source.

:func:`entity_details` gathers, for each node of the projection: its record
id, aliases and note, the places the reports name it, its figures by year
(value, unit, qualifier, whether a recorded tension involves it), the
events it takes part in, and the tensions that involve it. Every fact
refers to its spans by a key ``report:start-end``; :attr:`Details.spans`
gives each span's report and year and, when the reports' texts are given,
the sentence that holds it (:func:`quote`), so that a generated page may
quote the source while the repository never does. Search keys (names,
aliases, their pinyin and pinyin initials) come from :func:`search_keys`.

Examples
--------
>>> quote("第一句。示例生物公司落户示\\n例科技园，董事长张三。下一句", 4, 18)
('', '示例生物公司落户示例科技园', '，董事长张三。')
>>> search_keys(["昆山高新区"], ["Kunshan High-tech Zone"])
['kunshangaoxinqu', 'ksgxq', 'kunshan high-tech zone', '昆山高新区']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from rdflib import Dataset, Literal, URIRef

from .namespaces import DCTERMS, OA, ONTOLOGY_IRI, RDF, RDFS, SDO, SKOS, ZK

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Details", "entity_details", "quote", "search_keys"]

_STOPS = "。！？；!?;"
_CONTEXT = 120


@dataclass(frozen=True)
class Details:
    """The side panel's data: ``entities`` by IRI, ``spans`` by key, ``reports`` by id."""

    entities: Mapping[str, Mapping[str, Any]]
    spans: Mapping[str, Mapping[str, Any]]
    reports: Mapping[str, Mapping[str, str]]


def quote(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence of ``text`` around ``[start, end)`` as *(before, span, after)*, line breaks removed.

    The sentence runs from the end of the previous sentence (``。！？；`` or a
    blank line) to the end of its own, at most 120 characters either side.
    """

    def clean(part: str) -> str:
        return part.replace("\r", "").replace("\n", "")

    left = start
    while left > 0 and start - left < _CONTEXT and text[left - 1] not in _STOPS and text[left - 2 : left] != "\n\n":
        left -= 1
    right = end
    while right < len(text) and right - end < _CONTEXT and text[right] not in _STOPS and text[right : right + 2] != "\n\n":
        right += 1
    if right < len(text) and text[right] in _STOPS:
        right += 1
    before, after = clean(text[left:start]).lstrip(), clean(text[end:right]).rstrip()
    if left > 0 and start - left >= _CONTEXT:
        before = "…" + before
    if right < len(text) and right - end >= _CONTEXT:
        after = after + "…"
    return before, clean(text[start:end]), after


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


class _Reader:
    def __init__(self, ds: Dataset, texts: Mapping[str, str] | None) -> None:
        self.ontology = ds.graph(ONTOLOGY_IRI)
        self.data = [g for g in ds.graphs() if g.identifier != ONTOLOGY_IRI and len(g)]
        self.texts = texts or {}
        self.reports: dict[str, dict[str, str]] = {}
        self.report_ids: dict[URIRef, str] = {}
        for g in self.data:
            for report, year in g.subject_objects(ZK.yearCovered):
                rid = str(g.value(report, DCTERMS.identifier) or str(report).rsplit("/", 1)[-1])
                self.report_ids[report] = rid
                self.reports[rid] = {"year": str(year)[:4], "title": str(g.value(report, DCTERMS.title) or rid)}
        self.spans: dict[str, dict[str, Any]] = {}

    def values(self, subject, predicate) -> list:
        return [o for g in self.data for o in g.objects(subject, predicate)]

    def label(self, node, lang: str) -> str:
        for g in (*self.data, self.ontology):
            for label in g.objects(node, RDFS.label):
                if isinstance(label, Literal) and label.language == lang:
                    return str(label)
        return ""

    def evidence(self, node) -> list[str]:
        keys = set()
        for span in self.values(node, ZK.evidence):
            report = self.values(span, OA.hasSource)[0]
            selector = self.values(span, OA.hasSelector)[0]
            start, end = int(self.values(selector, OA.start)[0]), int(self.values(selector, OA.end)[0])
            keys.add(self.span(self.report_ids.get(report, str(report).rsplit("/", 1)[-1]), start, end))
        return sorted(keys, key=_span_order)

    def span(self, rid: str, start: int, end: int) -> str:
        """Record the span (quoting it when the report's text is known) and return its key."""
        key = f"{rid}:{start}-{end}"
        if key not in self.spans:
            entry: dict[str, Any] = {"report": rid, "year": self.reports.get(rid, {}).get("year", ""), "start": start, "end": end}
            if rid in self.texts:
                entry["quote"] = list(quote(self.texts[rid], start, end))
            self.spans[key] = entry
        return key


def _span_order(key: str) -> tuple[str, int, int]:
    report, _, where = key.rpartition(":")
    start, _, end = where.partition("-")
    return report, int(start), int(end)


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _number(value) -> str:
    text = str(value)
    return text[:-2] if text.endswith(".0") else text


def entity_details(ds: Dataset, g: "nx.MultiDiGraph", *, texts: Mapping[str, str] | None = None) -> Details:
    """The side panel's data for every node of ``g`` (see the module docstring).

    Parameters
    ----------
    ds
        The dataset ``g`` was projected from.
    texts
        The reports' texts by source id; when given, each span carries its sentence.
    """
    reader = _Reader(ds, texts)
    tensions: dict[URIRef, list[URIRef]] = {}
    for tension in sorted({t for gr in reader.data for t in gr.subjects(RDF.type, ZK.Tension)}, key=str):
        for involved in reader.values(tension, ZK.involves):
            tensions.setdefault(involved, []).append(tension)

    def tension_entry(tension) -> dict[str, Any]:
        kinds = reader.values(tension, ZK.tensionKind)
        comments = reader.values(tension, RDFS.comment)
        return {
            "id": str(reader.values(tension, DCTERMS.identifier)[0]),
            "kind_en": reader.label(kinds[0], "en") if kinds else "", "kind_zh": reader.label(kinds[0], "zh") if kinds else "",
            "note": str(comments[0]) if comments else "", "spans": reader.evidence(tension),
        }

    entities: dict[str, dict[str, Any]] = {}
    for node in sorted(g):
        iri = URIRef(node)
        aliases = sorted({str(a) for a in reader.values(iri, SKOS.altLabel)})
        comments = sorted(str(c) for c in reader.values(iri, RDFS.comment))
        figures = []
        observations = sorted({o for gr in reader.data for o in gr.subjects(SDO.observationAbout, iri)}, key=str)
        for obs in observations:
            indicator = reader.values(obs, ZK.indicator)[0]
            qualifiers = reader.values(obs, ZK.qualifier)
            units = reader.values(obs, SDO.unitText)
            figures.append({
                "id": str(reader.values(obs, DCTERMS.identifier)[0]), "year": str(reader.values(obs, ZK.year)[0])[:4],
                "indicator_zh": reader.label(indicator, "zh"), "indicator_en": reader.label(indicator, "en"),
                "value": _number(reader.values(obs, SDO.value)[0]), "unit": str(units[0]) if units else "",
                "qualifier_en": reader.label(qualifiers[0], "en") if qualifiers else "",
                "qualifier_zh": reader.label(qualifiers[0], "zh") if qualifiers else "",
                "spans": reader.evidence(obs), "tensions": [str(reader.values(t, DCTERMS.identifier)[0]) for t in tensions.get(obs, [])],
            })
        figures.sort(key=lambda f: (f["year"], f["indicator_zh"], f["id"]))
        events = []
        for predicate, role in ((ZK.participant, "participant"), (ZK.about, "about")):
            for event in sorted({e for gr in reader.data for e in gr.subjects(predicate, iri)}, key=str):
                dates = reader.values(event, SDO.startDate)
                classes = [c for c in reader.values(event, RDF.type) if str(c).startswith(str(ZK._NS))]
                events.append({
                    "zh": reader.label(event, "zh"), "en": reader.label(event, "en"), "date": str(dates[0]) if dates else "",
                    "cls": _local(sorted(classes, key=str)[0]) if classes else "Event", "role": role, "spans": reader.evidence(event),
                })
        events.sort(key=lambda e: (e["date"], e["en"], e["role"]))
        involved = list(tensions.get(iri, []))
        involved += [t for obs in observations for t in tensions.get(obs, []) if t not in involved]
        attrs = g.nodes[node]
        entities[node] = {
            "id": str(reader.values(iri, DCTERMS.identifier)[0]) if reader.values(iri, DCTERMS.identifier) else _local(iri),
            "aliases": aliases, "note": "\n".join(comments), "spans": reader.evidence(iri),
            "figures": figures, "events": events, "tensions": [tension_entry(t) for t in dict.fromkeys(involved)],
            "search": search_keys([attrs.get("name_zh", ""), *aliases], [attrs.get("name_en", "")]),
        }
    for _, _, data in g.edges(data=True):  # edges' citations get their sentences too
        for key in data.get("sources", []):
            reader.span(*_span_order(key))
    return Details(entities=entities, spans=dict(sorted(reader.spans.items())), reports=dict(sorted(reader.reports.items())))
