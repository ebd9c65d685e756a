"""The embedded Kunshan records: valid, complete, resolved, and every citation checked against the real reports."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import URIRef

from graph.curation.coverage import uncovered_figures, uncovered_names
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


def test_records_dir_is_inside_the_package(kunshan_records):
    import graph

    assert (default_records_dir() / "sources.yaml").is_file()
    assert default_records_dir().resolve().is_relative_to(Path(graph.__file__).resolve().parent)
    assert kunshan_records.sources  # read from there by the session fixture


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
    both = ("kunshan-hnz", "sugon-kekong", "cambricon", "zhongke-jingshang", "zelgen", "ribo", "zizhu-hnz",
            "admin-approval-bureau")
    for entity_id in both:
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


@pytest.mark.slow
def test_known_tensions_are_flagged(kunshan_dataset):
    rows = {str(r.tension).rsplit("/", 1)[1]: r.kind for r in kunshan_dataset.query(_query("tensions.rq"))}
    assert rows["national-approval-date"] == ZK.ImpossibleDate
    assert rows["mobile-iot-park-listed-twice"] == ZK.Duplicate
    assert rows["carrier-space-parts"] == ZK.InconsistentSum
    assert "leading-cluster-names" not in rows  # 装备制造 and 高端装备 name one industry: no contradiction
    assert "service-month-rate-sum" not in rows and len(rows) >= 5  # the service-month total is printed nowhere


def test_a_fact_with_its_source(kunshan_dataset):
    """The chairman of the droplet-logic company, and the characters that say so."""
    rows = list(kunshan_dataset.query(_query("evidence.rq"), initBindings={
        "fact": URIRef(f"{DEFAULT_BASE}membership/su-yang/chairman/droplet-logic"),
    }))
    assert rows and all(str(r.report).endswith("report/khnz-2021") for r in rows)


# --- the industry hierarchy -----------------------------------------------------------------------

#: The zone's industries at the top of the hierarchy: the 2023 review's two leading, two innovation
#: industries and three new tracks, and two fields the 2021 review names that fall under none of them.
TOP_INDUSTRIES = {
    "industry-electronic-information", "industry-equipment-manufacturing", "industry-advanced-computing",
    "industry-life-health", "industry-digital-economy", "industry-low-carbon-economy", "industry-ai",
    "industry-advanced-manufacturing", "industry-new-materials",
}
#: Companies the reports give no industry for (law and consulting firms, a service example, a caption).
NO_INDUSTRY = {"xinyanlian", "aiyixing", "xuhui-testing", "ricoh", "jinmao-law", "intercare-consulting"}


def _companies_in(ds, industry: str) -> set[str]:
    from graph.sparql.api import answer
    from graph.sparql.library import read_library

    _, result = answer(ds, read_library()["companies-by-industry"].text, params={"industry": industry})
    return {str(row[0]).rsplit("/", 1)[1] for row in result.rows}


def test_the_industry_tree(kunshan_records):
    industries = {e.id: e for e in kunshan_records.entities if e.cls == "Industry"}
    assert {i for i, e in industries.items() if not e.broader} == TOP_INDUSTRIES
    for e in industries.values():
        assert e.note, f"{e.id}: a placement needs its note (where a report states it, or that the curators chose it)"
    equipment = industries["industry-equipment-manufacturing"]
    # one industry, both names the reports print
    assert (equipment.name_zh, equipment.aliases) == ("装备制造", ("高端装备",))


def test_every_company_is_in_an_industry_unless_the_reports_give_none(kunshan_records):
    companies = {e.id: e for e in kunshan_records.entities if e.cls == "Company"}
    placed = {i for i, e in companies.items() if any(r.rel == "inIndustry" for r in e.relations)}
    assert set(companies) - placed == NO_INDUSTRY


@pytest.mark.slow
def test_companies_by_industry_follows_the_hierarchy(kunshan_query_ds, kunshan_records):
    # 电子信息 also names the cluster: the question asks for an industry, so the industry is meant
    assert _companies_in(kunshan_query_ds, "电子信息") == {"q-tech"}
    assert _companies_in(kunshan_query_ds, "低碳经济") == {"gcl-optoelectronics", "gcl-group"}
    assert _companies_in(kunshan_query_ds, "光伏") == {"gcl-optoelectronics"}
    assert _companies_in(kunshan_query_ds, "高端装备") == {"luhang", "kunshan-rail-equipment"}
    life = _companies_in(kunshan_query_ds, "生命健康")
    assert life == _companies_in(kunshan_query_ds, "生物医药") | {"droplet-logic"} and "mevion" in life
    # every company turns up under each industry above the ones it is linked to
    up = {e.id: e.broader for e in kunshan_records.entities if e.cls == "Industry"}
    for top in TOP_INDUSTRIES:
        found = _companies_in(kunshan_query_ds, f"kg:{top}")
        for company in (e for e in kunshan_records.entities if e.cls == "Company"):
            linked = {r.to for r in company.relations if r.rel == "inIndustry"}
            above = set(linked)
            while True:
                more = {b for i in above for b in up.get(i, ())} - above
                if not more:
                    break
                above |= more
            assert (top in above) == (company.id in found), (top, company.id)
