"""The ``zonekg`` command: a thin layer over the stages; nothing imports it.

* :mod:`graph.cli.main` — the parser, :func:`main` and the exit codes;
* :mod:`graph.cli.records` — ``build``, ``validate``, ``view``, ``coverage``, ``locate``;
* :mod:`graph.cli.query` — ``query``;
* :mod:`graph.cli.network` — ``analyze``, ``path``, ``neighbours``, ``diff``;
* :mod:`graph.cli.serve` — ``serve``, ``push``;
* :mod:`graph.cli.progress` — progress lines on stderr.

May import: every stage.
"""

from __future__ import annotations

from graph.cli.main import main

__all__ = ["main"]
