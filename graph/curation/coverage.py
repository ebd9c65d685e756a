"""Completeness: which figures and names of the reports no record accounts for.

Two checks over each report's text, read with whitespace removed (so a name
or number split by a line break still counts):

* :func:`uncovered_figures` — every number followed by a unit or counter
  (亿元, 万平方米, 亩, 公里, MW, %, 家, 个, 名, 张 …, and 强 of a ranking such
  as 前30强; a year such as ``2021年`` is a date and not counted), with or
  without 多 or 余 between them (100多家), must lie in the citation of an
  observation whose value is that number, or of an event whose date or label
  holds it, or be listed in ``not-modelled.yaml``;
* :func:`uncovered_names` — every word that ends like an organisation, place
  or programme name (公司, 集团, 大学, 学院, 研究院, 中心, 园, 空间, 基地, 小镇,
  计划, 平台, 联盟 …) must stand inside a printed name or alias of an entity,
  or inside a ``not-modelled.yaml`` text.

Each gap is a :class:`Gap` with the report, the raw offsets and the text, so
a curator can ``zonekg locate`` it and add the record.

Examples
--------
>>> from graph.curation.records import parse_records
>>> records, _ = parse_records({"entities/e.yaml": "- {id: p, class: Company, name_zh: 甲公司, name_en: P, at: 'r:0-3'}"})
>>> [g.format() for g in uncovered_names(records, {"r": "甲公司与乙公司合作"})]
['r:5-7 公司 (…甲公司与乙公司合…)']
>>> [g.text for g in uncovered_figures(records, {"r": "新增企业12家，2021年"})]
['12家']
>>> [g.text for g in uncovered_figures(records, {"r": "相距5公里，发3张卡，进入前20强，引进40多家"})]
['5公里', '3张', '20强', '40多家']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from graph.curation.records import Citation, RecordSet
from graph.curation.text import squash, squashed_with_offsets

__all__ = ["FIGURE_UNITS", "NAME_SUFFIXES", "Gap", "uncovered_figures", "uncovered_names"]

#: Units and counters that make a number a figure, longest first when matched.
FIGURE_UNITS: tuple[str, ...] = (
    "亿元", "万元", "元", "亿美元", "万美元", "美元", "万平方米", "平方米", "平方千米", "平方公里", "亩",
    "%", "家", "个", "名", "件", "项", "所", "枚", "位", "倍", "年", "层", "米", "分钟", "秒", "颗",
    "片", "万片", "万颗", "批", "人", "条", "座", "台", "次", "mw", "mm",
    # lengths, sheets, and the places of a ranking (前30强)
    "公里", "千米", "张", "强",
)

#: Word endings of organisation, place and programme names.
NAME_SUFFIXES: tuple[str, ...] = (
    "公司", "集团", "大学", "学院", "分院", "研究院", "研究所", "中心", "园", "园区", "空间", "加速器", "基地",
    "小镇", "科学城", "实验室", "计划", "平台", "联盟", "俱乐部", "工作站", "事务所", "学会", "社区",
    "综合体", "局", "厅",
)

_YEAR_UNIT = re.compile(r"(?:19|20)\d\d年")


@dataclass(frozen=True, order=True)
class Gap:
    """A figure or name of a report that no record accounts for."""

    source: str
    start: int
    end: int
    text: str
    context: str

    def format(self) -> str:
        """``source:start-end text (… context …)``, one gap a line."""
        return f"{self.source}:{self.start}-{self.end} {self.text} (…{self.context}…)"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


#: A number, then 多 or 余 ("more than") if printed, then a unit.
_FIGURE = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)(?:多|余)?({_alternation(FIGURE_UNITS)})")
_SUFFIX = re.compile(_alternation(NAME_SUFFIXES))


def _cites_by_source(cites: Iterable[Citation]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for c in cites:
        out.setdefault(c.source, []).append((c.start, c.end))
    return out


def _inside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _stands_in(number: str, text: str) -> bool:
    """True when ``number`` stands in ``text`` as a whole number (``3`` is not in ``2023``)."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text) is not None


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        return None


def uncovered_figures(records: RecordSet, corpus: Mapping[str, str]) -> list[Gap]:
    """Every number with a unit or counter in ``corpus`` that no record accounts for."""
    gaps: list[Gap] = []
    for source, text in sorted(corpus.items()):
        squashed, offsets = squashed_with_offsets(text)
        observed = [(c, o.value) for o in records.observations for c in o.at if c.source == source]
        events = [(c, f"{e.date} {e.name_en} {e.name_zh or ''}") for e in records.events for c in e.at if c.source == source]
        skipped_at = [(c, squash(n.text)) for n in records.not_modelled for c in n.at if c.source == source]
        skipped_anywhere = {squash(n.text) for n in records.not_modelled if not n.at}
        for m in _FIGURE.finditer(squashed):
            if _YEAR_UNIT.fullmatch(m.group(0)):
                continue
            start, end = offsets[m.start()], offsets[m.end() - 1] + 1
            number = _number(m.group(1))
            covered = (
                any(c.start <= start and end <= c.end and value == number for c, value in observed)
                or any(c.start <= start and end <= c.end and _stands_in(m.group(1), label) for c, label in events)
                or any(c.start <= start and end <= c.end and m.group(1) in t for c, t in skipped_at)
                or m.group(0) in skipped_anywhere
            )
            if not covered:
                context = squashed[max(0, m.start() - 8): m.end() + 2]
                gaps.append(Gap(source, start, end, m.group(0), context))
    return gaps


def _occurrences(haystack: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for needle in set(needles):
        if not needle:
            continue
        i = haystack.find(needle)
        while i != -1:
            spans.append((i, i + len(needle)))
            i = haystack.find(needle, i + 1)
    return spans


def uncovered_names(records: RecordSet, corpus: Mapping[str, str]) -> list[Gap]:
    """Every name-like word of ``corpus`` that is not inside an entity's name or a not-modelled text."""
    names = [squash(n) for e in records.entities for n in (e.name_zh, *e.aliases)]
    anywhere = [squash(n.text) for n in records.not_modelled if not n.at]
    gaps: list[Gap] = []
    for source, text in sorted(corpus.items()):
        squashed, offsets = squashed_with_offsets(text)
        known = _occurrences(squashed, names + anywhere)
        skipped = []
        for n in records.not_modelled:
            for c in n.at:
                if c.source == source:
                    skipped += [
                        (a, b) for a, b in _occurrences(squashed, [squash(n.text)])
                        if c.start <= offsets[a] and offsets[b - 1] < c.end
                    ]
        words = [(m.start(), m.end()) for m in _SUFFIX.finditer(squashed)]
        for s, e in words:
            if any(a <= s and e <= b and b - a > e - s for a, b in known + skipped):
                continue
            context = squashed[max(0, s - 10): e + 1]
            gaps.append(Gap(source, offsets[s], offsets[e - 1] + 1, squashed[s:e], context))
    return gaps
