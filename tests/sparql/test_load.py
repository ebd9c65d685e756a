"""Loading the graph for queries, inference with its cache, and name resolution: on the mini zone, and on Kunshan (slow)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

import graph
from graph.errors import InputError
from graph.sparql.api import answer, source_text
from graph.sparql.load import INFERRED_GRAPH, cache_dir, load, read_dataset
from graph.sparql.resolve import resolve
from graph.vocab.namespaces import DEFAULT_BASE, ORG, ZK

KG = DEFAULT_BASE


def test_names_aliases_and_iris_resolve_on_the_mini_zone(mini_query_ds):
    ds = mini_query_ds
    assert resolve(ds, "示例高新区") == URIRef(f"{KG}demo-zone")
    assert resolve(ds, "Demo High-tech Zone") == URIRef(f"{KG}demo-zone")
    assert resolve(ds, "示例高新技术产业开发区") == URIRef(f"{KG}demo-zone")  # an alias
    assert resolve(ds, "Ｄｅｍｏ  Science Park") == URIRef(f"{KG}demo-park")  # width forms and spaces do not matter
    assert resolve(ds, "kg:demo-bio") == URIRef(f"{KG}demo-bio")
    assert resolve(ds, f"<{KG}demo-bio>") == URIRef(f"{KG}demo-bio")
    assert resolve(ds, "2030") == Literal("2030")


@pytest.mark.slow
def test_names_aliases_and_iris_resolve(kunshan_query_ds):
    ds = kunshan_query_ds
    assert resolve(ds, "昆山高新区") == URIRef(f"{KG}kunshan-hnz")
    assert resolve(ds, "Kunshan High-tech Zone") == URIRef(f"{KG}kunshan-hnz")
    assert resolve(ds, "协鑫光电") == resolve(ds, "昆山协鑫光电材料有限公司")
    assert resolve(ds, "联东Ｕ谷科技园") == URIRef(f"{KG}liandong-u-valley")
    assert resolve(ds, "kg:cambricon") == URIRef(f"{KG}cambricon")
    assert resolve(ds, f"<{KG}cambricon>") == URIRef(f"{KG}cambricon")
    assert resolve(ds, "2021") == Literal("2021")


@pytest.mark.slow
def test_ambiguous_names_are_listed_with_their_classes(kunshan_query_ds):
    with pytest.raises(InputError, match="names several entities") as info:
        resolve(kunshan_query_ds, "电子信息")
    assert "zk:Industry" in str(info.value) and "zk:IndustryCluster" in str(info.value)


def test_rdfs_default_finds_members_of_superclasses_on_the_mini_zone(mini_query_ds):
    parks = answer(mini_query_ds, "SELECT DISTINCT ?p WHERE { ?p a zk:Park }")[1].rows
    orgs = answer(mini_query_ds, "SELECT DISTINCT ?o WHERE { ?o a org:Organization }")[1].rows
    assert parks == [(URIRef(f"{KG}demo-park"),)]
    assert {URIRef(f"{KG}{local}") for local in ("demo-zone", "demo-bio", "demo-university")} <= {o for (o,) in orgs}
    assert len(mini_query_ds.graph(INFERRED_GRAPH)) > 0


@pytest.mark.slow
def test_rdfs_default_finds_members_of_superclasses(kunshan_query_ds):
    parks = answer(kunshan_query_ds, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a zk:Park }")[1].rows[0][0].toPython()
    orgs = answer(kunshan_query_ds, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization }")[1].rows[0][0].toPython()
    assert parks >= 30 and orgs >= 80
    assert len(kunshan_query_ds.graph(INFERRED_GRAPH)) > 0


def test_without_reasoning_superclasses_are_empty(mini_trig):
    ds = load([mini_trig], reason="none")
    assert answer(ds, "ASK { ?p a zk:Park }")[1].boolean is False
    assert answer(ds, "ASK { ?p a zk:IndustrialPark }")[1].boolean is True


def test_inferences_are_cached(mini_trig, mini_query_ds):
    cached = set(cache_dir().glob("inferred-rdfs-*.nt"))
    assert cached
    again = load([mini_trig, mini_trig.with_name("analysis.trig")])
    assert set(cache_dir().glob("inferred-rdfs-*.nt")) == cached  # reused, not computed again
    assert len(again.graph(INFERRED_GRAPH)) == len(mini_query_ds.graph(INFERRED_GRAPH))


def test_read_dataset_formats(tmp_path, mini_trig):
    ds = read_dataset([mini_trig])
    assert len(ds.graph(URIRef(f"{KG}graph/mini"))) > 50
    ttl = tmp_path / "x.ttl"
    ttl.write_text("<http://x.org/a> <http://x.org/p> \"b\"@zh .\n", encoding="utf-8")
    assert (URIRef("http://x.org/a"), URIRef("http://x.org/p"), Literal("b", lang="zh")) in read_dataset([ttl])
    with pytest.raises(InputError, match="unknown RDF format"):
        read_dataset([tmp_path / "x.doc"])
    with pytest.raises(InputError, match="no such data file"):
        read_dataset([tmp_path / "missing.ttl"])
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://x.org/a> <http://x.org/p> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl: cannot read as turtle"):
        read_dataset([bad])


def test_source_text(tmp_path):
    assert source_text("tensions")[0] == "library query 'tensions'"
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert source_text(str(rq)) == (f"query file {rq}", "ASK { ?s ?p ?o }")
    assert source_text("ASK { ?s ?p ?o }")[0] == "query text"


def test_python_api_returns_plain_values_on_the_mini_zone(mini_trig, mini_query_ds):
    data = [mini_trig, mini_trig.with_name("analysis.trig")]  # the closure mini_query_ds left in the cache
    rows = graph.query("people-and-roles", params={"person": "张三"}, data=data)
    assert rows == [{
        "person": f"{KG}zhang-san", "name": "张三", "role": "董事长",
        "organisation": f"{KG}demo-bio", "organisation_name": "示例生物公司",
        "report": f"{KG}report/mini", "status": "current", "end": None,
    }]
    assert graph.query("ASK { ?x a zk:Park }", data=data) is True
    assert graph.query("ASK { ?x a zk:Park }", data=data, reason="none") is False
    triples = graph.query("CONSTRUCT { ?s a zk:Zone } WHERE { ?s a zk:Zone }", data=[mini_trig], reason="none")
    assert triples == [(f"{KG}demo-zone", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", str(ZK.Zone))]


@pytest.mark.slow
def test_python_api_returns_plain_values(kunshan_trig):
    rows = graph.query("people-and-roles", params={"person": "苏阳"}, data=[kunshan_trig])
    assert rows == [{
        "person": f"{KG}su-yang", "name": "苏阳", "role": "董事长",
        "organisation": f"{KG}droplet-logic", "organisation_name": "江苏液滴逻辑生物技术有限公司",
        "report": f"{KG}report/khnz-2021", "status": "current", "end": None,
    }]
    assert graph.query("ASK { ?x a zk:Zone }", data=[kunshan_trig]) is True
    triples = graph.query("CONSTRUCT { ?s a zk:Zone } WHERE { ?s a zk:Zone }", data=[kunshan_trig], reason="none")
    assert (f"{KG}kunshan-hnz", str(ORG.Organization).replace("org#Organization", "org#Organization"), None) not in triples
    assert (f"{KG}kunshan-hnz", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", str(ZK.Zone)) in triples
