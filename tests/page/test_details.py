"""The side panel's data: every fact with its span, figures by year, tensions, quotes and search keys."""

from __future__ import annotations

import pytest

from graph.build.dataset import to_dataset
from graph.curation.records import read_records
from graph.network.projection import to_networkx
from graph.page.details import entity_details, quote, search_keys

KG = "https://w3id.org/zonekg/id/"


@pytest.fixture(scope="module")
def kunshan_details(kunshan_dataset, kunshan_texts):
    return entity_details(kunshan_dataset, to_networkx(kunshan_dataset), texts=kunshan_texts)


def test_every_entity_has_details_and_is_cited(kunshan_details, kunshan_dataset):
    g = to_networkx(kunshan_dataset)
    assert set(kunshan_details.entities) == set(g)
    assert all(entry["spans"] for entry in kunshan_details.entities.values())


def test_figures_carry_their_year_value_unit_and_span(kunshan_details):
    gcl = kunshan_details.entities[KG + "gcl-optoelectronics"]
    patents = next(f for f in gcl["figures"] if f["id"] == "khnz-2023-gcl-granted-patents")
    assert (patents["year"], patents["value"], patents["unit"], patents["spans"]) == ("2023", "91", "项", ["khnz-2023:3514-3529"])
    assert gcl["aliases"] == ["协鑫光电", "协鑫光电材料有限公司"]


def test_tensions_reach_the_entities_whose_figures_they_involve(kunshan_details):
    zone = kunshan_details.entities[KG + "kunshan-hnz"]
    assert "carrier-space-parts" in {t["id"] for t in zone["tensions"]}
    flagged = [f for f in zone["figures"] if "carrier-space-parts" in f["tensions"]]
    assert len(flagged) == 4


def test_spans_quote_the_report_exactly(kunshan_details, kunshan_texts):
    for key, span in kunshan_details.spans.items():
        text = kunshan_texts[span["report"]]
        assert span["quote"][1] == text[span["start"]:span["end"]].replace("\n", "").replace("\r", ""), key
        assert "\n" not in "".join(span["quote"])


def test_without_texts_nothing_is_quoted(mini_dir, ontology):
    records, _ = read_records(mini_dir / "records")
    ds = to_dataset(records, ontology=ontology)
    details = entity_details(ds, to_networkx(ds))
    assert details.spans and not any("quote" in s for s in details.spans.values())
    assert {"quote"} <= set(entity_details(ds, to_networkx(ds), texts={"mini": "x" * 109}).spans["mini:0-5"])


def test_quote_stops_at_sentence_ends_and_caps_its_length():
    assert quote("甲。乙丙丁。戊", 3, 4) == ("乙", "丙", "丁。")
    before, _, after = quote("长" * 500 + "中" + "长" * 500, 500, 501)
    assert before.startswith("…") and after.endswith("…") and len(before) == len(after) == 121


def test_search_keys_cover_pinyin_initials_and_names():
    keys = search_keys(["协鑫光电"], ["GCL Optoelectronics"])
    assert keys == ["xiexinguangdian", "xxgd", "gcl optoelectronics", "协鑫光电"]


def test_the_panel_says_which_events_are_only_planned(kunshan_details):
    hq = kunshan_details.entities[KG + "yangcheng-rd-hq-phase2"]
    status = {e["en"]: e["status"] for e in hq["events"]}
    assert status["Phase II of the Yangcheng Lake innovation centre R&D headquarters due for completion and handover"] \
        == "planned"
    assert set(status.values()) == {"planned", "happened"}


def test_a_programme_shows_the_zones_counts_about_it(kunshan_details):
    national = kunshan_details.entities[KG + "national-talent"]
    zone = KG + "kunshan-hnz"
    assert {(f["year"], f["value"], f.get("of")) for f in national["figures"]} == {("2021", "7", zone), ("2023", "74", zone)}
    figures = kunshan_details.entities[zone]["figures"]
    assert "of" not in next(f for f in figures if f["id"] == "khnz-2023-national-talent-talents")


def test_the_panel_lists_the_names_the_curators_supplied(kunshan_details):
    zelgen = kunshan_details.entities[KG + "zelgen"]
    assert zelgen["supplied"] == ["苏州泽璟生物制药股份有限公司"] and "苏州泽璟生物制药股份有限公司" in zelgen["aliases"]
    assert kunshan_details.entities[KG + "cambricon"]["supplied"] == []
