"""Paths, neighbourhoods and the 2021 → 2023 diff: on a hand-made zone and on Kunshan."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
import yaml

from graph.cli.main import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from graph.curation.records import Citation
from graph.network.explore import changed_relations, neighbourhood, shortest_paths


@pytest.fixture
def zone():
    g = nx.MultiDiGraph()
    edges = [("u", "z", "cooperatesWith", "2021"), ("c1", "z", "locatedIn", "2021"), ("c2", "z", "locatedIn", "2023"),
             ("c2", "p", "locatedIn", "2023"), ("u", "p", "builtBy", "2021")]
    for a, b, key, year in edges:
        g.add_edge(a, b, key=key, label_en=key, spans=(Citation(f"r{year}", 0, 1),), years=[year])
    for n in g:
        g.nodes[n].update(name_zh=n, cls="Company", years=["2021"])
    g.add_node("alone", name_zh="alone", cls="Company", years=["2023"])
    return g


def test_all_shortest_paths_with_direction(zone):
    paths = shortest_paths(zone, "u", "c2")
    assert [[(h.source, h.target, h.key, h.forward) for h in p] for p in paths] == [
        [("u", "p", "builtBy", True), ("p", "c2", "locatedIn", False)],
        [("u", "z", "cooperatesWith", True), ("z", "c2", "locatedIn", False)],
    ]
    assert shortest_paths(zone, "u", "c2", limit=1) == paths[:1]
    assert shortest_paths(zone, "u", "alone") == [] and shortest_paths(zone, "u", "nobody") == []


def test_neighbourhood_by_depth(zone):
    assert sorted(neighbourhood(zone, "c1", depth=1)) == ["c1", "z"]
    assert sorted(neighbourhood(zone, "c1", depth=2)) == ["c1", "c2", "u", "z"]
    assert neighbourhood(zone, "nobody").number_of_nodes() == 0


def test_changed_relations(zone):
    only = changed_relations(zone, "2021", "2023")
    assert only["2021"] == [("c1", "locatedIn", "z"), ("u", "builtBy", "p"), ("u", "cooperatesWith", "z")]
    assert only["2023"] == [("c2", "locatedIn", "p"), ("c2", "locatedIn", "z")]


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_path_and_neighbours_on_the_mini_zone(mini_trig):
    code, out, err = _run("path", "示例大学", "示例生物公司", "--data", str(mini_trig))
    assert code == EXIT_OK, err
    assert out.splitlines()[0] == "1 shortest path(s) of 3 hop(s):"
    assert "示例大学 —Demo University signs with the zone→ 示例高新区 ←located in— 示例科技园 ←located in— 示例生物公司" in out
    assert "mini:29-42" in out
    code, out, _ = _run("neighbours", "Demo Bio Co.", "--data", str(mini_trig))
    assert code == EXIT_OK
    assert out.splitlines()[0] == "示例生物公司: 2 entities within 1 relation(s)"
    assert "张三 —chairman→ 示例生物公司" in out
    assert _run("neighbours", "示例生物公司", "--depth", "0", "--data", str(mini_trig))[0] == EXIT_USAGE


@pytest.mark.slow
def test_path_on_kunshan(kunshan_trig):
    code, out, err = _run("path", "复旦大学", "中科可控", "--data", str(kunshan_trig))
    assert code == EXIT_OK, err
    assert out.splitlines()[0] == "1 shortest path(s) of 2 hop(s):"
    assert "复旦大学 ←cooperates with— 昆山高新区 ←located in— 中科可控" in out and "khnz-2021:" in out


@pytest.mark.slow
def test_path_with_an_ambiguous_name_lists_the_candidates(kunshan_trig):
    code, _, err = _run("path", "电子信息", "中科可控", "--data", str(kunshan_trig))
    assert code == EXIT_USAGE
    assert "zk:Industry" in err and "zk:IndustryCluster" in err


_PREFIXES = (
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n"
    "@prefix zk: <https://w3id.org/zonekg/ontology#> .\n"
)


def test_path_between_unconnected_entities(tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text(
        _PREFIXES +
        '<urn:a> a zk:Company ; skos:prefLabel "甲"@zh ; dcterms:identifier "a" .\n'
        '<urn:b> a zk:Company ; skos:prefLabel "乙"@zh ; dcterms:identifier "b" .\n', encoding="utf-8")
    code, _, err = _run("path", "甲", "乙", "--data", str(data))
    assert code == EXIT_DATA and "no path" in err


def test_path_with_a_shared_name_lists_the_candidates(tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text(
        _PREFIXES +
        '<urn:a> a zk:Company ; skos:prefLabel "甲"@zh ; dcterms:identifier "a" .\n'
        '<urn:b> a zk:University ; skos:prefLabel "甲"@zh ; dcterms:identifier "b" .\n'
        '<urn:c> a zk:Company ; skos:prefLabel "乙"@zh ; dcterms:identifier "c" .\n', encoding="utf-8")
    code, _, err = _run("path", "甲", "乙", "--data", str(data))
    assert code == EXIT_USAGE
    assert "names several entities" in err and "urn:a (zk:Company)" in err and "urn:b (zk:University)" in err


@pytest.mark.slow
def test_neighbours_on_kunshan(kunshan_trig):
    code, out, _ = _run("neighbours", "协鑫光电", "--data", str(kunshan_trig))
    assert code == EXIT_OK
    assert out.splitlines()[0].startswith("昆山协鑫光电材料有限公司: ")
    assert "范斌 —chairman→ 昆山协鑫光电材料有限公司" in out
    assert _run("neighbours", "协鑫光电", "--depth", "0", "--data", str(kunshan_trig))[0] == EXIT_USAGE


@pytest.mark.slow
def test_diff_on_kunshan(kunshan_trig):
    code, out, err = _run("diff", "--from", "2021", "--to", "2023", "--data", str(kunshan_trig))
    assert code == EXIT_OK, err
    assert "entities named in the 2021 report only (" in out and "relations stated in the 2023 report only (" in out
    assert "measures stated in both the 2021 and the 2023 report (8): 4 compared, 4 whose scope differs" in out
    cells = [[c.strip() for c in line.split(" | ")] for line in out.splitlines() if line.count(" | ") == 6]
    rows = {row[1]: row for row in cells}
    assert rows["effective high-tech enterprises"] == [
        "昆山高新区", "effective high-tech enterprises", "644 家", "820 家", "+176 Count", "+27.33%", "improved"]
    assert rows["rank in the national high-tech zone evaluation"][2:] == ["第33位", "第32名", "-1 Rank", "-3.03%", "improved"]
    assert rows["new innovation carrier space"][2:] == [
        "over 35 万平方米", "over 30 万平方米", "-50000 SquareMetre", "-14.29%", "worsened"]
    talents = rows["new national-level talents → national-level talents"]
    assert talents[0] == "昆山高新区" and talents[-1].startswith("scope differs [")
    assert "scope differs: listed, not compared" in out and "a yearly count" in out
    assert "loading the graph" in err and "measures stated in both reports" not in out.split("measures stated in both the")[0]


PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "indicator-pairs.yaml"


def _reviewed_pairs() -> list[dict]:
    return yaml.safe_load(PAIRS.read_text(encoding="utf-8"))


def test_the_reviewed_pairs_hold_against_the_records_and_the_reports(kunshan_records, corpus_dir):
    """Each pair's figures exist with the subject, indicator, value and span the fixture gives, and the span prints the value."""
    from graph.curation.text import read_corpus, squash

    corpus = read_corpus(corpus_dir, kunshan_records.sources)
    figures = {o.id: o for o in kunshan_records.observations}
    indicators = {e.id: e for e in kunshan_records.entities if e.cls == "Indicator"}
    for pair in _reviewed_pairs():
        sides = (pair["from"], pair["to"])
        for side in sides:
            o = figures[side["figure"]]
            assert (o.subject, o.indicator, format(o.value, "f")) == (side["subject"], side["indicator"], side["value"]), side
            assert side["at"] in [str(c) for c in o.at], side
            source, _, span = side["at"].partition(":")
            start, end = (int(n) for n in span.split("-"))
            assert side["value"] in squash(corpus[source][start:end]), side
        a, b = (indicators[side["indicator"]] for side in sides)
        if pair["same_scope"]:
            assert a.id == b.id and sides[0]["subject"] == sides[1]["subject"], pair
        else:
            assert b.id in a.related or a.id in b.related, pair
            assert a.scope_note and b.scope_note, pair
        assert pair["why"].strip(), pair


@pytest.mark.slow
def test_diff_compares_exactly_the_reviewed_pairs(kunshan_trig):
    code, out, err = _run("diff", "--from", "2021", "--to", "2023", "--format", "json", "-q", "--data", str(kunshan_trig))
    assert code == EXIT_OK and err == ""
    measures = json.loads(out)["measures"]
    got = sorted((m["from"]["figure"], m["to"]["figure"], m["scope"]) for m in measures)
    want = sorted((p["from"]["figure"], p["to"]["figure"], "same" if p["same_scope"] else "differs") for p in _reviewed_pairs())
    assert got == want
    for m in measures:
        figures = (m["from"]["figure"], m["to"]["figure"])
        pair = next(p for p in _reviewed_pairs() if (p["from"]["figure"], p["to"]["figure"]) == figures)
        for side, key in ((pair["from"], "from"), (pair["to"], "to")):
            assert side["at"] in m[key]["at"]
            assert (m[key]["subject"]["id"], m[key]["indicator"]["id"]) == (side["subject"], side["indicator"])
        if m["scope"] == "same":
            assert m["verdict"] in {"improved", "worsened", "unchanged"} and m["change"] is not None and m["note"]
        else:
            assert (m["change"], m["change_percent"], m["verdict"]) == (None, None, None)
            assert m["note"].startswith("2021: ") and " 2023: " in m["note"]


@pytest.mark.slow
def test_indicator_change_compares_every_same_scope_pair(kunshan_query_ds):
    """The library question and the report's chart read the same pairs diff compares."""
    from graph.sparql.api import answer
    from graph.sparql.library import read_library

    _, result = answer(kunshan_query_ds, read_library()["indicator-change"].text)
    got = sorted(str(row[0]) for row in result.rows if str(row[2]) == "2021" and str(row[3]) == "2023")
    labels = {"national-hnz-evaluation-rank": "rank in the national high-tech zone evaluation",
              "effective-high-tech-enterprises": "effective high-tech enterprises",
              "new-gazelle-enterprises": "new gazelle enterprises",
              "new-innovation-carrier-space": "new innovation carrier space"}
    assert got == sorted(labels[p["from"]["indicator"]] for p in _reviewed_pairs() if p["same_scope"])


@pytest.mark.slow
def test_diff_json_describes_each_measure(kunshan_trig):
    code, out, _ = _run("diff", "--format", "json", "-q", "--data", str(kunshan_trig))
    assert code == EXIT_OK
    document = json.loads(out)
    assert (document["from"], document["to"]) == ("2021", "2023")
    assert set(document) == {"from", "to", "entities_only_in", "relations_only_in", "measures"}
    rank = next(m for m in document["measures"] if m["indicator"] and m["indicator"]["id"] == "national-hnz-evaluation-rank")
    assert rank["subject"] == {"id": "kunshan-hnz", "zh": "昆山高新区", "en": "Kunshan High-tech Zone"}
    assert rank["indicator"]["zh"] == "国家高新区综合评价排名"
    sides = (rank["from"]["value"], rank["from"]["unit"], rank["to"]["value"], rank["to"]["unit"])
    assert sides == (33, "第…位", 32, "第…名")
    assert (rank["change"], rank["change_percent"], rank["direction"]) == (-1, -3.03, "lower-is-better")
    assert rank["verdict"] == "improved"
    park = next(m for m in document["measures"] if m["to"]["subject"]["id"] == "small-nucleic-acid-park")
    assert park["scope"] == "differs" and park["subject"] is None and park["indicator"] is None
    assert park["from"]["qualifiers"] == ["over"] and park["from"]["normalised"] == 100 and park["from"]["base_unit"] == "Count"


@pytest.mark.slow
def test_diff_csv_has_one_row_per_measure(kunshan_trig):
    from graph.network.explore import CSV_COLUMNS

    code, out, _ = _run("diff", "--format", "csv", "-q", "--data", str(kunshan_trig))
    assert code == EXIT_OK
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 1 + len(_reviewed_pairs())
    gazelles = dict(zip(rows[0], next(r for r in rows if r[4] == "new-gazelle-enterprises"), strict=True))
    got = [gazelles[k] for k in ("from_value", "to_value", "change", "change_percent", "verdict")]
    assert got == ["32", "56", "24", "75", "improved"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--format", "xml"], "unknown --format 'xml' (use table, csv, json)"),
    (["--from", "2022", "--to", "2030"], "no report covers 2022 (the reports cover 2030)"),
    (["--from", "2030", "--to", "2029"], "no report covers 2029 (the reports cover 2030)"),
    (["--from", "2030", "--to", "2030"], "--from (2030) must be a year before --to (2030)"),
])
def test_diff_refuses_a_bad_format_or_year(mini_trig, argv, message):
    code, out, err = _run("diff", *argv, "-q", "--data", str(mini_trig))
    assert (code, out) == (EXIT_USAGE, "")
    assert err.strip() == f"zonekg: {message}"


def _figure(year, value, unit, subject="z", indicator="i", normalised=None):
    from graph.network.explore import Figure, Named

    return Figure(f"f-{year}", year, Named(subject, subject.upper(), subject), Named(indicator, indicator.upper(), indicator),
                  Decimal(value), unit, (), Decimal(normalised or value), "Rank" if "…" in unit else "Count",
                  (Citation(f"r{year}", 0, 1),))


def test_measures_table_and_csv_on_made_up_figures():
    from graph.network.explore import MeasureChange, format_measures, measures_csv

    same = MeasureChange("same", _figure("2021", "33", "第…位"), _figure("2023", "32", "第…名"),
                         Decimal("-1"), Decimal("-3.03"), "lower-is-better", "improved", "a rank")
    other = MeasureChange("differs", _figure("2021", "7", "名", indicator="new"), _figure("2023", "74", "名", indicator="all"),
                          None, None, None, None, "2021: new ones. 2023: all.")
    table = format_measures([same, other], first="2021", second="2023").splitlines()
    assert table[0] == "measures stated in both the 2021 and the 2023 report (2): 1 compared, 1 whose scope differs"
    assert [c.strip() for c in table[3].split(" | ")] == ["Z", "i", "第33位", "第32名", "-1 Rank", "-3.03%", "improved"]
    assert [c.strip() for c in table[4].split(" | ")] == ["Z", "new → all", "7 名", "74 名", "", "", "scope differs [1]"]
    from graph.sparql.formats import display_width

    assert len({display_width(line[:line.rindex(" | ")]) for line in (table[1], table[3], table[4])}) == 1  # aligned columns
    assert table[-1] == "  [1] Z, new → all: 2021: new ones. 2023: all."
    rows = list(csv.reader(io.StringIO(measures_csv([same, other]))))
    assert [r[0] for r in rows[1:]] == ["same", "differs"]
    assert rows[2][4] == "" and rows[2][-2:] == ["", "2021: new ones. 2023: all."]
    empty = format_measures([], first="2021", second="2023")
    assert empty == "measures stated in both the 2021 and the 2023 report (0): 0 compared, 0 whose scope differs"
