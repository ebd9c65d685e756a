"""Who connects the zone: every measure of the projected network in one result, as JSON and as RDF.

:func:`analyze` runs the measures of :mod:`graph.network.metrics` on the projection
of :func:`graph.network.projection.to_networkx` and names each community by its most
central members (PageRank) and its dominant industry. :func:`to_json` and
:func:`to_rdf` render the result; writing it is the caller's business.

The RDF goes in its own named graph, ``BASE graph/analysis``: each entity
gets ``zk:degreeCentrality``, ``zk:betweennessCentrality``,
``zk:closenessCentrality``, ``zk:pageRank``, ``zk:eigenvectorCentrality``,
``zk:weightedDegree``, ``zk:coreNumber``, ``zk:componentNumber``,
``zk:isBroker`` and ``zk:community``; communities and bridges are nodes of
their own, tied to the ``zk:NetworkAnalysis`` run that records the seed and
the modularity.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for u, v in [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]:
...     _ = g.add_edge(u, v, key="partnerOf")
>>> for n in g:
...     g.nodes[n].update(cls="Company", name_zh=n.upper(), name_en=n)
>>> result = analyze(g)
>>> result.brokers, result.bridges
(('c',), (('c', 'd'),))
>>> result.measures["betweenness"]["c"]
0.6666666666666666
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef

from graph.network import metrics
from graph.vocab.iri import mint
from graph.vocab.namespaces import DEFAULT_BASE, RDF, RDFS, XSD, ZK

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["MEASURES", "Analysis", "CommunitySummary", "analysis_graph_iri", "analyze", "to_json", "to_rdf"]

#: The per-entity measures, by name, with the function that computes each and its RDF property.
MEASURES = {
    "degree": (metrics.degree, ZK.degreeCentrality),
    "weighted_degree": (metrics.weighted_degree, ZK.weightedDegree),
    "betweenness": (metrics.betweenness, ZK.betweennessCentrality),
    "closeness": (metrics.closeness, ZK.closenessCentrality),
    "pagerank": (metrics.pagerank, ZK.pageRank),
    "eigenvector": (metrics.eigenvector, ZK.eigenvectorCentrality),
    "core_number": (metrics.core_number, ZK.coreNumber),
    "component": (metrics.components, ZK.componentNumber),
}
_INTEGERS = {"core_number", "component", "weighted_degree"}


@dataclass(frozen=True)
class CommunitySummary:
    """One community: its number, members (most central first), a name and its dominant industry."""

    number: int
    members: tuple[str, ...]
    name: str
    dominant_industry: str | None


@dataclass(frozen=True)
class Analysis:
    """Every result of one analysis run."""

    nodes: Mapping[str, Mapping[str, Any]]
    measures: Mapping[str, Mapping[str, float]]
    brokers: tuple[str, ...]
    bridges: tuple[tuple[str, str], ...]
    communities: tuple[CommunitySummary, ...]
    modularity: float
    seed: int

    def top(self, measure: str, n: int = 10, *, cls: str | None = None) -> list[tuple[str, float]]:
        """The ``n`` entities ranked highest by ``measure`` (ties by IRI), optionally of one class."""
        values = self.measures[measure]
        ranked = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(node, value) for node, value in ranked if cls is None or self.nodes[node].get("cls") == cls][:n]


def _dominant_industry(g: nx.MultiDiGraph, members: set[str]) -> str | None:
    counts: Counter[str] = Counter()
    for node in members:
        if g.nodes[node].get("cls") == "Industry":
            counts[node] += 1
        for _, target, key in g.out_edges(node, keys=True):
            if key == "inIndustry":
                counts[target] += 1
    if not counts:
        return None
    best = max(counts.values())
    return min(industry for industry, n in counts.items() if n == best)


def analyze(g: nx.MultiDiGraph, *, seed: int = metrics.SEED, name_size: int = 3) -> Analysis:
    """Run every measure on ``g``; name each community by its ``name_size`` most central members.

    The undirected graph the measures read is built once (:func:`graph.network.metrics.undirected`).
    """
    h = metrics.undirected(g)
    measures = {name: function(h) for name, (function, _) in MEASURES.items()}
    membership = metrics.communities(h, seed=seed)
    groups: dict[int, set[str]] = {}
    for node, number in membership.items():
        groups.setdefault(int(number), set()).add(node)
    pagerank = measures["pagerank"]
    summaries = []
    for number in sorted(groups):
        members = tuple(sorted(groups[number], key=lambda n: (-pagerank[n], n)))
        label = "、".join(g.nodes[n].get("name_zh") or n for n in members[:name_size])
        summaries.append(CommunitySummary(number, members, label, _dominant_industry(g, groups[number])))
    measures["community"] = {node: float(n) for node, n in membership.items()}
    return Analysis(
        nodes={node: dict(data) for node, data in sorted(g.nodes(data=True))},
        measures=measures,
        brokers=tuple(metrics.articulation_points(h)),
        bridges=tuple(metrics.bridges(h)),
        communities=tuple(summaries),
        modularity=metrics.modularity(h, membership),
        seed=seed,
    )


def to_json(analysis: Analysis) -> str:
    """The analysis as indented, key-sorted JSON (the same analysis gives the same text)."""
    data = {
        "seed": analysis.seed,
        "modularity": round(analysis.modularity, 6),
        "entities": {
            node: {**{k: v for k, v in attrs.items()}, **{m: round(values[node], 6) for m, values in analysis.measures.items()}}
            for node, attrs in analysis.nodes.items()
        },
        "brokers": list(analysis.brokers),
        "bridges": [list(pair) for pair in analysis.bridges],
        "communities": [
            {"number": c.number, "name": c.name, "dominant_industry": c.dominant_industry, "members": list(c.members)}
            for c in analysis.communities
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def analysis_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The name of the analysis graph."""
    return mint(base, "analysis", kind="graph")


def _number(value: float, integer: bool) -> Literal:
    if integer:
        return Literal(round(value), datatype=XSD.integer)
    return Literal(format(round(value, 9), ".9f").rstrip("0").rstrip(".") or "0", datatype=XSD.decimal)


def to_rdf(analysis: Analysis, *, base: str = DEFAULT_BASE) -> Graph:
    """The analysis as the triples of its named graph (see the module docstring)."""
    g = Graph(identifier=analysis_graph_iri(base))
    run = mint(base, "network", kind="analysis")
    g.add((run, RDF.type, ZK.NetworkAnalysis))
    g.add((run, RDFS.label, Literal("network analysis", lang="en")))
    g.add((run, ZK.modularity, _number(analysis.modularity, False)))
    g.add((run, ZK.seed, Literal(analysis.seed, datatype=XSD.integer)))
    communities = {c.number: mint(base, "network", str(c.number), kind="community") for c in analysis.communities}
    for c in analysis.communities:
        node = communities[c.number]
        g.add((node, RDF.type, ZK.Community))
        g.add((node, RDFS.label, Literal(c.name, lang="zh")))
        g.add((node, ZK.partOfAnalysis, run))
        if c.dominant_industry:
            g.add((node, ZK.dominantIndustry, URIRef(c.dominant_industry)))
    for name, (_, prop) in MEASURES.items():
        for entity, value in analysis.measures[name].items():
            g.add((URIRef(entity), prop, _number(value, name in _INTEGERS)))
    for entity, number in analysis.measures["community"].items():
        g.add((URIRef(entity), ZK.community, communities[int(number)]))
    brokers = set(analysis.brokers)
    for entity in analysis.nodes:
        g.add((URIRef(entity), ZK.isBroker, Literal(entity in brokers)))
    for a, b in analysis.bridges:
        bridge = mint(base, "network", a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1], kind="bridge")
        g.add((bridge, RDF.type, ZK.Bridge))
        g.add((bridge, ZK.partOfAnalysis, run))
        g.add((bridge, ZK.between, URIRef(a)))
        g.add((bridge, ZK.between, URIRef(b)))
    return g
