"""祭扫预约: the JSON shapes of ``/api/tomb-sweeping``."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import Field, StrictInt, StrictStr

from contracts.base import (
    DATE_FIELD,
    NAME_FIELD,
    PHONE_FIELD,
    TIME_FIELD,
    BookingWindowOut,
    DayStatusOut,
    OpenDayOut,
    PartyOut,
    PersonIn,
    PlaceOut,
    RequestModel,
    SlotOut,
    WireModel,
)

REFERENCE_PATTERN = r"^JS\d{6}[2-9A-HJ-NP-Z]{5}$"
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_FIELD = {
    "pattern": rf"^[{PROVINCES}][A-Z][A-Z0-9]{{5,6}}$",
    "example": "粤B12345",
}


class CemeteryOut(PlaceOut):
    """A cemetery (公墓) or columbarium (骨灰堂)."""

    kind: Literal["cemetery", "columbarium"]
    reservation: Literal["always", "peak_only"] = Field(
        ..., description="always: every visit needs a reservation; peak_only: only in peaks"
    )
    proxy_worship: bool = Field(..., description="代祭 offered")
    online_worship: bool = Field(..., description="网络祭扫 offered")
    online_url: str | None = Field(..., description="where 网络祭扫 is offered")
    max_visitors: int = Field(..., description="visitors per reservation, at most")
    parking: bool = Field(..., description="parking spaces can be reserved with a plate")


class CemeteryListOut(WireModel):
    sample_data: bool = Field(..., description="true when any cemetery listed is sample data")
    cemeteries: list[CemeteryOut]


class CemeteryDetailOut(WireModel):
    cemetery: CemeteryOut


class PeakOut(WireModel):
    """A peak period (清明, 重阳, 冬至, 春节) around its day."""

    name: str = Field(..., example="清明")
    day: dt.date = Field(..., description="the festival itself")
    start: dt.date
    end: dt.date


class CemeterySlotOut(SlotOut):
    """A time window: ``capacity``/``available`` count people; parking spaces beside them."""

    parking_capacity: int = Field(..., description="parking spaces of the window (0: none)")
    parking_available: int = Field(..., description="free parking spaces of the window")


class CemeteryDayOut(DayStatusOut):
    """A day at a cemetery: its windows (capacity in people) and whether booking is needed."""

    cemetery_id: str
    slots: list[CemeterySlotOut]
    peak: PeakOut | None
    reservation_required: bool
    parking_available: int = Field(..., description="free parking spaces over the day")


class CemeteryOpenDayOut(OpenDayOut):
    peak: PeakOut | None
    reservation_required: bool


class CemeteryOpenDaysOut(WireModel):
    cemetery_id: str
    window: BookingWindowOut
    days: list[CemeteryOpenDayOut]


class BookerIn(PersonIn):
    """The person who books (预约人), who shows the ID card at the gate."""


class CreateReservationIn(RequestModel):
    """Reserve a window. Send an ``Idempotency-Key`` header to make retries safe."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {
            "example": {
                "cemetery_id": "sz-futian",
                "date": "2026-11-25",
                "start_time": "09:00",
                "visitors": 3,
                "booker": {"name": "李建国", "id_number": "440305197506120336"},
                "phone": "13700001234",
                "deceased_name": "王秀英",
                "plot_number": "A区3排12号",
                "plate": "粤B12345",
            }
        }

    cemetery_id: StrictStr = Field(..., example="sz-futian", maxLength=40)
    date: StrictStr = Field(..., **DATE_FIELD)
    start_time: StrictStr = Field(..., description="HH:MM, a window's start", **TIME_FIELD)
    visitors: StrictInt = Field(..., description="people coming, booker included", example=3)
    booker: BookerIn
    phone: StrictStr = Field(..., description="11位手机号码", **PHONE_FIELD)
    deceased_name: StrictStr = Field(..., description="逝者姓名", **NAME_FIELD)
    plot_number: StrictStr | None = Field(
        None, description="墓位/格位号 (optional)", max_length=40, example="A区3排12号"
    )
    plate: StrictStr | None = Field(None, description="车牌号 (optional)", **PLATE_FIELD)


class ReservationCemeteryOut(WireModel):
    id: str
    name: str
    address: str
    hours: str
    sample: bool


class ReservationOut(WireModel):
    """A reservation; personal data only ever masked."""

    reference: str = Field(..., example="JS261124K7Q2M")
    status: Literal["booked", "cancelled"]
    cemetery: ReservationCemeteryOut
    date: dt.date
    start_time: str
    end_time: str
    visitors: int
    booker: PartyOut
    deceased_name_masked: str = Field(..., example="王**")
    phone_masked: str = Field(..., example="138****5678")
    plot_number: str | None
    plate_masked: str | None = Field(..., example="粤B***45")
    peak: PeakOut | None
    entry_rules: list[str]
    created_at: dt.datetime


class ReservationEnvelope(WireModel):
    reservation: ReservationOut
