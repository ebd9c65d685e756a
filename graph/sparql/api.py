"""The Python face of ``zonekg query``: a query by name, file or text, answered with plain values.

:func:`query` takes a query as text, as a ``.rq`` file or as the name of a
library query, binds parameters (names and aliases in Chinese or English are
resolved to the entity they name, :func:`graph.sparql.resolve.resolve`),
runs it with a time limit on :func:`graph.sparql.load.load`'s data and
returns plain Python values; :func:`answer` is the same on a dataset you hold.

Examples
--------
With no ``data``, the question is asked of ``out/zone.trig`` (else the
embedded Kunshan records): ``graph.query("companies-in-park",
params={"park": "联东U谷科技园"})``. Here, of the tiny invented zone:

>>> import pathlib, tempfile
>>> import graph
>>> from graph.build.checked import checked_dataset
>>> trig = pathlib.Path(tempfile.mkdtemp()) / "mini.trig"
>>> _ = checked_dataset("tests/fixtures/mini/records").dataset.serialize(trig, format="trig")
>>> rows = graph.query("companies-in-park", params={"park": "示例科技园"}, data=[trig])
>>> [row["name"] for row in rows]
['示例生物公司']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.errors import InputError
from graph.sparql.engine import (
    DEFAULT_TIMEOUT,
    Prepared,
    Result,
    prepare,
    run,
    stated_classes,
    to_python,
)
from graph.sparql.library import read_library
from graph.sparql.load import DEFAULT_REASON, load
from graph.sparql.resolve import resolve

__all__ = ["answer", "query", "source_text"]


def source_text(spec: str) -> tuple[str, str]:
    """A query given as a library name, a ``.rq`` file or SPARQL text → (what it is, the text)."""
    library = read_library()
    if spec in library:
        return f"library query {spec!r}", library[spec].text
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 4096 and "\n" not in spec and path.is_file()):
        try:
            return f"query file {spec}", path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{spec}: cannot read the query file: {exc}") from exc
    return "query text", spec


def answer(
    ds: Graph,
    text: str,
    *,
    params: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_update: bool = False,
) -> tuple[Prepared, Result]:
    """Prepare ``text``, resolve ``params`` against ``ds`` and run it.

    A name several entities share resolves to the one of the class the query
    asks the parameter to be (``?industry a zk:Industry``), if just one is.
    """
    prepared = prepare(text, allow_update=allow_update)
    wanted = stated_classes(prepared)
    bindings = {name: resolve(ds, value, classes=wanted.get(name, ())) for name, value in (params or {}).items()}
    return prepared, run(ds, prepared, bindings=bindings, timeout=timeout)


def query(
    spec: str,
    *,
    params: Mapping[str, str] | None = None,
    data: Iterable[Path | str] | None = None,
    reason: str = DEFAULT_REASON,
    timeout: float = DEFAULT_TIMEOUT,
) -> Any:
    """Answer a query (library name, ``.rq`` file or SPARQL text) with plain Python values.

    Returns a list of ``{variable: value}`` dicts for SELECT, a ``bool`` for
    ASK, and a list of ``(subject, predicate, object)`` tuples for CONSTRUCT
    and DESCRIBE. IRIs come back as ``str``; numbers, booleans and dates as
    Python numbers, booleans and dates.
    """
    _, text = source_text(spec)
    ds = load(list(data) if data else None, reason=reason)
    _, result = answer(ds, text, params=params, timeout=timeout)
    if result.form == "SELECT":
        return [{name: to_python(term) for name, term in zip(result.vars, row, strict=True)} for row in result.rows]
    if result.form == "ASK":
        return bool(result.boolean)
    return [tuple(to_python(t) for t in triple) for triple in result.triples]
