"""Base classes and the shapes every service shares (errors, places, days and time windows)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Extra, Field, StrictStr


class WireModel(BaseModel):
    """A response shape: immutable, every field required as declared, no unknown fields."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False
        orm_mode = True


class RequestModel(BaseModel):
    """A request body: unknown fields are refused, strings are kept as sent."""

    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = False


# Schema annotations shared by request fields (the service's rules do the real checks and
# answer with a specific error code; the schema says what a well-formed value looks like).
DATE_FIELD = {"format": "date", "example": "2026-11-24"}
TIME_FIELD = {"pattern": r"^([01]\d|2[0-3]):[0-5]\d$", "example": "09:00"}
PHONE_FIELD = {"pattern": r"^1[3-9]\d{9}$", "example": "13812345678"}
ID_NUMBER_FIELD = {
    "pattern": r"^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]$",
    "example": "11010519900307881X",
}
NAME_FIELD = {"minLength": 1, "maxLength": 30, "example": "张伟"}


class ErrorBody(WireModel):
    code: str = Field(..., example="slot_full")
    message: str = Field(..., example="该时段已约满，请选择其他时段或日期。")
    field: str | None = Field(..., example="start_time")


class ErrorOut(WireModel):
    """Every error, whatever its status."""

    error: ErrorBody


class HealthOut(WireModel):
    status: Literal["ok"]


class PlaceOut(WireModel):
    """A place that takes bookings; ``sample`` marks invented sample records (示例)."""

    id: str = Field(..., example="sz-nanshan")
    name: str
    city: str = Field(..., example="深圳")
    district: str = Field(..., example="南山区")
    address: str
    hours: str
    phone: str | None
    sample: bool


class BookingWindowOut(WireModel):
    first: dt.date = Field(..., description="first bookable date (tomorrow)")
    last: dt.date = Field(..., description="last bookable date")


class SlotOut(WireModel):
    """A time window of one day with its capacity (seats, or people for tomb-sweeping)."""

    start: str = Field(..., example="09:00")
    end: str = Field(..., example="10:00")
    capacity: int
    available: int


ClosedReason = Literal["holiday", "weekend", "outside_window", "not_workday", "closed"]


class DayStatusOut(WireModel):
    """Whether a place takes bookings on a day, and its time windows when it does."""

    date: dt.date
    open: bool
    closed_reason: ClosedReason | None
    message: str | None = Field(..., description="why the day is closed, in Chinese")
    provisional: bool = Field(
        ..., description="true when the official holiday schedule for that year is not known"
    )
    window: BookingWindowOut
    slots: list[SlotOut]

    def free_slots(self, needed: int = 1) -> list[SlotOut]:
        """The windows with room for ``needed`` more people."""
        return [s for s in self.slots if s.available >= needed]


class OpenDayOut(WireModel):
    """One day of a place's calendar with its free capacity over all windows."""

    date: dt.date
    open: bool
    available: int = Field(..., description="free capacity over all windows of the day")
    provisional: bool


class PartyOut(WireModel):
    """A person on a booking, only ever masked."""

    name_masked: str = Field(..., example="张*")
    id_masked: str = Field(..., example="110***********8816")


class PersonIn(RequestModel):
    """A person on a booking: name and ID number, as on the ID card."""

    name: StrictStr = Field(..., description="姓名（与身份证一致）", **NAME_FIELD)
    id_number: StrictStr = Field(..., description="18位居民身份证号码", **ID_NUMBER_FIELD)


class LookupIn(RequestModel):
    """Find a booking by its reference and the phone number given when booking."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {
            "example": {"reference": "HY261124K7Q2M", "phone": "13812345678"}
        }

    reference: StrictStr = Field(..., maxLength=40)
    phone: StrictStr = Field(..., **PHONE_FIELD)


class CancelIn(RequestModel):
    """Cancel: the phone number given when booking."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {"example": {"phone": "13812345678"}}

    phone: StrictStr = Field(..., **PHONE_FIELD)
