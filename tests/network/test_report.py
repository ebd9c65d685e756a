"""The report: self-contained, escaped, deterministic, and Chinese drawn in a CJK font."""

from __future__ import annotations

import os
import re
import warnings

import networkx as nx
import pytest

from graph.network.analysis import analyze
from graph.network.report import VERDICT_COLOURS, cjk_font, render_report

EVIL = '<img src=x onerror=alert(1)></script><script>alert(1)</script>'


@pytest.fixture(scope="module")
def result():
    g = nx.MultiDiGraph()
    for u, v in [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]:
        g.add_edge(f"urn:x:{u}", f"urn:x:{v}", key="partnerOf")
    names = {"urn:x:a": "昆山高新区", "urn:x:b": EVIL, "urn:x:c": "协鑫光电", "urn:x:d": "丘钛微电子"}
    for node in g:
        g.nodes[node].update(cls="Company", name_zh=names[node], name_en=node)
    return analyze(g)


CHANGES = [{"indicator": "effective high-tech enterprises", "subject": "昆山高新区", "from_year": "2021", "to_year": "2023",
            "from_value": 644, "to_value": 820, "unit": "Count", "change": 176, "change_percent": 27.33, "verdict": "improved"}]


@pytest.fixture(scope="module")
def rendered(result):
    """The report, and the warnings drawing it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = render_report(result, changes=CHANGES)
    return report, [str(w.message) for w in caught]


@pytest.fixture(scope="module")
def report(rendered):
    return rendered[0]


def test_files(report):
    charts = ["report-centrality.svg", "report-degree.svg", "report-indicators.svg"]
    assert sorted(report.files) == [*charts, "report.html", "report.md"]


def test_html_loads_nothing(report):
    page = report.files["report.html"]
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert "<link" not in page and "@import" not in page and not re.search(r"url\((?!#)", page)
    assert not re.search(r'(src|href)\s*=\s*"(?!#|data:)', page)
    assert "Content-Security-Policy" in page


def test_every_value_is_escaped(report):
    page = report.files["report.html"]
    assert EVIL not in page
    assert html_escaped(EVIL) in page
    assert "\\|" not in report.files["report.md"] or EVIL.replace("|", "\\|") in report.files["report.md"]


def html_escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def test_tables_hold_the_results(report, result):
    md = report.files["report.md"]
    assert "## Top 10 by Betweenness" in md and "| 1 | 协鑫光电 | Company |" in md
    assert "| effective high-tech enterprises | 昆山高新区 | 2021 | 2023 | 644 → 820 Count | 176 | 27.33 | improved |" in md
    assert "口径不同" not in md  # no measure whose scope differs was given
    assert f"Brokers 中介节点 ({len(result.brokers)})" in md


def test_charts_are_inline_svg_with_text_as_outlines(report):
    page = report.files["report.html"]
    assert page.count("<svg") == 3
    svg = report.files["report-centrality.svg"]
    assert svg.startswith("<?xml") and "<text" not in svg  # glyphs drawn as paths: no font needed to view


def test_deterministic(result, report):
    assert render_report(result, changes=CHANGES).files == report.files


def test_chinese_is_drawn_in_a_cjk_font(rendered):
    font = cjk_font()
    if font is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no CJK font installed: CI must install fonts-wqy-microhei")
        pytest.skip("no CJK font installed (install fonts-wqy-microhei)")
    _, caught = rendered
    assert [message for message in caught if "missing from font" in message] == []


def test_analyze_writes_the_report_on_the_mini_zone(mini_trig):
    out = mini_trig.parent
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "示例高新区" in page and "Indicators stated in both reports" in page
    assert (out / "report.md").read_text(encoding="utf-8").count("![") == 3
    assert {"report-centrality.svg", "report-degree.svg", "report-indicators.svg"} <= {p.name for p in out.iterdir()}


@pytest.mark.slow
def test_analyze_writes_the_report(kunshan_trig):
    out = kunshan_trig.parent
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "昆山高新区" in page and "Indicators stated in both reports" in page
    assert (out / "report.md").read_text(encoding="utf-8").count("![") == 3


def test_measures_whose_scope_differs_are_listed_not_charted(result):
    differing = [{"subject": "国家级人才", "from": "2021: new talents 7 名", "to": "2023: talents 74 名",
                  "note": f"a yearly count against a stock {EVIL}"}]
    report = render_report(result, changes=CHANGES, differing=differing)
    md = report.files["report.md"]
    assert "## Related measures whose scope differs 口径不同的相关指标 (listed, not compared)" in md
    assert "| 国家级人才 | 2021: new talents 7 名 | 2023: talents 74 名 | a yearly count against a stock" in md
    assert html_escaped(EVIL) in report.files["report.html"] and EVIL not in report.files["report.html"]
    assert report.files["report-indicators.svg"] == render_report(result, changes=CHANGES).files["report-indicators.svg"]


def test_the_chart_colours_a_change_by_its_verdict(result):
    worse = [{**CHANGES[0], "change": -176, "change_percent": -27.33, "verdict": "worsened"}]
    assert VERDICT_COLOURS["improved"] in render_report(result, changes=CHANGES).files["report-indicators.svg"]
    assert VERDICT_COLOURS["worsened"] in render_report(result, changes=worse).files["report-indicators.svg"]


@pytest.mark.slow
def test_the_kunshan_report_lists_the_measures_whose_scope_differs(kunshan_trig):
    md = (kunshan_trig.parent / "report.md").read_text(encoding="utf-8")
    section = md.split("口径不同的相关指标")[1]
    assert section.count("\n| ") == 1 + 4 and "new national-level talents 7 名" in section and "a yearly count" in section
