"""Problems found in records: a result, listed in full, never an exception.

Examples
--------
>>> p = Problem("entities/a.yaml", 3, "acme", "class", "Compny", "unknown class")
>>> print(Report((p,)).format())
entities/a.yaml:3: record 'acme', field 'class', value 'Compny': unknown class
>>> Report(()).ok
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "Report"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where it is (file and line), which record, field and value, and why."""

    file: str
    line: int
    record: str
    field: str
    value: str
    message: str

    def format(self) -> str:
        """Return the problem as one line ``file:line: record …, field …, value …: message``."""
        parts = []
        if self.record:
            parts.append(f"record {self.record!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        if self.value:
            parts.append(f"value {self.value!r}")
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {', '.join(parts)}: {self.message}" if parts else f"{where}: {self.message}"


@dataclass(frozen=True)
class Report:
    """Every problem found by a stage, in file and line order."""

    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is no problem."""
        return not self.problems

    def __add__(self, other: Report) -> Report:
        return Report(tuple(sorted(set(self.problems) | set(other.problems))))

    def format(self) -> str:
        """Return every problem, one a line, sorted by file and line."""
        return "\n".join(p.format() for p in sorted(self.problems))
