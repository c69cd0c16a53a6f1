"""社会救助预检: what a citizen's answer to each pre-screening question means.

Pure functions over one message (normalised: 繁體 folded, full-width digits halved). A button
sends its code (``local_hukou``, ``one``…) and is read as is. Each reader returns the value
for the backend's household facts, :data:`UNKNOWN` for "不知道/不清楚" (the result then says
需要进一步核实), or ``None`` when the answer cannot be read. Negations are read before the
words they negate ("没有居住证" is not a residence permit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civic.text import normalize_user_text
from policy_kb.regions import DISTRICTS, DISTRICTS_WITH_SUFFIX, places_in

UNKNOWN = "unknown"
NONE = "none"
SPECIAL_CODES = (
    "elderly_60_plus",
    "minor_under_16",
    "severe_disability",
    "serious_illness",
    "unsupported_child",
)

_UNKNOWN = re.compile(r"不知道|不清楚|说不好|说不准|不确定|不太清楚|不了解|不懂|忘了|记不清")
_NOTHING = re.compile(
    r"^(?:都|也|全都|啥都|什么都|一个都|暂时|目前)?"
    r"(?:没有|没|无|不是|都不是|没啥|没什么|没遇到|没碰到|不存在|正常|否|一切正常)"
    r"(?:这些|这种|这类|什么|啥)?(?:突发|意外|特殊|别的|其他)?(?:情况|困难|事|问题|开支|支出)?"
    r"(?:的|了|呢|啊|吧)?$"
)


def _norm(text: str) -> str:
    return re.sub(r"[\s。.!！,，~～]+", "", normalize_user_text(text or "")).lower()


def _first(text: str, table: tuple[tuple[str, re.Pattern[str]], ...]) -> str | None:
    return next((code for code, pattern in table if pattern.search(text)), None)


# --------------------------------------------------------------------------- place


@dataclass(frozen=True)
class Place:
    """Where the household lives: a city (any Chinese city) and, when named, a district."""

    city: str
    district: str | None = None


_ANY_PLACE = re.compile(
    r"^(?:我在|在|住在|我们在|我家在|家在)?([\u4e00-\u9fff]{2,8}?)(?:市|县|州)?$"
)
_DISTRICT = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:新区|区|县)")


def read_place(text: str) -> Place | None:
    """``"深圳南山"`` -> 深圳/南山区, ``"宝安"`` -> 深圳/宝安区, ``"东莞"`` -> 东莞."""
    value = _norm(text)
    places = places_in(value)
    if places.city:
        return Place(places.city, _district(value, places.city))
    if places.other:
        return Place(places.other)
    match = _ANY_PLACE.match(value)
    if match and not _UNKNOWN.search(value) and not _NOTHING.match(value):
        return Place(match.group(1))
    return None


def _district(text: str, city: str) -> str | None:
    for name in (*DISTRICTS.get(city, ()), *DISTRICTS_WITH_SUFFIX.get(city, ())):
        if name in text:
            return f"{name}新区" if f"{name}新区" in text else f"{name}区"
    match = _DISTRICT.search(text.replace(city, ""))
    return match.group(0) if match else None


# --------------------------------------------------------------------------- choices

_RESIDENCE = (
    (
        "other",
        re.compile(r"(?:没有|没|无)(?:本地|当地)?(?:户口|户籍|居住证)|都不是|外地|老家|暂住"),
    ),
    ("residence_permit", re.compile(r"居住证|暂住证")),
    ("local_hukou", re.compile(r"户口|户籍|本地人|本地的|深户|穗户|广州户|深圳户|本地")),
)
_HOUSING = (
    ("more", re.compile(r"[两二三四五六七八九几多]套|不止一套|好几套|多处")),
    (
        "none",
        re.compile(r"没有?(?:自己的)?(?:房|住房|房子|房产)|无房|租|借住|住亲戚|宿舍|公租|廉租"),
    ),
    (
        "one",
        re.compile(r"一套|有房|有套|有(?:个|一个)?(?:房子|住房|房产)|自己的房|自住|宅基地|老房子"),
    ),
)
_VEHICLE = (
    ("disability", re.compile(r"代步|残疾人(?:专用)?车|轮椅车|助残车")),
    ("none", re.compile(r"没有?车|无车|不开车|没有机动车|电动自行车|电动车|自行车|单车")),
    ("other", re.compile(r"有车|小车|轿车|汽车|面包车|货车|三轮|摩托|私家车|[一两二]辆")),
)
_SPECIAL = (
    (
        "unsupported_child",
        re.compile(r"没人管|无人抚养|没人养|孤儿|父母(?:都)?(?:不在|去世|服刑|失联)"),
    ),
    ("severe_disability", re.compile(r"残疾|残障|瘫痪|瘫|智障|精神病")),
    ("serious_illness", re.compile(r"重病|大病|癌|尿毒症|白血病|透析|化疗|绝症|重症")),
    ("elderly_60_plus", re.compile(r"老人|[六七八九]十|60|70|80|90|老年|岁数大|退休|独居")),
    ("minor_under_16", re.compile(r"未成年|小孩|孩子|未满16|不满16|十[一二三四五]岁|[1-9]岁|婴儿")),
)
_SUDDEN = (
    ("fire", re.compile(r"火灾|着火|失火|烧了|烧毁|火烧")),
    ("accident", re.compile(r"车祸|事故|撞|摔|受伤|工伤|意外|溺水")),
    ("serious_illness", re.compile(r"重病|大病|癌|急病|住院|抢救|手术|白血病|尿毒症|病倒")),
    ("other", re.compile(r"水灾|洪水|台风|地震|骗|失业|去世|走了|破产|被盗|塌")),
)
_SPENDING = (
    ("medical", re.compile(r"看病|医疗|医药|医院|住院|治疗|药费|手术|化疗|透析|康复")),
    ("education", re.compile(r"学费|上学|读书|教育|大学|高中|学校|书本费|生活费")),
    ("other", re.compile(r"丧葬|房租|装修|其他|别的")),
)


def _choice(
    text: str, table: tuple[tuple[str, re.Pattern[str]], ...], nothing: str | None = None
) -> str | None:
    value = _norm(text)
    codes = {code for code, _ in table}
    if value in codes or value in (nothing, UNKNOWN):
        return value
    if _UNKNOWN.search(value):
        return UNKNOWN
    if nothing is not None and _NOTHING.match(value):
        return nothing
    return _first(value, table)


def read_residence(text: str) -> str | None:
    """``local_hukou`` / ``residence_permit`` / ``other`` (or UNKNOWN)."""
    return _choice(text, _RESIDENCE, nothing="other")


def read_housing(text: str) -> str | None:
    """``none`` / ``one`` / ``more`` homes owned by the household."""
    return _choice(text, _HOUSING, nothing=NONE)


def read_vehicle(text: str) -> str | None:
    """``none`` / ``disability`` (残疾人代步车) / ``other`` motor vehicles."""
    return _choice(text, _VEHICLE, nothing=NONE)


def read_sudden(text: str) -> str | None:
    """``fire`` / ``accident`` / ``serious_illness`` / ``other`` / ``none``."""
    return _choice(text, _SUDDEN, nothing=NONE)


def read_spending(text: str) -> str | None:
    """``medical`` / ``education`` / ``other`` / ``none`` essential spending."""
    return _choice(text, _SPENDING, nothing=NONE)


def read_special(text: str) -> list[str] | str | None:
    """Special circumstances named (several may be): a list of codes, [] for none."""
    value = _norm(text)
    if value in SPECIAL_CODES:
        return [value]
    if value == NONE or _NOTHING.match(value):
        return []
    if _UNKNOWN.search(value):
        return UNKNOWN
    found = [code for code, pattern in _SPECIAL if pattern.search(value)]
    return [code for code in SPECIAL_CODES if code in found] or None


_YES = re.compile(r"^(?:是|对|有|能|可以|会|行|嗯|恩|好|开始|同意|愿意|ok|yes|y)")
_NO = re.compile(r"^(?:不|没|无|否|no|n$)|不能|不了|没有|干不了|做不了|不行")


def read_yes_no(text: str, intent: str | None) -> bool | str | None:
    """The answer to a yes/no question: the affirm/deny intent, else the words."""
    value = _norm(text)
    if value in ("true", "false"):
        return value == "true"
    if _UNKNOWN.search(value):
        return UNKNOWN
    if _NO.search(value):
        return False
    if _YES.search(value):
        return True
    if intent in ("affirm", "deny"):
        return intent == "affirm"
    return None
