"""Render service results as the contract's response models; personal data only masked."""

from __future__ import annotations

from backend.clock import as_china_time
from backend.marriage import messages
from backend.marriage.schedule import DayInfo, SpecialDay
from backend.marriage.service import Booking, DaySlots, MarriageService
from backend.window import window_out
from civic.masking import mask_id_number, mask_name, mask_phone
from contracts.base import PartyOut, SlotOut
from contracts.marriage import (
    AppointmentOfficeOut,
    AppointmentOut,
    DaySlotsOut,
    MarriageOpenDayOut,
    SpecialDayOut,
)


def _special(special: SpecialDay | None) -> SpecialDayOut | None:
    return SpecialDayOut(name=special.name) if special else None


def day_slots_out(result: DaySlots) -> DaySlotsOut:
    """A day's status and slots."""
    info = result.info
    return DaySlotsOut(
        office_id=result.office_id,
        date=info.day,
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


def open_day_out(info: DayInfo, available: int) -> MarriageOpenDayOut:
    """One day of the open-days list."""
    return MarriageOpenDayOut(
        date=info.day,
        open=info.open,
        available=available if info.open else 0,
        special_day=_special(info.special_day),
        provisional=info.provisional,
    )


def appointment_out(booking: Booking, service: MarriageService) -> AppointmentOut:
    """An appointment with masked names, ID numbers and phone (unsealed only to mask)."""
    a, office = booking.appointment, booking.office
    parties = [
        PartyOut(name_masked=mask_name(name), id_masked=mask_id_number(number))
        for name, number in service.parties(a)
    ]
    return AppointmentOut(
        reference=a.reference,
        status=a.status,
        type=a.type,
        type_label=messages.TYPE_LABELS[a.type],
        office=AppointmentOfficeOut.from_orm(office),
        date=a.day,
        start_time=a.start_time,
        end_time=a.end_time,
        party1=parties[0],
        party2=parties[1] if len(parties) > 1 else None,
        phone_masked=mask_phone(service.phone(a)),
        materials=list(messages.MATERIALS[a.type]),
        materials_note=messages.MATERIALS_NOTE,
        notice=messages.DIVORCE_NOTICE if a.type == "divorce" else None,
        created_at=as_china_time(a.created_at),
        provisional=a.provisional,
    )
