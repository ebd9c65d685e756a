"""Network measures on a hand-made zone with exactly known answers.

Two triangles of companies (a1 a2 a3, b1 b2 b3) joined only through the broker x
(a1 – x – b1): seven entities, eight links.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.network import metrics

EDGES = [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"), ("a1", "x"), ("x", "b1")]


@pytest.fixture
def zone():
    g = nx.MultiDiGraph()
    for u, v in EDGES:
        g.add_edge(u, v, key="partnerOf")
    g.add_edge("a2", "a3", key="locatedIn")  # a second relation between the same pair: weight 2
    return g


def test_degree(zone):
    expected = {"a1": 3 / 6, "a2": 2 / 6, "a3": 2 / 6, "b1": 3 / 6, "b2": 2 / 6, "b3": 2 / 6, "x": 2 / 6}
    assert metrics.degree(zone) == pytest.approx(expected)
    assert metrics.weighted_degree(zone)["a2"] == 3.0


def test_betweenness_finds_the_broker(zone):
    b = metrics.betweenness(zone)
    assert b["x"] == pytest.approx(9 / 15)
    assert b["a1"] == pytest.approx(8 / 15) and b["b1"] == pytest.approx(8 / 15)
    assert b["a2"] == 0.0


def test_closeness(zone):
    c = metrics.closeness(zone)
    assert c["x"] == pytest.approx(6 / (1 + 1 + 2 + 2 + 2 + 2))
    assert c["a2"] == pytest.approx(6 / (1 + 1 + 2 + 3 + 4 + 4))


def test_articulation_points_and_bridges(zone):
    assert metrics.articulation_points(zone) == ["a1", "b1", "x"]
    assert metrics.bridges(zone) == [("a1", "x"), ("b1", "x")]


def test_cores_and_components(zone):
    assert set(metrics.core_number(zone).values()) == {2.0}  # every entity has two links inside the 2-core
    zone.add_edge("x", "pendant")
    cores = metrics.core_number(zone)
    assert cores["pendant"] == 1.0 and cores["x"] == 2.0
    zone.remove_node("pendant")
    assert set(metrics.components(zone).values()) == {0.0}
    zone.add_edge("lonely", "pair")
    parts = metrics.components(zone)
    assert parts["lonely"] == parts["pair"] == 1.0 and parts["x"] == 0.0


def test_pagerank_and_eigenvector_are_distributions_of_importance(zone):
    pr = metrics.pagerank(zone)
    assert sum(pr.values()) == pytest.approx(1.0)
    assert pr["a1"] > pr["x"] > 0
    ev = metrics.eigenvector(zone)
    assert ev["a1"] == pytest.approx(ev["b1"], rel=1e-3) or ev["a1"] > 0
    assert min(ev.values()) > 0
    zone.add_edge("lonely", "pair")
    assert metrics.eigenvector(zone)["lonely"] == 0.0


def test_communities_split_at_the_broker(zone):
    membership = metrics.communities(zone)
    assert membership["a1"] == membership["a2"] == membership["a3"]
    assert membership["b1"] == membership["b2"] == membership["b3"]
    assert membership["a1"] != membership["b1"]
    assert metrics.modularity(zone, membership) > 0.3
    assert metrics.communities(zone) == membership  # the seed makes it repeat


def test_measures_return_plain_float_dicts(zone):
    measures = (metrics.degree, metrics.betweenness, metrics.closeness, metrics.pagerank, metrics.eigenvector,
                metrics.core_number)
    for measure in measures:
        result = measure(zone)
        assert type(result) is dict and all(type(k) is str and type(v) is float for k, v in result.items())
