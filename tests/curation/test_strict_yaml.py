"""Strict YAML: values stay as written; duplicate keys, tags and aliases are problems."""

from __future__ import annotations

import pytest

from graph.curation.strict_yaml import parse_yaml


@pytest.mark.parametrize("written", ["NO", "yes", "on", "2021-12-24", "1.10", "0755", "1e3", "null", "~", ".inf", "0x1F"])
def test_scalars_stay_the_text_written(written):
    node, problems = parse_yaml(f"value: {written}\n", "f.yaml")
    assert problems == []
    assert node.value["value"].value == written


def test_lines_are_one_based_and_per_value():
    node, _ = parse_yaml("- id: a\n  name: b\n- id: c\n", "f.yaml")
    assert [item.line for item in node.value] == [1, 3]
    assert node.value[0].value["name"].line == 2


def test_duplicate_key_is_reported_with_both_lines():
    _, problems = parse_yaml("- id: a\n  name: b\n  name: c\n", "f.yaml")
    [p] = problems
    assert (p.file, p.line, p.field) == ("f.yaml", 3, "name")
    assert "first at line 2" in p.message


def test_tags_and_aliases_are_refused():
    _, problems = parse_yaml("a: &x hello\nb: *x\nc: !!python/object/apply:os.system [echo]\n", "f.yaml")
    messages = sorted(p.message for p in problems)
    assert messages == ["YAML aliases (*name) are not allowed", "YAML tags are not allowed"]


def test_syntax_error_names_the_line():
    node, problems = parse_yaml("- id: a\n  name: [b\n- id: c\n", "f.yaml")
    assert node is None
    [p] = problems
    assert p.file == "f.yaml" and p.line >= 2 and "YAML syntax error" in p.message


def test_empty_document():
    assert parse_yaml("", "f.yaml") == (None, [])
