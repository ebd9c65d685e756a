"""The graph page as a file: self-contained, offline, escaped, complete and byte-for-byte repeatable.

The browser tests (``test_viewer_browser.py``) check what it does; these check what it is.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from graph.network.projection import to_networkx
from graph.page.build import (
    MEASURE_NAMES,
    build_page,
    class_style,
    page_title,
)
from graph.page.safe import safe_json


@pytest.fixture(scope="module")
def hostile_html(hostile_dataset, payloads):
    return build_page(hostile_dataset, title=payloads[0]).html


@pytest.fixture(scope="module")
def kunshan_html(kunshan_page):
    return kunshan_page.read_text(encoding="utf-8")


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="zonekg-data">(.*?)</script>', html, re.S)
    assert match, "the page carries its data as one JSON document"
    return json.loads(match.group(1))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_page_loads_nothing_from_anywhere(kunshan_html):
    for tag, attrs in tags(kunshan_html):
        for name in ("src", "href", "data", "action", "srcset", "poster"):
            value = attrs.get(name)
            assert value is None or value.startswith("data:"), (tag, name, value)
    assert not re.search(r"""url\(\s*(?!['"]?data:)""", kunshan_html), "CSS may only use data: URLs"
    assert "sourceMappingURL" not in kunshan_html
    assert "cdn" not in " ".join(a.get("src", "") + a.get("href", "") for _, a in tags(kunshan_html))


def test_page_has_a_strict_content_security_policy(kunshan_html):
    csp = next(a["content"] for t, a in tags(kunshan_html) if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-eval" not in csp
    scripts = [s for s in re.findall(r"<script>(.*?)</script>", kunshan_html, re.S)]
    assert len(scripts) == 2 and csp.count("'sha256-") == 2  # vis-network and the page's script, allowed by hash only


def test_page_holds_every_entity_and_relation(kunshan_html, kunshan_dataset):
    g = to_networkx(kunshan_dataset)
    data = page_data(kunshan_html)
    assert [n["iri"] for n in data["nodes"]] == sorted(g)
    assert len(data["vis"]["nodes"]) == g.number_of_nodes() and len(data["vis"]["edges"]) == g.number_of_edges()
    drawn = sorted((data["nodes"][e["from"]]["iri"], data["nodes"][e["to"]]["iri"], data["edges"][e["id"]]["rel"]) for e in data["vis"]["edges"])
    assert drawn == sorted((u, v, k) for u, v, k in g.edges(keys=True))
    assert {c["name"] for c in data["classes"]} == {d["cls"] for _, d in g.nodes(data=True)}
    assert data["vis"]["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["vis"]["nodes"])
    assert {m["name"] for m in data["measures"]} == set(MEASURE_NAMES)


def test_page_quotes_the_reports_when_given_them(kunshan_html, kunshan_texts):
    data = page_data(kunshan_html)
    assert len(data["spans"]) > 500
    for key, (before, span, after) in list(data["spans"].items())[:200]:
        report, _, where = key.partition(":")
        start, end = (int(x) for x in where.split("-"))
        assert span == kunshan_texts[report][start:end].replace("\n", "")


def test_page_built_without_the_reports_quotes_nothing(kunshan_dataset):
    data = page_data(build_page(kunshan_dataset).html)
    assert data["spans"] == {}
    gcl = next(n for n in data["nodes"] if n["iri"].endswith("/gcl-optoelectronics"))
    assert gcl["d"]["spans"] and gcl["d"]["figures"], "the sources are still cited by position"


def test_hostile_text_never_reaches_the_page_as_markup(hostile_html, payloads):
    for payload in payloads:
        assert payload not in hostile_html
    assert [t for t, _ in tags(hostile_html) if t in ("img", "a", "iframe")] == []
    assert [t for t, _ in tags(hostile_html)].count("script") == 3  # the data, vis-network, the page's script
    data = page_data(hostile_html)
    assert data["title"] == payloads[0] and {n["zh"] for n in data["nodes"]} <= set(payloads)
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in hostile_html


def test_safe_json_round_trips_and_cannot_close_a_script(payloads):
    value = {"a": list(payloads), "b": "\u2028 & <!-- -->"}
    text = safe_json(value)
    assert json.loads(text) == value
    assert not re.search(r"[<>&\u2028\u2029]", text)


def test_page_is_repeatable(kunshan_dataset, kunshan_texts, kunshan_html):
    assert build_page(kunshan_dataset, texts=kunshan_texts).html == kunshan_html


def test_kunshan_page_is_byte_identical_across_hash_seeds(tmp_path, corpus_dir, in_processes):
    first, second = in_processes(["build", "-q", "--corpus", str(corpus_dir)], tmp_path)
    assert first["graph.html"] == second["graph.html"]


def test_size_by_must_be_a_measure(kunshan_dataset):
    with pytest.raises(ValueError, match="size_by"):
        build_page(kunshan_dataset, size_by="shoe-size")


def test_every_class_has_a_distinct_style():
    from graph.vocab.terms import ENTITY_CLASSES

    styles = {cls: class_style(cls) for cls in ENTITY_CLASSES}
    assert len(set(styles.values())) == len(styles)


def test_title_names_the_zone(kunshan_dataset):
    assert page_title(to_networkx(kunshan_dataset)) == "昆山高新区 · Kunshan High-tech Zone — zonekg"

