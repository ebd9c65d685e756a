"""Completeness: every figure and name-like word of the reports is modelled or listed as not modelled."""

from __future__ import annotations

from graph.curation.coverage import uncovered_figures, uncovered_names
from graph.curation.records import parse_records


def test_mini_zone_is_completely_covered(mini_texts, mini_corpus):
    records, _ = parse_records(mini_texts)
    assert uncovered_figures(records, mini_corpus) == []
    assert uncovered_names(records, mini_corpus) == []


def test_a_figure_without_an_observation_is_a_gap(mini_texts, mini_corpus):
    text = mini_texts["observations/mini.yaml"]
    start = text.index("- id: mini-import-export")
    end = text.index("- id: mini-spark-new-talents")
    texts = {**mini_texts, "observations/mini.yaml": text[:start] + text[end:]}
    records, _ = parse_records(texts)
    [gap] = uncovered_figures(records, mini_corpus)
    assert (gap.source, gap.start, gap.end, gap.text) == ("mini", 103, 107, "8亿美元")


def test_an_observation_with_another_value_does_not_cover(mini_texts, mini_corpus):
    texts = {**mini_texts, "observations/mini.yaml": mini_texts["observations/mini.yaml"].replace('value: "12"', 'value: "13"')}
    records, _ = parse_records(texts)
    assert [g.text for g in uncovered_figures(records, mini_corpus)] == ["12名"]


def test_not_modelled_covers_a_figure(mini_texts, mini_corpus):
    texts = {**mini_texts, "observations/mini.yaml": mini_texts["observations/mini.yaml"].replace('value: "12"', 'value: "13"')}
    texts["not-modelled.yaml"] = "- {text: 12名, reason: invented for the test, at: mini:66-79}\n"
    records, _ = parse_records(texts)
    assert uncovered_figures(records, mini_corpus) == []


def test_years_are_dates_not_figures(mini_texts):
    records, _ = parse_records(mini_texts)
    assert uncovered_figures(records, {"mini": "2030年，新增3家"})[0].text == "3家"
    assert len(uncovered_figures(records, {"mini": "2030年"})) == 0


def test_a_name_without_an_entity_is_a_gap(mini_texts, mini_corpus):
    texts = {**mini_texts, "entities/all.yaml": mini_texts["entities/all.yaml"].replace("name_zh: 示例科技园", "name_zh: 示例园")}
    records, _ = parse_records(texts)
    gaps = uncovered_names(records, mini_corpus)
    assert [(g.start, g.end, g.text) for g in gaps] == [(18, 19, "园"), (41, 42, "园")]


def test_generic_terms_listed_once_cover_every_occurrence(mini_texts):
    records, _ = parse_records({**mini_texts, "not-modelled.yaml": "- {text: 孵化中心, reason: generic}\n"})
    assert uncovered_names(records, {"mini": "两个孵化中心和一个孵化中心"}) == []


def test_an_event_covers_only_a_whole_number_of_its_label(mini_texts):
    texts = {**mini_texts, "events/mini.yaml": mini_texts["events/mini.yaml"].replace("at: mini:51-63", "at: mini:0-109")}
    text = {"mini": "2030年3家"}
    records, _ = parse_records(texts)
    assert [g.text for g in uncovered_figures(records, text)] == ["3家"]
    texts["events/mini.yaml"] = texts["events/mini.yaml"].replace("name_en: Demo University signs with the zone",
                                                                  "name_en: Demo University signs with 3 firms")
    records, _ = parse_records(texts)
    assert uncovered_figures(records, text) == []


def test_lengths_sheets_and_ranking_places_are_figures(mini_texts):
    """公里, 张 and 强 (前30强) make a number a figure; so does 多 or 余 before the unit (invented text)."""
    records, _ = parse_records(mini_texts)
    text = {"mini": "两园相距9公里，发放4张卡片，力争进入前50强，引进60多家企业、20余个项目，6平方公里"}
    assert [g.text for g in uncovered_figures(records, text)] == ["9公里", "4张", "50强", "60多家", "20余个", "6平方公里"]


def test_a_length_is_covered_by_its_observation(mini_texts):
    texts = {**mini_texts, "observations/mini.yaml": mini_texts["observations/mini.yaml"] + (
        '\n- {id: mini-distance, subject: demo-park, indicator: gdp, period: "2030", value: "9", unit: 公里, at: "mini:0-13"}\n'
    )}
    records, report = parse_records(texts)
    assert report.ok, report.format()
    assert uncovered_figures(records, {"mini": "示例科技园距高新区约9公里。"}) == []
