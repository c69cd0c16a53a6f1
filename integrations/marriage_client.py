"""Typed async client for the backend's marriage-registration appointment API."""

from __future__ import annotations

from datetime import date

from contracts.marriage import (
    AppointmentEnvelope,
    AppointmentOut,
    DaySlotsOut,
    OfficeListOut,
    OpenDaysOut,
    RescheduleIn,
)
from integrations.booking_client import BookingClient


class MarriageClient(BookingClient):
    """Calls ``/api/marriage/*`` (offices, slots, appointments)."""

    prefix = "/api/marriage"
    places_path = "/offices"
    places_model = OfficeListOut
    places_field = "offices"
    day_model = DaySlotsOut
    open_days_model = OpenDaysOut
    bookings_path = "/appointments"
    booking_model = AppointmentEnvelope
    booking_field = "appointment"

    async def reschedule(
        self, reference: str, phone: str, day: date, start_time: str, idempotency_key: str
    ) -> AppointmentOut:
        """Move an appointment to another day and slot, all or nothing."""
        return await self._booking(
            f"{reference}/reschedule",
            RescheduleIn(phone=phone, date=day.isoformat(), start_time=start_time),
            headers={"Idempotency-Key": idempotency_key},
            idempotent=True,
        )
