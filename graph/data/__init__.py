"""The data the package ships: the curated records, the query library, the ontology and the shapes.

``records/`` (the embedded Kunshan records, the source of truth),
``queries/`` (the library's ``.rq`` files), ``ontology.ttl`` (the OWL
ontology; the repository's top-level ``ontology.ttl`` links here) and
``shapes.ttl`` (the SHACL shapes). This module only finds them; it imports
nothing else of :mod:`graph`, so every stage may use it.

Examples
--------
>>> default_records_dir().joinpath("sources.yaml").is_file()
True
>>> read_text("ontology.ttl").startswith("@prefix")
True
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["data_file", "default_records_dir", "read_text"]


def data_file(*parts: str) -> Traversable:
    """The shipped file or folder ``parts`` (e.g. ``data_file("queries")``)."""
    return resources.files(__name__).joinpath(*parts)


def read_text(*parts: str) -> str:
    """The UTF-8 text of the shipped file ``parts``."""
    return data_file(*parts).read_text(encoding="utf-8")


def default_records_dir() -> Path:
    """The records embedded in the package: the Kunshan High-tech Zone."""
    return Path(str(data_file("records")))
