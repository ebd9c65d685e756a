"""How two entities are linked, who surrounds one, and what changed between two reports.

All three read the projection of :func:`graph.network.projection.to_networkx`; relations
count in either direction, and every hop keeps its relation and sources.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> _ = g.add_edge("a", "b", key="locatedIn", label_en="located in", spans=(Citation("r", 1, 5),), years=["2021"])
>>> _ = g.add_edge("c", "b", key="operatedBy", label_en="operated by", spans=(Citation("r", 9, 12),), years=["2023"])
>>> for n in g:
...     g.nodes[n].update(name_zh=n.upper(), cls="Company", years=["2021"])
>>> [[(h.source, h.relation, h.target, h.forward) for h in path] for path in shortest_paths(g, "a", "c")]
[[('a', 'located in', 'b', True), ('b', 'operated by', 'c', False)]]
>>> sorted(neighbourhood(g, "a", depth=1))
['a', 'b']
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from graph.curation.records import Citation

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Hop", "changed_relations", "format_path", "neighbourhood", "shortest_paths"]


@dataclass(frozen=True)
class Hop:
    """One step of a path: ``source`` to ``target`` by ``relation`` (``forward`` when stated that way)."""

    source: str
    target: str
    relation: str
    key: str
    forward: bool
    spans: tuple[Citation, ...]


def _hops(g: nx.MultiDiGraph, u: str, v: str) -> list[Hop]:
    out = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        for key, data in sorted((g.get_edge_data(a, b) or {}).items()):
            out.append(Hop(u, v, data.get("label_en") or key, key, forward, tuple(data.get("spans", ()))))
    return out


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str, *, limit: int = 5) -> list[list[Hop]]:
    """Up to ``limit`` shortest paths from ``a`` to ``b`` (relations in either direction).

    Each path is a list of hops; where several relations join two entities the
    first (by key) stands for them. Returns ``[]`` when they are not connected.
    """
    import networkx as nx

    from graph.network.metrics import undirected

    h = undirected(g)
    if a not in h or b not in h:
        return []
    try:
        paths = sorted(nx.all_shortest_paths(h, a, b))[:limit]
    except nx.NetworkXNoPath:
        return []
    return [[_hops(g, u, v)[0] for u, v in pairwise(path)] for path in paths]


def format_path(g: nx.MultiDiGraph, path: list[Hop]) -> str:
    """A path as one line: ``甲 —located in→ 乙 ←operated by— 丙`` followed by the sources of each hop."""
    name = lambda n: g.nodes[n].get("name_zh") or n  # noqa: E731
    parts = [name(path[0].source)]
    for hop in path:
        parts.append(f" —{hop.relation}→ " if hop.forward else f" ←{hop.relation}— ")
        parts.append(name(hop.target))
    cited = "; ".join(f"{hop.relation}: {', '.join(str(s) for s in hop.spans)}" for hop in path)
    return "".join(parts) + f"   [{cited}]"


def neighbourhood(g: nx.MultiDiGraph, node: str, *, depth: int = 1) -> nx.MultiDiGraph:
    """The ego network of ``node``: every entity within ``depth`` relations, with the relations among them."""
    import networkx as nx

    from graph.network.metrics import undirected

    if node not in g:
        return nx.MultiDiGraph()
    near = nx.single_source_shortest_path_length(undirected(g), node, cutoff=depth)
    return g.subgraph(sorted(near)).copy()


def changed_relations(g: nx.MultiDiGraph, first: str, second: str) -> dict[str, list[tuple[str, str, str]]]:
    """Relations (source, key, target) stated in the ``first`` year's report only and in the ``second``'s only."""
    only: dict[str, list[tuple[str, str, str]]] = {first: [], second: []}
    for u, v, key, data in sorted(g.edges(keys=True, data=True)):
        years = set(data.get("years", ()))
        if first in years and second not in years:
            only[first].append((u, key, v))
        elif second in years and first not in years:
            only[second].append((u, key, v))
    return only
