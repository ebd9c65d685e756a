"""The library of competency questions: headed, documented, and answering as its reviewed fixtures say.

Fixtures live in ``tests/fixtures/queries/NAME.json`` (parameters and expected rows);
``scripts/expected_queries.py`` regenerates them after a deliberate change.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from graph.sparql.api import answer
from graph.sparql.engine import Prepared, prepare, run, to_python
from graph.sparql.library import read_library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "queries"
LIBRARY = read_library()


@functools.cache
def _prepared(name: str) -> Prepared:
    """A library query parsed once for this module (rdflib's parser takes a good part of a second on the longer ones)."""
    return prepare(LIBRARY[name].text)


def test_at_least_25_questions():
    assert len(LIBRARY) >= 25


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_header_in_both_languages(name):
    entry = LIBRARY[name]
    assert entry.question_en.endswith("?") or entry.question_en.endswith(".")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry.question_zh)
    assert entry.returns
    _prepared(name)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_parameters_appear_in_the_query(name):
    entry = LIBRARY[name]
    body = entry.text.split("SELECT", 1)[-1]
    for param in entry.parameters:
        assert f"?{param}" in body, param


def _plain(value):
    value = to_python(value)
    return value if isinstance(value, (int, float, bool, str)) or value is None else str(value)


#: Library questions the mini zone answers with rows (the others ask about what it lacks, such as awards or clusters):
#: each runs there in the fast loop, with every parameter unbound, and gives the head of its reviewed Kunshan fixture.
ANSWERED_BY_MINI = (
    "central-entities", "companies-in-park", "entities-by-class", "events-of-entity", "evidence", "figures-of-entity",
    "names-of-entity", "one-report-entities", "organisations-by-class", "parks", "parks-by-company-count", "people-and-roles",
    "relations-of-entity", "source-reports", "statement-source", "talent-programme-counts", "university-links",
)


@pytest.mark.parametrize("name", ANSWERED_BY_MINI)
def test_answers_on_the_mini_zone_have_the_fixture_head(name, mini_query_ds):
    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    result = run(mini_query_ds, _prepared(name), timeout=60)  # every parameter unbound
    assert result.vars == fixture["vars"]
    assert result.rows


@pytest.mark.slow
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
