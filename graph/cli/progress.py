"""Progress lines on stderr, each stamped with the seconds since the command started.

Examples
--------
>>> import io
>>> stream = io.StringIO()
>>> progress = Progress(stream, quiet=False)
>>> progress("reading")
>>> stream.getvalue().endswith("s] reading\\n")
True
>>> Progress(stream, quiet=True)("nothing") is None
True
"""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Call with a message to print it, unless ``quiet``."""

    def __init__(self, stream: TextIO, quiet: bool) -> None:
        self.stream = stream
        self.quiet = quiet
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.started
            print(f"[{elapsed:6.2f}s] {message}", file=self.stream, flush=True)
