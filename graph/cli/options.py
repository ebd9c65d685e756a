"""Options several ``zonekg`` commands share: the data files to read and the inference to add.

Building a parser imports no rdflib, so the reasoning modes are spelled here;
``tests/cli/test_options.py`` keeps them equal to :data:`graph.sparql.load.REASONING`.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_data_option(parser, help="RDF files (default: the built graph)")
>>> add_reason_option(parser, help="inference added (default: rdfs)")
>>> args = parser.parse_args(["--data", "a.trig", "b.trig", "--reason", "none"])
>>> [str(p) for p in args.data], args.reason
(['a.trig', 'b.trig'], 'none')
"""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["REASONING", "add_data_option", "add_reason_option"]

#: The inference modes a command may add; ``rdfs`` is the default.
REASONING = ("none", "rdfs", "owlrl")


def add_data_option(parser: argparse.ArgumentParser, *, help: str) -> None:
    """``--data FILE…``: RDF files to read instead of the built graph."""
    parser.add_argument("--data", nargs="+", type=Path, default=None, metavar="FILE", help=help)


def add_reason_option(parser: argparse.ArgumentParser, *, help: str) -> None:
    """``--reason none|rdfs|owlrl``: the inference added before the data are used (default ``rdfs``)."""
    parser.add_argument("--reason", default="rdfs", choices=REASONING, help=help)
