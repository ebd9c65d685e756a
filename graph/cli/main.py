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
import contextlib
import os
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import TextIO

from graph.cli.network import COMMANDS as _NETWORK_COMMANDS
from graph.cli.network import add_parsers as _network_parsers
from graph.cli.query import COMMANDS as _QUERY_COMMANDS
from graph.cli.query import add_parsers as _query_parsers
from graph.cli.records import COMMANDS as _RECORDS_COMMANDS
from graph.cli.records import add_parsers as _records_parsers
from graph.cli.serve import COMMANDS as _SERVE_COMMANDS
from graph.cli.serve import add_parsers as _serve_parsers
from graph.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, ZonekgError

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "main"]

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

    _records_parsers(sub)
    _query_parsers(sub)
    _network_parsers(sub)

    _serve_parsers(sub)
    return parser


_COMMANDS = {**_RECORDS_COMMANDS, **_QUERY_COMMANDS, **_NETWORK_COMMANDS, **_SERVE_COMMANDS}


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
        return _COMMANDS[args.command](args, out, err)
    except BrokenPipeError:  # the reader (head, less) stopped early: not an error
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's final flush
        return EXIT_OK
    except ZonekgError as exc:
        print(f"zonekg: {exc}", file=err)
        return EXIT_USAGE
