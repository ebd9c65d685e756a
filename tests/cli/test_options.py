"""graph.cli.options: the shared --data and --reason options."""

from __future__ import annotations

import argparse

import pytest

from graph.cli.main import _parser
from graph.cli.options import REASONING, add_data_option, add_reason_option
from graph.sparql.load import DEFAULT_REASON
from graph.sparql.load import REASONING as LOAD_REASONING


def test_the_modes_are_the_query_stage_s():
    assert REASONING == LOAD_REASONING and DEFAULT_REASON == "rdfs"


def test_an_unknown_mode_is_a_usage_error(capsys):
    parser = argparse.ArgumentParser(prog="x")
    add_reason_option(parser, help="h")
    add_data_option(parser, help="h")
    assert parser.parse_args([]).reason == "rdfs" and parser.parse_args([]).data is None
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["--reason", "owl"])
    assert exit_.value.code == 2 and "invalid choice: 'owl'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["query", "serve", "push", "analyze", "path", "neighbours", "diff"])
def test_every_data_command_takes_data_files(command):
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    options = {s for action in sub.choices[command]._actions for s in action.option_strings}
    assert "--data" in options
