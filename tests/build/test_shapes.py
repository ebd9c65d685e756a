"""SHACL: the mini zone conforms; deliberately broken records give exactly the expected violations."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from graph.build.dataset import catalogue_graph_iri, report_graph_iri, to_dataset
from graph.build.shapes import check_shapes, read_shapes
from graph.curation.records import parse_records
from graph.curation.validate import validate
from graph.vocab.namespaces import DEFAULT_BASE, RDFS, SDO, ZK


@pytest.fixture(scope="module")
def shapes():
    return read_shapes()


def _mutate(texts, file, old, new):
    assert old in texts[file], f"fixture text {old!r} not in {file}"
    return {**texts, file: texts[file].replace(old, new, 1)}


def _violations(texts, shapes, ontology):
    records, report = parse_records(texts)
    report = report + validate(records)
    assert report.ok, report.format()
    where = {r.id: (r.file, r.line) for r in (*records.entities, *records.observations, *records.events)}
    ds = to_dataset(records, ontology=ontology)
    problems = check_shapes(ds, shapes=shapes, ontology=ontology, where=where).problems
    return [(p.file, p.line, p.record, p.field, p.value, p.message) for p in problems]


def test_mini_conforms(mini_texts, shapes, ontology):
    assert _violations(mini_texts, shapes, ontology) == []


@pytest.mark.slow
def test_kunshan_conforms(kunshan_dataset, shapes, ontology):
    report = check_shapes(kunshan_dataset, shapes=shapes, ontology=ontology)
    assert report.ok, report.format()


def test_person_without_a_role(mini_texts, shapes, ontology):
    texts = _mutate(mini_texts, "entities/all.yaml", '  roles:\n    - {role: chairman, org: demo-bio, at: "mini:29-48"}\n', "")
    assert _violations(texts, shapes, ontology) == [
        ("entities/all.yaml", 25, "zhang-san", "^org:member", "", "a person holds a role in an organisation [PersonShape]"),
    ]


def test_incubated_by_a_university(mini_texts, shapes, ontology):
    texts = _mutate(mini_texts, "entities/all.yaml", "{rel: locatedIn, to: demo-park, at:",
                    "{rel: incubatedBy, to: demo-university, at:")
    texts = _mutate(texts, "entities/all.yaml", '"mini:29-42"}', '"mini:29-55"}')
    assert _violations(texts, shapes, ontology) == [
        ("entities/all.yaml", 16, "demo-bio", "zk:incubatedBy", f"{DEFAULT_BASE}demo-university",
         "incubated by: the object is a park or carrier [IncubatedByShape]"),
    ]


def test_located_in_a_company(mini_texts, shapes, ontology):
    texts = _mutate(mini_texts, "entities/all.yaml", "{rel: locatedIn, to: demo-zone, at:", "{rel: locatedIn, to: demo-bio, at:")
    texts = _mutate(texts, "entities/all.yaml", '"mini:14-28"}', '"mini:14-35"}')
    assert _violations(texts, shapes, ontology) == [
        ("entities/all.yaml", 8, "demo-park", "zk:locatedIn", f"{DEFAULT_BASE}demo-bio",
         "located in: the object is a place, park or zone [LocatedInShape]"),
    ]


def test_post_in_a_programme(mini_texts, shapes, ontology):
    texts = _mutate(mini_texts, "entities/all.yaml", '{role: chairman, org: demo-bio, at: "mini:29-48"}',
                    '{role: chairman, org: spark-talent, at: "mini:46-72"}')
    [violation] = _violations(texts, shapes, ontology)
    assert violation[3:] == ("org:organization", f"{DEFAULT_BASE}spark-talent",
                             "a post is in exactly one organisation [MembershipShape]")


def test_industry_relation_to_a_company(mini_texts, shapes, ontology):
    texts = _mutate(mini_texts, "entities/all.yaml", "{rel: operatedBy, to: demo-zone,", "{rel: inIndustry, to: demo-bio,")
    texts = _mutate(texts, "entities/all.yaml", '"mini:51-72"}', '"mini:29-72"}')
    assert _violations(texts, shapes, ontology) == [
        ("entities/all.yaml", 41, "spark-talent", "zk:inIndustry", f"{DEFAULT_BASE}demo-bio",
         "works in industry: the object is an industry [ConceptObjectShape]"),
    ]


def test_entity_without_a_chinese_label_and_observation_without_source(mini_dir, shapes, ontology):
    from graph.curation.records import read_records

    records, _ = read_records(mini_dir / "records")
    ds = to_dataset(records, ontology=ontology)
    ds.graph(catalogue_graph_iri()).remove((URIRef(f"{DEFAULT_BASE}demo-park"), RDFS.label, Literal("示例科技园", lang="zh")))
    obs = URIRef(f"{DEFAULT_BASE}observation/mini-gdp")
    ds.graph(report_graph_iri("mini")).remove((obs, ZK.evidence, None))
    ds.graph(report_graph_iri("mini")).remove((obs, SDO.unitText, None))
    got = sorted((p.record, p.field, p.message) for p in check_shapes(ds, shapes=shapes, ontology=ontology).problems)
    assert got == [
        ("demo-park", "rdfs:label", "an entity has exactly one Chinese (@zh) label [EntityShape]"),
        ("mini-gdp", "schema:unitText", "an observation has exactly one unit as printed [ObservationShape]"),
        ("mini-gdp", "zk:evidence", "an observation cites its source [ObservationShape]"),
    ]


def test_build_refuses_a_non_conforming_graph(tmp_path, mini_dir):
    import io
    import shutil

    from graph.cli.main import EXIT_DATA, main

    records = tmp_path / "records"
    shutil.copytree(mini_dir / "records", records)
    path = records / "entities" / "all.yaml"
    roles = '  roles:\n    - {role: chairman, org: demo-bio, at: "mini:29-48"}\n'
    path.write_text(path.read_text(encoding="utf-8").replace(roles, ""), encoding="utf-8")
    err = io.StringIO()
    code = main(["build", "--records", str(records), "--out", str(tmp_path / "out")], stdout=io.StringIO(), stderr=err)
    assert code == EXIT_DATA
    assert ("entities/all.yaml:25: record 'zhang-san', field '^org:member': "
            "a person holds a role in an organisation [PersonShape]") in err.getvalue()
    assert "against the SHACL shapes; nothing written" in err.getvalue()
    assert not (tmp_path / "out").exists()


def _unchecked_violations(texts, shapes, ontology):
    """Build without the record checks (which would stop these records), so the shapes alone judge the graph."""
    records, report = parse_records(texts)
    assert report.ok, report.format()
    where = {r.id: (r.file, r.line) for r in records.entities}
    ds = to_dataset(records, ontology=ontology)
    report = check_shapes(ds, shapes=shapes, ontology=ontology, where=where)
    return [(p.record, p.field, p.value, p.message) for p in report.problems]


def test_a_cycle_of_broader_indicators(mini_texts, shapes, ontology):
    gdp = "  name_en: gross domestic product\n"
    texts = _mutate(mini_texts, "entities/all.yaml", gdp, gdp + "  broader: new-talents\n")
    texts = _mutate(texts, "entities/all.yaml", "  name_en: new talents\n", "  name_en: new talents\n  broader: gdp\n")
    rule = "no chain of broader links leads from a concept back to itself [BroaderCycleShape]"
    assert _unchecked_violations(texts, shapes, ontology) == [
        ("gdp", "", f"{DEFAULT_BASE}gdp", rule),
        ("new-talents", "", f"{DEFAULT_BASE}new-talents", rule),
    ]


def test_an_indicator_under_a_park(mini_texts, shapes, ontology):
    gdp = "  name_en: gross domestic product\n"
    texts = _mutate(mini_texts, "entities/all.yaml", gdp, gdp + "  broader: demo-park\n")
    assert _unchecked_violations(texts, shapes, ontology) == [
        ("gdp", "skos:broader", f"{DEFAULT_BASE}demo-park", "an indicator sits under indicators only [IndicatorShape]"),
    ]
