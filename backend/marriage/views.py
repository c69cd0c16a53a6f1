"""Render service results as API response models; personal data only ever masked."""

from __future__ import annotations

from datetime import date

from backend.marriage import messages
from backend.marriage.models import Office
from backend.marriage.schedule import BookingWindow, DayInfo, SpecialDay
from backend.marriage.schemas import (
    AppointmentOfficeOut,
    AppointmentOut,
    DaySlotsOut,
    OfficeOut,
    OpenDayOut,
    PartyOut,
    SlotOut,
    SpecialDayOut,
    WindowOut,
)
from backend.marriage.service import Booking, DaySlots, as_china_time
from civic.masking import mask_id_number, mask_name, mask_phone


def office_out(office: Office) -> OfficeOut:
    """An office as listed."""
    return OfficeOut(
        id=office.id,
        name=office.name,
        city=office.city,
        district=office.district,
        address=office.address,
        hours=office.hours,
        phone=office.phone,
        sample=office.sample,
    )


def window_out(window: BookingWindow) -> WindowOut:
    """The booking window as ISO dates."""
    return WindowOut(first=window.first.isoformat(), last=window.last.isoformat())


def _special(special: SpecialDay | None) -> SpecialDayOut | None:
    return SpecialDayOut(name=special.name) if special else None


def day_slots_out(result: DaySlots) -> DaySlotsOut:
    """A day's status and slots."""
    info = result.info
    return DaySlotsOut(
        office_id=result.office_id,
        date=info.day.isoformat(),
        open=info.open,
        closed_reason=info.closed_reason,
        message=info.message,
        special_day=_special(info.special_day),
        provisional=info.provisional,
        window=window_out(result.window),
        slots=[
            SlotOut(start=s.start, end=s.end, capacity=s.capacity, available=s.available)
            for s in result.slots
        ],
    )


def open_day_out(info: DayInfo, available: int) -> OpenDayOut:
    """One day of the open-days list."""
    return OpenDayOut(
        date=info.day.isoformat(),
        open=info.open,
        available=available if info.open else 0,
        special_day=_special(info.special_day),
        provisional=info.provisional,
    )


def appointment_out(booking: Booking) -> AppointmentOut:
    """An appointment with masked names, ID numbers and phone."""
    a, office = booking.appointment, booking.office
    party2 = None
    if a.party2_id_number:
        party2 = PartyOut(
            name_masked=mask_name(a.party2_name or ""), id_masked=mask_id_number(a.party2_id_number)
        )
    day: date = a.day
    return AppointmentOut(
        reference=a.reference,
        status=a.status,
        type=a.type,
        type_label=messages.TYPE_LABELS[a.type],
        office=AppointmentOfficeOut(
            id=office.id,
            name=office.name,
            address=office.address,
            hours=office.hours,
            sample=office.sample,
        ),
        date=day.isoformat(),
        start_time=a.start_time,
        end_time=a.end_time,
        party1=PartyOut(
            name_masked=mask_name(a.party1_name), id_masked=mask_id_number(a.party1_id_number)
        ),
        party2=party2,
        phone_masked=mask_phone(a.phone),
        materials=list(messages.MATERIALS[a.type]),
        materials_note=messages.MATERIALS_NOTE,
        notice=messages.DIVORCE_NOTICE if a.type == "divorce" else None,
        created_at=as_china_time(a.created_at).isoformat(timespec="seconds"),
        provisional=a.provisional,
    )
