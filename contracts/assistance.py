"""社会救助预检: the JSON shapes of ``/api/assistance``.

Pre-screening results are never decisions: ``status`` is 可能符合 / 可能不符合 / 需要进一步核实.
Every standard carries its source, effective date and ``sample`` flag (示例 = not official).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, StrictBool, StrictStr, conint

from contracts.base import NAME_FIELD, PHONE_FIELD, RequestModel, WireModel

REFERENCE_PATTERN = r"^JZ\d{6}[2-9A-HJ-NP-Z]{5}$"
MAX_YUAN = 1_000_000_000
CITY_FIELD = {"minLength": 1, "maxLength": 20, "example": "深圳"}

Status = Literal["可能符合", "可能不符合", "需要进一步核实"]
ProgrammeCode = Literal["dibao", "low_income_edge", "tekun", "temporary"]
Residence = Literal["local_hukou", "residence_permit", "other"]
Housing = Literal["none", "one", "more"]
Vehicle = Literal["none", "disability", "other"]
Sudden = Literal["none", "fire", "accident", "serious_illness", "other"]
Spending = Literal["none", "medical", "education", "other"]
PermitStatus = Literal["allowed", "exploring", "not_allowed", "unknown"]
HouseholdSize = conint(strict=True, ge=1, le=20)


class Yuan(float):
    """An amount of money in 元: a JSON number (not text, not a boolean), 0 or more."""

    @classmethod
    def __get_validators__(cls) -> Iterator[Callable[[Any], float]]:
        yield cls.validate

    @classmethod
    def __modify_schema__(cls, schema: dict[str, Any]) -> None:
        schema.update(type="number", minimum=0, maximum=MAX_YUAN)

    @classmethod
    def validate(cls, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("a number is expected")
        if not math.isfinite(value) or not 0 <= value <= MAX_YUAN:
            raise ValueError(f"between 0 and {MAX_YUAN}")
        return float(value)


# --------------------------------------------------------------------------- standards


class FigureOut(WireModel):
    """A figure with its source; ``sample`` true means 示例 (not an official figure)."""

    value: float = Field(..., example=1400)
    unit: str = Field(..., example="元/人/月")
    effective: dt.date | None = Field(..., description="date from which it applies, if known")
    source: str = Field(..., example="示例")
    sample: bool


class RuleOut(WireModel):
    text: str
    source: str
    sample: bool


class HousingRuleOut(RuleOut):
    max_homes: int = Field(..., description="homes the whole household may own")


class VehicleRuleOut(RuleOut):
    allowed: list[Vehicle] = Field(..., description="none, disability (代步车) or other")


class ResidencePermitOut(RuleOut):
    status: PermitStatus = Field(
        ..., description="whether residence-permit holders may apply where they live"
    )


class ApplyOut(WireModel):
    offline: str
    offline_source: str
    online: str | None
    online_source: str | None


class NoteOut(WireModel):
    text: str
    source: str


class CityStandardOut(WireModel):
    """One city's standards (or the national default for cities not listed)."""

    id: str = Field(..., example="sz")
    city: str = Field(..., example="深圳")
    is_default: bool = Field(..., description="true: the default for cities not listed")
    sample: bool = Field(..., description="true when any figure here is sample data (示例)")
    dibao: FigureOut = Field(..., description="低保标准, 元/人/月")
    tekun: FigureOut = Field(..., description="特困人员基本生活标准, 元/人/月")
    low_income_edge: FigureOut = Field(..., description="低保边缘: multiple of the 低保 standard")
    low_income_edge_line: float = Field(..., description="multiplier × 低保 standard, 元/人/月")
    financial_assets: FigureOut = Field(
        ..., description="per-capita financial assets: at most this many months of 低保"
    )
    financial_assets_limit: float = Field(..., description="per-capita limit in 元")
    housing: HousingRuleOut
    vehicle: VehicleRuleOut
    residence_permit: ResidencePermitOut
    apply: ApplyOut
    notes: list[NoteOut]


class StandardsOut(WireModel):
    sample_data: bool = Field(..., description="true when any figure listed is sample data")
    notice: str
    standards: list[CityStandardOut]


# --------------------------------------------------------------------------- prescreen


class PrescreenIn(RequestModel):
    """Household facts; every one may be missing (null or absent). Nothing is stored."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {
            "example": {
                "city": "深圳",
                "district": "南山区",
                "residence": "local_hukou",
                "household_size": 3,
                "monthly_income": 3450,
                "financial_assets_total": 20000,
                "housing": "one",
                "vehicle": "none",
                "severe_disability": False,
                "serious_illness": True,
                "elderly_60_plus": False,
                "minor_under_16": False,
                "sudden_hardship": "none",
                "essential_spending": "medical",
            }
        }

    city: StrictStr | None = Field(None, description="城市, e.g. 深圳", **CITY_FIELD)
    district: StrictStr | None = Field(None, description="区 (optional)", maxLength=20)
    residence: Residence | None = Field(
        None, description="local_hukou 本地户籍 / residence_permit 持本地居住证 / other"
    )
    household_size: HouseholdSize | None = Field(None, description="共同生活的家庭人口, 1–20")
    monthly_income: Yuan | None = Field(None, description="全家每月总收入, 元")
    financial_assets_per_capita: Yuan | None = Field(None, description="人均金融资产, 元")
    financial_assets_total: Yuan | None = Field(
        None, description="家庭金融资产合计, 元 (per capita wins when both are given)"
    )
    housing: Housing | None = Field(None, description="住房: none / one (一套) / more")
    vehicle: Vehicle | None = Field(
        None, description="机动车: none / disability (残疾人功能性补偿代步机动车) / other"
    )
    severe_disability: StrictBool | None = Field(None, description="家中有重度残疾人")
    serious_illness: StrictBool | None = Field(None, description="家中有重病患者")
    unsupported_child: StrictBool | None = Field(None, description="事实无人抚养儿童")
    elderly_60_plus: StrictBool | None = Field(None, description="申请人为60周岁以上老年人")
    minor_under_16: StrictBool | None = Field(None, description="申请人为未满16周岁的未成年人")
    no_work_ability: StrictBool | None = Field(None, description="无劳动能力")
    no_income_source: StrictBool | None = Field(None, description="无生活来源")
    no_capable_supporter: StrictBool | None = Field(
        None, description="无法定赡养、抚养、扶养义务人，或义务人无能力"
    )
    sudden_hardship: Sudden | None = Field(None, description="突发困难 (急难型临时救助)")
    essential_spending: Spending | None = Field(
        None, description="超出承受能力的必需支出 (支出型临时救助)"
    )


class ProgrammeOut(WireModel):
    programme: ProgrammeCode
    name: str = Field(..., example="最低生活保障（低保）")
    status: Status
    reasons: list[str] = Field(..., description="plain Chinese, with the figures compared")
    missing: list[str] = Field(..., description="request fields that would settle the unknowns")
    materials: list[str]
    where_to_apply: list[str]


class RelatedOut(WireModel):
    name: str
    reason: str
    where: str
    source: str


class PrescreenOut(WireModel):
    """A pre-screening: possibilities with reasons, never a decision."""

    city: str | None = Field(..., description="the city as given")
    standard: CityStandardOut
    sample_data: bool = Field(..., description="true when the standard used holds 示例 figures")
    results: list[ProgrammeOut]
    related: list[RelatedOut]
    missing: list[str] = Field(..., description="every request field still worth asking for")
    notice: str


# --------------------------------------------------------------------------- referrals


class ReferralIn(RequestModel):
    """A citizen asks to be contacted. ``consent`` must be true. Send an ``Idempotency-Key``."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {
            "example": {
                "name": "陈秀兰",
                "phone": "13800002468",
                "city": "深圳",
                "district": "南山区",
                "consent": True,
                "programmes": ["dibao", "temporary"],
            }
        }

    name: StrictStr = Field(..., description="联系人姓名", **NAME_FIELD)
    phone: StrictStr = Field(..., description="11位手机号码", **PHONE_FIELD)
    city: StrictStr = Field(..., **CITY_FIELD)
    district: StrictStr | None = Field(None, maxLength=20, example="南山区")
    consent: StrictBool = Field(
        ..., description="同意保存姓名和手机号码并由工作人员联系 (must be true)"
    )
    programmes: list[ProgrammeCode] = Field(
        default_factory=list, max_items=4, unique_items=True, description="关注的救助项目"
    )


class ReferralOut(WireModel):
    """A recorded contact request; personal data only masked."""

    reference: str = Field(..., example="JZ261123K7Q2M")
    name_masked: str = Field(..., example="陈**")
    phone_masked: str = Field(..., example="138****2468")
    city: str
    district: str | None
    programmes: list[ProgrammeCode]
    consent_at: dt.datetime
    message: str


class ReferralEnvelope(WireModel):
    referral: ReferralOut
