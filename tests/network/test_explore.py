"""Paths, neighbourhoods and the 2021 → 2023 diff: on a hand-made zone and on Kunshan."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from graph.cli.main import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from graph.curation.records import Citation
from graph.network.explore import changed_relations, neighbourhood, shortest_paths


@pytest.fixture
def zone():
    g = nx.MultiDiGraph()
    edges = [("u", "z", "cooperatesWith", "2021"), ("c1", "z", "locatedIn", "2021"), ("c2", "z", "locatedIn", "2023"),
             ("c2", "p", "locatedIn", "2023"), ("u", "p", "builtBy", "2021")]
    for a, b, key, year in edges:
        g.add_edge(a, b, key=key, label_en=key, spans=(Citation(f"r{year}", 0, 1),), years=[year])
    for n in g:
        g.nodes[n].update(name_zh=n, cls="Company", years=["2021"])
    g.add_node("alone", name_zh="alone", cls="Company", years=["2023"])
    return g


def test_all_shortest_paths_with_direction(zone):
    paths = shortest_paths(zone, "u", "c2")
    assert [[(h.source, h.target, h.key, h.forward) for h in p] for p in paths] == [
        [("u", "p", "builtBy", True), ("p", "c2", "locatedIn", False)],
        [("u", "z", "cooperatesWith", True), ("z", "c2", "locatedIn", False)],
    ]
    assert shortest_paths(zone, "u", "c2", limit=1) == paths[:1]
    assert shortest_paths(zone, "u", "alone") == [] and shortest_paths(zone, "u", "nobody") == []


def test_neighbourhood_by_depth(zone):
    assert sorted(neighbourhood(zone, "c1", depth=1)) == ["c1", "z"]
    assert sorted(neighbourhood(zone, "c1", depth=2)) == ["c1", "c2", "u", "z"]
    assert neighbourhood(zone, "nobody").number_of_nodes() == 0


def test_changed_relations(zone):
    only = changed_relations(zone, "2021", "2023")
    assert only["2021"] == [("c1", "locatedIn", "z"), ("u", "builtBy", "p"), ("u", "cooperatesWith", "z")]
    assert only["2023"] == [("c2", "locatedIn", "p"), ("c2", "locatedIn", "z")]


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_path_neighbours_and_diff_on_the_mini_zone(mini_trig):
    code, out, err = _run("path", "示例大学", "示例生物公司", "--data", str(mini_trig))
    assert code == EXIT_OK, err
    assert out.splitlines()[0] == "1 shortest path(s) of 3 hop(s):"
    assert "示例大学 —Demo University signs with the zone→ 示例高新区 ←located in— 示例科技园 ←located in— 示例生物公司" in out
    assert "mini:29-42" in out
    code, out, _ = _run("neighbours", "Demo Bio Co.", "--data", str(mini_trig))
    assert code == EXIT_OK
    assert out.splitlines()[0] == "示例生物公司: 2 entities within 1 relation(s)"
    assert "张三 —chairman→ 示例生物公司" in out
    assert _run("neighbours", "示例生物公司", "--depth", "0", "--data", str(mini_trig))[0] == EXIT_USAGE
    code, out, _ = _run("diff", "--from", "2030", "--to", "2031", "--data", str(mini_trig))
    assert code == EXIT_OK
    assert "entities named in the 2030 report only (6):" in out and "relations stated in the 2031 report only (0):" in out


@pytest.mark.slow
def test_path_on_kunshan(kunshan_trig):
    code, out, err = _run("path", "复旦大学", "中科可控", "--data", str(kunshan_trig))
    assert code == EXIT_OK, err
    assert out.splitlines()[0] == "1 shortest path(s) of 2 hop(s):"
    assert "复旦大学 ←cooperates with— 昆山高新区 ←located in— 中科可控" in out and "khnz-2021:" in out


@pytest.mark.slow
def test_path_with_an_ambiguous_name_lists_the_candidates(kunshan_trig):
    code, _, err = _run("path", "电子信息", "中科可控", "--data", str(kunshan_trig))
    assert code == EXIT_USAGE
    assert "zk:Industry" in err and "zk:IndustryCluster" in err


_PREFIXES = (
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n"
    "@prefix zk: <https://w3id.org/zonekg/ontology#> .\n"
)


def test_path_between_unconnected_entities(tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text(
        _PREFIXES +
        '<urn:a> a zk:Company ; skos:prefLabel "甲"@zh ; dcterms:identifier "a" .\n'
        '<urn:b> a zk:Company ; skos:prefLabel "乙"@zh ; dcterms:identifier "b" .\n', encoding="utf-8")
    code, _, err = _run("path", "甲", "乙", "--data", str(data))
    assert code == EXIT_DATA and "no path" in err


def test_path_with_a_shared_name_lists_the_candidates(tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text(
        _PREFIXES +
        '<urn:a> a zk:Company ; skos:prefLabel "甲"@zh ; dcterms:identifier "a" .\n'
        '<urn:b> a zk:University ; skos:prefLabel "甲"@zh ; dcterms:identifier "b" .\n'
        '<urn:c> a zk:Company ; skos:prefLabel "乙"@zh ; dcterms:identifier "c" .\n', encoding="utf-8")
    code, _, err = _run("path", "甲", "乙", "--data", str(data))
    assert code == EXIT_USAGE
    assert "names several entities" in err and "urn:a (zk:Company)" in err and "urn:b (zk:University)" in err


@pytest.mark.slow
def test_neighbours_on_kunshan(kunshan_trig):
    code, out, _ = _run("neighbours", "协鑫光电", "--data", str(kunshan_trig))
    assert code == EXIT_OK
    assert out.splitlines()[0].startswith("昆山协鑫光电材料有限公司: ")
    assert "范斌 —chairman→ 昆山协鑫光电材料有限公司" in out
    assert _run("neighbours", "协鑫光电", "--depth", "0", "--data", str(kunshan_trig))[0] == EXIT_USAGE


@pytest.mark.slow
def test_diff_on_kunshan(kunshan_trig):
    code, out, _ = _run("diff", "--from", "2021", "--to", "2023", "--data", str(kunshan_trig))
    assert code == EXIT_OK
    assert "effective high-tech enterprises — 昆山高新区: 644.0 → 820.0 (Count), 176.0, 27.33%" in out
    assert "rank in the national high-tech zone evaluation — 昆山高新区: 33.0 → 32.0 (Rank), -1.0, -3.03%" in out
    assert "entities named in the 2021 report only (" in out and "relations stated in the 2023 report only (" in out
