"""Load the charity registry data file (organisations, projects) and seed it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Extra, Field, StrictBool, ValidationError, root_validator, validator
from sqlalchemy.orm import Session

from backend.charity.models import Organization, Project
from backend.datafile import DataFileError, read_yaml
from civic.credit_code import CreditCodeError, registration_authority, validate_credit_code

__all__ = ["CharityData", "DataFileError", "load_data_file", "seed_registry"]

# The second character of a 民政 credit code for each organisation type.
_TYPE_CODES = {"social_group": "1", "social_service": "2", "foundation": "3"}


class _Record(BaseModel):
    class Config:
        extra = Extra.forbid


class OrganizationRecord(_Record):
    """One organisation as written in the data file."""

    credit_code: str
    name: str = Field(..., min_length=2, max_length=100)
    former_names: list[str] = Field(default_factory=list)
    type: Literal["foundation", "social_group", "social_service"]
    region: str = Field(..., min_length=1, max_length=20)
    registration_authority: str = Field(..., min_length=1, max_length=60)
    registered_on: date
    status: Literal["normal", "deregistered", "abnormal"]
    charity_recognised_on: date | None
    public_fundraising_since: date | None
    sample: StrictBool

    @validator("credit_code")
    def _valid_code(cls, value: str) -> str:
        try:
            code = validate_credit_code(value)
        except CreditCodeError as exc:
            raise ValueError(f"credit code {value!r}: {exc.code}") from None
        if not registration_authority(code).civil_affairs:
            raise ValueError(f"credit code {value!r} is not registered with 民政 (5…)")
        return code

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict[str, Any]) -> dict[str, Any]:
        if values["credit_code"][1] != _TYPE_CODES[values["type"]]:
            raise ValueError(f"{values['credit_code']}: type {values['type']} does not match")
        if values["public_fundraising_since"] and not values["charity_recognised_on"]:
            raise ValueError(f"{values['credit_code']}: 公开募捐资格 needs a charity")
        return values

    def row(self, sample: bool) -> dict[str, Any]:
        """The ``charity_organization`` row of this record."""
        return {
            **self.dict(exclude={"former_names", "sample"}),
            "former_names": json.dumps(self.former_names, ensure_ascii=False),
            "sample": self.sample or sample,
        }


class ProjectRecord(_Record):
    """One project with a public-fundraising filing, as written in the data file."""

    filing_number: str = Field(..., min_length=4, max_length=60)
    name: str = Field(..., min_length=2, max_length=100)
    organization: str
    platform: str = Field(..., min_length=1, max_length=40)
    start: date
    end: date
    purpose: str = Field(..., min_length=1)
    sample: StrictBool

    @root_validator(skip_on_failure=True)
    def _period(cls, values: dict[str, Any]) -> dict[str, Any]:
        if values["start"] > values["end"]:
            raise ValueError(f"{values['filing_number']}: start after end")
        return values

    def row(self, sample: bool) -> dict[str, Any]:
        """The ``charity_project`` row of this record."""
        return {
            **self.dict(exclude={"organization", "sample"}),
            "organization_code": self.organization,
            "sample": self.sample or sample,
        }


@dataclass(frozen=True)
class CharityData:
    """The whole data file."""

    sample: bool
    organizations: tuple[OrganizationRecord, ...]
    projects: tuple[ProjectRecord, ...]


def load_data_file(path: Path) -> CharityData:
    """Parse the YAML data file at ``path``.

    Raises:
        DataFileError: when a field is missing or malformed, a code is repeated or a project
            names an organisation the file does not list.
    """
    raw = read_yaml(path)
    try:
        sample = bool(raw.get("sample", False))
        organizations = tuple(
            OrganizationRecord.parse_obj(o) for o in raw.get("organizations") or []
        )
        projects = tuple(ProjectRecord.parse_obj(p) for p in raw.get("projects") or [])
    except (TypeError, AttributeError, ValueError, ValidationError) as exc:
        raise DataFileError(f"{path}: {exc!r}") from exc
    codes = [o.credit_code for o in organizations]
    if len(set(codes)) != len(codes):
        raise DataFileError(f"{path}: credit codes must be unique")
    numbers = [p.filing_number for p in projects]
    if len(set(numbers)) != len(numbers):
        raise DataFileError(f"{path}: filing numbers must be unique")
    unknown = {p.organization for p in projects} - set(codes)
    if unknown:
        raise DataFileError(f"{path}: projects of unknown organisations {sorted(unknown)}")
    return CharityData(sample=sample, organizations=organizations, projects=projects)


def seed_registry(session: Session, data: CharityData) -> int:
    """Insert or update the data file's organisations, then its projects."""
    count = 0
    for record in data.organizations:
        row = session.get(Organization, record.credit_code) or Organization()
        for name, value in record.row(data.sample).items():
            setattr(row, name, value)
        session.add(row)
        count += 1
    session.flush()  # organisations before the projects that refer to them
    for project in data.projects:
        row = session.get(Project, project.filing_number) or Project()
        for name, value in project.row(data.sample).items():
            setattr(row, name, value)
        session.add(row)
        count += 1
    return count
