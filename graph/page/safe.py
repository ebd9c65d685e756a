"""HTML-safe JSON: the one way data travels into a generated page.

A page carries its data as one JSON document inside
``<script type="application/json">``. :func:`safe_json` writes it key-sorted
and compact (so the same data give the same bytes) and escapes every
character that could end the element or start markup (``<``, ``>``, ``&``)
and the two line separators JavaScript once treated as line ends; the page's
script reads it with ``JSON.parse`` and sets every text with ``textContent``.
The graph page and the endpoint's query page both use it.

Examples
--------
>>> safe_json({"a": "</script><b>&"})
'{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
>>> import json
>>> json.loads(safe_json({"b": 1, "a": ["<\\u2028>"]})) == {"a": ["<\\u2028>"], "b": 1}
True
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["safe_json"]

_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def safe_json(value: Any) -> str:
    """Key-sorted, compact JSON of ``value`` that is safe inside an HTML ``<script>`` element.

    Raises
    ------
    ValueError
        If ``value`` holds NaN or an infinity, which JSON cannot carry.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for char, escape in _ESCAPES:
        text = text.replace(char, escape)
    return text
