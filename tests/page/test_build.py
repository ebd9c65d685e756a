"""The graph page as a file: self-contained, offline, escaped, complete and byte-for-byte repeatable.

The browser tests (``test_build_browser.py``) check what it does; these check what it is. Each rule
is checked on the mini zone's page in the fast loop and on the Kunshan page (``slow``).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from graph.build.dataset import to_dataset
from graph.curation.records import read_records
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
def mini_ds(mini_dir, ontology):
    records, _ = read_records(mini_dir / "records")
    return to_dataset(records, ontology=ontology)


@pytest.fixture(scope="module")
def mini_html(mini_ds, mini_corpus):
    """The mini zone's page, quoting its report: every rule below holds for it as for Kunshan's, in a fraction of the time."""
    return build_page(mini_ds, texts=mini_corpus).html


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


# -- the rules, each checked on the mini page (fast) and on the Kunshan page (slow) -----------------
def loads_nothing_from_anywhere(html: str) -> None:
    for tag, attrs in tags(html):
        for name in ("src", "href", "data", "action", "srcset", "poster"):
            value = attrs.get(name)
            assert value is None or value.startswith("data:"), (tag, name, value)
    assert not re.search(r"""url\(\s*(?!['"]?data:)""", html), "CSS may only use data: URLs"
    assert "sourceMappingURL" not in html
    assert "cdn" not in " ".join(a.get("src", "") + a.get("href", "") for _, a in tags(html))


def has_a_strict_content_security_policy(html: str) -> None:
    csp = next(a["content"] for t, a in tags(html) if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-eval" not in csp
    scripts = list(re.findall(r"<script>(.*?)</script>", html, re.S))
    assert len(scripts) == 2 and csp.count("'sha256-") == 2  # vis-network and the page's script, allowed by hash only


def holds_every_entity_and_relation(html: str, ds) -> None:
    g = to_networkx(ds)
    data = page_data(html)
    assert [n["iri"] for n in data["nodes"]] == sorted(g)
    assert len(data["vis"]["nodes"]) == g.number_of_nodes() and len(data["vis"]["edges"]) == g.number_of_edges()
    drawn = sorted((data["nodes"][e["from"]]["iri"], data["nodes"][e["to"]]["iri"], data["edges"][e["id"]]["rel"])
                   for e in data["vis"]["edges"])
    assert drawn == sorted((u, v, k) for u, v, k in g.edges(keys=True))
    assert {c["name"] for c in data["classes"]} == {d["cls"] for _, d in g.nodes(data=True)}
    assert data["vis"]["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["vis"]["nodes"])
    assert {m["name"] for m in data["measures"]} == set(MEASURE_NAMES)


def quotes_the_reports(html: str, texts: dict[str, str], *, at_least: int) -> None:
    data = page_data(html)
    assert len(data["spans"]) >= at_least
    for key, (_before, span, _after) in list(data["spans"].items())[:200]:
        report, _, where = key.partition(":")
        start, end = (int(x) for x in where.split("-"))
        assert span == texts[report][start:end].replace("\n", "")


def test_mini_page_loads_nothing_from_anywhere(mini_html):
    loads_nothing_from_anywhere(mini_html)


@pytest.mark.slow
def test_page_loads_nothing_from_anywhere(kunshan_html):
    loads_nothing_from_anywhere(kunshan_html)


def test_mini_page_has_a_strict_content_security_policy(mini_html):
    has_a_strict_content_security_policy(mini_html)


@pytest.mark.slow
def test_page_has_a_strict_content_security_policy(kunshan_html):
    has_a_strict_content_security_policy(kunshan_html)


def test_mini_page_holds_every_entity_and_relation(mini_html, mini_ds):
    holds_every_entity_and_relation(mini_html, mini_ds)


@pytest.mark.slow
def test_page_holds_every_entity_and_relation(kunshan_html, kunshan_dataset):
    holds_every_entity_and_relation(kunshan_html, kunshan_dataset)


def test_mini_page_quotes_its_report(mini_html, mini_corpus):
    quotes_the_reports(mini_html, mini_corpus, at_least=10)


@pytest.mark.slow
def test_page_quotes_the_reports_when_given_them(kunshan_html, kunshan_texts):
    quotes_the_reports(kunshan_html, kunshan_texts, at_least=500)


def test_mini_page_built_without_the_report_quotes_nothing(mini_ds):
    data = page_data(build_page(mini_ds).html)
    assert data["spans"] == {}
    zone = next(n for n in data["nodes"] if n["iri"].endswith("/demo-zone"))
    assert zone["d"]["spans"] and zone["d"]["figures"], "the sources are still cited by position"


@pytest.mark.slow
def test_page_built_without_the_reports_quotes_nothing(kunshan_dataset):
    data = page_data(build_page(kunshan_dataset).html)
    assert data["spans"] == {}
    gcl = next(n for n in data["nodes"] if n["iri"].endswith("/gcl-optoelectronics"))
    assert gcl["d"]["spans"] and gcl["d"]["figures"], "the sources are still cited by position"


def test_mini_page_is_repeatable_and_is_what_build_writes(mini_ds, mini_corpus, mini_html, mini_trig):
    assert build_page(mini_ds, texts=mini_corpus).html == mini_html
    assert mini_trig.with_name("graph.html").read_text(encoding="utf-8") == mini_html


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


@pytest.mark.slow
def test_page_is_repeatable(kunshan_dataset, kunshan_texts, kunshan_html):
    assert build_page(kunshan_dataset, texts=kunshan_texts).html == kunshan_html


@pytest.mark.slow
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

