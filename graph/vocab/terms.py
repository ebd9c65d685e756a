"""The record vocabulary: which classes, relations, units and qualifiers a record may name.

Records name ontology terms by their local names (``class: Company``,
``rel: locatedIn``); these tables say which names are allowed where and which
IRI each stands for. ``tests/test_schema.py`` checks every entry against
``ontology.ttl``.

Examples
--------
>>> ENTITY_CLASSES["Company"] == ZK.Company
True
>>> UNITS["亿元"]
(rdflib.term.URIRef('https://w3id.org/zonekg/ontology#CNY'), Decimal('100000000'))
>>> sorted(DIMENSIONS)
['CNY', 'Count', 'Metre', 'Percent', 'Rank', 'RankPlaces', 'Ratio', 'Second', 'SquareMetre', 'USD', 'Watt']
>>> DIRECTIONS["lower-is-better"] == ZK.LowerIsBetter
True
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from rdflib import URIRef

from graph.vocab.namespaces import ORG, ZK

__all__ = [
    "CONCEPT_CLASSES",
    "DIMENSIONS",
    "DIRECTIONS",
    "ENTITY_CLASSES",
    "EVENT_CLASSES",
    "EVENT_STATUSES",
    "HIERARCHY_CLASSES",
    "NAME_SOURCES",
    "POST_STATUSES",
    "QUALIFIERS",
    "RELATIONS",
    "RELATION_BASES",
    "TENSION_KINDS",
    "UNITS",
]


def _terms(*names: str) -> Mapping[str, URIRef]:
    return MappingProxyType({name: ZK[name] for name in names})


#: Classes an entity record may have.
ENTITY_CLASSES: Mapping[str, URIRef] = _terms(
    "Zone", "Company", "University", "UniversityUnit", "ResearchInstitute", "Laboratory",
    "InnovationPlatform", "GovernmentBody", "Association", "Alliance", "School", "Team",
    "Organization", "Place", "City", "Park", "Incubator", "Accelerator", "MakerSpace",
    "ServiceCentre", "IndustrialPark", "IndustrialBase", "Town", "ScienceCity",
    "RDHeadquarters", "InnovationDistrict", "Person", "Role", "Industry", "IndustryCluster",
    "Programme", "TalentProgramme", "Designation", "Award", "Product", "Project",
    "Agreement", "Indicator",
)

#: Entity classes that are vocabulary rather than things a report names: no citation needed.
CONCEPT_CLASSES: frozenset[str] = frozenset({"Indicator", "Role"})

#: Classes whose records may sit under another of their class (``broader:``): each is a SKOS scheme.
HIERARCHY_CLASSES: Mapping[str, URIRef] = MappingProxyType({"Indicator": ZK.IndicatorScheme, "Industry": ZK.IndustryScheme})

#: Classes an event record may have.
EVENT_CLASSES: Mapping[str, URIRef] = _terms(
    "Event", "Opening", "Signing", "ToppingOut", "ConstructionStart", "Completion",
    "WorldRecord", "AwardEvent", "Approval", "Listing", "Founding", "Settlement",
    "Restructuring", "ProductLaunch", "RecruitmentFair", "Campaign",
)

#: Relations an entity record may state (``rel:``), by name.
RELATIONS: Mapping[str, URIRef] = MappingProxyType(
    {
        **_terms(
            "locatedIn", "incubatedBy", "operatedBy", "builtBy", "ledBy", "coreMemberOf",
            "partnerOf", "signedAgreementWith", "cooperatesWith", "recruitsFrom",
            "subsidiaryOf", "restructuredFrom", "founded", "memberOfCluster", "inIndustry",
            "hasDesignation", "receivedAward", "plans", "builds", "hostedBy", "develops",
            "participatesIn", "selectedFor",
            # a carrier inside a larger carrier (schema:containedInPlace), a person heading a
            # team (org:headOf), the body that confers a designation or award
            "partOf", "leads", "conferredBy",
        ),
        "memberOf": ORG.memberOf,
        "unitOf": ORG.unitOf,
    }
)

#: Qualifiers an observation may carry, by name.
QUALIFIERS: Mapping[str, URIRef] = MappingProxyType(
    {
        "over": ZK.Over,
        "about": ZK.Approximately,
        "nearly": ZK.Nearly,
        "record": ZK.Record,
        "first-time": ZK.FirstTime,
    }
)

#: Which way an indicator improves (``direction:``), by name.
DIRECTIONS: Mapping[str, URIRef] = MappingProxyType(
    {
        "higher-is-better": ZK.HigherIsBetter,
        "lower-is-better": ZK.LowerIsBetter,
    }
)

#: How a relation rests on its span: ``stated`` (the default) or ``implied`` (read between the lines; the note says how).
RELATION_BASES: tuple[str, ...] = ("stated", "implied")

#: A post is ``current`` (the default) or ``former`` (原…: ended by the time of the report).
POST_STATUSES: tuple[str, ...] = ("current", "former")

#: An event ``happened`` (the default) or is ``planned`` (expected, 预计): a forecast is never a fact.
#: schema.org's ``EventScheduled`` covers both ("is taking place or has taken place"), so zonekg names the two.
EVENT_STATUSES: Mapping[str, URIRef] = MappingProxyType({"happened": ZK.EventHappened, "planned": ZK.EventPlanned})

#: Who supplies a name that no report prints: the curators only (a printed name is a plain string).
NAME_SOURCES: tuple[str, ...] = ("curator",)

#: Kinds of tension, by name.
TENSION_KINDS: Mapping[str, URIRef] = MappingProxyType(
    {
        "contradiction": ZK.Contradiction,
        "inconsistent-sum": ZK.InconsistentSum,
        "impossible-date": ZK.ImpossibleDate,
        "duplicate": ZK.Duplicate,
    }
)

_COUNTERS = [
    "家", "个", "名", "件", "项", "所", "枚", "次", "人", "批", "条", "座",
    "台", "颗", "片", "块", "张", "款", "种", "类", "支", "届", "场", "期",
]

#: Units as the reports print them: the base unit and the factor to it.
#: ``第…名`` and ``第…位`` are ranks (第33位); ``个位次`` and a bare ``位`` are
#: places moved in a ranking (提升6个位次); a bare ``名`` counts people.
UNITS: Mapping[str, tuple[URIRef, Decimal]] = MappingProxyType(
    {
        "亿元": (ZK.CNY, Decimal(10**8)),
        "万元": (ZK.CNY, Decimal(10**4)),
        "元": (ZK.CNY, Decimal(1)),
        "亿美元": (ZK.USD, Decimal(10**8)),
        "万美元": (ZK.USD, Decimal(10**4)),
        "美元": (ZK.USD, Decimal(1)),
        "平方千米": (ZK.SquareMetre, Decimal(10**6)),
        "平方公里": (ZK.SquareMetre, Decimal(10**6)),
        "万平方米": (ZK.SquareMetre, Decimal(10**4)),
        "平方米": (ZK.SquareMetre, Decimal(1)),
        "亩": (ZK.SquareMetre, Decimal(2000) / Decimal(3)),
        "米": (ZK.Metre, Decimal(1)),
        "公里": (ZK.Metre, Decimal(1000)),
        "秒": (ZK.Second, Decimal(1)),
        "分钟": (ZK.Second, Decimal(60)),
        "小时": (ZK.Second, Decimal(3600)),
        "%": (ZK.Percent, Decimal(1)),
        "倍": (ZK.Ratio, Decimal(1)),
        "第…名": (ZK.Rank, Decimal(1)),
        "第…位": (ZK.Rank, Decimal(1)),
        # 提升6个位次, 跃升30位: places moved in a ranking, not a rank.
        "位": (ZK.RankPlaces, Decimal(1)),
        "个位次": (ZK.RankPlaces, Decimal(1)),
        # 100MW: power (a production line's rated capacity).
        "MW": (ZK.Watt, Decimal(10**6)),
        # 连续6年: a number of years counted, not a duration.
        "年": (ZK.Count, Decimal(1)),
        # 22层: storeys of a building.
        "层": (ZK.Count, Decimal(1)),
        **{c: (ZK.Count, Decimal(1)) for c in _COUNTERS},
        **{"万" + c: (ZK.Count, Decimal(10**4)) for c in _COUNTERS},
    }
)

#: The dimension an indicator is measured in (``dimension:``): the base units of :data:`UNITS`, by local name.
DIMENSIONS: Mapping[str, URIRef] = MappingProxyType(
    {str(unit).rsplit("#", 1)[-1]: unit for unit in sorted({unit for unit, _ in UNITS.values()})}
)
