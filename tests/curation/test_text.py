"""graph.curation.text: the one normalisation, exact offsets, quoting around a span, reading the reports."""

from __future__ import annotations

import pytest

from graph.curation.records import Source
from graph.curation.text import quote, read_corpus, squash, squashed_with_offsets
from graph.errors import InputError


def test_squash_removes_whitespace_folds_width_and_case():
    assert squash("A b\n\u3000Ｃ") == "abc"
    assert squash("联东U谷科\n\n技园 ") == squash("联东Ｕ谷科技园") == "联东u谷科技园"


def test_squash_is_the_text_squashed_with_offsets_reads():
    for text in ("示例\n生物 公司", "ＡＢＣ１２３", "８亿美元", "x\u00a0y"):
        assert squash(text) == squashed_with_offsets(text)[0]


def test_offsets_point_into_the_original_text():
    text = "位于联东U谷科\n\n技园"
    squashed, offsets = squashed_with_offsets(text)
    start = squashed.index("科技园")
    assert text[offsets[start]:offsets[start + 2] + 1] == "科\n\n技园"


def test_quote_stops_at_sentence_ends_and_marks_long_context():
    text = "第一句。示例生物公司落户示\n例科技园，董事长张三。下一句"
    assert quote(text, 4, 18) == ("", "示例生物公司落户示例科技园", "，董事长张三。")
    long = "甲" * 300 + "乙" + "丙" * 300
    before, span, after = quote(long, 300, 301)
    assert span == "乙" and before.startswith("…") and after.endswith("…") and len(before) == 121


def test_read_corpus_keeps_the_text_exactly(tmp_path):
    (tmp_path / "r.txt").write_bytes("一\r\n二\n".encode())
    source = Source(id="r", title="R", year="2030", file_name="r.txt", chars=5, sha256="0" * 64, file="sources.yaml", line=1)
    assert read_corpus(tmp_path, [source]) == {"r": "一\r\n二\n"}


def test_read_corpus_names_what_is_missing(tmp_path):
    source = Source(id="r", title="R", year="2030", file_name="r.txt", chars=5, sha256="0" * 64, file="sources.yaml", line=1)
    with pytest.raises(InputError, match="cannot read report 'r'"):
        read_corpus(tmp_path, [source])
    with pytest.raises(InputError, match="corpus directory not found"):
        read_corpus(tmp_path / "nowhere", [source])
