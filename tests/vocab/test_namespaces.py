"""The ontology file and the namespace module stay in step; every term is labelled in en and zh."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.vocab.namespaces import OA, ONTOLOGY_IRI, OWL, RDF, RDFS, SDO, ZK

ROOT = Path(__file__).resolve().parents[2]
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


def _declared(ns) -> set[str]:
    return {name for name in ns.__annotations__ if not name.startswith("_")}


def _terms(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(ZK._NS))}


def test_namespace_class_and_ontology_name_the_same_terms(ontology):
    in_file = {str(s)[len(str(ZK._NS)):] for s in _terms(ontology)}
    assert in_file == _declared(ZK)


def test_every_term_is_declared_with_a_kind(ontology):
    untyped = [t for t in _terms(ontology) if not any((t, RDF.type, k) in ontology for k in KINDS)]
    assert untyped == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_term_has_one_label_per_language(ontology, lang):
    missing = sorted(
        str(t) for t in _terms(ontology)
        if len([lit for lit in ontology.objects(t, RDFS.label) if isinstance(lit, Literal) and lit.language == lang]) != 1
    )
    assert missing == []


def test_every_term_has_a_comment(ontology):
    assert sorted(str(t) for t in _terms(ontology) if (t, RDFS.comment, None) not in ontology) == []


@pytest.mark.parametrize(
    ("term", "label"),
    [
        (ZK.Zone, "Zone"), (ZK.Company, "Company"), (ZK.Park, "Park"), (ZK.University, "University"),
        (ZK.ResearchInstitute, "Research Institute"), (ZK.TalentProgramme, "Talent Programme"),
        (ZK.Person, "Person"), (ZK.Industry, "Industry"), (ZK.Organization, "Organization"),
        (ZK.Observation, "Observation"), (ZK.Event, "Event"),
    ],
)
def test_core_class_labels(ontology, term, label):
    assert Literal(label, lang="en") in set(ontology.objects(term, RDFS.label))
    assert (term, RDF.type, OWL.Class) in ontology


def _superclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    return set(ontology.transitive_objects(cls, RDFS.subClassOf))


@pytest.mark.parametrize("cls", [ZK.Company, ZK.University, ZK.ResearchInstitute, ZK.GovernmentBody, ZK.Incubator, ZK.Zone])
def test_organisation_kinds_are_organizations(ontology, cls):
    assert ZK.Organization in _superclasses(ontology, cls)


@pytest.mark.parametrize(
    "cls",
    [ZK.Incubator, ZK.Accelerator, ZK.MakerSpace, ZK.IndustrialPark, ZK.IndustrialBase, ZK.Town, ZK.ScienceCity,
     ZK.RDHeadquarters],
)
def test_park_kinds_are_parks(ontology, cls):
    assert ZK.Park in _superclasses(ontology, cls)


def test_w3c_vocabularies_are_reused(ontology):
    from rdflib.namespace import FOAF, ORG, PROV, SKOS

    assert ORG.Organization in _superclasses(ontology, ZK.Organization)
    assert FOAF.Person in _superclasses(ontology, ZK.Person)
    assert SDO.Observation in _superclasses(ontology, ZK.Observation)
    assert SKOS.Concept in _superclasses(ontology, ZK.Industry)
    assert PROV.Entity in _superclasses(ontology, ZK.SourceReport)
    assert (ZK.evidence, RDFS.range, OA.SpecificResource) in ontology


def test_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology


def test_top_level_ontology_is_the_packaged_one():
    assert (ROOT / "ontology.ttl").read_bytes() == (ROOT / "graph" / "data" / "ontology.ttl").read_bytes()


def test_undeclared_terms_fail():
    with pytest.raises(AttributeError):
        ZK.Compny  # noqa: B018 - the attribute access is what must raise
    with pytest.raises(AttributeError):
        SDO.Thingamajig  # noqa: B018 - the attribute access is what must raise
