"""``zonekg query``: the command-line face of the query stage.

:func:`add_parsers` adds the subcommand to ``zonekg``'s parser;
:data:`COMMANDS` maps its name to the function that runs it.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from typing import TextIO

from graph.cli.options import add_data_option, add_reason_option
from graph.errors import EXIT_OK, InputError

__all__ = ["COMMANDS", "add_parsers"]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``query`` to ``zonekg``'s subcommands."""
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
    ask.add_argument(
        "--format", default=None,
        help="table, csv, tsv, json, xml (SELECT/ASK); turtle, nt, jsonld (CONSTRUCT/DESCRIBE)",
    )
    add_data_option(ask, help="query these RDF files instead of the built graph")
    add_reason_option(ask, help="inference added before querying (default: rdfs, cached)")
    ask.add_argument("--timeout", type=float, default=30.0, help="seconds before the query is stopped (default: 30)")
    ask.add_argument("--update", action="store_true", help="allow SPARQL Update on the one --data file, written back atomically")
    ask.add_argument("--endpoint", default=None, metavar="URL", help="send the query to a remote SPARQL 1.1 endpoint instead")



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
    from graph.sparql.library import read_library

    if args.list:
        for name, entry in read_library().items():
            listed = ", ".join(f"?{p}" for p in entry.parameters) or "-"
            print(f"{name}\n  {entry.question_en}\n  {entry.question_zh}\n  parameters: {listed}", file=out)
        return EXIT_OK
    if not args.query:
        raise InputError("give a query (SPARQL text, a .rq file or a library name) or --list")
    if args.timeout <= 0:
        raise InputError("--timeout must be a positive number of seconds")
    from graph.sparql.api import answer, source_text
    from graph.sparql.formats import render
    from graph.sparql.load import load

    what, text = source_text(args.query)
    params = _params(args.param)
    if args.update:
        return _update(args, text, params, out, err)
    if args.endpoint:
        from graph.sparql.remote import ask_endpoint

        _, result = ask_endpoint(args.endpoint, text, params=params, timeout=args.timeout)
    else:
        ds = load(args.data, reason=args.reason)
        print(f"zonekg: answering the {what}", file=err)
        _, result = answer(ds, text, params=params, timeout=args.timeout)
    fmt = args.format or ("turtle" if result.form in ("CONSTRUCT", "DESCRIBE") else "table")
    text_out = render(result, fmt=fmt)
    out.write(text_out if text_out.endswith("\n") else text_out + "\n")
    return EXIT_OK


def _update(args: argparse.Namespace, text: str, params: dict[str, str], out: TextIO, err: TextIO) -> int:
    from graph.build.output import write_outputs
    from graph.sparql.api import answer
    from graph.sparql.load import read_dataset

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


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {"query": _query}
