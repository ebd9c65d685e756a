"""A generated zone of any size, for measuring the pipeline and the page at scale.

:func:`synthetic_records` invents a zone shaped like the real one — parks
in the zone, companies in parks and industries, universities and
institutes that companies recruit from, talent programmes, people holding
posts — with Chinese names, English names and a citation for every fact
in one of two invented reports. It is seeded: the same arguments give the
same records. Nothing here is real; it exists so that benchmarks and
browser tests can run the real pipeline on 5,000 entities.

Examples
--------
>>> records = synthetic_records(entities=60, seed=1)
>>> len(records.entities) >= 60, len(records.sources)
(True, 2)
>>> from graph.curation.validate import validate
>>> validate(records).ok
True
>>> synthetic_records(entities=60, seed=1) == records
True
"""

from __future__ import annotations

import random

from graph.curation.records import Citation, Entity, Post, RecordSet, Relation, Source

__all__ = ["synthetic_records"]

_CHARS = "华信达通宇泰恒瑞丰盛科创智联新源安博嘉鼎汇航远明光电芯微精工材能天海山川金银云启润禾康晟辰昊凯峰锦宏祥"
_SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂"
_SUFFIX = {
    "Company": ("科技有限公司", "Technology Co., Ltd."),
    "IndustrialPark": ("产业园", "Industrial Park"),
    "Incubator": ("孵化器", "Incubator"),
    "MakerSpace": ("众创空间", "Maker Space"),
    "University": ("大学", "University"),
    "ResearchInstitute": ("研究院", "Research Institute"),
    "TalentProgramme": ("人才计划", "Talent Programme"),
    "Industry": ("产业", "Industry"),
}
_SHARES = (("IndustrialPark", 0.02), ("Incubator", 0.01), ("MakerSpace", 0.01), ("University", 0.01),
           ("ResearchInstitute", 0.01), ("TalentProgramme", 0.01), ("Industry", 0.01), ("Person", 0.12))


def synthetic_records(*, entities: int = 5000, seed: int = 42) -> RecordSet:
    """About ``entities`` invented entities (at least one of each kind) and their relations, seeded."""
    from pypinyin import lazy_pinyin

    rng = random.Random(seed)
    chars = 1_000_000
    sources = tuple(
        Source(id=f"synth-{year}", title=f"合成高新区{year}年回顾", year=year, file_name=f"synth-{year}.txt", chars=chars,
               sha256="0" * 64, file="synthetic", line=0)
        for year in ("2021", "2023")
    )

    def cite() -> tuple[Citation, ...]:
        start = rng.randrange(0, chars - 40)
        return (Citation(rng.choice(sources).id, start, start + rng.randint(4, 30)),)

    used: set[str] = set()

    def name(cls: str) -> tuple[str, str]:
        while True:
            if cls == "Person":
                zh = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
            else:
                zh = "".join(rng.choice(_CHARS) for _ in range(rng.randint(2, 4))) + _SUFFIX[cls][0]
            if zh not in used:
                used.add(zh)
                break
        core = zh if cls == "Person" else zh[: -len(_SUFFIX[cls][0])]
        en = " ".join(s.capitalize() for s in lazy_pinyin(core))
        return zh, en if cls == "Person" else f"{en} {_SUFFIX[cls][1]}"

    counts = {cls: max(1, round(entities * share)) for cls, share in _SHARES}
    counts["Company"] = max(1, entities - 1 - sum(counts.values()))
    ids: dict[str, list[str]] = {cls: [f"{cls.lower()}-{i}" for i in range(n)] for cls, n in counts.items()}
    drafts: list[dict] = []
    for cls in (
        "IndustrialPark", "Incubator", "MakerSpace", "University", "ResearchInstitute", "TalentProgramme", "Industry", "Company",
        "Person",
    ):
        for rid in ids[cls]:
            zh, en = name(cls)
            relations: list[Relation] = []
            roles: list[Post] = []
            if cls in ("IndustrialPark", "University", "ResearchInstitute"):
                relations.append(Relation("locatedIn", "zone", cite()))
            elif cls in ("Incubator", "MakerSpace"):
                relations.append(Relation("locatedIn", rng.choice(ids["IndustrialPark"]), cite()))
            elif cls == "TalentProgramme":
                relations.append(Relation("operatedBy", "zone", cite()))
            elif cls == "Company":
                home = rng.choice(ids["IndustrialPark"] + ids["Incubator"] + ids["MakerSpace"])
                relations.append(Relation("locatedIn", home, cite()))
                for industry in sorted(set(rng.sample(ids["Industry"], k=min(len(ids["Industry"]), rng.randint(1, 2))))):
                    relations.append(Relation("inIndustry", industry, cite()))
                if rng.random() < 0.15:
                    relations.append(Relation("recruitsFrom", rng.choice(ids["University"] + ids["ResearchInstitute"]), cite()))
                if rng.random() < 0.08:
                    relations.append(Relation("participatesIn", rng.choice(ids["TalentProgramme"]), cite()))
                if rng.random() < 0.05:
                    partner = rng.choice(ids["Company"])
                    if partner != rid:
                        relations.append(Relation("cooperatesWith", partner, cite()))
            elif cls == "Person":
                roles.append(Post("chairman", rng.choice(ids["Company"]), cite()))
            drafts.append(
                dict(id=rid, cls=cls, name_zh=zh, name_en=en, at=cite(), relations=tuple(relations), roles=tuple(roles))
            )
    zone = Entity(id="zone", cls="Zone", name_zh="合成高新区", name_en="Synthetic High-tech Zone", file="synthetic", line=1,
                  aliases=("合成高新技术产业开发区",), at=cite())
    chairman = Entity(id="chairman", cls="Role", name_zh="董事长", name_en="chairman", file="synthetic", line=2)
    made = [zone, chairman] + [Entity(file="synthetic", line=3 + i, **draft) for i, draft in enumerate(drafts)]
    return RecordSet(sources=sources, entities=tuple(made))
