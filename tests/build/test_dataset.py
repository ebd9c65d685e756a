"""Stage 3: records → dataset: graphs, classes, labels, n-ary posts, figures and provenance."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SKOS, XSD

from graph.build.dataset import (
    catalogue_graph_iri,
    report_graph_iri,
    summarize,
    to_dataset,
)
from graph.curation.records import read_records
from graph.data import read_text
from graph.vocab.namespaces import DEFAULT_BASE, OA, ONTOLOGY_IRI, SDO, ZK

KG = DEFAULT_BASE


@pytest.fixture(scope="module")
def mini_ds(mini_dir, ontology):
    records, report = read_records(mini_dir / "records")
    assert report.ok
    return to_dataset(records, ontology=ontology)


def _query(name: str) -> str:
    return read_text("queries", name)


def _iri(local: str, kind: str = "") -> URIRef:
    return URIRef(f"{KG}{kind}/{local}" if kind else f"{KG}{local}")


def test_named_graphs(mini_ds):
    names = {str(g.identifier) for g in mini_ds.graphs() if len(g)}
    assert names == {str(ONTOLOGY_IRI), str(catalogue_graph_iri()), str(report_graph_iri("mini"))}


def test_no_blank_nodes(mini_ds):
    from rdflib import BNode

    for g in mini_ds.graphs():
        for triple in g:
            assert not any(isinstance(t, BNode) for t in triple), triple


def test_entities_typed_and_labelled_in_both_languages(mini_ds):
    cat = mini_ds.graph(catalogue_graph_iri())
    zone = _iri("demo-zone")
    assert (zone, RDF.type, ZK.Zone) in cat
    assert Literal("示例高新区", lang="zh") in set(cat.objects(zone, RDFS.label))
    assert Literal("Demo High-tech Zone", lang="en") in set(cat.objects(zone, SKOS.prefLabel))
    assert Literal("示例高新技术产业开发区", lang="zh") in set(cat.objects(zone, SKOS.altLabel))


def test_relations_are_in_the_report_graph_with_a_statement(mini_ds):
    g = mini_ds.graph(report_graph_iri("mini"))
    assert (_iri("demo-bio"), ZK.locatedIn, _iri("demo-park")) in g
    stmt = _iri("demo-bio/locatedIn/demo-park", "statement")
    assert (stmt, RDF.subject, _iri("demo-bio")) in g
    assert (stmt, ZK.evidence, _iri("mini/29-42", "span")) in g


def test_chairman_is_an_org_membership(mini_ds):
    g = mini_ds.graph(report_graph_iri("mini"))
    post = _iri("zhang-san/chairman/demo-bio", "membership")
    assert (post, RDF.type, ORG.Membership) in g
    assert (post, ORG.member, _iri("zhang-san")) in g
    assert (post, ORG.organization, _iri("demo-bio")) in g
    assert (post, ORG.role, _iri("chairman")) in g


def test_observation_as_printed_and_normalised(mini_ds):
    g = mini_ds.graph(report_graph_iri("mini"))
    obs = _iri("mini-gdp", "observation")
    assert (obs, SDO.observationAbout, _iri("demo-zone")) in g
    assert g.value(obs, SDO.value) == Literal("120.5", datatype=XSD.decimal)
    assert g.value(obs, SDO.unitText) == Literal("亿元", lang="zh")
    assert g.value(obs, ZK.normalisedValue).toPython() == 12_050_000_000
    assert g.value(obs, ZK.unit) == ZK.CNY
    assert g.value(obs, ZK.year) == Literal("2030", datatype=XSD.gYear)
    other = _iri("mini-import-export", "observation")
    assert g.value(other, ZK.qualifier) == ZK.Over


def test_source_report_is_described(mini_ds):
    cat = mini_ds.graph(catalogue_graph_iri())
    report = _iri("mini", "report")
    assert (report, RDF.type, ZK.SourceReport) in cat
    sha256 = "763682a8bf8d8de862e28844b94d3be389fb9fa0797d69f033a75b8f864fabf0"
    assert cat.value(report, ZK.sha256) == Literal(sha256, datatype=XSD.hexBinary)
    assert cat.value(report, ZK.yearCovered) == Literal("2030", datatype=XSD.gYear)
    assert cat.value(report, ZK.characterCount).toPython() == 109


def test_span_selector(mini_ds):
    g = mini_ds.graph(report_graph_iri("mini"))
    span = _iri("mini/29-42", "span")
    selector = g.value(span, OA.hasSelector)
    assert g.value(span, OA.hasSource) == _iri("mini", "report")
    assert (selector, RDF.type, OA.TextPositionSelector) in g
    assert (g.value(selector, OA.start).toPython(), g.value(selector, OA.end).toPython()) == (29, 42)


def test_readme_provenance_query_for_a_relation(mini_ds):
    rows = list(mini_ds.query(_query("statement-source.rq"), initBindings={
        "subject": _iri("demo-university"), "predicate": ZK.signedAgreementWith, "object": _iri("demo-zone"),
    }))
    assert [(str(r.report), r.start.toPython(), r.end.toPython()) for r in rows] == [(str(_iri("mini", "report")), 51, 63)]
    assert str(rows[0].title) == "示例高新区二〇三〇年回顾"


@pytest.mark.parametrize(("fact", "span"), [
    (_iri("mini-gdp", "observation"), (82, 95)),
    (_iri("mini-university-signing", "event"), (51, 63)),
    (_iri("zhang-san/chairman/demo-bio", "membership"), (29, 48)),
])
def test_evidence_query_for_figures_events_posts(mini_ds, fact, span):
    rows = list(mini_ds.query(_query("evidence.rq"), initBindings={"fact": fact}))
    assert [(r.start.toPython(), r.end.toPython()) for r in rows] == [span]


def test_base_can_be_overridden(mini_dir, ontology):
    records, _ = read_records(mini_dir / "records")
    ds = to_dataset(records, ontology=ontology, base="https://example.org/kg/")
    cat = ds.graph(URIRef("https://example.org/kg/graph/catalogue"))
    assert (URIRef("https://example.org/kg/demo-zone"), RDF.type, ZK.Zone) in cat


def test_summary_counts(mini_ds):
    summary = summarize(mini_ds)
    assert summary.entities["Company"] == 1 and summary.entities["Observation"] == 3 and summary.entities["Signing"] == 1
    assert summary.triples[str(ONTOLOGY_IRI)] > 500
    assert "entities per class:" in summary.format()


def test_kunshan_slice(kunshan_dataset):
    summary = summarize(kunshan_dataset)
    for cls in ("Zone", "Company", "Person", "University", "TalentProgramme", "Observation"):
        assert summary.entities.get(cls, 0) >= 1, cls
    assert sum(1 for g in kunshan_dataset.graphs() for _ in g.triples((None, ZK.locatedIn, None))) >= 2


def test_tensions_get_their_own_graph(mini_texts, ontology):
    from graph.build.dataset import tensions_graph_iri
    from graph.curation.records import parse_records

    tension = "- {id: t1, kind: inconsistent-sum, involves: [mini-gdp], at: [mini:82-95, mini:96-107], note: Invented.}\n"
    texts = {**mini_texts, "tensions.yaml": tension}
    records, report = parse_records(texts)
    assert report.ok
    ds = to_dataset(records, ontology=ontology)
    g = ds.graph(tensions_graph_iri())
    t = _iri("t1", "tension")
    assert (t, RDF.type, ZK.Tension) in g
    assert (t, ZK.tensionKind, ZK.InconsistentSum) in g
    assert (t, ZK.involves, _iri("mini-gdp", "observation")) in g
    assert len(set(g.objects(t, ZK.evidence))) == 2


def test_tensions_query_lists_every_tension(mini_texts, ontology):
    from graph.curation.records import parse_records

    texts = {**mini_texts, "tensions.yaml": (
        "- {id: t1, kind: inconsistent-sum, involves: [mini-gdp, demo-zone], at: [mini:82-95, mini:96-107], note: One.}\n"
        "- {id: t2, kind: duplicate, involves: [demo-park], at: [mini:14-19, mini:37-42], note: Two.}\n"
    )}
    records, _ = parse_records(texts)
    ds = to_dataset(records, ontology=ontology)
    def split(value) -> list[str]:
        return sorted(str(value).split(" | "))

    rows = [(str(r.tension).rsplit("/", 1)[1], r.kind, str(r.note), split(r.involved), split(r.spans))
            for r in ds.query(_query("tensions.rq"))]
    assert rows == [
        ("t1", ZK.InconsistentSum, "One.", ["demo-zone", "mini-gdp"], ["mini:82-95", "mini:96-107"]),
        ("t2", ZK.Duplicate, "Two.", ["demo-park"], ["mini:14-19", "mini:37-42"]),
    ]
    only = list(ds.query(_query("tensions.rq"), initBindings={"kind": ZK.Duplicate}))
    assert [str(r.note) for r in only] == ["Two."]


def test_indicators_and_industries_are_concepts_of_their_schemes(mini_texts, ontology):
    from graph.curation.records import parse_records

    texts = {**mini_texts, "entities/all.yaml": mini_texts["entities/all.yaml"].replace(
        "  name_en: new talents\n",
        "  name_en: new talents\n  broader: gdp\n  related: [import-export-total]\n  scope_note: New ones only.\n",
    ) + "\n- {id: electronics, class: Industry, name_zh: 电子, name_en: electronics, at: mini:0-1}\n"
        "\n- {id: chips, class: Industry, name_zh: 芯片, name_en: chips, at: mini:0-1, broader: [electronics]}\n"}
    records, report = parse_records(texts)
    assert report.ok, report.format()
    cat = to_dataset(records, ontology=ontology).graph(catalogue_graph_iri())
    gdp, talents, trade = _iri("gdp"), _iri("new-talents"), _iri("import-export-total")
    assert {(gdp, SKOS.inScheme, ZK.IndicatorScheme), (gdp, SKOS.topConceptOf, ZK.IndicatorScheme),
            (ZK.IndicatorScheme, SKOS.hasTopConcept, gdp), (gdp, ZK.direction, ZK.HigherIsBetter), (gdp, ZK.dimension, ZK.CNY),
            (talents, SKOS.broader, gdp), (gdp, SKOS.narrower, talents),
            (talents, SKOS.related, trade), (trade, SKOS.related, talents),
            (talents, SKOS.scopeNote, Literal("New ones only.", lang="en"))} <= set(cat)
    assert (talents, SKOS.topConceptOf, ZK.IndicatorScheme) not in cat
    chips, electronics = _iri("chips"), _iri("electronics")
    assert {(chips, SKOS.inScheme, ZK.IndustryScheme), (chips, SKOS.broader, electronics),
            (electronics, SKOS.topConceptOf, ZK.IndustryScheme)} <= set(cat)
    assert not set(cat.triples((_iri("demo-zone"), SKOS.inScheme, None)))


def test_kunshan_schemes(kunshan_dataset):
    cat = kunshan_dataset.graph(catalogue_graph_iri())
    assert (_iri("industry-perovskite-pv"), SKOS.broader, _iri("industry-photovoltaics")) in cat
    assert (_iri("national-hnz-evaluation-rank"), ZK.direction, ZK.LowerIsBetter) in cat
    tops = {str(t)[len(KG):] for t in cat.objects(ZK.IndustryScheme, SKOS.hasTopConcept)}
    assert {"industry-electronic-information", "industry-equipment-manufacturing", "industry-advanced-computing",
            "industry-life-health", "industry-digital-economy", "industry-low-carbon-economy", "industry-ai"} <= tops


# --- issue 13: supplied names, implied relations, posts over time, event status, figures about others ---

#: The mini zone with a former post, an implied relation, a planned event and a figure about a programme.
_ISSUE13 = (
    ("entities/all.yaml", '{role: chairman, org: demo-bio, at: "mini:29-48"}',
     '{role: chairman, org: demo-bio, at: "mini:29-48", status: former, start: "2029-03"}'),
    ("entities/all.yaml", '{rel: locatedIn, to: demo-park, at: "mini:29-42"}',
     '{rel: locatedIn, to: demo-park, at: "mini:29-42", basis: implied, note: invented}'),
    ("events/mini.yaml", "  at: mini:51-63", "  status: planned\n  at: mini:51-63"),
    ("observations/mini.yaml", "  subject: spark-talent\n", "  subject: demo-zone\n  about: [spark-talent]\n"),
)


@pytest.fixture(scope="module")
def issue13_ds(mini_texts, ontology):
    from graph.curation.records import parse_records

    texts = dict(mini_texts)
    for file, old, new in _ISSUE13:
        assert old in texts[file], old
        texts[file] = texts[file].replace(old, new, 1)
    records, report = parse_records(texts)
    assert report.ok, report.format()
    return to_dataset(records, ontology=ontology)


def test_a_supplied_name_is_a_label_node_attributed_to_the_curators_and_never_cited(mini_ds):
    from graph.build.dataset import curators_iri
    from graph.vocab.namespaces import PROV, SKOSXL

    cat = mini_ds.graph(catalogue_graph_iri())
    zone = _iri("demo-zone")
    [label] = cat.objects(zone, SKOSXL.altLabel)
    from graph.vocab.iri import encode_id

    assert label == URIRef(f"{KG}label/demo-zone/{encode_id('示例高新技术产业开发区')}")
    assert (label, RDF.type, SKOSXL.Label) in cat
    assert cat.value(label, SKOSXL.literalForm) == Literal("示例高新技术产业开发区", lang="zh")
    assert cat.value(label, PROV.wasAttributedTo) == curators_iri()
    assert (curators_iri(), RDF.type, PROV.Agent) in cat
    assert str(cat.value(label, RDFS.comment)).startswith("the official full name")
    assert not any((label, ZK.evidence, None) in g for g in mini_ds.graphs())
    assert Literal("示例高新技术产业开发区", lang="zh") in set(cat.objects(zone, SKOS.altLabel))  # still a name to search by
    assert list(cat.objects(_iri("demo-bio"), SKOSXL.altLabel)) == []  # a printed alias is plain


def test_an_implied_relation_is_marked_on_its_statement(issue13_ds, mini_ds):
    g = issue13_ds.graph(report_graph_iri("mini"))
    stmt = _iri("demo-bio/locatedIn/demo-park", "statement")
    assert g.value(stmt, ZK.implied) == Literal(True)
    assert (_iri("demo-bio"), ZK.locatedIn, _iri("demo-park")) in g
    assert mini_ds.graph(report_graph_iri("mini")).value(stmt, ZK.implied) is None


def test_a_former_post_has_a_tenure_with_an_end(issue13_ds, mini_ds):
    from rdflib.namespace import TIME

    g = issue13_ds.graph(report_graph_iri("mini"))
    post = _iri("zhang-san/chairman/demo-bio", "membership")
    tenure = g.value(post, ORG.memberDuring)
    assert tenure == _iri("zhang-san/chairman/demo-bio", "tenure") and (tenure, RDF.type, TIME.ProperInterval) in g
    start, end = g.value(tenure, TIME.hasBeginning), g.value(tenure, TIME.hasEnd)
    assert g.value(start, TIME.inXSDgYearMonth) == Literal("2029-03", datatype=XSD.gYearMonth)
    assert (end, RDF.type, TIME.Instant) in g and g.value(end, TIME.inXSDDate) is None  # ended, date not printed
    assert mini_ds.graph(report_graph_iri("mini")).value(post, ORG.memberDuring) is None  # a current post: no tenure


def test_events_have_a_status(issue13_ds, mini_ds):
    event = _iri("mini-university-signing", "event")
    assert issue13_ds.graph(report_graph_iri("mini")).value(event, SDO.eventStatus) == ZK.EventPlanned
    assert mini_ds.graph(report_graph_iri("mini")).value(event, SDO.eventStatus) == ZK.EventHappened


def test_a_figure_about_another_entity(issue13_ds):
    g = issue13_ds.graph(report_graph_iri("mini"))
    obs = _iri("mini-spark-new-talents", "observation")
    assert g.value(obs, SDO.observationAbout) == _iri("demo-zone")
    assert g.value(obs, ZK.about) == _iri("spark-talent")
    from rdflib import Graph

    union = Graph()
    for graph in issue13_ds.graphs():
        union += graph
    [row] = union.query(_query("talent-programme-counts.rq"))
    assert (row.programme, str(row.year), row.value.toPython()) == (_iri("spark-talent"), "2030", 12)


def test_the_issue13_dataset_conforms_to_the_shapes(issue13_ds, ontology):
    from graph.build.shapes import check_shapes, read_shapes

    report = check_shapes(issue13_ds, shapes=read_shapes(), ontology=ontology)
    assert report.ok, report.format()
