"""The interactive graph page — one offline HTML file, built with pyvis and our own template.

:func:`render_page` turns the projection, its measures, its communities, the
side panel's :class:`~graph.page.details.Details` and a layout into a
:class:`Page`. pyvis builds the vis-network nodes, edges and options; the
page itself comes from ``templates/graph.html.j2``, because pyvis's own
template loads bootstrap from a CDN, writes the heading unescaped and turns
tooltips into raw HTML. Ours:

* is one self-contained file: vis-network (shipped inside pyvis) and the
  page's script are inlined, a Content-Security-Policy allows only those
  scripts (by hash) and no connection, and nothing is requested from any
  network, so it works from ``file://`` and when served;
* carries all data as one JSON document inside
  ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped,
  and its script sets every text with ``textContent``: a label such as
  ``</script><script>alert(1)</script>`` stays a label;
* draws a fixed, seeded layout with physics off, so it is interactive at
  once, and hides edges while dragging or zooming a large graph;
* names the CJK fonts installed by Debian's ``fonts-wqy-microhei`` and
  ``fonts-noto-cjk`` first, so Chinese labels render.

Writing the page is the caller's business (:func:`graph.build.output.write_outputs`).

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("http://x.org/a", cls="Company", name_zh="<b>甲</b>", name_en="A", years=["2030"])
>>> g.add_node("http://x.org/b", cls="IndustrialPark", name_zh="乙园", name_en="B Park", years=["2030"])
>>> g.add_edge("http://x.org/a", "http://x.org/b", key="locatedIn", label_zh="位于", label_en="located in",
...            date="", spans=(), years=["2030"])
'locatedIn'
>>> page = render_page(g, positions={"http://x.org/a": (0.0, 0.0), "http://x.org/b": (100.0, 0.0)}, title="<i>demo</i>")
>>> page.nodes, page.edges
(2, 1)
>>> "<b>甲</b>" in page.html or "<i>demo</i>" in page.html
False
>>> "\\\\u003cb\\\\u003e甲" in page.html and "&lt;i&gt;demo&lt;/i&gt;" in page.html
True
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.page.details import Details
from graph.page.safe import safe_json

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset, URIRef

    from graph.network.analysis import CommunitySummary

__all__ = ["MEASURE_NAMES", "Page", "build_page", "class_style", "page_title", "render_page"]

#: Shapes by family of classes; classes not listed are drawn as dots.
_SHAPES = {
    "square": ("Park", "IndustrialPark", "IndustrialBase", "Incubator", "Accelerator", "MakerSpace", "InnovationDistrict",
               "RDHeadquarters", "ScienceCity", "ServiceCentre", "Town"),
    "triangle": ("University", "UniversityUnit", "ResearchInstitute", "Laboratory", "School"),
    "diamond": ("Programme", "TalentProgramme", "Award", "Designation", "Project", "Agreement"),
    "star": ("Person", "Team"),
    "hexagon": ("Industry", "IndustryCluster", "Product"),
    "triangleDown": ("Zone", "City", "Place"),
}
_PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363",
    "#6baed6", "#fd8d3c", "#74c476", "#9e9ac8", "#969696", "#9c9ede", "#cedb9c", "#e7cb94", "#e7969c", "#de9ed6",
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)


def class_style(cls: str) -> tuple[str, str]:
    """The colour and the vis-network shape of a class, the same on every page.

    Examples
    --------
    >>> class_style("Company"), class_style("IndustrialPark")[1], class_style("Unknown")[1]
    (('#e377c2', 'dot'), 'square', 'dot')
    """
    from graph.vocab.terms import ENTITY_CLASSES

    names = sorted(set(ENTITY_CLASSES) | {"Park", "Organization", "Place"})
    colour = _PALETTE[names.index(cls) % len(_PALETTE)] if cls in names else "#7f7f7f"
    shape = next((shape for shape, members in _SHAPES.items() if cls in members), "dot")
    return colour, shape


#: The measures a page can size nodes by, with their English and Chinese names.
MEASURE_NAMES = {
    "pagerank": ("PageRank", "PageRank 中心性"),
    "betweenness": ("betweenness", "中介中心性"),
    "degree": ("degree", "度中心性"),
    "weighted_degree": ("relations", "关系数"),
    "closeness": ("closeness", "接近中心性"),
    "eigenvector": ("eigenvector", "特征向量中心性"),
}

_FONT = (
    '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    "sans-serif"
)


@dataclass(frozen=True)
class Page:
    """A rendered page: its HTML text and how many nodes and edges it draws."""

    html: str
    nodes: int
    edges: int


def _asset(name: str) -> str:
    return resources.files(__package__ or "graph.page").joinpath("templates", name).read_text(encoding="utf-8")


def _vis_library() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    script = re.sub(r"//# sourceMappingURL=\S+", "", script)  # devtools would fetch it
    return script, (lib / "vis-network.css").read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _slim(entry: Mapping[str, Any], attrs: Mapping[str, Any]) -> dict[str, Any]:
    """An entity's details without empty fields, and without the search keys the page makes from its names."""
    names = {attrs.get("name_zh", ""), attrs.get("name_en", "").lower()}
    out = {key: value for key, value in entry.items() if value}
    if "search" in out:
        out["search"] = [key for key in out["search"] if key not in names]
    return out


def _labels(g: nx.MultiDiGraph) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    from rdflib import Literal

    from graph.build.dataset import read_ontology
    from graph.vocab.namespaces import RDFS, ZK

    ontology = read_ontology()

    def names(term: URIRef) -> tuple[str, str]:
        found = {label.language: str(label) for label in ontology.objects(term, RDFS.label) if isinstance(label, Literal)}
        return found.get("en", ""), found.get("zh", "")

    classes = {cls: names(ZK[cls]) for cls in sorted({d.get("cls", "") for _, d in g.nodes(data=True)})}
    relations: dict[str, tuple[str, str]] = {}
    for _, _, key, data in g.edges(keys=True, data=True):
        if key not in relations:
            if key.startswith("post:"):  # a post names its role: "post: chairman", "任职：董事长"
                relations[key] = (f"post: {data.get('label_en') or key[5:]}", f"任职：{data.get('label_zh') or key[5:]}")
            elif key.startswith("event:"):  # an event's class: "signing", "签约"
                en, zh = names(ZK[key[6:]])
                relations[key] = (en or key[6:], zh or key[6:])
            else:
                relations[key] = (data.get("label_en") or key, data.get("label_zh") or key)
    return classes, relations


def render_page(
    g: nx.MultiDiGraph,
    *,
    positions: Mapping[str, tuple[float, float]],
    measures: Mapping[str, Mapping[str, float]] | None = None,
    communities: Sequence[CommunitySummary] = (),
    details: Details | None = None,
    title: str = "zonekg",
    size_by: str = "pagerank",
) -> Page:
    """The interactive page of ``g`` (see the module docstring).

    Parameters
    ----------
    positions
        Every node's coordinates in pixels (:func:`graph.page.layout.layout`).
    measures
        Per-node measures by name (:attr:`graph.network.analysis.Analysis.measures`); those in
        :data:`MEASURE_NAMES` are offered to size nodes by.
    communities
        The communities of :func:`graph.network.analysis.analyze`, for the community filter.
    details
        The side panel's data (:func:`graph.page.details.entity_details`).
    title
        The page's heading, set as text.
    size_by
        The measure that sizes nodes when the page opens.
    """
    from pyvis.network import Network

    measures = measures or {}
    offered = [m for m in MEASURE_NAMES if m in measures]
    if offered and size_by not in offered:
        raise ValueError(f"size_by={size_by!r}: choose one of {', '.join(offered)}")
    classes, relations = _labels(g)
    nodes = sorted(g)
    index = {node: i for i, node in enumerate(nodes)}
    membership = {member: c.number for c in communities for member in c.members}
    net = Network(directed=True, cdn_resources="in_line", heading=title)
    largest = {m: max(measures[m].values(), default=0.0) or 1.0 for m in offered}
    for node in nodes:
        attrs = g.nodes[node]
        colour, shape = class_style(attrs.get("cls", ""))
        x, y = positions[node]
        value = measures[size_by][node] / largest[size_by] if offered else 0.0
        net.add_node(  # the tooltip is made in the page, from the names, as text
            index[node], label=attrs.get("name_zh") or attrs.get("name_en") or node, shape=shape, color=colour,
            x=x, y=y, size=round(8 + 32 * value**0.5, 2),
        )
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (index[e[0]], index[e[1]], e[2]))
    for number, (u, v, _, _) in enumerate(edges):
        net.edges.append({"id": number, "from": index[u], "to": index[v]})  # pyvis's add_edge drops parallel relations
    edge_rows = [_edge_row(key, data) for _, _, key, data in edges]
    net.set_options(json.dumps(_vis_options(big=len(nodes) > 1000)))
    details = details or Details(entities={}, spans={}, reports={})
    counts_cls = Counter(g.nodes[node].get("cls", "") for node in nodes)
    counts_rel = Counter(row["rel"] for row in edge_rows)
    data = {
        "title": title,
        "vis": {
            "nodes": net.nodes, "edges": net.edges,
            "options": json.loads(net.options) if isinstance(net.options, str) else net.options,
        },
        "nodes": [{
            "iri": node, "zh": g.nodes[node].get("name_zh", ""), "en": g.nodes[node].get("name_en", ""),
            "cls": g.nodes[node].get("cls", ""), "years": list(g.nodes[node].get("years", [])),
            "community": membership.get(node, -1), "m": {m: round(measures[m][node], 6) for m in offered},
            **({"d": _slim(details.entities[node], g.nodes[node])} if node in details.entities else {}),
        } for node in nodes],
        "edges": edge_rows,
        "classes": [{"name": c, "en": classes[c][0] or c, "zh": classes[c][1] or c, "color": class_style(c)[0],
                     "shape": class_style(c)[1], "count": counts_cls[c]} for c in sorted(counts_cls)],
        "relations": [
            {"key": k, "en": relations[k][0], "zh": relations[k][1], "count": counts_rel[k]} for k in sorted(counts_rel)
        ],
        "years": sorted({y for node in nodes for y in g.nodes[node].get("years", [])}),
        "communities": [{"number": c.number, "name": c.name, "size": len(c.members)} for c in communities],
        "measures": [{"name": m, "en": MEASURE_NAMES[m][0], "zh": MEASURE_NAMES[m][1]} for m in offered],
        "sizeBy": size_by if offered else "",
        "spans": {key: span["quote"] for key, span in details.spans.items() if "quote" in span},
        "reports": details.reports,
    }
    return Page(html=_html(title, data), nodes=len(nodes), edges=len(edge_rows))


def _vis_options(*, big: bool) -> dict[str, Any]:
    """vis-network's options: a fixed layout, no physics; a large graph hides its lines while it moves."""
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big, "multiselect": False},
        "nodes": {"font": {"face": _FONT, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}, "borderWidth": 1,
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False, "color": {"color": "#9aa5b1", "highlight": "#d62728", "hover": "#52606d"},
                  "font": {"face": _FONT, "size": 10, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1},
    }


def _html(title: str, data: Mapping[str, Any]) -> str:
    """The page: our template with vis-network, the page's script and style inlined, the data as safe JSON, a CSP by hash."""
    import jinja2
    from markupsafe import Markup

    vis_js, vis_css = _vis_library()
    app_js = _asset("graph.js")
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": _asset("graph.html.j2")}), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.get_template("page").render(
        title=title, data=Markup(safe_json(data)),
        vis_js=Markup(vis_js), app_js=Markup(app_js),
        css=Markup(vis_css + "\n" + _asset("graph.css")),
        csp=f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'",
    )


def _edge_row(key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """What the page knows of one line: its relation, years and spans, its date, an event's own names."""
    row: dict[str, Any] = {
        "rel": key, "years": list(data.get("years", [])), "spans": [str(span) for span in data.get("spans", ())],
    }
    if data.get("date"):
        row["date"] = data["date"]
    for flag in ("implied", "former"):  # read between the lines; a post that had ended
        if data.get(flag):
            row[flag] = True
    if data.get("end"):
        row["end"] = data["end"]
    if data.get("status") == "planned":  # a forecast is never drawn as a fact
        row["planned"] = True
    if key.startswith("event:"):  # an event's own name says more than its class
        row.update(zh=data.get("label_zh", ""), en=data.get("label_en", ""))
    return row


def page_title(g: nx.MultiDiGraph, measures: Mapping[str, Mapping[str, float]] | None = None) -> str:
    """A heading for the page of ``g``: the names of its most central zone, else ``zonekg``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("z", cls="Zone", name_zh="示例高新区", name_en="Demo Zone")
    >>> page_title(g)
    '示例高新区 · Demo Zone — zonekg'
    """
    rank = (measures or {}).get("pagerank", {})
    zones = sorted((n for n, d in g.nodes(data=True) if d.get("cls") == "Zone"), key=lambda n: (-rank.get(n, 0.0), n))
    if not zones:
        return "zonekg"
    attrs = g.nodes[zones[0]]
    names = " · ".join(name for name in (attrs.get("name_zh"), attrs.get("name_en")) if name)
    return f"{names} — zonekg" if names else "zonekg"


def build_page(
    ds: Dataset,
    *,
    texts: Mapping[str, str] | None = None,
    seed: int = 42,
    size_by: str = "pagerank",
    title: str | None = None,
) -> Page:
    """Project ``ds``, measure it, lay it out and render its page (the whole page stage in one call).

    Parameters
    ----------
    ds
        A dataset built by :func:`graph.build.dataset.to_dataset` (or read back from its output).
    texts
        The reports' texts by source id, to quote each fact's sentence.
    seed
        Seeds community detection and the layout.
    size_by
        The measure that sizes nodes when the page opens (one of :data:`MEASURE_NAMES`).
    title
        The heading; by default :func:`page_title`.
    """
    from graph.build.contents import read_contents
    from graph.network.analysis import analyze
    from graph.network.projection import to_networkx
    from graph.page.details import entity_details
    from graph.page.layout import layout

    if size_by not in MEASURE_NAMES:
        raise ValueError(f"size_by={size_by!r}: choose one of {', '.join(MEASURE_NAMES)}")
    contents = read_contents(ds)
    g = to_networkx(contents)
    result = analyze(g, seed=seed)
    return render_page(
        g, positions=layout(g, seed=seed), measures=result.measures, communities=result.communities,
        details=entity_details(contents, g, texts=texts), title=title if title is not None else page_title(g, result.measures),
        size_by=size_by,
    )
