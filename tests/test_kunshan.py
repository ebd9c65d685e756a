"""The embedded Kunshan records: valid, and every citation checked against the real reports."""

from __future__ import annotations

from graph.cli import default_records_dir
from graph.records import read_corpus, read_records
from graph.validate import validate


def test_embedded_records_are_valid_without_the_corpus(kunshan_records):
    assert validate(kunshan_records).ok


def test_embedded_records_match_the_reports(kunshan_records, corpus_dir):
    corpus = read_corpus(corpus_dir, kunshan_records.sources)
    report = validate(kunshan_records, corpus=corpus)
    assert report.ok, report.format()


def test_both_reports_are_sources(kunshan_records):
    assert {s.id for s in kunshan_records.sources} == {"khnz-2021", "khnz-2023"}


def test_records_dir_is_inside_the_package():
    assert (default_records_dir() / "sources.yaml").is_file()
    records, report = read_records(default_records_dir())
    assert report.ok
