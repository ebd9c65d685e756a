"""The reports' texts: reading them exactly, matching across line breaks, quoting around a span.

The reports are text extracted from PDF pages: a name can be split by a line
break, padded by spaces, or printed in full-width forms. Every comparison of
a name with a report therefore goes through :func:`squash` (the one
normalisation: whitespace removed, NFKC, case-folded), and
:func:`squashed_with_offsets` keeps, for each character it keeps, its offset
in the original text, so a match found in the squashed text cites the file
exactly.

Examples
--------
>>> squash("联东U谷科\\n\\n技园 ") == squash("联东Ｕ谷科技园")
True
>>> squashed_with_offsets("a Ｂ\\nc")
('abc', [0, 2, 4])
>>> quote("第一句。示例生物公司落户示\\n例科技园，董事长张三。下一句", 4, 18)
('', '示例生物公司落户示例科技园', '，董事长张三。')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from graph.curation.records import Source
from graph.errors import InputError

__all__ = ["quote", "read_corpus", "squash", "squashed_with_offsets"]

_STOPS = "。！？；!?;"
_CONTEXT = 120


def squashed_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, NFKC-normalised and case-folded, and each character's offset in ``text``."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for out in unicodedata.normalize("NFKC", ch).casefold():
            if not out.isspace():
                chars.append(out)
                offsets.append(i)
    return "".join(chars), offsets


def squash(text: str) -> str:
    """``text`` as :func:`squashed_with_offsets` reads it, for matching names.

    Examples
    --------
    >>> squash("A b\\n\\u3000Ｃ")
    'abc'
    """
    return squashed_with_offsets(text)[0]


def quote(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence of ``text`` around ``[start, end)`` as *(before, span, after)*, line breaks removed.

    The sentence runs from the end of the previous sentence (``。！？；`` or a
    blank line) to the end of its own, at most 120 characters either side.
    A generated page may quote the source this way; the repository never does.
    """

    def clean(part: str) -> str:
        return part.replace("\r", "").replace("\n", "")

    left = start
    while left > 0 and start - left < _CONTEXT and text[left - 1] not in _STOPS and text[left - 2 : left] != "\n\n":
        left -= 1
    right = end
    while right < len(text) and right - end < _CONTEXT and text[right] not in _STOPS and text[right : right + 2] != "\n\n":
        right += 1
    if right < len(text) and text[right] in _STOPS:
        right += 1
    before, after = clean(text[left:start]).lstrip(), clean(text[end:right]).rstrip()
    if left > 0 and start - left >= _CONTEXT:
        before = "…" + before
    if right < len(text) and right - end >= _CONTEXT:
        after = after + "…"
    return before, clean(text[start:end]), after


def read_corpus(directory: Path | str, sources: Sequence[Source]) -> dict[str, str]:
    """Read the text of each source report from ``directory``, exactly as it is, keyed by source id.

    Raises
    ------
    InputError
        If the directory or a report's file is missing or unreadable.
    """
    root = Path(directory)
    if not root.is_dir():
        raise InputError(f"corpus directory not found: {root}")
    texts = {}
    for source in sources:
        path = root / source.file_name
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                texts[source.id] = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read report {source.id!r}: {exc}") from exc
    return texts
