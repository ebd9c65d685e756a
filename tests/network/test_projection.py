"""The projection to networkx, on the mini zone (every node and edge known)."""

from __future__ import annotations

import pytest

from graph.build.dataset import to_dataset
from graph.curation.records import Citation, read_records
from graph.network.projection import to_networkx
from graph.vocab.namespaces import DEFAULT_BASE, ZK

KG = DEFAULT_BASE


@pytest.fixture(scope="module")
def mini_ds(mini_dir, ontology):
    records, _ = read_records(mini_dir / "records")
    return to_dataset(records, ontology=ontology)


def _short(g):
    return sorted((u.removeprefix(KG), v.removeprefix(KG), k) for u, v, k in g.edges(keys=True))


def test_nodes_are_entities_not_vocabulary_or_figures(mini_ds):
    g = to_networkx(mini_ds)
    entities = ["demo-bio", "demo-park", "demo-university", "demo-zone", "spark-talent", "zhang-san"]
    assert sorted(n.removeprefix(KG) for n in g) == entities
    bio = g.nodes[f"{KG}demo-bio"]
    assert bio == {"cls": "Company", "name_zh": "示例生物公司", "name_en": "Demo Bio Co.", "years": ["2030"]}


def test_relations_posts_and_events_become_labelled_edges(mini_ds):
    g = to_networkx(mini_ds)
    assert _short(g) == [
        ("demo-bio", "demo-park", "locatedIn"),
        ("demo-park", "demo-zone", "locatedIn"),
        ("demo-university", "demo-zone", "event:Signing"),
        ("demo-university", "demo-zone", "signedAgreementWith"),
        ("spark-talent", "demo-zone", "operatedBy"),
        ("zhang-san", "demo-bio", "post:chairman"),
    ]
    edge = g.edges[f"{KG}demo-university", f"{KG}demo-zone", "signedAgreementWith"]
    assert edge["label_en"] == "signed an agreement with" and edge["label_zh"] == "签约"
    assert edge["date"] == "2030-05-01" and edge["spans"] == (Citation("mini", 51, 63),) and edge["years"] == ["2030"]
    assert g.edges[f"{KG}zhang-san", f"{KG}demo-bio", "post:chairman"]["label_zh"] == "董事长"


def test_restrict_by_class_year_and_relation(mini_ds):
    orgs = to_networkx(mini_ds, classes=[ZK.Organization])
    assert sorted(n.removeprefix(KG) for n in orgs) == ["demo-bio", "demo-university", "demo-zone"]
    assert to_networkx(mini_ds, years=["2029"]).number_of_nodes() == 0
    located = to_networkx(mini_ds, relations=["locatedIn"])
    assert {k for _, _, k in located.edges(keys=True)} == {"locatedIn"}
    assert located.number_of_nodes() == 6


def test_kunshan_projection_holds_by_construction(kunshan_dataset, kunshan_records):
    g = to_networkx(kunshan_dataset)
    entities = [e for e in kunshan_records.entities if e.cls not in ("Indicator", "Role")]
    assert g.number_of_nodes() == len(entities)
    statements = {(e.id, r.rel, r.to) for e in kunshan_records.entities for r in e.relations}
    assert sum(1 for _, _, k in g.edges(keys=True) if ":" not in k) == len(statements)
    posts = sum(len(e.roles) for e in kunshan_records.entities)
    assert sum(1 for _, _, k in g.edges(keys=True) if k.startswith("post:")) == posts
    in_2023 = to_networkx(kunshan_dataset, years=["2023"])
    assert all("2023" in g.nodes[n]["years"] for n in in_2023)


def test_edges_say_implied_former_and_planned(mini_texts, ontology):
    from graph.curation.records import parse_records

    texts = dict(mini_texts)
    for file, old, new in (
        ("entities/all.yaml", '{role: chairman, org: demo-bio, at: "mini:29-48"}',
         '{role: chairman, org: demo-bio, at: "mini:29-48", status: former}'),
        ("entities/all.yaml", '{rel: locatedIn, to: demo-park, at: "mini:29-42"}',
         '{rel: locatedIn, to: demo-park, at: "mini:29-42", basis: implied, note: n}'),
        ("events/mini.yaml", "  at: mini:51-63", "  status: planned\n  at: mini:51-63"),
    ):
        texts[file] = texts[file].replace(old, new, 1)
    records, report = parse_records(texts)
    assert report.ok, report.format()
    g = to_networkx(to_dataset(records, ontology=ontology))
    assert g.edges[f"{KG}demo-bio", f"{KG}demo-park", "locatedIn"]["implied"] is True
    assert "implied" not in g.edges[f"{KG}demo-park", f"{KG}demo-zone", "locatedIn"]
    post = g.edges[f"{KG}zhang-san", f"{KG}demo-bio", "post:chairman"]
    assert (post["former"], post["end"]) == (True, "")
    assert g.edges[f"{KG}demo-university", f"{KG}demo-zone", "event:Signing"]["status"] == "planned"
