"""``python -m graph``: the same as the ``zonekg`` command."""

from __future__ import annotations

import sys

from graph.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
