"""Stage 1: reading records strictly; every shape problem is reported with file, line, record, field, value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.curation.records import parse_records, read_records
from graph.errors import InputError


def _mutate(texts, file, old, new):
    assert old in texts[file], f"fixture text {old!r} not in {file}"
    return {**texts, file: texts[file].replace(old, new, 1)}


def _problems(texts):
    return parse_records(texts)[1].problems


def test_mini_fixture_reads_cleanly(mini_dir):
    records, report = read_records(mini_dir / "records")
    assert report.ok, report.format()
    assert [s.id for s in records.sources] == ["mini"]
    assert len(records.entities) == 10 and len(records.observations) == 3 and len(records.events) == 1
    gdp = next(o for o in records.observations if o.id == "mini-gdp")
    assert gdp.value == Decimal("120.5") and gdp.unit == "亿元"
    zone = next(e for e in records.entities if e.id == "demo-zone")
    assert [str(c) for c in zone.at] == ["mini:0-5", "mini:21-28"]


def test_unknown_field(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "  name_en: Demo Science Park\n",
                    "  name_en: Demo Science Park\n  colour: green\n")
    [p] = _problems(texts)
    assert (p.file, p.line, p.record, p.field, p.value) == ("entities/all.yaml", 12, "demo-park", "colour", "green")
    assert p.message.startswith("unknown field")


def test_missing_field(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "  name_en: Demo Bio Co.\n", "")
    [p] = _problems(texts)
    assert (p.file, p.line, p.record, p.field) == ("entities/all.yaml", 16, "demo-bio", "name_en")
    assert p.message == "missing required field"


def test_missing_field_in_a_relation(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", '{rel: locatedIn, to: demo-park, at: "mini:29-42"}',
                    "{rel: locatedIn, to: demo-park}")
    [p] = _problems(texts)
    assert (p.line, p.record, p.field, p.message) == (23, "demo-bio", "at", "missing required field")


def test_duplicate_key(mini_texts):
    texts = _mutate(mini_texts, "observations/mini.yaml", '  value: "120.5"\n', '  value: "120.5"\n  value: "121"\n')
    [p] = _problems(texts)
    assert (p.file, p.line, p.field) == ("observations/mini.yaml", 6, "value")
    assert "duplicate key" in p.message


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "value"),
    [
        ("observations/mini.yaml", 'value: "120.5"', "value: 1,205", "value", "1,205"),
        ("observations/mini.yaml", 'period: "2030"', "period: 2030-02-30", "period", "2030-02-30"),
        ("entities/all.yaml", "id: demo-park", "id: Demo Park", "id", "Demo Park"),
        ("entities/all.yaml", "at: mini:14-19", "at: mini:19-14", "at", "mini:19-14"),
        ("entities/all.yaml", "at: mini:14-19", "at: mini@14", "at", "mini@14"),
        ("sources.yaml", 'chars: "109"', "chars: 1e3", "chars", "1e3"),
        ("sources.yaml", "sha256: 7636", "sha256: X636", "sha256",
         "X636" + "82a8bf8d8de862e28844b94d3be389fb9fa0797d69f033a75b8f864fabf0"),
    ],
)
def test_bad_values_name_field_and_value(mini_texts, file, old, new, field, value):
    [p] = _problems(_mutate(mini_texts, file, old, new))
    assert (p.file, p.field, p.value) == (file, field, value)


def test_implicit_typing_never_happens(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "  name_en: Demo Science Park\n",
                    "  name_en: NO\n  aliases: [2021-12-24, 1.10, 0755]\n")
    records, report = parse_records(texts)
    assert report.ok, report.format()
    park = next(e for e in records.entities if e.id == "demo-park")
    assert park.name_en == "NO" and park.aliases == ("2021-12-24", "1.10", "0755")


def test_every_problem_is_reported_at_once(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "  name_en: Demo Bio Co.\n", "  colour: red\n")
    texts = _mutate(texts, "observations/mini.yaml", 'value: "120.5"', "value: lots")
    texts = {**texts, "events/broken.yaml": "- {id: x, class: Signing\n"}
    files = sorted({p.file for p in _problems(texts)})
    assert files == ["entities/all.yaml", "events/broken.yaml", "observations/mini.yaml"]
    assert len(_problems(texts)) == 4


def test_a_file_outside_the_layout_is_a_problem(mini_texts):
    [p] = _problems({**mini_texts, "misc/x.yaml": "[]"})
    assert p.file == "misc/x.yaml" and "not a records file" in p.message


def test_a_file_must_hold_a_list(mini_texts):
    [p] = _problems({**mini_texts, "entities/x.yaml": "id: a\n"})
    assert (p.file, p.line) == ("entities/x.yaml", 1)


def test_missing_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="records directory not found"):
        read_records(tmp_path / "nope")


def test_non_utf8_file_is_an_input_error(tmp_path):
    (tmp_path / "entities").mkdir()
    (tmp_path / "entities" / "x.yaml").write_bytes(b"- id: \xff\n")
    with pytest.raises(InputError, match=r"x\.yaml"):
        read_records(tmp_path)


def test_concept_fields(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "  direction: higher-is-better\n",
                    "  direction: higher-is-better\n  broader: economy\n  related: [import-export-total, new-talents]\n"
                    "  scope_note: Output of the year.\n")
    records, report = parse_records(texts)
    assert report.ok, report.format()
    gdp = next(e for e in records.entities if e.id == "gdp")
    assert (gdp.broader, gdp.related, gdp.direction, gdp.dimension, gdp.scope_note) == (
        ("economy",), ("import-export-total", "new-talents"), "higher-is-better", "CNY", "Output of the year.")
    zone = next(e for e in records.entities if e.id == "demo-zone")
    assert (zone.broader, zone.related, zone.direction, zone.dimension, zone.scope_note) == ((), (), None, None, None)


def test_concept_fields_are_typed(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", "  direction: higher-is-better\n",
                    "  direction: [higher]\n  broader: [Economy]\n")
    assert sorted((p.line, p.record, p.field, p.value, p.message) for p in _problems(texts)) == [
        (59, "gdp", "direction", "<list>", "must be a string"),
        (60, "gdp", "broader", "<list>", "must be lower-case ASCII letters and digits joined by single hyphens"),
    ]


# --- issue 13: names the curators supply, posts over time, implied relations, planned events ---


def test_a_supplied_name_is_a_mapping_and_stays_among_the_names(mini_texts):
    records, report = parse_records(mini_texts)
    assert report.ok, report.format()
    zone = next(e for e in records.entities if e.id == "demo-zone")
    assert zone.aliases == ("示例高新技术产业开发区",)
    [supplied] = zone.supplied
    assert (supplied.name, supplied.field, supplied.source) == ("示例高新技术产业开发区", "aliases", "curator")
    assert supplied.reason and supplied.at == ()
    assert zone.printed_names == ("示例高新区",)


def test_a_supplied_chinese_name(mini_texts):
    supplied = "name_zh: {name: 示例科技园, source: curator, reason: invented}"
    texts = _mutate(mini_texts, "entities/all.yaml", "name_zh: 示例科技园", supplied)
    records, report = parse_records(texts)
    assert report.ok, report.format()
    park = next(e for e in records.entities if e.id == "demo-park")
    assert park.name_zh == "示例科技园" and [n.field for n in park.supplied] == ["name_zh"]
    assert park.printed_names == ()


@pytest.mark.parametrize(
    ("new", "field", "message"),
    [
        ("aliases: [{name: 示例高新技术产业开发区, source: curator}]", "reason", "missing required field"),
        ("aliases: [{name: 示例高新技术产业开发区, source: curator, reason: r, why: r}]", "why", "unknown field"),
        ("aliases: [[示例]]", "aliases", "must be a name, or a mapping"),
    ],
)
def test_a_bad_supplied_name_is_reported(mini_texts, new, field, message):
    old = mini_texts["entities/all.yaml"].split("\n")[4]
    assert old.startswith("  aliases:")
    [p] = _problems(_mutate(mini_texts, "entities/all.yaml", old, "  " + new))
    assert (p.file, p.line, p.record, p.field) == ("entities/all.yaml", 5, "demo-zone", field)
    assert p.message.startswith(message)


def test_posts_relations_events_and_figures_take_the_new_optional_fields(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", '{role: chairman, org: demo-bio, at: "mini:29-48"}',
                    '{role: chairman, org: demo-bio, at: "mini:29-48", status: former, start: "2029", end: "2030-03"}')
    texts = _mutate(texts, "entities/all.yaml", '{rel: locatedIn, to: demo-park, at: "mini:29-42"}',
                    '{rel: locatedIn, to: demo-park, at: "mini:29-42", basis: implied, note: invented}')
    texts = _mutate(texts, "events/mini.yaml", "  at: mini:51-63", "  status: planned\n  at: mini:51-63")
    texts = _mutate(texts, "observations/mini.yaml", "  at: mini:66-79", "  about: [spark-talent]\n  at: mini:66-79")
    records, report = parse_records(texts)
    assert report.ok, report.format()
    person = next(e for e in records.entities if e.id == "zhang-san")
    [post] = person.roles
    assert (post.status, post.start, post.end, post.former) == ("former", "2029", "2030-03", True)
    bio = next(e for e in records.entities if e.id == "demo-bio")
    assert bio.relations[0].basis == "implied"
    assert records.events[0].status == "planned"
    assert next(o for o in records.observations if o.id == "mini-spark-new-talents").about == ("spark-talent",)


def test_the_defaults_are_current_stated_and_happened(mini_texts):
    records, _ = parse_records(mini_texts)
    person = next(e for e in records.entities if e.id == "zhang-san")
    assert (person.roles[0].status, person.roles[0].former) == (None, False)
    assert all(r.basis == "stated" for e in records.entities for r in e.relations)
    assert records.events[0].status == "happened"


def test_a_post_end_must_be_a_date(mini_texts):
    texts = _mutate(mini_texts, "entities/all.yaml", '{role: chairman, org: demo-bio, at: "mini:29-48"}',
                    '{role: chairman, org: demo-bio, at: "mini:29-48", end: "last year"}')
    [p] = _problems(texts)
    assert (p.record, p.field, p.value) == ("zhang-san", "end", "last year")
