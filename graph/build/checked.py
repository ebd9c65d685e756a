"""The checked dataset: records → validated records → dataset → SHACL-conforming dataset, in one call.

:func:`checked_dataset` is what ``zonekg build`` and ``validate`` run, and what
``zonekg query`` and ``serve`` build from the embedded records when no built
graph is given: read the records, check them across records (and, given the
reports, every citation's content), build the dataset, and validate it
against the SHACL shapes. Problems are a result, never an exception: the
returned :class:`Checked` holds the full :class:`~graph.curation.problems.Report`
and, only when there is none, the dataset.

Examples
--------
>>> checked = checked_dataset("tests/fixtures/mini/records")
>>> checked.ok, len(checked.records.entities) > 0, checked.dataset is not None
(True, True, True)
>>> broken = checked_dataset("tests/fixtures/mini/records", corpus={"mini": "too short"})
>>> broken.ok, broken.failed, broken.dataset is None
(False, 'records', True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from graph.curation.problems import Report
from graph.curation.records import Entity, Event, Observation, RecordSet, Tension, read_records
from graph.curation.validate import validate
from graph.vocab.namespaces import DEFAULT_BASE

__all__ = ["Checked", "checked_dataset"]


@dataclass(frozen=True)
class Checked:
    """What :func:`checked_dataset` found: the records, every problem, and the dataset if there were none.

    ``failed`` names the stage that found problems: ``"records"`` (shape or
    cross-record checks) or ``"shapes"`` (the built dataset against the
    SHACL shapes); ``""`` when all is well.
    """

    records: RecordSet
    report: Report
    dataset: Dataset | None
    failed: str
    texts: Mapping[str, str] | None = None

    @property
    def ok(self) -> bool:
        """True when the records are valid and the dataset conforms."""
        return self.dataset is not None


def _where(records: RecordSet) -> dict[str, tuple[str, int]]:
    identified: tuple[Entity | Observation | Event | Tension, ...] = (
        *records.entities, *records.observations, *records.events, *records.tensions,
    )
    return {r.id: (r.file, r.line) for r in identified}


def checked_dataset(
    records_dir: Path | str,
    *,
    corpus: Path | str | Mapping[str, str] | None = None,
    base: str = DEFAULT_BASE,
    progress: Callable[[str], None] | None = None,
) -> Checked:
    """Read, check and build the records of ``records_dir``; validate the dataset against the shapes.

    Parameters
    ----------
    records_dir
        A records directory (``sources.yaml``, ``entities/`` …).
    corpus
        The reports: a directory of their text files, or their texts by
        source id. Each report's length and SHA-256 and every cited span's
        content are then checked too, and :attr:`Checked.texts` holds them.
    base
        The base IRI of the minted IRIs.
    progress
        Called with a line for each step.

    Raises
    ------
    InputError
        If a directory is missing or a file cannot be read (a failure, not bad data).
    """
    from graph.build.dataset import read_ontology, to_dataset
    from graph.build.shapes import check_shapes, read_shapes

    say = progress or (lambda line: None)
    say(f"reading records from {records_dir}")
    records, report = read_records(records_dir)
    say(
        f"read {len(records.entities)} entities, {len(records.observations)} observations, "
        f"{len(records.events)} events, {len(records.tensions)} tensions from {len(records.sources)} sources"
    )
    texts: Mapping[str, str] | None = None
    if isinstance(corpus, (str, Path)):
        from graph.curation.text import read_corpus

        texts = read_corpus(corpus, records.sources)
    elif corpus is not None:
        texts = corpus
    if texts is not None:
        say(f"checking citations against the reports ({', '.join(sorted(texts))})")
    report = report + validate(records, corpus=texts)
    if not report.ok:
        return Checked(records, report, None, "records", texts)
    say("records are valid; building the RDF dataset")
    ontology = read_ontology()
    ds = to_dataset(records, ontology=ontology, base=base)
    say("validating the dataset against the SHACL shapes")
    shapes_report = check_shapes(ds, shapes=read_shapes(), ontology=ontology, where=_where(records))
    if not shapes_report.ok:
        return Checked(records, shapes_report, None, "shapes", texts)
    say("the dataset conforms to the shapes")
    return Checked(records, report + shapes_report, ds, "", texts)
