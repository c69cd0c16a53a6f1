"""婚姻登记预约: the JSON shapes of ``/api/marriage``."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import Field, StrictStr

from contracts.base import (
    DATE_FIELD,
    PHONE_FIELD,
    TIME_FIELD,
    BookingWindowOut,
    DayStatusOut,
    OpenDayOut,
    PartyOut,
    PersonIn,
    PlaceOut,
    RequestModel,
    WireModel,
)

AppointmentType = Literal["marriage", "divorce", "reissue"]
REFERENCE_PATTERN = r"^HY\d{6}[2-9A-HJ-NP-Z]{5}$"


class PartyIn(PersonIn):
    """One party: party1 is 男方 (or the applicant for a reissue), party2 is 女方."""


class CreateAppointmentIn(RequestModel):
    """Book an appointment. Send an ``Idempotency-Key`` header to make retries safe."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {
            "example": {
                "type": "marriage",
                "office_id": "sz-nanshan",
                "date": "2026-11-24",
                "start_time": "09:00",
                "party1": {"name": "张伟", "id_number": "11010519900307881X"},
                "party2": {"name": "李娜", "id_number": "110105199208150520"},
                "phone": "13812345678",
            }
        }

    type: AppointmentType = Field(
        ..., description="marriage 结婚登记 / divorce 离婚登记 / reissue 补领婚姻登记证"
    )
    office_id: StrictStr = Field(..., example="sz-nanshan", maxLength=40)
    date: StrictStr = Field(..., description="YYYY-MM-DD, tomorrow or later", **DATE_FIELD)
    start_time: StrictStr = Field(..., description="HH:MM, a slot's start", **TIME_FIELD)
    party1: PartyIn
    party2: PartyIn | None = Field(None, description="女方; must be absent for reissue")
    phone: StrictStr = Field(..., description="11位手机号码", **PHONE_FIELD)


class RescheduleIn(RequestModel):
    """Move an appointment to another day and/or slot."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {
            "example": {"phone": "13812345678", "date": "2026-11-25", "start_time": "10:00"}
        }

    phone: StrictStr = Field(..., **PHONE_FIELD)
    date: StrictStr = Field(..., **DATE_FIELD)
    start_time: StrictStr = Field(..., **TIME_FIELD)


class OfficeOut(PlaceOut):
    """A marriage registration office (婚姻登记处)."""


class OfficeListOut(WireModel):
    sample_data: bool = Field(..., description="true when any office listed is sample data")
    offices: list[OfficeOut]


class OfficeDetailOut(WireModel):
    office: OfficeOut


class SpecialDayOut(WireModel):
    name: str = Field(..., example="520")


class DaySlotsOut(DayStatusOut):
    """A day at an office: open or why not, the special day it is, and its slots."""

    office_id: str
    special_day: SpecialDayOut | None


class MarriageOpenDayOut(OpenDayOut):
    special_day: SpecialDayOut | None


class OpenDaysOut(WireModel):
    office_id: str
    window: BookingWindowOut
    days: list[MarriageOpenDayOut]


class AppointmentOfficeOut(WireModel):
    id: str
    name: str
    address: str
    hours: str
    sample: bool


class AppointmentOut(WireModel):
    """An appointment; personal data only ever masked."""

    reference: str = Field(..., example="HY261124K7Q2M")
    status: Literal["booked", "cancelled"]
    type: AppointmentType
    type_label: str
    office: AppointmentOfficeOut
    date: dt.date
    start_time: str
    end_time: str
    party1: PartyOut
    party2: PartyOut | None
    phone_masked: str = Field(..., example="138****5678")
    materials: list[str]
    materials_note: str
    notice: str | None
    created_at: dt.datetime
    provisional: bool


class AppointmentEnvelope(WireModel):
    appointment: AppointmentOut
