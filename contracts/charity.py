"""慈善查询: the JSON shapes of ``/api/charity`` (charity registry: organisations, projects).

Nothing personal is involved: every record is public registry information. ``sample`` marks
invented sample records (示例); envelopes carry ``sample_data`` and a Chinese ``notice``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from contracts.base import WireModel

CREDIT_CODE_PATTERN = r"^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$"
CREDIT_CODE_EXAMPLE = "53440300MJ00000013"

OrganizationType = Literal["foundation", "social_group", "social_service"]
OrganizationStatus = Literal["normal", "deregistered", "abnormal"]
OrganizationMatch = Literal["exact", "former_name", "fuzzy", "credit_code"]
ProjectMatch = Literal["filing_number", "keyword", "fuzzy"]


class OrganizationOut(WireModel):
    """A registered social organisation and its charity qualifications."""

    credit_code: str = Field(..., description="统一社会信用代码", example=CREDIT_CODE_EXAMPLE)
    name: str = Field(..., example="深圳市春雨助学公益基金会")
    former_names: list[str] = Field(..., description="曾用名")
    type: OrganizationType = Field(
        ..., description="foundation 基金会, social_group 社会团体, social_service 社会服务机构"
    )
    type_label: str = Field(..., example="基金会")
    region: str = Field(..., description="where it is registered", example="深圳")
    registration_authority: str = Field(..., description="登记管理机关", example="深圳市民政局")
    registered_on: dt.date
    status: OrganizationStatus = Field(
        ..., description="normal 正常, deregistered 已注销, abnormal 被列入活动异常名录"
    )
    status_label: str = Field(..., example="正常")
    status_note: str = Field(..., description="what the status means, in Chinese")
    charity: bool = Field(..., description="recognised or registered as a 慈善组织")
    charity_recognised_on: dt.date | None
    public_fundraising: bool = Field(..., description="holds 公开募捐资格")
    public_fundraising_since: dt.date | None
    qualification_note: str = Field(
        ..., description="what its charity status and 公开募捐资格 mean, in Chinese"
    )
    sample: bool = Field(..., description="invented sample record (示例)")


class OrganizationMatchOut(WireModel):
    """One search result: the organisation, how well and by which name it matched."""

    organization: OrganizationOut
    score: float = Field(..., description="0–100, higher is closer", example=100.0)
    match: OrganizationMatch = Field(
        ...,
        description="exact (current name), former_name (曾用名), fuzzy (abbreviation, typo), "
        "credit_code",
    )
    matched_name: str = Field(..., description="the name (or code) that matched")


class OrganizationSearchOut(WireModel):
    query: str = Field(..., description="the query as compared (normalised)")
    sample_data: bool = Field(..., description="true when any result is sample data")
    notice: str | None = Field(..., description="sample-data notice, in Chinese")
    results: list[OrganizationMatchOut]
    hint: str | None = Field(..., description="what to do when nothing matched, in Chinese")


class ProjectOrganizationOut(WireModel):
    credit_code: str
    name: str
    public_fundraising: bool
    sample: bool


class ProjectOut(WireModel):
    """A charity project with a public-fundraising filing (公开募捐方案备案)."""

    filing_number: str = Field(..., description="备案编号", example="粤深慈募备〔2024〕0012号")
    name: str
    organization: ProjectOrganizationOut
    platform: str = Field(..., description="fundraising platform", example="腾讯公益")
    start: dt.date
    end: dt.date
    in_period: bool = Field(..., description="today is within start..end")
    purpose: str
    sample: bool = Field(..., description="invented sample record (示例)")


class ProjectMatchOut(WireModel):
    project: ProjectOut
    score: float | None = Field(..., description="0–100; null when listed without a query")
    match: ProjectMatch | None = Field(..., description="null when listed without a query")


class ProjectSearchOut(WireModel):
    query: str | None = Field(..., description="the query as compared (normalised)")
    sample_data: bool
    notice: str | None
    results: list[ProjectMatchOut]
    hint: str | None = Field(..., description="what to do when nothing matched, in Chinese")


class OrganizationDetailOut(WireModel):
    sample_data: bool
    notice: str | None
    organization: OrganizationOut
    projects: list[ProjectOut]


class StatusGuideOut(WireModel):
    status: OrganizationStatus
    label: str
    note: str


class CharityGuideOut(WireModel):
    """Short general explanations the assistant shows (Chinese); the rules are in the KB."""

    statuses: list[StatusGuideOut]
    public_fundraising: str
    not_found: str
    safe_giving: list[str]
    report: str
