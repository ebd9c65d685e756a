"""Where each entity sits on the page: a seeded, reproducible 2-D layout computed once, in Python.

:func:`layout` lays out every connected component of the projection on its
own with igraph's grid Fruchterman–Reingold (fast enough for tens of
thousands of nodes), scales each so that an entity's nearest neighbour is
about ``spacing`` pixels away, and packs the components in shelves, largest first, so that
isolated entities do not drift to the horizon. The same graph and seed give
the same coordinates, rounded to a tenth of a pixel, so the page built from
them is byte-identical. The browser then only draws: physics stays off.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")])
>>> g.add_node("lonely")
>>> pos = layout(g)
>>> sorted(pos) == sorted(g)
True
>>> pos == layout(g)
True
>>> all(isinstance(x, float) and isinstance(y, float) for x, y in pos.values())
True
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["layout"]


def _component_layout(edges: list[tuple[int, int]], n: int, *, seed: int) -> np.ndarray:
    """Coordinates of one connected component with ``n`` nodes (edges use local indices)."""
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    import igraph

    graph = igraph.Graph(n=n, edges=edges)
    start = np.random.default_rng(seed).uniform(-1.0, 1.0, size=(n, 2)) * math.sqrt(n)
    previous = random.getstate()
    igraph.set_random_number_generator(random.Random(seed))  # igraph draws from it for coincident points
    try:
        coords = graph.layout_fruchterman_reingold(seed=start.tolist(), niter=500, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
        random.setstate(previous)
    return np.asarray(coords, dtype=float)


def _scaled(coords: np.ndarray, spacing: float) -> np.ndarray:
    """Centre ``coords`` and scale them so that the median distance to the nearest neighbour is ``spacing``."""
    from scipy.spatial import cKDTree

    coords = coords - coords.mean(axis=0)
    if len(coords) > 1:
        distances, _ = cKDTree(coords).query(coords, k=2)
        median = float(np.median(distances[:, 1]))
        if median > 0:
            coords = coords * (spacing / median)
    return coords


def layout(g: nx.Graph, *, seed: int = 42, spacing: float = 80.0) -> dict[str, tuple[float, float]]:
    """Seeded 2-D coordinates in pixels for every node of ``g`` (see the module docstring).

    Parameters
    ----------
    g
        Any networkx graph; direction and parallel edges are ignored.
    seed
        Seeds the starting positions and igraph's generator.
    spacing
        The median distance, in pixels, from an entity to its nearest neighbour in its component.
    """
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[list[str], np.ndarray]] = []
    for number, members in enumerate(components):
        index = {node: i for i, node in enumerate(members)}
        pairs = ((index[u], index[v]) for u, v in simple.subgraph(members).edges())
        edges = sorted({(a, b) if a <= b else (b, a) for a, b in pairs})
        coords = _scaled(_component_layout(edges, len(members), seed=seed + number), spacing)
        placed.append((members, coords))
    # Shelf packing: components left to right in rows about as wide as the whole is tall.
    margin = spacing
    boxes = [(coords.max(axis=0) - coords.min(axis=0)) + margin for _, coords in placed]
    row_width = max(float(boxes[0][0]) if boxes else 0.0, math.sqrt(sum(float(w * h) for w, h in boxes)) * 1.2)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for (members, coords), (width, height) in zip(placed, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        origin = np.array([x, y]) - coords.min(axis=0) + margin / 2
        for node, point in zip(members, coords + origin, strict=True):
            positions[node] = (round(float(point[0]), 1), round(float(point[1]), 1))
        x += float(width)
        row_height = max(row_height, float(height))
    return positions
