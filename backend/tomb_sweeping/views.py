"""Render service results as the contract's response models; personal data only masked."""

from __future__ import annotations

from backend.clock import as_china_time
from backend.tomb_sweeping.models import Cemetery
from backend.tomb_sweeping.service import Booking, CemeteryDay, OpenDay, TombService
from backend.window import window_out
from civic.festivals import PeakPeriod
from civic.masking import mask_id_number, mask_name, mask_phone, mask_plate
from contracts.base import PartyOut
from contracts.tomb_sweeping import (
    CemeteryDayOut,
    CemeteryOpenDayOut,
    CemeteryOut,
    CemeterySlotOut,
    PeakOut,
    ReservationCemeteryOut,
    ReservationOut,
)


def peak_out(peak: PeakPeriod | None) -> PeakOut | None:
    """A peak period (name, festival day, first and last day), or None."""
    if peak is None:
        return None
    return PeakOut(name=peak.name, day=peak.anchor_day, start=peak.start, end=peak.end)


def cemetery_out(cemetery: Cemetery, service: TombService) -> CemeteryOut:
    """A cemetery's public record."""
    return CemeteryOut(
        id=cemetery.id,
        name=cemetery.name,
        city=cemetery.city,
        district=cemetery.district,
        address=cemetery.address,
        hours=cemetery.hours,
        phone=cemetery.phone,
        sample=cemetery.sample,
        kind=cemetery.kind,
        reservation=cemetery.reservation,
        proxy_worship=cemetery.proxy_worship,
        online_worship=cemetery.online_worship,
        online_url=cemetery.online_url,
        max_visitors=service.max_visitors(cemetery),
        parking=cemetery.parking_spaces > 0,
    )


def day_out(result: CemeteryDay) -> CemeteryDayOut:
    """A day's status, peak and windows."""
    info = result.info
    return CemeteryDayOut(
        cemetery_id=result.cemetery.id,
        date=info.day,
        open=info.open,
        closed_reason=info.closed_reason,
        message=info.message,
        provisional=False,  # open every day: no holiday schedule involved
        window=window_out(result.window),
        slots=[
            CemeterySlotOut(
                start=w.start,
                end=w.end,
                capacity=w.capacity,
                available=w.available,
                parking_capacity=w.parking_capacity,
                parking_available=w.parking_available,
            )
            for w in result.windows
        ],
        peak=peak_out(info.peak),
        reservation_required=result.reservation_required,
        parking_available=sum(w.parking_available for w in result.windows),
    )


def open_day_out(day: OpenDay) -> CemeteryOpenDayOut:
    """One day of the open-days list."""
    return CemeteryOpenDayOut(
        date=day.info.day,
        open=day.info.open,
        available=day.available if day.info.open else 0,
        provisional=False,
        peak=peak_out(day.info.peak),
        reservation_required=day.reservation_required,
    )


def reservation_out(booking: Booking, service: TombService) -> ReservationOut:
    """A reservation with masked names, ID number, phone and plate."""
    r, cemetery = booking.reservation, booking.cemetery
    personal = service.unseal(r)
    return ReservationOut(
        reference=r.reference,
        status=r.status,
        cemetery=ReservationCemeteryOut(
            id=cemetery.id,
            name=cemetery.name,
            address=cemetery.address,
            hours=cemetery.hours,
            sample=cemetery.sample,
        ),
        date=r.day,
        start_time=r.start_time,
        end_time=r.end_time,
        visitors=r.visitors,
        booker=PartyOut(
            name_masked=mask_name(personal.booker_name),
            id_masked=mask_id_number(personal.booker_id),
        ),
        deceased_name_masked=mask_name(personal.deceased_name),
        phone_masked=mask_phone(personal.phone),
        plot_number=r.plot_number,
        plate_masked=mask_plate(personal.plate) if personal.plate else None,
        peak=peak_out(service.schedule.peak(r.day)),
        entry_rules=service.entry_rules(cemetery, personal.plate if r.status == "booked" else None),
        created_at=as_china_time(r.created_at),
    )
