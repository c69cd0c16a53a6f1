"""Tables of the charity registry service (慈善查询): public registry data only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Date, ForeignKey, String, Text

from backend.db import Base


class Organization(Base):
    """A social organisation registered with 民政, and its charity qualifications."""

    __tablename__ = "charity_organization"

    credit_code: str = Column(String(18), primary_key=True)  # 统一社会信用代码
    name: str = Column(String(100), nullable=False)
    former_names: str = Column(Text, nullable=False)  # JSON list of 曾用名
    type: str = Column(String(16), nullable=False)  # foundation | social_group | social_service
    region: str = Column(String(20), nullable=False, index=True)  # 深圳, 广东, 全国, ...
    registration_authority: str = Column(String(60), nullable=False)
    registered_on: date = Column(Date, nullable=False)
    status: str = Column(String(16), nullable=False)  # normal | deregistered | abnormal
    charity_recognised_on: date | None = Column(Date, nullable=True)
    public_fundraising_since: date | None = Column(Date, nullable=True)
    sample: bool = Column(Boolean, nullable=False, default=False)


class Project(Base):
    """A charity project with a public-fundraising filing (公开募捐方案备案)."""

    __tablename__ = "charity_project"

    filing_number: str = Column(String(60), primary_key=True)  # 备案编号
    name: str = Column(String(100), nullable=False)
    organization_code: str = Column(
        ForeignKey("charity_organization.credit_code"), nullable=False, index=True
    )
    platform: str = Column(String(40), nullable=False)
    start: date = Column(Date, nullable=False)
    end: date = Column(Date, nullable=False)
    purpose: str = Column(Text, nullable=False)
    sample: bool = Column(Boolean, nullable=False, default=False)
