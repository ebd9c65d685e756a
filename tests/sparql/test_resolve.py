"""graph.sparql.resolve: the one name resolver, on the mini zone (fast; the Kunshan cases are in test_load.py)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from graph.build.dataset import to_dataset
from graph.curation.records import parse_records
from graph.errors import InputError
from graph.sparql.resolve import resolve
from graph.vocab.namespaces import ZK

KG = "https://w3id.org/zonekg/id/"


@pytest.fixture(scope="module")
def mini_ds(mini_texts, ontology):
    records, _ = parse_records(mini_texts)
    return to_dataset(records, ontology=ontology)


@pytest.mark.parametrize(
    "value",
    [
        "示例生物公司", "示例生物", "Demo Bio Co.", "  示例\n生物公司 ", "demo bio co.",
        "kg:demo-bio", f"<{KG}demo-bio>", f"{KG}demo-bio",
    ],
)
def test_every_way_of_naming_an_entity(mini_ds, value):
    assert resolve(mini_ds, value) == URIRef(f"{KG}demo-bio")


def test_anything_else_is_a_plain_literal(mini_ds):
    assert resolve(mini_ds, "2030") == Literal("2030")
    assert resolve(mini_ds, "no such thing") == Literal("no such thing")


def test_a_shared_name_is_refused_with_the_candidates(mini_texts, ontology):
    texts = dict(mini_texts)
    texts["entities/all.yaml"] += (
        "\n- {id: demo-bio-2, class: Company, name_zh: 另一公司, name_en: Other, aliases: [示例生物], at: mini:29-35}\n"
    )
    records, _ = parse_records(texts)
    ds = to_dataset(records, ontology=ontology)
    with pytest.raises(InputError, match="names several entities") as caught:
        resolve(ds, "示例生物")
    assert f"{KG}demo-bio (" in str(caught.value) and f"{KG}demo-bio-2 (" in str(caught.value)
    assert "zk:Company" in str(caught.value)


def test_without_data_only_iris_and_predeclared_prefixes_resolve():
    assert resolve(None, "zk:Company") == ZK.Company
    assert resolve(None, "kg:demo-bio") == URIRef(f"{KG}demo-bio")
    assert resolve(None, "<urn:x:1>") == URIRef("urn:x:1")
    assert resolve(None, "示例生物") == Literal("示例生物")
    assert resolve(None, "nope:thing") == Literal("nope:thing")


def test_a_shared_name_resolves_to_the_one_of_the_class_the_question_wants(mini_texts, ontology):
    texts = dict(mini_texts)
    texts["entities/all.yaml"] += (
        "\n- {id: demo-bio-park, class: IndustrialPark, name_zh: 生物园, name_en: Bio Park,"
        " aliases: [示例生物], at: mini:29-35}\n"
    )
    records, _ = parse_records(texts)
    ds = to_dataset(records, ontology=ontology)
    assert resolve(ds, "示例生物", classes=[ZK.IndustrialPark]) == URIRef(f"{KG}demo-bio-park")
    assert resolve(ds, "示例生物", classes=[ZK.Company, ZK.University]) == URIRef(f"{KG}demo-bio")
    with pytest.raises(InputError, match="names several entities"):
        resolve(ds, "示例生物", classes=[ZK.Person])  # neither is a person: still refused
    with pytest.raises(InputError, match="names several entities"):
        resolve(ds, "示例生物")
