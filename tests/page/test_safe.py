"""graph.page.safe: the one HTML-safe JSON, used by the graph page and the endpoint's query page."""

from __future__ import annotations

import json
import re

import pytest

from graph.page.safe import safe_json

HOSTILE = ["</script><script>alert(1)</script>", "<!--", "]]>", "&amp;", "\u2028\u2029", "<img src=x onerror=alert(1)>"]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_character_can_end_the_element_or_start_markup(text):
    out = safe_json({"label": text, "list": [text]})
    assert not re.search(r"[<>&\u2028\u2029]", out)
    assert json.loads(out) == {"label": text, "list": [text]}


def test_key_sorted_and_compact_so_the_same_data_give_the_same_bytes():
    assert safe_json({"b": 1, "a": {"d": [1, 2], "c": "中"}}) == '{"a":{"c":"中","d":[1,2]},"b":1}'


def test_nan_is_refused():
    with pytest.raises(ValueError):
        safe_json({"x": float("nan")})


def test_both_pages_use_it():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "graph"
    for page in ("page/build.py", "serve/pages.py"):
        text = (root / page).read_text(encoding="utf-8")
        assert "from graph.page.safe import safe_json" in text and '.replace("<"' not in text, page
