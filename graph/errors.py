"""The exception hierarchy: failures, as opposed to bad data.

Bad records are a *result* (:class:`graph.curation.problems.Report`); these exceptions are
for what stops a stage from producing one: a missing directory, an unreadable
file, a query the engine refuses.

Examples
--------
>>> issubclass(InputError, ZonekgError)
True
"""

from __future__ import annotations

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "InputError", "OutputError", "QueryError", "QueryTimeout", "ZonekgError"]

#: Exit codes of ``zonekg``: success; the data has problems; a usage or input error.
EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class ZonekgError(Exception):
    """Base class of every error zonekg raises on purpose."""


class InputError(ZonekgError):
    """An input cannot be read or used: a missing path, a wrong option (exit 2)."""


class OutputError(ZonekgError):
    """An output cannot be written; what was there before is left in place."""


class QueryError(InputError):
    """A SPARQL query is malformed or refused (it would reach the network or the file system, or update)."""


class QueryTimeout(ZonekgError):
    """A SPARQL query ran past its time limit and was stopped."""
