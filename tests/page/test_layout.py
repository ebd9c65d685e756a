"""The page's layout: every node placed, seeded, components apart, neighbours not on top of each other."""

from __future__ import annotations

import math

import networkx as nx

from graph.page.layout import layout


def _zone(seed: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(30):
        g.add_edge(f"c{i}", f"park{i % 3}", key="locatedIn")
    for p in range(3):
        g.add_edge(f"park{p}", "zone", key="locatedIn")
    g.add_edge("x", "y", key="partnerOf")
    g.add_node("alone")
    return g


def test_every_node_gets_a_finite_position():
    g = _zone(0)
    pos = layout(g)
    assert set(pos) == set(g) and all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())


def test_layout_is_seeded():
    g = _zone(0)
    assert layout(g, seed=7) == layout(g, seed=7)
    assert layout(g, seed=7) != layout(g, seed=8)


def test_components_do_not_overlap():
    pos = layout(_zone(0))
    big = [pos[n] for n in pos if n not in ("x", "y", "alone")]
    xs, ys = [p[0] for p in big], [p[1] for p in big]
    for node in ("x", "y", "alone"):
        x, y = pos[node]
        assert not (min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)), node


def test_spacing_sets_the_distance_to_the_nearest_neighbour():
    pos = layout(_zone(0), spacing=50.0)
    main = [n for n in pos if n not in ("x", "y", "alone")]
    nearest = sorted(min(math.dist(pos[a], pos[b]) for b in main if b != a) for a in main)
    assert 40 <= nearest[len(nearest) // 2] <= 60
