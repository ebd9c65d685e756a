"""Stage 5: serialisations re-parse to the same graph, are deterministic, and are written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import graph.build.output as output
from graph.build.dataset import to_dataset
from graph.build.output import FORMATS, serialize, union_graph, write_outputs
from graph.curation.records import read_records
from graph.errors import OutputError


@pytest.fixture(scope="module")
def mini_files(mini_dir, ontology):
    records, _ = read_records(mini_dir / "records")
    ds = to_dataset(records, ontology=ontology)
    return ds, serialize(ds)


@pytest.mark.parametrize("name", ["zone.ttl", "zone.nt"])
def test_union_formats_round_trip(mini_files, name):
    ds, files = mini_files
    parsed = Graph().parse(data=files[name].decode("utf-8"), format=FORMATS[name])
    assert isomorphic(parsed, union_graph(ds))


@pytest.mark.parametrize("name", ["zone.trig", "zone.jsonld"])
def test_dataset_formats_round_trip_graph_by_graph(mini_files, name):
    ds, files = mini_files
    parsed = Dataset()
    parsed.parse(data=files[name].decode("utf-8"), format=FORMATS[name])
    want = {g.identifier: g for g in ds.graphs() if len(g)}
    got = {g.identifier: g for g in parsed.graphs() if len(g)}
    assert set(got) == set(want)
    for name_ in want:
        assert isomorphic(got[name_], want[name_]), name_


def test_labels_keep_language_tags(mini_files):
    _, files = mini_files
    assert '"示例科技园"@zh' in files["zone.nt"].decode("utf-8")
    assert '"Demo Science Park"@en' in files["zone.nt"].decode("utf-8")


def test_serialize_is_repeatable_in_process(mini_files, ontology, mini_dir):
    _, files = mini_files
    records, _ = read_records(mini_dir / "records")
    assert serialize(to_dataset(records, ontology=ontology)) == files


@pytest.mark.slow
def test_build_is_byte_identical_across_processes(tmp_path, mini_dir, in_processes):
    outs = in_processes(["build", "-q", "--records", str(mini_dir / "records")], tmp_path, seeds=("1", "2", "3"))
    assert sorted(outs[0]) == sorted([*FORMATS, "graph.html"])
    assert outs[0] == outs[1] == outs[2]  # the page too: layout, communities and JSON are seeded and sorted


def test_write_outputs_creates_and_replaces(tmp_path):
    write_outputs({"a.txt": b"one", "b.txt": b"two"}, tmp_path / "out")
    write_outputs({"a.txt": b"uno", "b.txt": b"dos"}, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]
    assert (tmp_path / "out" / "a.txt").read_bytes() == b"uno"


def test_written_files_get_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        [path] = write_outputs({"a.txt": b"x"}, tmp_path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def _old(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (out / name).write_bytes(f"old {name}".encode())
    return out


def _unchanged(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt", "c.txt"], "no temporary file may remain"
    for name in ("a.txt", "b.txt", "c.txt"):
        assert (out / name).read_bytes() == f"old {name}".encode()


def test_failure_while_writing_leaves_old_files(tmp_path, monkeypatch):
    out = _old(tmp_path)
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match="No space left"):
        write_outputs({"a.txt": b"new", "b.txt": b"new", "c.txt": b"new"}, out)
    _unchanged(out)


@pytest.mark.parametrize(
    "files",
    [
        {"a.txt": b"new", "b.txt": b"new", "c.txt": b"new"},
        {"0-new.txt": b"new", "a.txt": b"new", "b.txt": b"new"},  # a file with no earlier version, moved in first
    ],
    ids=["old-files-restored", "new-files-removed"],
)
def test_failure_while_renaming_leaves_the_old_files_only(tmp_path, monkeypatch, files):
    out = _old(tmp_path)
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "I/O error")
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", failing_replace)
    with pytest.raises(OutputError, match="I/O error"):
        write_outputs(files, out)
    _unchanged(out)


def test_unwritable_directory_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_outputs({"a.txt": b"x"}, blocker / "out")
