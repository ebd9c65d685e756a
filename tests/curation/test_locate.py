"""Finding names across PDF line breaks and width variants."""

from __future__ import annotations

from graph.curation.locate import find_spans


def test_spans_cross_line_breaks_and_map_to_raw_offsets(mini_corpus):
    text = mini_corpus["mini"]
    spans = find_spans(text, "示例高新区")
    assert spans[:2] == [(0, 5), (21, 28)]
    assert text[21:28] != "示例高新区" and text[21:28].replace("\n", "") == "示例高新区"


def test_full_width_matches_half_width():
    assert find_spans("ABC联东Ｕ谷", "联东U谷") == [(3, 7)]


def test_no_match_and_empty_needle():
    assert find_spans("abc", "x") == []
    assert find_spans("abc", "  ") == []


def test_overlapping_matches():
    assert find_spans("aaa", "aa") == [(0, 2), (1, 3)]
