"""Network measures of the projected zone, networkx style: each returns a plain ``dict``.

Every measure takes the :func:`graph.network.projection.to_networkx` MultiDiGraph and
reads it as an undirected, weighted graph: two entities are linked when any
relation joins them, with ``weight`` the number of relations between them
(:func:`undirected`). A measure given that undirected graph uses it as it is,
so a caller running many measures builds it once. Node keys are entity IRIs.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_edges_from([("a", "b", "r"), ("a", "b", "s"), ("b", "c", "r")])
['r', 's', 'r']
>>> degree(g) == {"a": 0.5, "b": 1.0, "c": 0.5}
True
>>> weighted_degree(g)
{'a': 2.0, 'b': 3.0, 'c': 1.0}
>>> sorted(articulation_points(g)), bridges(g)
(['b'], [('a', 'b'), ('b', 'c')])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EXACT_LIMIT",
    "PIVOTS",
    "SEED",
    "articulation_points",
    "betweenness",
    "bridges",
    "closeness",
    "communities",
    "components",
    "core_number",
    "degree",
    "eigenvector",
    "modularity",
    "pagerank",
    "undirected",
    "weighted_degree",
]

#: The seed every randomised measure uses, so results repeat.
SEED = 42

#: Above this many entities, betweenness is estimated from a seeded sample of
#: :data:`PIVOTS` source entities (Brandes and Pich 2007, as networkx does with ``k``)
#: and closeness is computed with scipy's breadth-first search: both stay exact below it.
EXACT_LIMIT = 2000
PIVOTS = 500


def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per linked pair, ``weight`` = how many relations join them.

    A graph that is already simple and undirected is returned as it is.
    """
    import networkx as nx

    if not g.is_directed() and not g.is_multigraph():
        return g

    weights: dict[tuple[str, str], int] = {}
    for u, v in g.edges():
        if u != v:
            pair = (u, v) if u < v else (v, u)
            weights[pair] = weights.get(pair, 0) + 1
    out = nx.Graph()
    out.add_nodes_from(sorted(g.nodes(data=True)))
    out.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    return out


def _floats(values: Mapping[str, float] | Iterable[tuple[str, float]]) -> dict[str, float]:
    return {node: float(value) for node, value in sorted(dict(values).items())}


def degree(g: nx.MultiDiGraph) -> dict[str, float]:
    """Degree centrality: the share of the other entities each one is linked to."""
    import networkx as nx

    return _floats(nx.degree_centrality(undirected(g)))


def weighted_degree(g: nx.MultiDiGraph) -> dict[str, float]:
    """The number of relations each entity takes part in."""
    return _floats(undirected(g).degree(weight="weight"))


def betweenness(g: nx.MultiDiGraph) -> dict[str, float]:
    """Normalised betweenness: how often an entity lies on shortest paths between others (the brokers)."""
    import networkx as nx

    h = undirected(g)
    if h.number_of_nodes() > EXACT_LIMIT:
        return _floats(nx.betweenness_centrality(h, k=PIVOTS, normalized=True, seed=SEED))
    return _floats(nx.betweenness_centrality(h, normalized=True))


def closeness(g: nx.MultiDiGraph) -> dict[str, float]:
    """Closeness centrality (Wasserman–Faust, so entities in small components are not favoured)."""
    import networkx as nx

    h = undirected(g)
    if h.number_of_nodes() > EXACT_LIMIT:
        return _closeness_bfs(h)
    return _floats(nx.closeness_centrality(h, wf_improved=True))


def _closeness_bfs(h: nx.Graph) -> dict[str, float]:
    """networkx's Wasserman–Faust closeness, with the breadth-first searches done by scipy in blocks of rows."""
    import networkx as nx
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    nodes = sorted(h)
    n = len(nodes)
    matrix = nx.to_scipy_sparse_array(h, nodelist=nodes, weight=None, format="csr")
    out: dict[str, float] = {}
    for first in range(0, n, 256):
        rows = list(range(first, min(n, first + 256)))
        dist = shortest_path(matrix, method="D", directed=False, unweighted=True, indices=rows)
        finite = np.isfinite(dist)
        reached = finite.sum(axis=1) - 1
        total = np.where(finite, dist, 0.0).sum(axis=1)
        for row, r, s in zip(rows, reached, total, strict=True):
            out[nodes[row]] = float((r / s) * (r / (n - 1))) if s > 0 and n > 1 else 0.0
    return out


def pagerank(g: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank on the weighted undirected graph (damping 0.85)."""
    import networkx as nx

    return _floats(nx.pagerank(undirected(g), alpha=0.85, weight="weight"))


def eigenvector(g: nx.MultiDiGraph) -> dict[str, float]:
    """Eigenvector centrality where it is defined: per connected component of three or more entities
    (computed on the component, scaled by its share of the graph); 0 elsewhere."""
    import networkx as nx

    h = undirected(g)
    out = {node: 0.0 for node in h}
    total = h.number_of_nodes() or 1
    for nodes in nx.connected_components(h):
        if len(nodes) < 3:
            continue
        sub = h.subgraph(nodes)
        try:
            values = nx.eigenvector_centrality_numpy(sub, weight="weight")
        except (nx.NetworkXException, ValueError, ImportError):
            values = nx.eigenvector_centrality(sub, weight="weight", max_iter=10_000, tol=1e-9)
        share = len(nodes) / total
        for node, value in values.items():
            out[node] = abs(float(value)) * share
    return dict(sorted(out.items()))


def core_number(g: nx.MultiDiGraph) -> dict[str, float]:
    """The k-core each entity belongs to (the largest k such that it has k neighbours in the k-core)."""
    import networkx as nx

    return _floats(nx.core_number(undirected(g)))


def components(g: nx.MultiDiGraph) -> dict[str, float]:
    """The connected component of each entity, numbered 0, 1, … from the largest (ties by smallest IRI)."""
    import networkx as nx

    parts = sorted(nx.connected_components(undirected(g)), key=lambda c: (-len(c), min(c)))
    return dict(sorted((node, float(i)) for i, part in enumerate(parts) for node in part))


def articulation_points(g: nx.MultiDiGraph) -> list[str]:
    """The entities whose removal splits their component."""
    import networkx as nx

    return sorted(nx.articulation_points(undirected(g)))


def bridges(g: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """The links whose removal splits their component."""
    import networkx as nx

    return sorted(tuple(sorted(edge)) for edge in nx.bridges(undirected(g)))


def communities(g: nx.MultiDiGraph, *, seed: int = SEED) -> dict[str, float]:
    """Louvain communities (fixed ``seed``), numbered from the largest (ties by smallest IRI)."""
    import networkx as nx

    parts = nx.community.louvain_communities(undirected(g), weight="weight", seed=seed)
    parts = sorted(parts, key=lambda c: (-len(c), min(c)))
    return dict(sorted((node, float(i)) for i, part in enumerate(parts) for node in part))


def modularity(g: nx.MultiDiGraph, membership: dict[str, float]) -> float:
    """The modularity of a partition given as entity → community number."""
    import networkx as nx

    groups: dict[float, set[str]] = {}
    for node, community in membership.items():
        groups.setdefault(community, set()).add(node)
    return float(nx.community.modularity(undirected(g), list(groups.values()), weight="weight"))
