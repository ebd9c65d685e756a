"""The ontology's terms as rdflib namespaces: the one place that spells an IRI.

``ZK`` mirrors ``ontology.ttl`` term for term (``tests/test_namespaces.py`` keeps
the two in step); ``OA`` holds the few W3C Web Annotation terms rdflib does not
ship. The reused W3C vocabularies come from :mod:`rdflib.namespace`.

Examples
--------
>>> from graph.vocab.namespaces import ZK
>>> str(ZK.Company)
'https://w3id.org/zonekg/ontology#Company'
>>> ZK.NoSuchTerm
Traceback (most recent call last):
    ...
AttributeError: term 'NoSuchTerm' not in namespace 'https://w3id.org/zonekg/ontology#'
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
    Namespace,
)

__all__ = [
    "DCTERMS",
    "DEFAULT_BASE",
    "ENTAILMENT",
    "FOAF",
    "FORMATS",
    "OA",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SD",
    "SDO",
    "SHAPES",
    "SKOS",
    "SKOSXL",
    "TIME",
    "XSD",
    "ZK",
]

#: Where entity, report and graph IRIs are minted unless ``--base`` says otherwise.
DEFAULT_BASE = "https://w3id.org/zonekg/id/"

#: The namespace of the SHACL shapes (``graph/data/shapes.ttl``); a problem names its shape by the local name.
SHAPES = Namespace("https://w3id.org/zonekg/shapes#")

#: The IRI of the ontology itself; also the name of its graph in ``zone.trig``.
ONTOLOGY_IRI = URIRef("https://w3id.org/zonekg/ontology")


class ZK(DefinedNamespace):
    """The zonekg ontology (``ontology.ttl``)."""

    _NS = Namespace("https://w3id.org/zonekg/ontology#")
    _fail = True

    # Classes: organisations
    Organization: URIRef
    Zone: URIRef
    Company: URIRef
    University: URIRef
    UniversityUnit: URIRef
    ResearchInstitute: URIRef
    Laboratory: URIRef
    InnovationPlatform: URIRef
    GovernmentBody: URIRef
    Association: URIRef
    Alliance: URIRef
    School: URIRef
    Team: URIRef
    # Classes: places and parks
    Place: URIRef
    City: URIRef
    Park: URIRef
    Incubator: URIRef
    Accelerator: URIRef
    MakerSpace: URIRef
    ServiceCentre: URIRef
    IndustrialPark: URIRef
    IndustrialBase: URIRef
    Town: URIRef
    ScienceCity: URIRef
    RDHeadquarters: URIRef
    InnovationDistrict: URIRef
    # Classes: people and concepts
    Person: URIRef
    Role: URIRef
    Industry: URIRef
    IndustryCluster: URIRef
    Programme: URIRef
    TalentProgramme: URIRef
    Designation: URIRef
    Award: URIRef
    Product: URIRef
    Project: URIRef
    Agreement: URIRef
    # Classes: figures
    Observation: URIRef
    Indicator: URIRef
    Unit: URIRef
    Qualifier: URIRef
    Direction: URIRef
    # Classes: events
    Event: URIRef
    Opening: URIRef
    Signing: URIRef
    ToppingOut: URIRef
    ConstructionStart: URIRef
    Completion: URIRef
    WorldRecord: URIRef
    AwardEvent: URIRef
    Approval: URIRef
    Listing: URIRef
    Founding: URIRef
    Settlement: URIRef
    Restructuring: URIRef
    ProductLaunch: URIRef
    RecruitmentFair: URIRef
    Campaign: URIRef
    # Classes: provenance and quality
    SourceReport: URIRef
    Tension: URIRef
    TensionKind: URIRef
    # Classes: network analysis
    NetworkAnalysis: URIRef
    Community: URIRef
    Bridge: URIRef

    # Object properties: relations
    locatedIn: URIRef
    incubatedBy: URIRef
    operatedBy: URIRef
    builtBy: URIRef
    ledBy: URIRef
    coreMemberOf: URIRef
    partnerOf: URIRef
    signedAgreementWith: URIRef
    cooperatesWith: URIRef
    recruitsFrom: URIRef
    subsidiaryOf: URIRef
    restructuredFrom: URIRef
    founded: URIRef
    memberOfCluster: URIRef
    inIndustry: URIRef
    hasDesignation: URIRef
    receivedAward: URIRef
    plans: URIRef
    builds: URIRef
    hostedBy: URIRef
    develops: URIRef
    participatesIn: URIRef
    selectedFor: URIRef
    # Object properties: events, figures, provenance
    participant: URIRef
    about: URIRef
    resultedIn: URIRef
    indicator: URIRef
    period: URIRef
    unit: URIRef
    qualifier: URIRef
    evidence: URIRef
    involves: URIRef
    tensionKind: URIRef
    # Object properties: the vocabularies (indicators)
    direction: URIRef
    dimension: URIRef
    # Object properties: network analysis
    community: URIRef
    between: URIRef
    partOfAnalysis: URIRef
    dominantIndustry: URIRef

    # Datatype properties
    normalisedValue: URIRef
    scale: URIRef
    year: URIRef
    yearCovered: URIRef
    sha256: URIRef
    characterCount: URIRef
    fileName: URIRef
    # Datatype properties: network analysis
    degreeCentrality: URIRef
    weightedDegree: URIRef
    betweennessCentrality: URIRef
    closenessCentrality: URIRef
    pageRank: URIRef
    eigenvectorCentrality: URIRef
    coreNumber: URIRef
    componentNumber: URIRef
    isBroker: URIRef
    modularity: URIRef
    seed: URIRef

    # Named individuals: base units
    CNY: URIRef
    USD: URIRef
    SquareMetre: URIRef
    Metre: URIRef
    Second: URIRef
    Count: URIRef
    Percent: URIRef
    Rank: URIRef
    Ratio: URIRef
    # Named individuals: qualifiers
    Over: URIRef
    Approximately: URIRef
    Nearly: URIRef
    Record: URIRef
    FirstTime: URIRef
    # Named individuals: directions
    HigherIsBetter: URIRef
    LowerIsBetter: URIRef
    # Named individuals: concept schemes
    IndicatorScheme: URIRef
    IndustryScheme: URIRef
    # Named individuals: tension kinds
    Contradiction: URIRef
    InconsistentSum: URIRef
    ImpossibleDate: URIRef
    Duplicate: URIRef

    # Carriers within carriers, team leaders, conferrers
    partOf: URIRef
    leads: URIRef
    conferredBy: URIRef
    implied: URIRef
    # Posts over time, planned events, supplied names
    Watt: URIRef
    RankPlaces: URIRef
    EventHappened: URIRef
    EventPlanned: URIRef


class SDO(DefinedNamespace):
    """The schema.org terms zonekg uses (rdflib's copy predates ``observationAbout``)."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    AdministrativeArea: URIRef
    City: URIRef
    CollegeOrUniversity: URIRef
    Corporation: URIRef
    EducationalOrganization: URIRef
    Event: URIRef
    EventStatusType: URIRef
    GovernmentOrganization: URIRef
    Observation: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Product: URIRef
    Report: URIRef
    ResearchOrganization: URIRef
    about: URIRef
    containedInPlace: URIRef
    eventStatus: URIRef
    location: URIRef
    observationAbout: URIRef
    startDate: URIRef
    unitText: URIRef
    value: URIRef
    variableMeasured: URIRef


class SKOSXL(DefinedNamespace):
    """The SKOS eXtension for Labels: a name as a node, so that who supplied it can be said."""

    _NS = Namespace("http://www.w3.org/2008/05/skos-xl#")
    _fail = True

    Label: URIRef
    literalForm: URIRef
    prefLabel: URIRef
    altLabel: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation terms used to cite a span of a report."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef


class SD(DefinedNamespace):
    """The SPARQL 1.1 Service Description terms ``zonekg serve`` describes itself with."""

    _NS = Namespace("http://www.w3.org/ns/sparql-service-description#")
    _fail = True

    Service: URIRef
    Dataset: URIRef
    Graph: URIRef
    NamedGraph: URIRef
    SPARQL11Query: URIRef
    UnionDefaultGraph: URIRef
    endpoint: URIRef
    supportedLanguage: URIRef
    resultFormat: URIRef
    feature: URIRef
    defaultEntailmentRegime: URIRef
    defaultDataset: URIRef
    defaultGraph: URIRef
    namedGraph: URIRef
    name: URIRef


class FORMATS(DefinedNamespace):
    """The W3C unique URIs of the result and RDF formats (``http://www.w3.org/ns/formats/``)."""

    _NS = Namespace("http://www.w3.org/ns/formats/")
    _fail = True
    _extras = ("JSON-LD", "N-Triples")

    SPARQL_Results_JSON: URIRef
    SPARQL_Results_XML: URIRef
    SPARQL_Results_CSV: URIRef
    SPARQL_Results_TSV: URIRef
    Turtle: URIRef


class ENTAILMENT(DefinedNamespace):
    """The W3C entailment regimes a SPARQL service may answer under."""

    _NS = Namespace("http://www.w3.org/ns/entailment/")
    _fail = True
    _extras = ("OWL-RDF-Based",)

    Simple: URIRef
    RDFS: URIRef


#: Prefixes bound in every serialisation, in this order.
PREFIXES: tuple[tuple[str, Namespace | str], ...] = (
    ("zk", str(ZK._NS)),
    ("org", str(ORG)),
    ("schema", str(SDO._NS)),
    ("foaf", str(FOAF)),
    ("skos", str(SKOS)),
    ("skosxl", str(SKOSXL._NS)),
    ("prov", str(PROV)),
    ("time", str(TIME)),
    ("oa", str(OA._NS)),
    ("dcterms", str(DCTERMS)),
    ("owl", str(OWL)),
    ("rdfs", str(RDFS)),
    ("xsd", str(XSD)),
)
