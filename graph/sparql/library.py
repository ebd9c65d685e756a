"""The library of competency questions: ``graph/data/queries/*.rq``, each headed by the question it answers.

A query file opens with comment lines::

    # Question (en): Which companies are in a park?
    # Question (zh): 某园区内有哪些企业？
    # Parameters: ?park — the park (a name, alias or IRI)
    # Returns: ?company, ?name …

and continues with the SPARQL text. A line that starts with ``#`` and more
spaces continues the field above it.

Examples
--------
>>> library = read_library()
>>> entry = library["evidence"]
>>> entry.question_en
'Where do the reports state this fact (an observation, event, membership or entity)?'
>>> entry.parameters
('fact',)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from graph.data import data_file
from graph.errors import InputError

__all__ = ["LibraryQuery", "parse_library_query", "read_library"]

_FIELD = re.compile(r"#\s?(Question \(en\)|Question \(zh\)|Parameters|Returns):\s*(.*)")
_PARAM = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class LibraryQuery:
    """One library query: its name, the question in English and Chinese, its parameters and the SPARQL."""

    name: str
    question_en: str
    question_zh: str
    parameters_text: str
    returns: str
    text: str

    @property
    def parameters(self) -> tuple[str, ...]:
        """The variable names the header lists as parameters, in order."""
        return tuple(dict.fromkeys(_PARAM.findall(self.parameters_text)))


def parse_library_query(name: str, text: str) -> LibraryQuery:
    """Parse a library file's header; raise :class:`InputError` if a field is missing."""
    fields: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _FIELD.match(line)
        if m:
            current = m.group(1)
            fields[current] = m.group(2).strip()
        elif current is not None and line.startswith("#  "):
            fields[current] += " " + line[1:].strip()
    missing = [f for f in ("Question (en)", "Question (zh)", "Parameters", "Returns") if f not in fields]
    if missing:
        raise InputError(f"library query {name!r} lacks header field(s): {', '.join(missing)}")
    return LibraryQuery(name, fields["Question (en)"], fields["Question (zh)"], fields["Parameters"], fields["Returns"], text)


def read_library() -> Mapping[str, LibraryQuery]:
    """Read every query of the packaged library, by name (the file name without ``.rq``)."""
    folder = data_file("queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            out[name] = parse_library_query(name, entry.read_text(encoding="utf-8"))
    return out
