"""The ``zonekg`` command: a thin layer over the pipeline stages.

Exit codes: 0 success; 1 the records have problems, or the graph built from
them violates the SHACL shapes (every problem is listed on stderr, nothing is
written); 2 a usage or input error (a bad option, a
missing directory, an unwritable output).

Results go to stdout; progress and problems to stderr.

Examples
--------
>>> main(["--version"]) == 0  # doctest: +ELLIPSIS
zonekg ...
True
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import Sequence, TextIO

from .cli_network import COMMANDS as _NETWORK_COMMANDS, add_parsers as _network_parsers
from .cli_serve import COMMANDS as _SERVE_COMMANDS, add_parsers as _serve_parsers
from .errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, InputError, ZonekgError
from .progress import Progress
from .namespaces import DEFAULT_BASE

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "default_records_dir", "main"]



def default_records_dir() -> Path:
    """The records embedded in the package: the Kunshan High-tech Zone."""
    return Path(str(resources.files("graph").joinpath("records")))


def _version() -> str:
    try:
        return metadata.version("zonekg")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zonekg",
        description="A knowledge graph of a Chinese national high-tech zone, built from its annual reviews.",
        epilog="Exit codes: 0 ok, 1 data or validation failure, 2 usage or input error.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def records_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--records", type=Path, default=None, help="records directory (default: the embedded Kunshan records)")
        p.add_argument(
            "--corpus", type=Path, default=None,
            help="directory of the reports' texts; when given, their digests and every cited span are checked "
            "(default: $ZONEKG_CORPUS if set)",
        )
        p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")

    build = sub.add_parser("build", help="validate the records and write the RDF outputs")
    records_options(build)
    build.add_argument("--out", type=Path, default=Path("out"), help="output directory (default: out/)")
    build.add_argument("--base", default=DEFAULT_BASE, help=f"namespace for minted IRIs (default: {DEFAULT_BASE})")
    build.add_argument(
        "--size-by", default="pagerank", choices=("pagerank", "betweenness", "degree", "weighted_degree", "closeness", "eigenvector"),
        help="the centrality that sizes nodes when graph.html opens (default: pagerank)",
    )
    build.add_argument("--title", default=None, help="heading of graph.html (default: the zone's names)")
    build.add_argument("--seed", type=int, default=42, help="seed of the page's layout and communities (default: 42)")

    view = sub.add_parser("view", help="open the interactive graph page (out/graph.html) in your browser")
    view.add_argument("page", nargs="?", type=Path, default=Path("out") / "graph.html", help="the page (default: out/graph.html)")

    check = sub.add_parser("validate", help="check the records and the SHACL shapes; report every problem")
    records_options(check)

    cover = sub.add_parser("coverage", help="list the reports' figures and names that no record accounts for")
    cover.add_argument("--records", type=Path, default=None, help="records directory (default: the embedded Kunshan records)")
    cover.add_argument("--corpus", type=Path, default=None, help="directory of the reports' texts (default: $ZONEKG_CORPUS)")

    ask = sub.add_parser(
        "query",
        help="answer a SPARQL query (text, a .rq file or a library query name)",
        description="Answer a SPARQL query on the built graph (out/zone.trig, else the embedded records) "
        "or on --data files. Values go in with --param NAME=VALUE, bound through initBindings: a value may "
        "be an IRI (<…> or http…), a prefixed name (kg:…, zk:…), or an entity's Chinese or English name or "
        "alias; anything else is a plain literal. SERVICE, LOAD and FROM are refused; updates need --update "
        "and one writable --data file.",
    )
    ask.add_argument("query", nargs="?", help="SPARQL text, a .rq file, or a library query name (see --list)")
    ask.add_argument("--list", action="store_true", help="list the library queries with their questions in English and Chinese")
    ask.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="bind ?NAME (repeatable)")
    ask.add_argument("--format", default=None, help="table, csv, tsv, json, xml (SELECT/ASK); turtle, nt, jsonld (CONSTRUCT/DESCRIBE)")
    ask.add_argument("--data", nargs="+", type=Path, default=None, metavar="FILE", help="query these RDF files instead of the built graph")
    ask.add_argument("--reason", default="rdfs", choices=("none", "rdfs", "owlrl"), help="inference added before querying (default: rdfs, cached)")
    ask.add_argument("--timeout", type=float, default=30.0, help="seconds before the query is stopped (default: 30)")
    ask.add_argument("--update", action="store_true", help="allow SPARQL Update on the one --data file, written back atomically")
    ask.add_argument("--endpoint", default=None, metavar="URL", help="send the query to a remote SPARQL 1.1 endpoint instead")

    _network_parsers(sub)

    locate = sub.add_parser("locate", help="print the citation SOURCE:START-END of every place a text stands in the reports")
    locate.add_argument("text", help="a name or number, as the report prints it (line breaks ignored)")
    locate.add_argument("--corpus", type=Path, default=None, help="directory of the reports' texts (default: $ZONEKG_CORPUS)")
    locate.add_argument("--records", type=Path, default=None, help="records directory naming the reports")
    _serve_parsers(sub)
    return parser


def _corpus_dir(arg: Path | None) -> Path | None:
    if arg is not None:
        return arg
    env = os.environ.get("ZONEKG_CORPUS")
    return Path(env) if env else None


def _where(records) -> dict[str, tuple[str, int]]:
    return {
        r.id: (r.file, r.line)
        for r in (*records.entities, *records.observations, *records.events, *records.tensions)
    }


def _checked_dataset(args: argparse.Namespace, progress: Progress, err: TextIO, *, base: str = DEFAULT_BASE):
    """Read, check and build; return the dataset and the reports' texts (``None`` if not given),
    or ``None`` after listing every problem on ``err``."""
    from .rdf import read_ontology, to_dataset
    from .records import read_corpus, read_records
    from .validate import validate

    records_dir = args.records or default_records_dir()
    progress(f"reading records from {records_dir}")
    records, report = read_records(records_dir)
    progress(
        f"read {len(records.entities)} entities, {len(records.observations)} observations, "
        f"{len(records.events)} events, {len(records.tensions)} tensions from {len(records.sources)} sources"
    )
    corpus = None
    corpus_dir = _corpus_dir(args.corpus)
    if corpus_dir is not None:
        corpus = read_corpus(corpus_dir, records.sources)
        progress(f"checking citations against the reports in {corpus_dir}")
    report = report + validate(records, corpus=corpus)
    if not report.ok:
        return _fail(report, "in the records", err)
    progress("records are valid; building the RDF dataset")
    ontology = read_ontology()
    ds = to_dataset(records, ontology=ontology, base=base)
    progress("validating the dataset against the SHACL shapes")
    from .shapes import check_shapes, read_shapes

    report = check_shapes(ds, shapes=read_shapes(), ontology=ontology, where=_where(records))
    if not report.ok:
        return _fail(report, "against the SHACL shapes", err)
    progress("the dataset conforms to the shapes")
    return ds, corpus


def _fail(report, what: str, err: TextIO) -> None:
    print(report.format(), file=err)
    print(f"zonekg: {len(report.problems)} problem(s) {what}; nothing written", file=err)
    return None


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .iri import check_base

    check_base(args.base)
    progress = Progress(err, args.quiet)
    checked = _checked_dataset(args, progress, err, base=args.base)
    if checked is None:
        return EXIT_DATA
    ds, texts = checked
    from .output import serialize, write_outputs
    from .rdf import summarize
    from .viewer import build_page

    progress("serialising zone.ttl, zone.trig, zone.jsonld, zone.nt")
    files = serialize(ds)
    progress("measuring, laying out and drawing graph.html" + (" (quoting the reports)" if texts else ""))
    page = build_page(ds, texts=texts, seed=args.seed, size_by=args.size_by, title=args.title)
    files["graph.html"] = page.html.encode("utf-8")
    paths = write_outputs(files, args.out)
    for path in paths:
        progress(f"wrote {path} ({path.stat().st_size:,} bytes)")
    print(summarize(ds).format(), file=out)
    return EXIT_OK


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    progress = Progress(err, args.quiet)
    if _checked_dataset(args, progress, err) is None:
        return EXIT_DATA
    print("records are valid and the dataset conforms to the shapes", file=out)
    return EXIT_OK


def _view(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import webbrowser

    page = args.page.resolve()
    if not page.is_file():
        raise InputError(f"{args.page}: no such page; run 'zonekg build' first")
    uri = page.as_uri()
    print(uri, file=out)
    if not webbrowser.open(uri):
        print(f"zonekg: no browser could be started; open {uri} yourself", file=err)
        return EXIT_USAGE
    return EXIT_OK


def _locate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .locate import find_spans
    from .records import read_corpus, read_records

    corpus_dir = _corpus_dir(args.corpus)
    if corpus_dir is None:
        raise InputError("locate needs the reports: give --corpus DIR or set ZONEKG_CORPUS")
    records, report = read_records(args.records or default_records_dir())
    texts = read_corpus(corpus_dir, records.sources)
    found = 0
    for source, text in sorted(texts.items()):
        for start, end in find_spans(text, args.text):
            print(f"{source}:{start}-{end}", file=out)
            found += 1
    if not found:
        print(f"zonekg: {args.text!r} is not in the reports", file=err)
    return EXIT_OK if found else EXIT_DATA


def _coverage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .coverage import uncovered_figures, uncovered_names
    from .records import read_corpus, read_records

    corpus_dir = _corpus_dir(args.corpus)
    if corpus_dir is None:
        raise InputError("coverage needs the reports: give --corpus DIR or set ZONEKG_CORPUS")
    records, report = read_records(args.records or default_records_dir())
    if not report.ok:
        _fail(report, "in the records", err)
        return EXIT_DATA
    texts = read_corpus(corpus_dir, records.sources)
    figures, names = uncovered_figures(records, texts), uncovered_names(records, texts)
    for title, gaps in (("figures", figures), ("names", names)):
        print(f"{len(gaps)} {title} not accounted for", file=out)
        for gap in gaps:
            print(f"  {gap.format()}", file=out)
    return EXIT_OK if not figures and not names else EXIT_DATA


def _params(pairs: Sequence[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name.isidentifier():
            raise InputError(f"--param {pair!r}: write NAME=VALUE, such as park=联东U谷科技园")
        out[name] = value
    return out


def _query(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .library import read_library

    if args.list:
        for name, entry in read_library().items():
            params = ", ".join(f"?{p}" for p in entry.parameters) or "-"
            print(f"{name}\n  {entry.question_en}\n  {entry.question_zh}\n  parameters: {params}", file=out)
        return EXIT_OK
    if not args.query:
        raise InputError("give a query (SPARQL text, a .rq file or a library name) or --list")
    if args.timeout <= 0:
        raise InputError("--timeout must be a positive number of seconds")
    from .querying import answer, load, source_text
    from .results import render

    what, text = source_text(args.query)
    params = _params(args.param)
    if args.update:
        return _update(args, text, params, out, err)
    if args.endpoint:
        from .remote import ask_endpoint

        prepared, result = ask_endpoint(args.endpoint, text, params=params, timeout=args.timeout)
    else:
        ds = load(args.data, reason=args.reason)
        print(f"zonekg: answering the {what}", file=err)
        prepared, result = answer(ds, text, params=params, timeout=args.timeout)
    fmt = args.format or ("turtle" if result.form in ("CONSTRUCT", "DESCRIBE") else "table")
    text_out = render(result, fmt=fmt)
    out.write(text_out if text_out.endswith("\n") else text_out + "\n")
    return EXIT_OK


def _update(args: argparse.Namespace, text: str, params: dict[str, str], out: TextIO, err: TextIO) -> int:
    from .output import write_outputs
    from .querying import answer, read_dataset

    if not args.data or len(args.data) != 1:
        raise InputError("--update needs exactly one --data file to change")
    path = args.data[0]
    if not os.access(path, os.W_OK):
        raise InputError(f"{path}: not writable")
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: --update changes TriG, N-Quads, Turtle or N-Triples files only")
    if not path.is_file():
        raise InputError(f"{path}: no such data file")
    if fmt in ("turtle", "nt"):
        from rdflib import Graph

        target = Graph()
        try:
            target.parse(path, format=fmt)
        except Exception as exc:  # parsers raise many kinds of errors
            raise InputError(f"{path}: cannot read as {fmt}: {exc}") from exc
    else:
        target = read_dataset([path])
    prepared, _ = answer(target, text, params=params, timeout=args.timeout, allow_update=True)
    if prepared.form != "UPDATE":
        raise InputError("--update takes a SPARQL Update, not a query")
    data = target.serialize(format=fmt, encoding="utf-8")
    write_outputs({path.name: data}, path.parent)
    print(f"zonekg: updated {path}", file=err)
    return EXIT_OK


_COMMANDS = {"build": _build, "view": _view, "validate": _validate, "coverage": _coverage, "query": _query, "locate": _locate}


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``zonekg`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse reports usage errors itself
        return EXIT_USAGE if exc.code else EXIT_OK
    if args.version:
        print(f"zonekg {_version()}", file=out)
        return EXIT_OK
    if args.command is None:
        parser.print_usage(err)
        return EXIT_USAGE
    try:
        return {**_COMMANDS, **_NETWORK_COMMANDS, **_SERVE_COMMANDS}[args.command](args, out, err)
    except BrokenPipeError:  # the reader (head, less) stopped early: not an error
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's final flush
        except OSError:
            pass
        return EXIT_OK
    except ZonekgError as exc:
        print(f"zonekg: {exc}", file=err)
        return EXIT_USAGE
