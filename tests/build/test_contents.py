"""graph.build.contents: the one reader of a built dataset, on the mini zone (tests/fixtures/mini)."""

from __future__ import annotations

import pytest
from rdflib import Dataset

from graph.build.contents import local_name, read_contents
from graph.build.dataset import to_dataset
from graph.curation.records import Citation, parse_records

KG = "https://w3id.org/zonekg/id/"

#: A tension on the mini zone's two figures, and a second qualifier on one of them.
_TENSIONS = """\
- id: mini-figures-clash
  kind: contradiction
  involves: [mini-gdp, mini-import-export]
  at: [mini:82-95, mini:96-107]
  note: Two invented figures said to disagree.
"""


@pytest.fixture(scope="module")
def contents(mini_texts, ontology):
    texts = dict(mini_texts)
    texts["tensions.yaml"] = _TENSIONS
    texts["observations/mini.yaml"] = texts["observations/mini.yaml"].replace("qualifiers: [over]", "qualifiers: [over, record]")
    records, report = parse_records(texts)
    assert report.ok, report.format()
    return read_contents(to_dataset(records, ontology=ontology))


def test_entities_carry_class_lineage_names_and_spans(contents):
    bio = contents.entities[f"{KG}demo-bio"]
    assert (bio.id, bio.cls, bio.name_zh, bio.name_en) == ("demo-bio", "Company", "示例生物公司", "Demo Bio Co.")
    assert bio.aliases == ("示例生物",)
    assert bio.spans == (Citation("mini", 29, 35),) and bio.years == ("2030",)
    assert "https://w3id.org/zonekg/ontology#Company" in bio.lineage
    assert "http://www.w3.org/ns/org#Organization" in bio.lineage
    park = contents.entities[f"{KG}demo-park"]
    assert park.cls == "IndustrialPark" and "https://w3id.org/zonekg/ontology#Park" in park.lineage


def test_vocabulary_is_not_an_entity(contents):
    assert f"{KG}chairman" not in contents.entities and f"{KG}gdp" not in contents.entities
    classes = {e.cls for e in contents.entities.values()}
    assert classes == {"Zone", "IndustrialPark", "Company", "Person", "University", "TalentProgramme"}


def test_spans_are_values_in_span_order(contents):
    zone = contents.entities[f"{KG}demo-zone"]
    assert zone.spans == (Citation("mini", 0, 5), Citation("mini", 21, 28))
    assert sorted([Citation("r", 100, 101), Citation("r", 9, 10)]) == [Citation("r", 9, 10), Citation("r", 100, 101)]
    assert str(Citation("khnz-2021", 3912, 3943)) == "khnz-2021:3912-3943"


def test_relations_posts_and_events(contents):
    signed = next(r for r in contents.relations if r.rel == "signedAgreementWith")
    assert (signed.subject, signed.object, signed.date) == (f"{KG}demo-university", f"{KG}demo-zone", "2030-05-01")
    assert (signed.label_en, signed.label_zh, signed.spans) == ("signed an agreement with", "签约", (Citation("mini", 51, 63),))
    [post] = contents.posts
    assert (post.person, post.organisation, post.role, post.label_zh) == (f"{KG}zhang-san", f"{KG}demo-bio", "chairman", "董事长")
    [event] = contents.events
    assert (event.cls, event.name_zh, event.date) == ("Signing", "示例大学签约", "2030-05-01")
    assert event.participants == (f"{KG}demo-university", f"{KG}demo-zone") and event.years == ("2030",)


def test_figures_keep_every_qualifier(contents):
    figure = next(f for f in contents.figures if f.id == "mini-import-export")
    assert (figure.subject, figure.year, figure.value, figure.unit) == (f"{KG}demo-zone", "2030", "8", "亿美元")
    qualifiers = figure.qualifier_en.split(", ")
    assert qualifiers == sorted(qualifiers) and len(qualifiers) == 2
    assert "超过" in figure.qualifier_zh and "、" in figure.qualifier_zh
    gdp = next(f for f in contents.figures if f.id == "mini-gdp")
    assert gdp.value == "120.5" and gdp.indicator_zh == "地区生产总值" and gdp.qualifier_en == ""


def test_tensions_and_reports(contents):
    [tension] = contents.tensions
    assert tension.id == "mini-figures-clash" and tension.kind_en and tension.kind_zh
    assert tension.involves == (f"{KG}observation/mini-gdp", f"{KG}observation/mini-import-export")
    assert tension.spans == (Citation("mini", 82, 95), Citation("mini", 96, 107))
    assert list(contents.reports) == ["mini"] and contents.reports["mini"].year == "2030"


def test_read_back_from_trig_reads_the_same(mini_texts, ontology):
    records, _ = parse_records(mini_texts)
    built = to_dataset(records, ontology=ontology)
    again = Dataset()
    again.parse(data=built.serialize(format="trig"), format="trig")
    assert read_contents(again) == read_contents(built)


def test_local_name():
    assert local_name("https://w3id.org/zonekg/ontology#Company") == "Company"
    assert local_name("https://w3id.org/zonekg/id/report/khnz-2021") == "khnz-2021"


def test_supplied_names_former_posts_implied_relations_planned_events_and_figures_about(mini_texts, ontology):
    texts = dict(mini_texts)
    for file, old, new in (
        ("entities/all.yaml", '{role: chairman, org: demo-bio, at: "mini:29-48"}',
         '{role: chairman, org: demo-bio, at: "mini:29-48", end: "2030-03"}'),
        ("entities/all.yaml", '{rel: locatedIn, to: demo-park, at: "mini:29-42"}',
         '{rel: locatedIn, to: demo-park, at: "mini:29-42", basis: implied, note: n}'),
        ("events/mini.yaml", "  at: mini:51-63", "  status: planned\n  at: mini:51-63"),
        ("observations/mini.yaml", "  subject: spark-talent\n", "  subject: demo-zone\n  about: [spark-talent]\n"),
    ):
        texts[file] = texts[file].replace(old, new, 1)
    records, report = parse_records(texts)
    assert report.ok, report.format()
    contents = read_contents(to_dataset(records, ontology=ontology))
    assert contents.entities[f"{KG}demo-zone"].supplied == ("示例高新技术产业开发区",)
    assert contents.entities[f"{KG}demo-bio"].supplied == ()
    [post] = contents.posts
    assert (post.former, post.start, post.end) == (True, "", "2030-03")
    implied = {(local_name(r.subject), r.rel): r.implied for r in contents.relations}
    assert implied[("demo-bio", "locatedIn")] is True and implied[("demo-park", "locatedIn")] is False
    assert [e.status for e in contents.events] == ["planned"]
    talents = next(f for f in contents.figures if f.id == "mini-spark-new-talents")
    assert (talents.subject, talents.about) == (f"{KG}demo-zone", (f"{KG}spark-talent",))
