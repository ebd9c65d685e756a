"""The library of competency questions: headed, documented, and answering as its reviewed fixtures say.

Fixtures live in ``tests/fixtures/queries/NAME.json`` (parameters and expected rows);
``scripts/expected_queries.py`` regenerates them after a deliberate change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.sparql.api import answer
from graph.sparql.engine import prepare, to_python
from graph.sparql.library import read_library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "queries"
LIBRARY = read_library()


def test_at_least_25_questions():
    assert len(LIBRARY) >= 25


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_header_in_both_languages(name):
    entry = LIBRARY[name]
    assert entry.question_en.endswith("?") or entry.question_en.endswith(".")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry.question_zh)
    assert entry.returns
    prepare(entry.text)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_parameters_appear_in_the_query(name):
    entry = LIBRARY[name]
    body = entry.text.split("SELECT", 1)[-1]
    for param in entry.parameters:
        assert f"?{param}" in body, param


def _plain(value):
    value = to_python(value)
    return value if isinstance(value, (int, float, bool, str)) or value is None else str(value)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_answers_match_the_fixture(name, kunshan_query_ds):
    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    _, result = answer(kunshan_query_ds, LIBRARY[name].text, params=fixture["params"], timeout=120)
    if "boolean" in fixture:
        assert result.boolean == fixture["boolean"]
        return
    assert result.vars == fixture["vars"]
    rows = [[_plain(v) for v in row] for row in result.rows]
    assert rows == fixture["rows"]


def test_every_fixture_names_a_library_query():
    names = {p.stem for p in FIXTURES.glob("*.json")} - {"params"}
    assert names == set(LIBRARY)
