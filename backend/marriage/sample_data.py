"""Load the marriage service's data file (sample offices and the schedule) and seed offices."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from backend.datafile import DataFileError, read_yaml, time_windows
from backend.marriage.models import Office
from backend.places import upsert_places
from contracts.marriage import OfficeOut

__all__ = ["DataFileError", "MarriageData", "load_data_file", "seed_offices"]

_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class SpecialDayRule:
    """A day opened with its own quota: a Gregorian (``solar``) or lunar month/day."""

    name: str
    month: int
    day: int
    lunar: bool
    slot_capacity: int


@dataclass(frozen=True)
class ScheduleConfig:
    """Time slots, special days and operator-configured holidays/workdays."""

    slots: tuple[tuple[str, str], ...]
    special_days: tuple[SpecialDayRule, ...]
    extra_holidays: dict[date, str]
    extra_workdays: frozenset[date]


class OfficeSeed(OfficeOut):
    """One office as written in the data file: the public record plus its seats per slot."""

    slot_capacity: int


@dataclass(frozen=True)
class MarriageData:
    """The whole data file."""

    sample: bool
    schedule: ScheduleConfig
    offices: tuple[OfficeSeed, ...]


def _month_day(text: Any, where: str) -> tuple[int, int]:
    match = _MONTH_DAY.match(str(text))
    if not match:
        raise DataFileError(f"{where}: expected MM-DD, got {text!r}")
    return int(match.group(1)), int(match.group(2))


def _schedule(raw: dict[str, Any]) -> ScheduleConfig:
    slots = time_windows(raw.get("slots"), "schedule.slots")
    rules = []
    for item in raw.get("special_days") or []:
        lunar = "lunar" in item
        month, day = _month_day(item["lunar"] if lunar else item["solar"], "special_days")
        rules.append(
            SpecialDayRule(
                name=str(item["name"]),
                month=month,
                day=day,
                lunar=lunar,
                slot_capacity=int(item["slot_capacity"]),
            )
        )
    holidays = {
        date.fromisoformat(str(item["date"])): str(item["name"])
        for item in raw.get("extra_holidays") or []
    }
    workdays = frozenset(date.fromisoformat(str(d)) for d in raw.get("extra_workdays") or [])
    return ScheduleConfig(slots, tuple(rules), holidays, workdays)


def load_data_file(path: Path) -> MarriageData:
    """Parse the YAML data file at ``path``.

    Raises:
        DataFileError: when a field is missing or malformed.
    """
    raw = read_yaml(path)
    try:
        sample = bool(raw.get("sample", False))
        offices = tuple(
            OfficeSeed.parse_obj({"phone": None, **o, "sample": sample})
            for o in raw.get("offices") or []
        )
        return MarriageData(
            sample=sample,
            schedule=_schedule(raw["schedule"]),
            offices=offices,
        )
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        if isinstance(exc, DataFileError):
            raise
        raise DataFileError(f"{path}: {exc!r}") from exc


def seed_offices(session: Session, data: MarriageData) -> int:
    """Insert or update the data file's offices (marked sample when the file is); returns count."""
    return upsert_places(session, Office, (seed.dict() for seed in data.offices))
