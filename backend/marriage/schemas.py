"""Request and response models of the marriage API (also the source of its OpenAPI schemas)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Extra, Field, StrictStr


class _Request(BaseModel):
    class Config:
        extra = Extra.ignore
        anystr_strip_whitespace = False


class PartyIn(_Request):
    """One party: party1 is 男方 (or the applicant for a reissue), party2 is 女方."""

    name: StrictStr = Field(..., description="姓名", example="张伟")
    id_number: StrictStr = Field(
        ..., description="18位居民身份证号码", example="110105199003078816"
    )


class CreateAppointmentIn(_Request):
    """Book an appointment. Send an ``Idempotency-Key`` header to make retries safe."""

    type: Literal["marriage", "divorce", "reissue"] = Field(
        ..., description="marriage 结婚登记 / divorce 离婚登记 / reissue 补领婚姻登记证"
    )
    office_id: StrictStr = Field(..., example="sz-nanshan")
    date: StrictStr = Field(..., description="YYYY-MM-DD", example="2026-11-25")
    start_time: StrictStr = Field(..., description="HH:MM, a slot's start", example="09:00")
    party1: PartyIn
    party2: PartyIn | None = Field(None, description="女方; must be absent for reissue")
    phone: StrictStr = Field(..., description="11位手机号码", example="13812345678")


class LookupIn(_Request):
    """Find an appointment by its reference and the phone number given when booking."""

    reference: StrictStr = Field(..., example="HY261124K7Q2M")
    phone: StrictStr


class CancelIn(_Request):
    """Cancel: the phone number given when booking."""

    phone: StrictStr


class RescheduleIn(_Request):
    """Move an appointment to another day and/or slot."""

    phone: StrictStr
    date: StrictStr = Field(..., description="YYYY-MM-DD")
    start_time: StrictStr = Field(..., description="HH:MM")


# ---- responses ---------------------------------------------------------------------------


class OfficeOut(BaseModel):
    """A marriage registration office; ``sample`` marks invented sample records."""

    id: str
    name: str
    city: str
    district: str
    address: str
    hours: str
    phone: str | None
    sample: bool


class OfficeListOut(BaseModel):
    sample_data: bool = Field(..., description="true when any office listed is sample data")
    offices: list[OfficeOut]


class OfficeDetailOut(BaseModel):
    office: OfficeOut


class SpecialDayOut(BaseModel):
    name: str = Field(..., example="520")


class WindowOut(BaseModel):
    first: str = Field(..., description="first bookable date (tomorrow)")
    last: str = Field(..., description="last bookable date")


class SlotOut(BaseModel):
    start: str
    end: str
    capacity: int
    available: int


class DaySlotsOut(BaseModel):
    office_id: str
    date: str
    open: bool
    closed_reason: Literal["holiday", "weekend", "outside_window", "not_workday"] | None
    message: str | None = Field(..., description="why the day is closed, in Chinese")
    special_day: SpecialDayOut | None
    provisional: bool = Field(
        ..., description="true when the official holiday schedule for that year is not known"
    )
    window: WindowOut
    slots: list[SlotOut]


class OpenDayOut(BaseModel):
    date: str
    open: bool
    available: int = Field(..., description="free seats over all slots of the day")
    special_day: SpecialDayOut | None
    provisional: bool


class OpenDaysOut(BaseModel):
    office_id: str
    window: WindowOut
    days: list[OpenDayOut]


class AppointmentOfficeOut(BaseModel):
    id: str
    name: str
    address: str
    hours: str
    sample: bool


class PartyOut(BaseModel):
    name_masked: str = Field(..., example="张*")
    id_masked: str = Field(..., example="110***********8816")


class AppointmentOut(BaseModel):
    """An appointment; personal data only ever masked."""

    reference: str = Field(..., example="HY261124K7Q2M")
    status: Literal["booked", "cancelled"]
    type: Literal["marriage", "divorce", "reissue"]
    type_label: str
    office: AppointmentOfficeOut
    date: str
    start_time: str
    end_time: str
    party1: PartyOut
    party2: PartyOut | None
    phone_masked: str = Field(..., example="138****5678")
    materials: list[str]
    materials_note: str
    notice: str | None
    created_at: str
    provisional: bool


class AppointmentEnvelope(BaseModel):
    appointment: AppointmentOut


class ErrorBody(BaseModel):
    code: str = Field(..., example="slot_full")
    message: str = Field(
        ..., example="2026年11月25日 09:00-10:00时段已约满，请选择其他时段或日期。"
    )
    field: str | None = Field(None, example="start_time")


class ErrorOut(BaseModel):
    """Every error, whatever its status."""

    error: ErrorBody


class HealthOut(BaseModel):
    status: Literal["ok"]
