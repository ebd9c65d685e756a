"""``zonekg analyze``, ``path``, ``neighbours`` and ``diff``: the command-line faces of the network stage.

:func:`add_parsers` adds the four subcommands to ``zonekg``'s parser;
:data:`COMMANDS` maps their names to the functions that run them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from graph.cli.options import add_data_option
from graph.cli.progress import Progress
from graph.errors import EXIT_DATA, EXIT_OK, InputError

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

__all__ = ["COMMANDS", "add_parsers"]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``analyze``, ``path``, ``neighbours`` and ``diff`` to ``zonekg``'s subcommands."""
    study = sub.add_parser(
        "analyze",
        help="network analysis: centralities, brokers, communities (writes analysis.json, analysis.trig, report.html, report.md)",
    )
    add_data_option(study, help="analyse these RDF files (default: the built out/zone.trig)")
    study.add_argument("--out", type=Path, default=Path("out"), help="output directory (default: out/)")
    study.add_argument("--seed", type=int, default=42, help="seed of community detection (default: 42)")
    study.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")

    link = sub.add_parser("path", help="the shortest paths between two entities, with the relation and source of each hop")
    link.add_argument("source", help="a name, alias or IRI")
    link.add_argument("target", help="a name, alias or IRI")
    link.add_argument("--max", type=int, default=5, help="at most this many paths (default: 5)")
    add_data_option(link, help="RDF files (default: the built graph)")

    ego = sub.add_parser("neighbours", help="the entities around one entity and the relations among them")
    ego.add_argument("entity", help="a name, alias or IRI")
    ego.add_argument("--depth", type=int, default=1, help="how many relations away (default: 1)")
    add_data_option(ego, help="RDF files (default: the built graph)")

    change = sub.add_parser("diff", help="what one report states that the other does not, and how the figures moved")
    change.add_argument("--from", dest="first", default="2021", help="the earlier report's year (default: 2021)")
    change.add_argument("--to", dest="second", default="2023", help="the later report's year (default: 2023)")
    change.add_argument("--format", dest="fmt", default="table", metavar="F",
                        help="table (default: entities, relations and measures), csv (the measures, one row each) "
                             "or json (all three; one object per measure)")
    add_data_option(change, help="RDF files (default: the built graph)")
    change.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def _plain(value: object) -> int | float | str | None:
    return value if isinstance(value, (int, float, str)) or value is None else str(value)


def _analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rdflib import Dataset

    from graph.build.output import trig_bytes, write_outputs
    from graph.network.analysis import analyze, to_json, to_rdf
    from graph.network.projection import to_networkx
    from graph.sparql.load import load

    progress = Progress(err, args.quiet)
    progress("loading the graph")
    ds = load(args.data, reason="none")
    g = to_networkx(ds)
    progress(f"projected {g.number_of_nodes()} entities and {g.number_of_edges()} relations; measuring")
    result = analyze(g, seed=args.seed)
    analysis = Dataset()
    target = analysis.graph(to_rdf(result).identifier)
    for triple in to_rdf(result):
        target.add(triple)
    for prefix, ns in ds.namespaces():
        analysis.bind(prefix, ns, override=True)
    progress("drawing the report")
    from graph.build.contents import read_contents
    from graph.network.explore import measure_changes
    from graph.network.report import render_report
    from graph.sparql.api import answer
    from graph.sparql.engine import to_python
    from graph.sparql.library import read_library

    _, changes = answer(ds, read_library()["indicator-change"].text)
    rows = [{k: _plain(to_python(v)) for k, v in zip(changes.vars, row, strict=True)} for row in changes.rows]
    for row in rows:
        row["unit"] = str(row["unit"]).rsplit("#", 1)[-1]
        row["subject"] = row.pop("subject_name")
    contents = read_contents(ds)
    years = sorted({r.year for r in contents.reports.values()})
    differing = [
        {"subject": m.subject.zh if m.subject else f"{m.before.subject.zh} → {m.after.subject.zh}",
         "from": f"{m.before.year}: {m.before.indicator.en} {m.before.printed()}",
         "to": f"{m.after.year}: {m.after.indicator.en} {m.after.printed()}", "note": m.note}
        for first, second in pairwise(years)
        for m in measure_changes(ds, first=first, second=second, contents=contents) if m.scope == "differs"
    ]
    report = render_report(result, changes=rows, differing=differing)
    files = {"analysis.json": to_json(result).encode("utf-8"), "analysis.trig": trig_bytes(analysis)}
    files.update({name: text.encode("utf-8") for name, text in report.files.items()})
    paths = write_outputs(files, args.out)
    for path in paths:
        progress(f"wrote {path} ({path.stat().st_size:,} bytes)")
    name = lambda node: result.nodes[node].get("name_zh") or node  # noqa: E731
    print(f"{g.number_of_nodes()} entities, {g.number_of_edges()} relations, {len(result.communities)} communities "
          f"(modularity {result.modularity:.3f}), {len(result.brokers)} brokers, {len(result.bridges)} bridges", file=out)
    for measure in ("betweenness", "pagerank", "degree"):
        top = ", ".join(f"{name(n)} {v:.3f}" for n, v in result.top(measure, 5))
        print(f"top {measure}: {top}", file=out)
    return EXIT_OK


def _projected(data: Sequence[Path] | None) -> tuple[Dataset, nx.MultiDiGraph]:
    from graph.network.projection import to_networkx
    from graph.sparql.load import load

    ds = load(data, reason="none")
    return ds, to_networkx(ds)


def _node(ds: Dataset, g: nx.MultiDiGraph, value: str) -> str:
    from rdflib import URIRef

    from graph.sparql.resolve import resolve

    term = resolve(ds, value)
    if not isinstance(term, URIRef) or str(term) not in g:
        raise InputError(f"{value!r} names no entity of the graph")
    return str(term)


def _path(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from graph.network.explore import format_path, shortest_paths

    ds, g = _projected(args.data)
    a, b = _node(ds, g, args.source), _node(ds, g, args.target)
    paths = shortest_paths(g, a, b, limit=args.max)
    if not paths:
        print(f"zonekg: no path links {args.source} and {args.target}", file=err)
        return EXIT_DATA
    print(f"{len(paths)} shortest path(s) of {len(paths[0])} hop(s):", file=out)
    for path in paths:
        print(format_path(g, path), file=out)
    return EXIT_OK


def _neighbours(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from graph.network.explore import neighbourhood

    if args.depth < 1:
        raise InputError("--depth must be 1 or more")
    ds, g = _projected(args.data)
    centre = _node(ds, g, args.entity)
    ego = neighbourhood(g, centre, depth=args.depth)
    name = lambda n: g.nodes[n].get("name_zh") or n  # noqa: E731
    print(f"{name(centre)}: {ego.number_of_nodes() - 1} entities within {args.depth} relation(s)", file=out)
    for u, v, key, data in sorted(ego.edges(keys=True, data=True)):
        spans = ", ".join(str(s) for s in data.get("spans", ()))
        print(f"  {name(u)} —{data.get('label_en') or key}→ {name(v)}   [{spans}]", file=out)
    return EXIT_OK


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json

    from graph.build.contents import read_contents
    from graph.network.explore import (
        DIFF_FORMATS,
        changed_relations,
        format_measures,
        measure_changes,
        measure_record,
        measures_csv,
    )

    if args.fmt not in DIFF_FORMATS:
        raise InputError(f"unknown --format {args.fmt!r} (use {', '.join(DIFF_FORMATS)})")
    progress = Progress(err, args.quiet)
    progress("loading the graph")
    ds, g = _projected(args.data)
    contents = read_contents(ds)
    first, second = args.first, args.second
    years = sorted({r.year for r in contents.reports.values()})
    for year in (first, second):
        if year not in years:
            raise InputError(f"no report covers {year} (the reports cover {', '.join(years) or 'no year'})")
    if first >= second:
        raise InputError(f"--from ({first}) must be a year before --to ({second})")
    name = lambda n: g.nodes[n].get("name_zh") or n  # noqa: E731
    progress(f"comparing the {first} and {second} reports")
    entities = {
        year: sorted(n for n, d in g.nodes(data=True) if year in d.get("years", []) and other not in d.get("years", []))
        for year, other in ((first, second), (second, first))
    }
    relations = changed_relations(g, first, second)
    measures = measure_changes(ds, first=first, second=second, contents=contents)
    progress(f"{len(measures)} measures stated in both reports")
    if args.fmt == "csv":
        out.write(measures_csv(measures))
        return EXIT_OK
    if args.fmt == "json":
        local = lambda n: contents.entities[n].id if n in contents.entities else n  # noqa: E731
        document = {
            "from": first, "to": second,
            "entities_only_in": {
                year: [{"id": local(n), "zh": name(n), "en": g.nodes[n].get("name_en") or "", "class": g.nodes[n].get("cls")}
                       for n in nodes]
                for year, nodes in entities.items()
            },
            "relations_only_in": {
                year: [{"subject": local(u), "relation": key, "object": local(v),
                        "at": [str(c) for c in g.edges[u, v, key].get("spans", ())]} for u, key, v in rows]
                for year, rows in relations.items()
            },
            "measures": [measure_record(m) for m in measures],
        }
        print(json.dumps(document, ensure_ascii=False, indent=1), file=out)
        return EXIT_OK
    for year, nodes in entities.items():
        print(f"entities named in the {year} report only ({len(nodes)}):", file=out)
        for node in nodes:
            print(f"  {name(node)} ({g.nodes[node].get('cls')})", file=out)
    for year in (first, second):
        print(f"relations stated in the {year} report only ({len(relations[year])}):", file=out)
        for u, key, v in relations[year]:
            print(f"  {name(u)} —{g.edges[u, v, key].get('label_en') or key}→ {name(v)}", file=out)
    print(format_measures(measures, first=first, second=second), file=out)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "analyze": _analyze, "path": _path, "neighbours": _neighbours, "diff": _diff,
}
