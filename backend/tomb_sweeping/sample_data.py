"""Load the tomb-sweeping data file (cemeteries, time windows, peak periods) and seed it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Extra, Field, StrictBool, ValidationError, conint, root_validator
from sqlalchemy.orm import Session

from backend.datafile import DataFileError, read_yaml, time_windows
from backend.places import upsert_places
from backend.tomb_sweeping.models import Cemetery
from civic.festivals import PeakRule

__all__ = ["DataFileError", "ScheduleConfig", "TombData", "load_data_file", "seed_cemeteries"]

MAX_VISITORS_LIMIT = 20
PeopleCount = conint(strict=True, ge=1)
SpaceCount = conint(strict=True, ge=0)
VisitorLimit = conint(strict=True, ge=1, le=MAX_VISITORS_LIMIT)


@dataclass(frozen=True)
class ScheduleConfig:
    """The daily time windows and the peak periods (清明, 重阳, 冬至, 春节...)."""

    windows: tuple[tuple[str, str], ...]
    peaks: tuple[PeakRule, ...]


class _Record(BaseModel):
    class Config:
        extra = Extra.forbid


class Quota(_Record):
    """People per time window."""

    peak: PeopleCount
    off_peak: PeopleCount


class CemeteryRecord(_Record):
    """One cemetery as written in the data file."""

    id: str = Field(..., regex=r"^[a-z0-9][a-z0-9-]{0,39}$")
    name: str = Field(..., min_length=1, max_length=100)
    city: str = Field(..., min_length=1, max_length=40)
    district: str = Field(..., min_length=1, max_length=40)
    address: str = Field(..., min_length=1, max_length=200)
    hours: str = Field(..., min_length=1, max_length=200)
    phone: str | None = Field(None, max_length=40)
    kind: Literal["cemetery", "columbarium"]
    reservation: Literal["always", "peak_only"]
    proxy_worship: StrictBool
    online_worship: StrictBool
    online_url: str | None = Field(None, min_length=1, max_length=300)
    quota: Quota
    parking_spaces: SpaceCount
    max_visitors: VisitorLimit | None = None
    entry_rules: list[str] | None = Field(None, min_items=1)

    @root_validator(skip_on_failure=True)
    def _online_url_with_online_worship(cls, values: dict[str, Any]) -> dict[str, Any]:
        if values["online_worship"] != (values.get("online_url") is not None):
            raise ValueError("online_url is given exactly when online_worship is true")
        return values

    def row(self, sample: bool) -> dict[str, Any]:
        """The ``tomb_cemetery`` row of this record."""
        fields = self.dict(exclude={"quota", "entry_rules"})
        return {
            **fields,
            "peak_quota": self.quota.peak,
            "off_peak_quota": self.quota.off_peak,
            "entry_rules": json.dumps(self.entry_rules, ensure_ascii=False)
            if self.entry_rules
            else None,
            "sample": sample,
        }


@dataclass(frozen=True)
class TombData:
    """The whole data file."""

    sample: bool
    schedule: ScheduleConfig
    cemeteries: tuple[CemeteryRecord, ...]


def _peaks(raw: Any) -> tuple[PeakRule, ...]:
    rules = []
    for item in raw or []:
        if not isinstance(item, dict) or set(item) != {
            "name",
            "anchor",
            "days_before",
            "days_after",
        }:
            raise DataFileError(
                f"schedule.peaks: expected name, anchor, days_before, days_after in {item!r}"
            )
        try:
            rules.append(PeakRule(**item))
        except ValueError as exc:
            raise DataFileError(f"schedule.peaks: {exc}") from None
    return tuple(rules)


def load_data_file(path: Path) -> TombData:
    """Parse the YAML data file at ``path``.

    Raises:
        DataFileError: when a field is missing or malformed.
    """
    raw = read_yaml(path)
    try:
        sample = bool(raw.get("sample", False))
        schedule = raw["schedule"]
        cemeteries = tuple(CemeteryRecord.parse_obj(c) for c in raw.get("cemeteries") or [])
        config = ScheduleConfig(
            time_windows(schedule.get("windows"), "schedule.windows"), _peaks(schedule.get("peaks"))
        )
    except DataFileError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, ValidationError) as exc:
        raise DataFileError(f"{path}: {exc!r}") from exc
    ids = [c.id for c in cemeteries]
    if len(set(ids)) != len(ids):
        raise DataFileError(f"{path}: cemetery ids must be unique")
    return TombData(sample=sample, schedule=config, cemeteries=cemeteries)


def seed_cemeteries(session: Session, data: TombData) -> int:
    """Insert or update the data file's cemeteries (marked sample when the file is)."""
    return upsert_places(session, Cemetery, (c.row(data.sample) for c in data.cemeteries))
