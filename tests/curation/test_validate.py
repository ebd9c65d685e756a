"""Stage 2: cross-record checks, each problem kind on a small mutation of the mini fixture."""

from __future__ import annotations

import pytest

from graph.curation.records import parse_records
from graph.curation.text import squash
from graph.curation.validate import validate


def _mutate(texts, file, old, new):
    assert old in texts[file], f"fixture text {old!r} not in {file}"
    return {**texts, file: texts[file].replace(old, new, 1)}


def _problems(texts, corpus=None):
    records, report = parse_records(texts)
    assert report.ok, report.format()
    return validate(records, corpus=corpus).problems


def test_mini_fixture_is_valid_with_its_corpus(mini_texts, mini_corpus):
    assert _problems(mini_texts, mini_corpus) == ()


def test_duplicate_id(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "- id: demo-bio\n", "- id: demo-park\n")
    problems = [p for p in _problems(texts) if p.field == "id"]
    [p] = problems
    assert (p.file, p.line, p.record, p.value) == ("entities/all.yaml", 16, "demo-park", "demo-park")
    assert "duplicate id (first at entities/all.yaml:8)" in p.message


def test_duplicate_id_across_kinds(mini_texts):
    texts = _mutate(mini_texts, "observations/mini.yaml", "- id: mini-gdp", "- id: demo-zone")
    [p] = _problems(texts)
    assert (p.file, p.field, p.value) == ("observations/mini.yaml", "id", "demo-zone")


def test_dangling_reference(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "to: demo-park,", "to: demo-prak,")
    [p] = _problems(texts)
    assert (p.file, p.line, p.record, p.field, p.value) == ("entities/all.yaml", 23, "demo-bio", "to", "demo-prak")
    assert p.message == "refers to no entity (did you mean demo-park?)"


def test_reference_to_the_wrong_class(mini_texts):
    texts = _mutate(mini_texts, "observations/mini.yaml", "indicator: gdp", "indicator: demo-park")
    [p] = _problems(texts)
    assert (p.record, p.field, p.value) == ("mini-gdp", "indicator", "demo-park")
    assert p.message == "refers to a IndustrialPark, expected Indicator"


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "value", "message"),
    [
        ("entities/all.yaml", "class: Company", "class: Compny", "class", "Compny",
         "unknown entity class (did you mean Company?)"),
        ("events/mini.yaml", "class: Signing", "class: Sining", "class", "Sining", "unknown event class (did you mean Signing?)"),
        ("entities/all.yaml", "rel: operatedBy", "rel: operatedby", "rel", "operatedby",
         "unknown relation (did you mean operatedBy?)"),
        ("observations/mini.yaml", "unit: 亿美元", "unit: 亿美圆", "unit", "亿美圆", "unknown unit (did you mean 亿美元?)"),
    ],
)
def test_unknown_vocabulary(mini_texts, file, old, new, field, value, message):
    [p] = _problems(_mutate(mini_texts, file, old, new))
    assert (p.file, p.field, p.value, p.message) == (file, field, value, message)


def test_unknown_qualifier(mini_texts):
    [p] = _problems(_mutate(mini_texts, "observations/mini.yaml", "qualifiers: [over]", "qualifiers: [maybe]"))
    assert (p.field, p.value) == ("qualifiers", "maybe")


def test_span_outside_the_source(mini_texts):
    [p] = _problems(_mutate(mini_texts, "entities/all.yaml", "at: mini:14-19", "at: mini:14-190"))
    assert (p.file, p.line, p.record, p.field, p.value) == ("entities/all.yaml", 12, "demo-park", "at", "mini:14-190")
    assert p.message == "span ends after the report's last character (109)"


def test_unknown_source(mini_texts):
    [p] = _problems(_mutate(mini_texts, "entities/all.yaml", "at: mini:14-19", "at: mani:14-19"))
    assert p.message == "unknown source report 'mani' (did you mean mini?)"


def test_missing_citation(mini_texts):
    [p] = _problems(_mutate(mini_texts, "entities/all.yaml", "  at: mini:14-19\n", ""))
    message = "an entity needs at least one citation of where a report names it"
    assert (p.record, p.field, p.message) == ("demo-park", "at", message)


def test_roles_only_on_people(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "class: Person", "class: Team")
    [p] = _problems(texts)
    assert (p.record, p.field, p.message) == ("zhang-san", "roles", "only a Person holds roles")


def test_span_must_name_what_it_cites(mini_texts, mini_corpus):
    texts = _mutate(mini_texts, "entities/all.yaml", "at: mini:14-19", "at: mini:29-35")
    [p] = _problems(texts, mini_corpus)
    assert (p.record, p.value) == ("demo-park", "mini:29-35")
    assert p.message.startswith("the cited span does not contain")


def test_figure_span_must_hold_the_number(mini_texts, mini_corpus):
    texts = _mutate(mini_texts, "observations/mini.yaml", 'value: "120.5"', 'value: "12.5"')
    [p] = _problems(texts, mini_corpus)
    assert (p.record, p.value) == ("mini-gdp", "mini:82-95")


def test_report_version_is_checked(mini_texts, mini_corpus):
    changed = {"mini": mini_corpus["mini"].replace("120.5", "130.5")}
    problems = _problems(mini_texts, changed)
    assert [(p.record, p.field) for p in problems if p.file == "sources.yaml"] == [("mini", "sha256")]


def test_squash():
    assert squash("A b\n\u3000Ｃ") == "abc"


TENSION = """
- id: gdp-twice
  kind: contradiction
  involves: [mini-gdp, demo-zone]
  at: [mini:82-95, mini:0-5]
  note: Invented for the test.
"""


def test_tension_is_valid(mini_texts, mini_corpus):
    assert _problems({**mini_texts, "tensions.yaml": TENSION}, mini_corpus) == ()


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("kind: contradiction", "kind: clash", "kind", "unknown tension kind"),
        ("involves: [mini-gdp, demo-zone]", "involves: [mini-gpd]", "involves", "refers to no record (did you mean mini-gdp?)"),
        ("at: [mini:82-95, mini:0-5]", "at: [mini:82-95]", "at", "a tension cites at least two spans"),
    ],
)
def test_bad_tension(mini_texts, old, new, field, message):
    [p] = _problems({**mini_texts, "tensions.yaml": TENSION.replace(old, new)})
    assert (p.file, p.record, p.field) == ("tensions.yaml", "gdp-twice", field)
    assert p.message.startswith(message)


def test_not_modelled_span_must_hold_its_text(mini_texts, mini_corpus):
    good = "- {text: 星火人才计划, reason: invented, at: mini:66-72}\n- {text: 二〇三〇, reason: a year}\n"
    assert _problems({**mini_texts, "not-modelled.yaml": good}, mini_corpus) == ()
    bad = "- {text: 星火人才计划, reason: invented, at: mini:0-5}\n"
    [p] = _problems({**mini_texts, "not-modelled.yaml": bad}, mini_corpus)
    assert (p.file, p.record, p.value) == ("not-modelled.yaml", "星火人才计划", "mini:0-5")


# --- the vocabularies: broader, related, direction, dimension -------------------------------------

GDP = "  name_en: gross domestic product\n  dimension: CNY\n  direction: higher-is-better\n"
TRADE = "  name_en: total imports and exports\n  dimension: USD\n  direction: higher-is-better\n"


def _rows(problems):
    return sorted((p.file, p.line, p.record, p.field, p.value, p.message) for p in problems)


@pytest.mark.parametrize(
    ("new", "row"),
    [
        (GDP.replace("higher-is-better", "up"),
         ("entities/all.yaml", 59, "gdp", "direction", "up", "unknown direction (known: higher-is-better, lower-is-better)")),
        (GDP.replace("CNY", "Yuan"),
         ("entities/all.yaml", 58, "gdp", "dimension", "Yuan",
          "unknown dimension (known: CNY, Count, Metre, Percent, Rank, RankPlaces, Ratio, Second, SquareMetre, USD, Watt)")),
        (GDP.replace("  dimension: CNY\n", ""),
         ("entities/all.yaml", 54, "gdp", "dimension", "",
          "an indicator with figures needs a dimension (its figures are in CNY)")),
        (GDP.replace("CNY", "USD"),
         ("observations/mini.yaml", 6, "mini-gdp", "unit", "亿元", "a unit of CNY, but indicator 'gdp' is measured in USD")),
        (GDP + "  broader: demo-park\n",
         ("entities/all.yaml", 60, "gdp", "broader", "demo-park", "refers to a IndustrialPark, expected Indicator")),
        (GDP + "  broader: [gpd]\n",
         ("entities/all.yaml", 60, "gdp", "broader", "gpd", "refers to no entity (did you mean gdp?)")),
        (GDP + "  broader: gdp\n",
         ("entities/all.yaml", 60, "gdp", "broader", "gdp", "a concept cannot be broader than itself")),
        (GDP + "  related: [demo-bio]\n",
         ("entities/all.yaml", 60, "gdp", "related", "demo-bio", "refers to a Company, expected Indicator")),
    ],
)
def test_vocabulary_fields(mini_texts, new, row):
    assert _rows(_problems(_mutate(mini_texts, "entities/all.yaml", GDP, new))) == [row]


def test_a_cycle_of_broader_links_is_reported_once(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", GDP, GDP + "  broader: import-export-total\n")
    texts = _mutate(texts, "entities/all.yaml", TRADE, TRADE + "  broader: new-talents\n")
    texts = _mutate(texts, "entities/all.yaml", "  name_en: new talents\n", "  name_en: new talents\n  broader: gdp\n")
    assert _rows(_problems(texts)) == [
        ("entities/all.yaml", 60, "gdp", "broader", "gdp → import-export-total → new-talents → gdp",
         "the broader links form a cycle"),
    ]


def test_only_indicators_and_industries_have_the_concept_fields(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "  aliases: [示例生物]\n",
                    "  aliases: [示例生物]\n  broader: demo-park\n  direction: lower-is-better\n  scope_note: no\n")
    assert _rows(_problems(texts)) == [
        ("entities/all.yaml", 21, "demo-bio", "broader", "demo-park",
         "only an indicator or an industry sits under a broader concept"),
        ("entities/all.yaml", 21, "demo-bio", "broader", "demo-park", "refers to a IndustrialPark, expected Company"),
        ("entities/all.yaml", 22, "demo-bio", "direction", "lower-is-better", "only an indicator has direction"),
        ("entities/all.yaml", 23, "demo-bio", "scope_note", "no", "only an indicator has scope note"),
    ]


def test_an_industry_sits_under_an_industry(mini_texts):
    industries = (
        "\n- id: electronics\n  class: Industry\n  name_zh: 电子\n  name_en: electronics\n  at: mini:0-1\n"
        "\n- id: chips\n  class: Industry\n  name_zh: 芯片\n  name_en: chips\n  at: mini:0-1\n  broader: electronics\n"
    )
    texts = {**mini_texts, "entities/all.yaml": mini_texts["entities/all.yaml"] + industries}
    assert _problems(texts) == ()
    wrong = _mutate(texts, "entities/all.yaml", "  broader: electronics\n", "  broader: gdp\n")
    assert [(p.record, p.field, p.value, p.message) for p in _problems(wrong)] == [
        ("chips", "broader", "gdp", "refers to a Indicator, expected Industry"),
    ]


# --- issue 13: names the curators supply, posts over time, implied relations, planned events ---


def test_a_supplied_name_is_never_cited(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "reason: \"the official full name, which the report does not print\"}",
                    "reason: \"the official full name\", at: mini:0-5}")
    [p] = _problems(texts)
    assert (p.file, p.record, p.field, p.value) == ("entities/all.yaml", "demo-zone", "aliases", "示例高新技术产业开发区")
    assert p.message.startswith("a curator-supplied name is never cited to a report")


def test_a_supplied_name_comes_from_the_curators(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "source: curator", "source: website")
    [p] = _problems(texts)
    assert (p.record, p.field, p.message) == ("demo-zone", "aliases", "unknown name source (known: curator)")


def test_a_printed_alias_the_report_does_not_print_is_refused(mini_texts, mini_corpus):
    texts = _mutate(mini_texts, "entities/all.yaml", "aliases: [示例生物]", "aliases: [示例生物, 示例生物股份有限公司]")
    [p] = _problems(texts, mini_corpus)
    assert (p.file, p.line, p.record, p.field) == ("entities/all.yaml", 20, "demo-bio", "aliases")
    assert p.value == "示例生物股份有限公司"
    assert p.message.startswith("no span that cites the entity prints this name")
    assert _problems(texts) == ()  # without the reports, a name cannot be checked


def test_a_printed_chinese_name_must_be_printed(mini_texts, mini_corpus):
    texts = _mutate(mini_texts, "entities/all.yaml", "name_zh: 示例生物公司", "name_zh: 示例生物有限公司")
    [p] = _problems(texts, mini_corpus)
    assert (p.record, p.field, p.value) == ("demo-bio", "name_zh", "示例生物有限公司")


def test_a_printed_name_marked_supplied_is_refused(mini_texts, mini_corpus):
    supplied = "aliases: [{name: 示例生物, source: curator, reason: r}]"
    texts = _mutate(mini_texts, "entities/all.yaml", "aliases: [示例生物]", supplied)
    [p] = _problems(texts, mini_corpus)
    assert (p.record, p.field, p.value) == ("demo-bio", "aliases", "示例生物")
    assert "is printed" in p.message


def test_an_implied_relation_needs_a_note(mini_texts):
    old = 'to: demo-park, at: "mini:29-42"}'
    texts = _mutate(mini_texts, "entities/all.yaml", old, old[:-1] + ", basis: implied}")
    [p] = _problems(texts)
    assert (p.record, p.field) == ("demo-bio", "note")
    assert p.message == "an implied relation needs a note saying how the span implies it"
    assert _problems(_mutate(texts, "entities/all.yaml", "basis: implied}", "basis: implied, note: invented}")) == ()
    [p] = _problems(_mutate(texts, "entities/all.yaml", "basis: implied}", "basis: guessed}"))
    assert (p.field, p.value) == ("basis", "guessed")


_POST = '{role: chairman, org: demo-bio, at: "mini:29-48"}'


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (", status: retired", "status", "unknown post status (known: current, former)"),
        (', status: current, end: "2030"', "end", "a post with an end is former"),
        (', status: former, start: "2030-05", end: "2030-02"', "end", "a post cannot end before it starts (2030-05)"),
    ],
)
def test_bad_post_status_or_dates(mini_texts, extra, field, message):
    [p] = _problems(_mutate(mini_texts, "entities/all.yaml", _POST, _POST[:-1] + extra + "}"))
    assert (p.record, p.field) == ("zhang-san", field)
    assert p.message.startswith(message)


def test_a_former_post_with_or_without_dates_is_valid(mini_texts, mini_corpus):
    for extra in (", status: former", ', end: "2030"', ', status: former, start: "2029", end: "2030-05-01"'):
        assert _problems(_mutate(mini_texts, "entities/all.yaml", _POST, _POST[:-1] + extra + "}"), mini_corpus) == ()


def test_an_event_after_its_report_was_written_must_be_planned(mini_texts):
    late = _mutate(mini_texts, "events/mini.yaml", 'date: "2030-05-01"', 'date: "2031-02"')
    [p] = _problems(late)
    assert (p.file, p.record, p.field, p.value) == ("events/mini.yaml", "mini-university-signing", "date", "2031-02")
    assert "mark it status: planned" in p.message
    assert _problems(_mutate(late, "events/mini.yaml", "  at: mini:51-63", "  status: planned\n  at: mini:51-63")) == ()
    [p] = _problems(_mutate(mini_texts, "events/mini.yaml", "  at: mini:51-63", "  status: maybe\n  at: mini:51-63"))
    assert (p.field, p.value) == ("status", "maybe")


def test_an_event_in_the_year_a_report_was_published_can_have_happened(mini_texts):
    texts = _mutate(mini_texts, "events/mini.yaml", 'date: "2030-05-01"', 'date: "2031-02"')
    texts = _mutate(texts, "sources.yaml", "  publisher: 示例出版社\n", "  publisher: 示例出版社\n  published: \"2031\"\n")
    assert _problems(texts) == ()


def test_a_figure_is_about_entities_that_exist(mini_texts):
    texts = _mutate(mini_texts, "observations/mini.yaml", "  at: mini:66-79", "  about: [spark-talnet]\n  at: mini:66-79")
    [p] = _problems(texts)
    assert (p.record, p.field, p.value) == ("mini-spark-new-talents", "about", "spark-talnet")
