"""Matching what a citizen types against organisation names and filing numbers (pure).

Names are compared after normalisation (full-width to half-width, traditional to simplified
with OpenCC, no spaces or punctuation) and split into a region prefix (``深圳市``,
``广东省``, ``中国``), a core (the rest) and a stem (the core without a common suffix such
as 基金会, 慈善会, 服务中心). So 深圳慈善会 equals 深圳市慈善会, 春雨基金会 is an
abbreviation of 深圳市春雨助学公益基金会, and a one-character typo still scores high
(rapidfuzz ``ratio``, i.e. normalised Indel distance, with ``processor=None``).
Organisations registered in another region than the one typed never match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from civic.text import normalize_user_text

NATIONAL = "全国"
_NATIONAL_PREFIXES = ("中国", "中华", "全国")
PROVINCES = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
)
_PROVINCE = re.compile(
    "^(" + "|".join(PROVINCES) + ")(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
)
_SOME_CITY = re.compile(r"^([\u4e00-\u9fff]{2})市")  # a city not in the registry's list
# Longest first: the first that ends a core (and leaves something) is removed.
SUFFIXES = (
    "社会工作服务中心",
    "公益基金会",
    "慈善基金会",
    "基金会",
    "慈善总会",
    "慈善会",
    "促进会",
    "联合会",
    "研究会",
    "协会",
    "商会",
    "总会",
    "服务中心",
    "服务社",
    "中心",
)
_NOT_WORD = re.compile(r"[\W_]+")

# Below this a candidate is not shown.
SCORE_CUTOFF = 75.0


def text_key(text: str) -> str:
    """Half-width, simplified, upper case, only letters, digits and CJK characters."""
    return _NOT_WORD.sub("", normalize_user_text(text)).upper()


@dataclass(frozen=True)
class NameKey:
    """A name as compared.

    Attributes:
        key: the whole name, normalised.
        region: the region it names (``深圳``, ``广东``, ``全国``) or empty.
        core: the name without the region prefix.
        stem: the core without a common suffix (the core when nothing would be left).
        canon: region + core (``深圳市春雨…`` and ``深圳春雨…`` alike).
    """

    key: str
    region: str
    core: str
    stem: str
    canon: str


@lru_cache(maxsize=4096)
def name_key(text: str, cities: tuple[str, ...] = ()) -> NameKey:
    """Split a name into region, core and stem; ``cities`` are the registry's city names."""
    key = text_key(text)
    region, core = _split_region(key, cities)
    stem = core
    for suffix in SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            stem = core[: -len(suffix)]
            break
    canon = key if region == NATIONAL else region + core
    return NameKey(key=key, region=region, core=core, stem=stem, canon=canon)


def _split_region(key: str, cities: tuple[str, ...]) -> tuple[str, str]:
    for prefix in _NATIONAL_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return NATIONAL, key[len(prefix) :]
    region, rest = "", key
    province = _PROVINCE.match(rest)
    if province and len(rest) > province.end():
        region, rest = province.group(1), rest[province.end() :]
    for city in sorted(cities, key=len, reverse=True):
        if city and rest.startswith(city) and len(rest) > len(city):
            rest = rest[len(city) :]
            if rest.startswith("市") and len(rest) > 1:
                rest = rest[1:]
            return city, rest
    some_city = _SOME_CITY.match(rest)
    if some_city and len(rest) > some_city.end():
        return some_city.group(1), rest[some_city.end() :]
    return region, rest


def name_score(query: NameKey, name: NameKey) -> float:
    """How close ``query`` is to ``name``: 100 for the same name, 0 for another region."""
    if not query.key or not name.key:
        return 0.0
    if query.canon == name.canon or query.key == name.key:
        return 100.0
    if query.region and name.region and query.region != name.region:
        return 0.0
    # Compare what follows the region; a region typed on one side only (or 中国 for 中华)
    # costs a little.
    penalty = 0.0 if query.region == name.region != NATIONAL else 4.0
    score = fuzz.ratio(query.core, name.core) - penalty
    if query.core == name.core:
        score = 100.0 - penalty
    if query.stem == name.stem:
        score = max(score, 92.0)
    if 2 <= len(query.stem) < len(name.stem):  # an abbreviation: 春雨 of 春雨助学
        score = max(score, 0.9 * fuzz.partial_ratio(query.stem, name.stem))
    return round(score, 1)


_OPENING = re.compile(r"[〔\[【(（［{｛]")
_CLOSING = re.compile(r"[〕\]】)）］}｝]")


def filing_key(text: str) -> str:
    """A filing number as compared: brackets as 〔〕, no spaces, no leading zeros, no 号."""
    key = normalize_user_text(text)
    key = _CLOSING.sub("〕", _OPENING.sub("〔", key))
    key = re.sub(r"\s+", "", key).upper().removesuffix("号")
    return re.sub(r"〕0*(\d)", r"〕\1", key)


def looks_like_filing_number(text: str) -> bool:
    """True for text shaped like a filing number (``…慈募备〔2024〕12号``)."""
    key = filing_key(text)
    return "慈募" in key or bool(re.search(r"〔\d{4}〕\d", key))
