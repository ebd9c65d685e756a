"""The analysis result, its JSON and its RDF graph; ``zonekg analyze`` end to end."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from rdflib import Literal, URIRef

from graph.cli.main import EXIT_OK, main
from graph.network.analysis import analysis_graph_iri, analyze, to_json, to_rdf
from graph.vocab.namespaces import RDF, RDFS, XSD, ZK

IND = "urn:x:industry-bio"


@pytest.fixture
def zone():
    """Two triangles of companies joined by a broker x; the a-side works in one industry."""
    g = nx.MultiDiGraph()
    for u, v in [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"), ("a1", "x"), ("x", "b1")]:
        g.add_edge(f"urn:x:{u}", f"urn:x:{v}", key="partnerOf")
    for a in ("a1", "a2", "a3"):
        g.add_edge(f"urn:x:{a}", IND, key="inIndustry")
    for node in g:
        name = node.rsplit(":", 1)[-1]
        g.nodes[node].update(cls="Industry" if node == IND else "Company", name_zh=name.upper(), name_en=name)
    return g


def test_brokers_bridges_and_communities(zone):
    result = analyze(zone)
    assert result.brokers == ("urn:x:a1", "urn:x:b1", "urn:x:x")
    assert result.bridges == (("urn:x:a1", "urn:x:x"), ("urn:x:b1", "urn:x:x"))
    a_side = next(c for c in result.communities if "urn:x:a2" in c.members)
    assert {"urn:x:a1", "urn:x:a3"} <= set(a_side.members)
    assert a_side.dominant_industry == IND
    assert a_side.name.split("、")[0] == "A1"  # the most central member names the community
    assert result.top("betweenness", 1) == [("urn:x:a1", result.measures["betweenness"]["urn:x:a1"])]


def test_json_is_deterministic_and_complete(zone):
    text = to_json(analyze(zone))
    assert text == to_json(analyze(zone))
    data = json.loads(text)
    fields = {"betweenness", "pagerank", "degree", "closeness", "eigenvector", "core_number", "community", "cls", "name_zh"}
    assert set(data["entities"]["urn:x:x"]) >= fields
    assert data["brokers"] == ["urn:x:a1", "urn:x:b1", "urn:x:x"] and data["seed"] == 42


def test_rdf_graph(zone):
    result = analyze(zone)
    g = to_rdf(result)
    assert g.identifier == analysis_graph_iri()
    x = URIRef("urn:x:x")
    assert g.value(x, ZK.isBroker) == Literal(True)
    assert float(g.value(x, ZK.betweennessCentrality)) == pytest.approx(result.measures["betweenness"]["urn:x:x"])
    assert g.value(x, ZK.coreNumber).datatype == XSD.integer
    community = g.value(URIRef("urn:x:a2"), ZK.community)
    assert (community, RDF.type, ZK.Community) in g and g.value(community, RDFS.label) is not None
    assert len(list(g.subjects(RDF.type, ZK.Bridge))) == 2
    run = next(g.subjects(RDF.type, ZK.NetworkAnalysis))
    assert float(g.value(run, ZK.modularity)) == pytest.approx(result.modularity)


def test_analyze_command_and_sparql_over_the_analysis_on_the_mini_zone(mini_trig, mini_query_ds):
    out = mini_trig.parent
    assert (out / "analysis.json").is_file() and (out / "analysis.trig").is_file()
    data = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    zone = "https://w3id.org/zonekg/id/demo-zone"
    assert max(data["entities"], key=lambda n: data["entities"][n]["betweenness"]) == zone
    assert zone in data["brokers"]
    from graph.sparql.api import answer

    rows = answer(mini_query_ds, "SELECT ?e WHERE { ?e zk:pageRank ?p } ORDER BY DESC(?p)")[1].rows
    assert len(rows) == len(data["entities"]) and str(rows[0][0]) == zone
    university = answer(mini_query_ds, "SELECT ?name WHERE { kg:demo-university zk:community ?c . ?c rdfs:label ?name }")[1].rows
    assert len(university) == 1


@pytest.mark.slow
def test_analyze_command_and_sparql_over_the_analysis(kunshan_trig, kunshan_query_ds):
    out = kunshan_trig.parent
    assert (out / "analysis.json").is_file() and (out / "analysis.trig").is_file()
    data = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    zone = "https://w3id.org/zonekg/id/kunshan-hnz"
    assert max(data["entities"], key=lambda n: data["entities"][n]["betweenness"]) == zone
    assert zone in data["brokers"]
    from graph.sparql.api import answer

    rows = answer(kunshan_query_ds, "SELECT ?c WHERE { ?c a zk:Company ; zk:pageRank ?p } ORDER BY DESC(?p) LIMIT 10")[1].rows
    assert len(rows) == 10
    fudan = answer(kunshan_query_ds, "SELECT ?name WHERE { kg:fudan-university zk:community ?c . ?c rdfs:label ?name }")[1].rows
    assert len(fudan) == 1


@pytest.mark.slow
def test_analysis_is_byte_identical_across_processes(tmp_path, kunshan_trig, in_processes):
    outputs = in_processes(["analyze", "-q", "--data", str(kunshan_trig)], tmp_path)
    assert {"analysis.json", "analysis.trig", "report.html", "report.md", "report-degree.svg"} <= set(outputs[0])
    assert outputs[0] == outputs[1]


def test_analyze_prints_the_summary_on_the_mini_zone(mini_trig, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert main(["analyze", "--data", str(mini_trig), "--out", str(tmp_path)], stdout=out, stderr=err) == EXIT_OK
    lines = out.getvalue().splitlines()
    assert lines[0] == "6 entities, 6 relations, 2 communities (modularity 0.319), 3 brokers, 5 bridges"
    assert lines[1].startswith("top betweenness: 示例高新区 0.700")
    assert "loading the graph" in err.getvalue()


@pytest.mark.slow
def test_analyze_prints_the_summary(kunshan_trig, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert main(["analyze", "--data", str(kunshan_trig), "--out", str(tmp_path)], stdout=out, stderr=err) == EXIT_OK
    lines = out.getvalue().splitlines()
    assert "communities (modularity" in lines[0] and "brokers" in lines[0]
    assert lines[1].startswith("top betweenness: 昆山高新区")
