"""The analysis as a report a person would rather look at than read: HTML and Markdown with charts.

:func:`render_report` returns the texts; writing them is the caller's. The
HTML is one self-contained page: its charts are inline SVG whose text is drawn
as outlines in a CJK font (WenQuanYi Micro Hei, Noto Sans CJK …), so it loads
nothing and shows Chinese on any machine; every value reaching it is escaped.
The Markdown refers to the same charts saved as SVG files beside it. The same
analysis gives byte-identical files.
"""

from __future__ import annotations

import html
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from graph.network.analysis import Analysis

__all__ = ["CJK_FONTS", "REPORT_MEASURES", "VERDICT_COLOURS", "ReportFiles", "cjk_font", "render_report"]

#: Fonts tried, in order, for Chinese text in charts.
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei")
#: The measures with a top table in the report, with their titles.
REPORT_MEASURES = {
    "betweenness": "Betweenness (brokers) 中介中心性",
    "pagerank": "PageRank",
    "degree": "Degree 度中心性",
    "closeness": "Closeness 接近中心性",
    "eigenvector": "Eigenvector 特征向量中心性",
}


@dataclass(frozen=True)
class ReportFiles:
    """The report's files by name: ``report.html``, ``report.md`` and the charts (``report-*.svg``)."""

    files: Mapping[str, str]


def cjk_font() -> str | None:
    """The first installed font of :data:`CJK_FONTS`, or ``None`` (Chinese would show as boxes)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _figure_svg(draw: Callable[[Axes], None]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = cjk_font()
    with matplotlib.rc_context({
        "svg.hashsalt": "zonekg", "svg.fonttype": "path",
        "font.family": "sans-serif", "font.sans-serif": ([font] if font else []) + ["DejaVu Sans"],
        "axes.unicode_minus": False,
    }):
        fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
        try:
            draw(ax)
            fig.tight_layout()
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        finally:
            plt.close(fig)
    return buffer.getvalue()


def _degree_chart(analysis: Analysis) -> str:
    counts = Counter(int(v) for v in analysis.measures["weighted_degree"].values())

    def draw(ax: Axes) -> None:
        xs = sorted(counts)
        ax.bar(xs, [counts[x] for x in xs], color="#4472c4")
        ax.set_yscale("log")
        ax.set_xlabel("relations per entity 每个主体的关系数")
        ax.set_ylabel("entities 主体数")
        ax.set_title("Degree distribution 度分布")

    return _figure_svg(draw)


def _class_chart(analysis: Analysis) -> str:
    by_class: dict[str, list[float]] = defaultdict(list)
    for node, attrs in analysis.nodes.items():
        by_class[str(attrs.get("cls"))].append(analysis.measures["betweenness"][node])
    means = sorted(((sum(v) / len(v), c) for c, v in by_class.items()), reverse=True)[:12]

    def draw(ax: Axes) -> None:
        ax.barh([c for _, c in reversed(means)], [m for m, _ in reversed(means)], color="#ed7d31")
        ax.set_xlabel("mean betweenness 平均中介中心性")
        ax.set_title("Centrality by class 各类主体的中心性")

    return _figure_svg(draw)


#: Bar colours of the indicator chart by verdict: better, worse, and no change or no direction.
VERDICT_COLOURS = {"improved": "#70ad47", "worsened": "#c00000"}


def _indicator_chart(changes: Sequence[Mapping[str, Any]]) -> str:
    def draw(ax: Axes) -> None:
        labels = [f"{c['indicator']} ({c['subject']})" for c in changes]
        colours = [VERDICT_COLOURS.get(str(c.get("verdict")), "#a5a5a5") for c in reversed(changes)]
        ax.barh(list(reversed(labels)), [float(c["change_percent"]) for c in reversed(changes)], color=colours)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel("change, %; green better, red worse 变化率（绿：变好，红：变差）")
        ax.set_title("Indicators stated in both reports 两份报告共有的指标")
        if not changes:
            ax.text(0.5, 0.5, "no indicator in both reports", ha="center", transform=ax.transAxes)

    return _figure_svg(draw)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _md(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table_html(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _table_md(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(_md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render_report(
    analysis: Analysis,
    *,
    changes: Sequence[Mapping[str, Any]] = (),
    differing: Sequence[Mapping[str, Any]] = (),
    title: str = "Kunshan High-tech Zone network",
    top: int = 10,
) -> ReportFiles:
    """Render the report of ``analysis`` and the indicator ``changes`` (rows of the ``indicator-change`` query).

    Each change is a mapping with ``indicator``, ``subject``, ``from_year``,
    ``to_year``, ``from_value``, ``to_value``, ``unit``, ``change``,
    ``change_percent`` and (optionally) ``verdict``, which colours its bar.
    ``differing`` lists the related measures whose scope differs (listed, not
    compared): mappings with ``subject``, ``from`` and ``to`` (the two figures
    as read) and ``note``.
    """
    name = lambda n: analysis.nodes[n].get("name_zh") or n  # noqa: E731
    names = {c: analysis.nodes.get(c.dominant_industry or "", {}).get("name_zh", "") for c in analysis.communities}
    sections: list[tuple[str, Sequence[str], list[list[Any]]]] = []
    for measure, heading in REPORT_MEASURES.items():
        rows = [[i + 1, name(n), analysis.nodes[n].get("cls"), f"{v:.4f}"] for i, (n, v) in enumerate(analysis.top(measure, top))]
        sections.append((f"Top {top} by {heading}", ["#", "entity 主体", "class 类别", measure], rows))
    sections.append((
        f"Brokers 中介节点 ({len(analysis.brokers)}): removing one splits the network",
        ["entity 主体", "class 类别", "betweenness"],
        [[name(n), analysis.nodes[n].get("cls"), f"{analysis.measures['betweenness'][n]:.4f}"]
         for n in sorted(analysis.brokers, key=lambda n: (-analysis.measures["betweenness"][n], n))],
    ))
    big = [c for c in analysis.communities if len(c.members) > 1][:top]
    sections.append((
        f"Communities 社群 ({len(analysis.communities)}, modularity {analysis.modularity:.3f}; the {len(big)} largest)",
        ["#", "named by its most central members 核心成员", "size 规模", "dominant industry 主导产业"],
        [[c.number, c.name, len(c.members), names[c]] for c in big],
    ))
    sections.append((
        "Indicators stated in both reports 指标变化",
        ["indicator 指标", "subject 主体", "from", "to", "value from → to", "change", "change %", "verdict 评价"],
        [[c["indicator"], c["subject"], c["from_year"], c["to_year"], f"{c['from_value']} → {c['to_value']} {c['unit']}",
          c["change"], c["change_percent"], c.get("verdict", "")] for c in changes],
    ))
    if differing:
        sections.append((
            "Related measures whose scope differs 口径不同的相关指标 (listed, not compared)",
            ["subject 主体", "from", "to", "how they differ 口径差异"],
            [[d["subject"], d["from"], d["to"], d["note"]] for d in differing],
        ))
    charts = {
        "report-degree.svg": _degree_chart(analysis),
        "report-centrality.svg": _class_chart(analysis),
        "report-indicators.svg": _indicator_chart(changes),
    }
    summary = (f"{len(analysis.nodes)} entities, {len(analysis.communities)} communities, "
               f"{len(analysis.brokers)} brokers, {len(analysis.bridges)} bridges; community seed {analysis.seed}.")
    page = [
        "<!DOCTYPE html>", '<html lang="zh-Hans-CN"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
        f"<title>{_e(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}th{background:#eee}figure{margin:1em 0}</style>",
        "</head><body>", f"<h1>{_e(title)}</h1>", f"<p>{_e(summary)}</p>",
    ]
    page += [f"<figure>{svg[svg.index('<svg'):]}</figure>" for svg in charts.values()]
    markdown = [f"# {_md(title)}", "", _md(summary), ""]
    markdown += [f"![{n}]({n})" for n in charts] + [""]
    for heading, headers, rows in sections:
        page += [f"<h2>{_e(heading)}</h2>", _table_html(headers, rows)]
        markdown += [f"## {_md(heading)}", "", _table_md(headers, rows), ""]
    page.append("</body></html>")
    return ReportFiles({"report.html": "\n".join(page) + "\n", "report.md": "\n".join(markdown), **charts})
