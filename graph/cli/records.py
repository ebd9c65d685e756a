"""``zonekg build``, ``validate``, ``view``, ``coverage`` and ``locate``: the command-line faces of curation and build.

:func:`add_parsers` adds the five subcommands to ``zonekg``'s parser;
:data:`COMMANDS` maps their names to the functions that run them.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from graph.cli.progress import Progress
from graph.data import default_records_dir
from graph.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, InputError
from graph.vocab.namespaces import DEFAULT_BASE

if TYPE_CHECKING:
    from graph.build.checked import Checked
    from graph.curation.problems import Report

__all__ = ["COMMANDS", "add_parsers"]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``build``, ``view``, ``validate``, ``coverage`` and ``locate`` to ``zonekg``'s subcommands."""

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
        "--size-by", default="pagerank",
        choices=("pagerank", "betweenness", "degree", "weighted_degree", "closeness", "eigenvector"),
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

    locate = sub.add_parser("locate", help="print the citation SOURCE:START-END of every place a text stands in the reports")
    locate.add_argument("text", help="a name or number, as the report prints it (line breaks ignored)")
    locate.add_argument("--corpus", type=Path, default=None, help="directory of the reports' texts (default: $ZONEKG_CORPUS)")
    locate.add_argument("--records", type=Path, default=None, help="records directory naming the reports")


def _corpus_dir(arg: Path | None) -> Path | None:
    if arg is not None:
        return arg
    env = os.environ.get("ZONEKG_CORPUS")
    return Path(env) if env else None


def _checked(args: argparse.Namespace, progress: Progress, err: TextIO, *, base: str = DEFAULT_BASE) -> Checked | None:
    """The checked dataset of ``args.records``, or ``None`` after listing every problem on ``err``."""
    from graph.build.checked import checked_dataset

    checked = checked_dataset(
        args.records or default_records_dir(), corpus=_corpus_dir(args.corpus), base=base, progress=progress,
    )
    if not checked.ok:
        _fail(checked.report, "in the records" if checked.failed == "records" else "against the SHACL shapes", err)
        return None
    return checked


def _fail(report: Report, what: str, err: TextIO) -> None:
    print(report.format(), file=err)
    print(f"zonekg: {len(report.problems)} problem(s) {what}; nothing written", file=err)


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from graph.vocab.iri import check_base

    check_base(args.base)
    progress = Progress(err, args.quiet)
    checked = _checked(args, progress, err, base=args.base)
    if checked is None or checked.dataset is None:
        return EXIT_DATA
    ds, texts = checked.dataset, checked.texts
    from graph.build.dataset import summarize
    from graph.build.output import serialize, write_outputs
    from graph.page.build import build_page

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
    if _checked(args, progress, err) is None:
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
    from graph.curation.locate import find_spans
    from graph.curation.records import read_records
    from graph.curation.text import read_corpus

    corpus_dir = _corpus_dir(args.corpus)
    if corpus_dir is None:
        raise InputError("locate needs the reports: give --corpus DIR or set ZONEKG_CORPUS")
    records, _ = read_records(args.records or default_records_dir())
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
    from graph.curation.coverage import uncovered_figures, uncovered_names
    from graph.curation.records import read_records
    from graph.curation.text import read_corpus

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




COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "build": _build, "view": _view, "validate": _validate, "coverage": _coverage, "locate": _locate,
}
