"""graph.build.checked: the one checked dataset (records → validated → built → SHACL-conforming)."""

from __future__ import annotations

import shutil

import pytest

from graph.build.checked import checked_dataset
from graph.errors import InputError


def test_mini_records_give_a_conforming_dataset_and_say_each_step(mini_dir):
    lines: list[str] = []
    checked = checked_dataset(mini_dir / "records", progress=lines.append)
    assert checked.ok and checked.failed == "" and checked.report.ok and checked.texts is None
    assert sum(len(g) for g in checked.dataset.graphs()) > 100
    assert lines[0].startswith("reading records from") and lines[-1] == "the dataset conforms to the shapes"


def test_a_corpus_directory_is_read_and_every_citation_checked(mini_dir):
    checked = checked_dataset(mini_dir / "records", corpus=mini_dir / "corpus")
    assert checked.ok and set(checked.texts) == {"mini"}


def test_bad_records_are_a_result_with_file_and_line(mini_dir, tmp_path):
    records = tmp_path / "records"
    shutil.copytree(mini_dir / "records", records)
    entities = records / "entities" / "all.yaml"
    entities.write_text(entities.read_text(encoding="utf-8").replace("to: demo-zone", "to: no-such-zone", 1), encoding="utf-8")
    checked = checked_dataset(records)
    assert not checked.ok and checked.failed == "records" and checked.dataset is None
    [problem] = checked.report.problems
    assert problem.file == "entities/all.yaml" and problem.line > 0 and problem.value == "no-such-zone"


def test_a_wrong_report_version_fails_the_records_stage(mini_dir):
    checked = checked_dataset(mini_dir / "records", corpus={"mini": "not the report"})
    assert checked.failed == "records" and any("SHA-256" in p.message or "length" in p.message for p in checked.report.problems)


def test_a_missing_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="records directory not found"):
        checked_dataset(tmp_path / "nowhere")


def test_build_validate_and_the_embedded_query_data_share_it():
    """The command line and the query stage build through checked_dataset, not a copy of it."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "graph"
    for module in ("cli/records.py", "sparql/load.py"):
        text = (root / module).read_text(encoding="utf-8")
        assert "checked_dataset(" in text and "check_shapes(" not in text and "validate(records" not in text, module
