"""Finding where a name or number stands in a report, across line breaks.

The reports are PDF text: a name can be split by a line break and padded by
spaces. :func:`find_spans` matches on the text with whitespace removed (and
NFKC case-folding, so full- and half-width forms match) and maps each match
back to code-point offsets of the report as it is, ready to cite.

Examples
--------
>>> text = "位于联东U谷科\\n\\n技园的公司"
>>> find_spans(text, "联东U谷科技园")
[(2, 11)]
>>> text[2:11]
'联东U谷科\\n\\n技园'
>>> find_spans(text, "联东Ｕ谷")
[(2, 6)]
"""

from __future__ import annotations

from graph.curation.text import squashed_with_offsets

__all__ = ["find_spans"]


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` span of ``text`` that reads ``needle`` once whitespace is removed."""
    hay, offsets = squashed_with_offsets(text)
    pin, _ = squashed_with_offsets(needle)
    if not pin:
        return []
    spans = []
    start = hay.find(pin)
    while start != -1:
        end = start + len(pin) - 1
        spans.append((offsets[start], offsets[end] + 1))
        start = hay.find(pin, start + 1)
    return spans
