"""The record vocabulary names only terms the ontology defines, of the right kind."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.vocab.namespaces import OWL, RDF, RDFS, ZK
from graph.vocab.terms import (
    CONCEPT_CLASSES,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    QUALIFIERS,
    RELATIONS,
    UNITS,
)


def test_entity_and_event_classes_are_owl_classes(ontology):
    for iri in (*ENTITY_CLASSES.values(), *EVENT_CLASSES.values()):
        assert (iri, RDF.type, OWL.Class) in ontology, iri


def test_event_classes_are_events(ontology):
    for iri in EVENT_CLASSES.values():
        assert ZK.Event in set(ontology.transitive_objects(iri, RDFS.subClassOf)), iri


def test_entity_classes_are_not_events(ontology):
    for iri in ENTITY_CLASSES.values():
        assert ZK.Event not in set(ontology.transitive_objects(iri, RDFS.subClassOf)), iri


def test_concept_classes_are_entity_classes():
    assert set(ENTITY_CLASSES) >= CONCEPT_CLASSES


def test_relations_are_object_properties(ontology):
    for name, iri in RELATIONS.items():
        if iri.startswith(str(ZK._NS)):
            assert (iri, RDF.type, OWL.ObjectProperty) in ontology, name


@pytest.mark.parametrize("iri", list(QUALIFIERS.values()))
def test_qualifiers_are_individuals(ontology, iri):
    assert (iri, RDF.type, ZK.Qualifier) in ontology


def test_units_map_to_unit_individuals_with_positive_scale(ontology):
    for printed, (unit, scale) in UNITS.items():
        assert (unit, RDF.type, ZK.Unit) in ontology, printed
        assert scale > 0, printed


def test_unit_scales():
    assert UNITS["亿元"] == (ZK.CNY, Decimal(10**8))
    assert UNITS["万平方米"] == (ZK.SquareMetre, Decimal(10**4))
    assert UNITS["亩"][1].quantize(Decimal("0.001")) == Decimal("666.667")
    assert UNITS["第…位"][0] == ZK.Rank and UNITS["名"][0] == ZK.Count
