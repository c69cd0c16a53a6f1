"""Which place a question is about: 深圳, 广州, the whole country, or another city.

The knowledge base holds documents of two cities (深圳, 广州), national documents and general
FAQ entries. A question can name its place itself; that place wins over the city of the
conversation (the ``region`` parameter):

* 深圳 / 广州, their aliases (鹏城, 羊城) and their districts (福田, 天河 …) → that city;
* 民政部 / 国务院 / 全国 / 国家 → ``"national"``;
* another prefecture-level city (北京, 成都, 东莞 … from ``data/places.txt``), 香港 or 澳门 → an
  "other city" mention: the knowledge base has no local figures or rules for it and must say so
  instead of quoting 深圳's or 广州's;
* a province (湖南, 新疆 …) → recorded, but it only makes a *figure* question about another
  place (``湖南低保标准多少``); in other questions a province is usually where the asker comes
  from or works (``户口在湖南，人在深圳``, ``人在新疆上班，清明赶不回去``).

A place named as someone's origin (户口在成都, 老家成都, 成都人) or as a street (北京路) does not
count. When the question names one of our cities *and* another place, our city wins (``社保从东莞
转到深圳`` is about 深圳).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import paths
from .normalize import normalize_query

NATIONAL = "national"

CITY_ALIASES: dict[str, str] = {
    "深圳": "深圳",
    "深圳市": "深圳",
    "shenzhen": "深圳",
    "sz": "深圳",
    "鹏城": "深圳",
    "广州": "广州",
    "广州市": "广州",
    "guangzhou": "广州",
    "gz": "广州",
    "穗": "广州",
    "羊城": "广州",
}
NATIONAL_ALIASES = {"national", "全国", "国家", "民政部", ""}

# Districts of our two cities. Names that are also everyday words (光明, 大鹏, 白云) count only
# with 区 / 新区 after them.
DISTRICTS: dict[str, tuple[str, ...]] = {
    "深圳": ("福田", "罗湖", "南山", "宝安", "龙岗", "龙华", "盐田", "坪山", "前海"),
    "广州": ("天河", "越秀", "海珠", "荔湾", "黄埔", "番禺", "花都", "南沙", "从化", "增城"),
}
DISTRICTS_WITH_SUFFIX: dict[str, tuple[str, ...]] = {
    "深圳": ("光明", "大鹏"),
    "广州": ("白云",),
}
NATIONAL_MARKERS = ("民政部", "国务院", "全国", "国家")

# "户口在成都" / "老家成都" / "来自成都": the asker's origin, not the place asked about.
_ORIGIN_BEFORE = re.compile(r"(?:户口|户籍|老家|来自|出生|籍贯|原籍)(?:在|是|于)?$")
_ORIGIN_AFTER = re.compile(r"^(?:的)?(?:户口|户籍|人(?!民|口|员|大|社|次|均)|籍)")
# What follows an ambiguous city name (中山, 大同) when it is the city: one of its services.
_CITY_SERVICE_AFTER = (
    r"(?:的|嘅|市内|本地|那边|这边)?(?:婚姻登记|民政|低保|特困|救助|养老|长者|老人|殡仪|殡葬|公墓|"
    r"墓园|陵园|残疾|孤儿|社工|慈善|高龄)"
)
# "北京路" / "上海街": a street or station named after a city.
_STREET_AFTER = re.compile(r"^(?:[东南西北中]?(?:路|街|大道|大街)|站|地铁站|商圈)")


@dataclass(frozen=True)
class Places:
    """Places a question names (all ``None`` when it names none)."""

    city: str | None = None  # 深圳 / 广州 named (or one of their districts)
    national: bool = False  # 民政部 / 全国 / 国家 named
    other: str | None = None  # another city named as the subject (北京, 东莞 …)
    province: str | None = None  # a province named (湖南 …), not as an origin

    @property
    def scope(self) -> str | None:
        """The place the knowledge base should answer for: a city, ``national`` or ``None``."""
        if self.city:
            return self.city
        if self.national:
            return NATIONAL
        return None


PlaceForms = dict[str, tuple[str, str]]  # matched form → (display name, "city" | "province")


@dataclass(frozen=True)
class _Gazetteer:
    pattern: re.Pattern[str]
    names: PlaceForms


def read_places(path: Path) -> tuple[PlaceForms, PlaceForms]:
    """Parse ``data/places.txt``: the forms that always name a place, and the short names
    marked ``*`` (中山, 大同 …) that name one only when one of its services follows."""
    names: PlaceForms = {}
    ambiguous_names: PlaceForms = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, short, full, *aliases = line.split()
        ambiguous = short.startswith("*")
        short = short.lstrip("*")
        names[full] = (short, kind)
        if ambiguous:
            ambiguous_names[short] = (short, kind)
        else:
            names[short] = (short, kind)
            for alias in aliases:
                names[alias] = (short, kind)
    return names, ambiguous_names


@lru_cache(maxsize=4)
def _gazetteer(path: Path = paths.PLACES_FILE) -> _Gazetteer:
    names, ambiguous = read_places(path)
    forms = sorted(names, key=len, reverse=True)  # longest first: 吉林市 before 吉林
    # 中山 is a city when a civil-affairs service of it follows ("中山婚姻登记处"), not in 中山公园
    guarded = [f"{re.escape(f)}(?={_CITY_SERVICE_AFTER})" for f in sorted(ambiguous, key=len)[::-1]]
    pattern = re.compile("|".join([*(re.escape(f) for f in forms), *guarded]))
    return _Gazetteer(pattern, {**ambiguous, **names})


@lru_cache(maxsize=1)
def _own_city_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {"深圳": "深圳", "广州": "广州", "鹏城": "深圳", "羊城": "广州"}
    for city, names in DISTRICTS.items():
        forms.update({name: city for name in names})
    for city, names in DISTRICTS_WITH_SUFFIX.items():
        for name in names:
            forms[f"{name}新区"] = city
            forms[f"{name}区"] = city
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in ordered)), forms


def _is_origin_or_street(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 4) : start], text[end:]
    return bool(
        _ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER.match(after) or _STREET_AFTER.match(after)
    )


@lru_cache(maxsize=4096)
def places_in(question: str) -> Places:
    """The places ``question`` names (see the module docstring for the rules)."""
    text = normalize_query(question)
    own_pattern, own_forms = _own_city_pattern()
    city = None
    own_spans: list[tuple[int, int]] = []
    for m in own_pattern.finditer(text):
        if _STREET_AFTER.match(text[m.end() :]) and m.group(0) in ("深圳", "广州"):
            continue  # 广州路 / 深圳路 in another city
        city = city or own_forms[m.group(0)]
        own_spans.append(m.span())
    national = any(marker in text for marker in NATIONAL_MARKERS)
    gaz = _gazetteer()
    other = province = None
    for m in gaz.pattern.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in own_spans):
            continue
        if _is_origin_or_street(text, m.start(), m.end()):
            continue
        name, kind = gaz.names[m.group(0)]
        if kind == "city":
            other = other or name
        else:
            province = province or name
    return Places(city=city, national=national, other=other, province=province)


def normalize_region(region: str | None) -> str | None:
    """Map a region parameter to ``深圳`` / ``广州`` / another city name, ``None`` for national."""
    if not region:
        return None
    key = normalize_query(region)
    if key in NATIONAL_ALIASES:
        return None
    if key in CITY_ALIASES:
        return CITY_ALIASES[key]
    district = key.removesuffix("新区").removesuffix("区")
    for table in (DISTRICTS, DISTRICTS_WITH_SUFFIX):
        for city, names in table.items():
            if district in names:
                return city
    return key.removesuffix("市")
