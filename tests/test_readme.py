"""The README's promises: CI runs its test command, and its provenance query answers."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _shell_blocks() -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_two_commands_for_a_fresh_machine():
    build, test = _shell_blocks()[:2]
    assert "pip install" in build and "zonekg build" in build
    assert 'pip install -e ".[test]"' in test and "pytest" in test


def test_ci_runs_exactly_the_readme_test_command():
    test_command = _shell_blocks()[1]
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    ci_lines = [line for line in lines if line and not line.startswith(("#", "set ", "cd ", "export "))]
    assert ci_lines == [test_command]


def test_readme_provenance_query_answers(kunshan_dataset):
    query = re.search(r"```sparql\n(.*?)```", README, re.S).group(1)
    rows = [(str(r.report), r.start.toPython(), r.end.toPython()) for r in kunshan_dataset.query(query)]
    assert rows == [("https://w3id.org/zonekg/id/report/khnz-2021", 3912, 3943)]
