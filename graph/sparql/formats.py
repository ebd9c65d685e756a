"""Query results: a :class:`~graph.sparql.engine.Result` → text in the format asked for.

SELECT and ASK results render as an aligned ``table`` (Chinese and other
double-width characters count two columns) or in the SPARQL 1.1 results
formats ``csv``, ``tsv``, ``json`` and ``xml``; CONSTRUCT and DESCRIBE results
as ``turtle``, ``nt`` or ``jsonld``. Rendering returns a string; printing it
is the caller's business.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> from graph.sparql.engine import Result
>>> result = Result("SELECT", ["name", "n"], [(Literal("昆山高新区", lang="zh"), Literal(965)), (Literal("Kunshan"), None)])
>>> print(render(result, fmt="table"))
name       | n
-----------+----
昆山高新区 | 965
Kunshan    |
>>> render(result, fmt="tsv").splitlines()[1].split(chr(9))
['"昆山高新区"@zh', '"965"^^<http://www.w3.org/2001/XMLSchema#integer>']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from rdflib import URIRef
from rdflib.namespace import NamespaceManager
from rdflib.query import Result as RdflibResult
from rdflib.term import Identifier, Variable

from graph.errors import InputError
from graph.sparql.engine import Result
from graph.vocab.namespaces import DEFAULT_BASE, PREFIXES

__all__ = ["GRAPH_FORMATS", "TABLE_FORMATS", "display_width", "render"]

#: Formats for SELECT and ASK results.
TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: Formats for CONSTRUCT and DESCRIBE results, with the rdflib serializer behind each.
GRAPH_FORMATS: Mapping[str, str] = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two.

    Examples
    --------
    >>> display_width("abc"), display_width("昆山"), display_width("Ｕ谷")
    (3, 4, 4)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _cell(term: Identifier | None, names: NamespaceManager | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef) and names is not None:
        try:
            return names.normalizeUri(term)
        except Exception:
            return str(term)
    text = str(term)
    return text.replace("\n", " ").replace("\t", " ")


def _table(result: Result, names: NamespaceManager | None) -> str:
    if result.form == "ASK":
        return "yes" if result.boolean else "no"
    cells = [[_cell(t, names) for t in row] for row in result.rows]
    widths = [max([display_width(v)] + [display_width(r[i]) for r in cells]) for i, v in enumerate(result.vars)]
    lines = [" | ".join(_pad(v, w) for v, w in zip(result.vars, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def _tsv(result: Result) -> str:
    if result.form == "ASK":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _rdflib_result(result: Result) -> RdflibResult:
    out = RdflibResult(result.form)
    if result.form == "ASK":
        out.askAnswer = bool(result.boolean)
        return out
    out.vars = [Variable(v) for v in result.vars]
    out.bindings = [{Variable(v): t for v, t in zip(result.vars, row, strict=True) if t is not None} for row in result.rows]
    return out


def _namespaces() -> NamespaceManager:
    from rdflib import Graph

    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES:
        g.bind(prefix, ns, override=True)
    g.bind("kg", DEFAULT_BASE, override=True)
    return g.namespace_manager


def render(result: Result, *, fmt: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Render ``result`` as ``fmt`` (see :data:`TABLE_FORMATS` and :data:`GRAPH_FORMATS`).

    ``prefixes`` (prefix → namespace) shorten IRIs in the table and the
    Turtle output; the ontology's prefixes are always known.
    """
    names = _namespaces()
    for prefix, ns in (prefixes or {}).items():
        names.bind(prefix, ns, override=True)
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt not in GRAPH_FORMATS:
            raise InputError(f"a {result.form} result is a graph: use --format {', '.join(GRAPH_FORMATS)} (not {fmt})")
        graph = result.graph()
        graph.namespace_manager = names
        text = graph.serialize(format=GRAPH_FORMATS[fmt])
        return text if fmt != "nt" else "".join(sorted(line + "\n" for line in text.splitlines() if line))
    if fmt not in TABLE_FORMATS:
        raise InputError(f"a {result.form} result is a table: use --format {', '.join(TABLE_FORMATS)} (not {fmt})")
    if fmt == "table":
        return _table(result, names)
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "csv" and result.form == "ASK":  # the SPARQL CSV format has no ASK form: one column, one row
        return "boolean\r\n" + ("true" if result.boolean else "false") + "\r\n"
    data = _rdflib_result(result).serialize(format=fmt, encoding="utf-8")
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)



