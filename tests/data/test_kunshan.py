"""The embedded Kunshan records: valid, complete, resolved, and every citation checked against the real reports."""

from __future__ import annotations

from collections import defaultdict

from rdflib import URIRef

from graph.curation.coverage import uncovered_figures, uncovered_names
from graph.curation.records import read_records
from graph.curation.text import read_corpus, squash
from graph.curation.validate import validate
from graph.data import default_records_dir, read_text
from graph.vocab.namespaces import DEFAULT_BASE, ZK


def _query(name: str) -> str:
    return read_text("queries", name)


def test_embedded_records_are_valid_without_the_corpus(kunshan_records):
    assert validate(kunshan_records).ok


def test_every_citation_names_what_it_cites(kunshan_records, corpus_dir):
    corpus = read_corpus(corpus_dir, kunshan_records.sources)
    report = validate(kunshan_records, corpus=corpus)
    assert report.ok, report.format()


def test_both_reports_are_sources(kunshan_records):
    assert {s.id for s in kunshan_records.sources} == {"khnz-2021", "khnz-2023"}


def test_records_dir_is_inside_the_package():
    assert (default_records_dir() / "sources.yaml").is_file()
    records, report = read_records(default_records_dir())
    assert report.ok


def test_every_figure_is_accounted_for(kunshan_records, corpus_dir):
    corpus = read_corpus(corpus_dir, kunshan_records.sources)
    gaps = uncovered_figures(kunshan_records, corpus)
    assert gaps == [], "figures with no observation, event or not-modelled entry:\n" + "\n".join(g.format() for g in gaps)


def test_every_name_is_accounted_for(kunshan_records, corpus_dir):
    corpus = read_corpus(corpus_dir, kunshan_records.sources)
    gaps = uncovered_names(kunshan_records, corpus)
    assert gaps == [], "name-like words with no entity or not-modelled entry:\n" + "\n".join(g.format() for g in gaps)


def test_one_node_per_name(kunshan_records):
    """Entity resolution: no two entities share a printed name, except an industry and its own cluster."""
    owners = defaultdict(set)
    for e in kunshan_records.entities:
        for name in (e.name_zh, *e.aliases):
            owners[squash(name)].add((e.cls, e.id))
    shared = {
        name: sorted(ids) for name, ids in owners.items()
        if len(ids) > 1 and {cls for cls, _ in ids} != {"Industry", "IndustryCluster"}
    }
    assert shared == {}


def test_things_named_in_both_reports_are_one_node(kunshan_records):
    by_id = {e.id: e for e in kunshan_records.entities}
    for entity_id in ("kunshan-hnz", "sugon-kekong", "cambricon", "zhongke-jingshang", "zelgen", "ribo", "zizhu-hnz", "admin-approval-bureau"):
        assert {c.source for c in by_id[entity_id].at} == {"khnz-2021", "khnz-2023"}, entity_id


def test_the_same_indicator_compares_across_years(kunshan_dataset):
    rows = list(kunshan_dataset.query(_query("indicator-across-years.rq"), initBindings={
        "indicator": URIRef(f"{DEFAULT_BASE}effective-high-tech-enterprises"),
    }))
    assert [(str(r.year), r.value.toPython(), str(r.unitText), r.unit) for r in rows] == [
        ("2021", 644, "家", ZK.Count), ("2023", 820, "家", ZK.Count),
    ]
    every = {str(r.indicator).rsplit("/", 1)[1] for r in kunshan_dataset.query(_query("indicator-across-years.rq"))}
    assert {"effective-high-tech-enterprises", "national-hnz-evaluation-rank", "new-innovation-carrier-space"} <= every


def test_known_tensions_are_flagged(kunshan_dataset):
    rows = {str(r.tension).rsplit("/", 1)[1]: r.kind for r in kunshan_dataset.query(_query("tensions.rq"))}
    assert rows["national-approval-date"] == ZK.ImpossibleDate
    assert rows["mobile-iot-park-listed-twice"] == ZK.Duplicate
    assert rows["carrier-space-parts"] == ZK.InconsistentSum
    assert len(rows) >= 6


def test_a_fact_with_its_source(kunshan_dataset):
    """The chairman of the droplet-logic company, and the characters that say so."""
    rows = list(kunshan_dataset.query(_query("evidence.rq"), initBindings={
        "fact": URIRef(f"{DEFAULT_BASE}membership/su-yang/chairman/droplet-logic"),
    }))
    assert rows and all(str(r.report).endswith("report/khnz-2021") for r in rows)
