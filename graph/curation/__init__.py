"""Stage 1, curation: the analysts' YAML records → typed, checked records, and the reports' texts.

* :mod:`graph.curation.strict_yaml` — YAML with every scalar kept as written, with its line;
* :mod:`graph.curation.records` — records → frozen dataclasses, and every shape problem;
* :mod:`graph.curation.problems` — :class:`~graph.curation.problems.Problem` and :class:`~graph.curation.problems.Report`:
  bad data as a result;
* :mod:`graph.curation.text` — the reports' texts, and matching across line breaks and width forms;
* :mod:`graph.curation.validate` — cross-record checks, and each citation against the reports;
* :mod:`graph.curation.locate` — where a name or number stands in the reports;
* :mod:`graph.curation.coverage` — which figures and names of the reports no record accounts for.

May import: :mod:`graph.errors`, :mod:`graph.data`, :mod:`graph.vocab`.
"""

from __future__ import annotations

__all__: list[str] = []
