"""The generated zone: valid records of the requested size, the same for the same seed."""

from __future__ import annotations

from collections import Counter

from graph.build.dataset import to_dataset
from graph.build.synthetic import synthetic_records
from graph.curation.validate import validate
from graph.network.projection import to_networkx


def test_records_are_valid_seeded_and_sized(ontology):
    records = synthetic_records(entities=100, seed=3)
    assert validate(records).ok
    assert synthetic_records(entities=100, seed=3) == records != synthetic_records(entities=100, seed=4)
    classes = Counter(e.cls for e in records.entities)
    assert {"Zone", "Company", "IndustrialPark", "University", "Person", "TalentProgramme", "Industry"} <= set(classes)
    g = to_networkx(to_dataset(records, ontology=ontology))
    assert g.number_of_nodes() == 100 and g.number_of_edges() > 100
    assert len({d["name_zh"] for _, d in g.nodes(data=True)}) == 100
