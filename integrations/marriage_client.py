"""Typed async client for the backend's marriage-registration appointment API."""

from __future__ import annotations

from datetime import date

from contracts.base import BookingWindowOut, CancelIn, LookupIn
from contracts.marriage import (
    AppointmentEnvelope,
    AppointmentOut,
    CreateAppointmentIn,
    DaySlotsOut,
    MarriageOpenDayOut,
    OfficeListOut,
    OfficeOut,
    OpenDaysOut,
    RescheduleIn,
)
from integrations.http import JsonHttp


class MarriageClient:
    """Calls ``/api/marriage/*``; implements :class:`integrations.scheduling.ScheduleClient`.

    Raises ``BackendError`` (4xx, with the backend's code and Chinese message) or
    ``BackendUnavailable`` (time-out, connection refused, 5xx, broken contract).
    """

    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    async def places(self, city: str | None = None) -> list[OfficeOut]:
        """All offices, or those of one city."""
        params = {"city": city} if city else None
        body = await self._http.call(
            OfficeListOut, "GET", "/api/marriage/offices", params=params, idempotent=True
        )
        return body.offices

    async def day(self, place_id: str, day: date) -> DaySlotsOut:
        """Opening and free slots of an office on a day."""
        return await self._http.call(
            DaySlotsOut,
            "GET",
            f"/api/marriage/offices/{place_id}/slots",
            params={"date": day.isoformat()},
            idempotent=True,
        )

    async def open_days(
        self, place_id: str, start: date, days: int = 14
    ) -> tuple[BookingWindowOut, list[MarriageOpenDayOut]]:
        """The bookable window and the office's calendar from ``start`` for ``days`` days."""
        body = await self._http.call(
            OpenDaysOut,
            "GET",
            f"/api/marriage/offices/{place_id}/open-days",
            params={"from": start.isoformat(), "days": str(days)},
            idempotent=True,
        )
        return body.window, body.days

    async def book(
        self, request: CreateAppointmentIn, idempotency_key: str, patience: float
    ) -> AppointmentOut:
        """Create the appointment; after a time-out, ask again with the same key.

        Raises:
            OutcomeUnknown: still no answer after ``patience`` seconds.
        """
        body = await self._http.call_until_known(
            AppointmentEnvelope,
            "POST",
            "/api/marriage/appointments",
            json=request.dict(),
            idempotency_key=idempotency_key,
            patience=patience,
        )
        return body.appointment

    async def lookup(self, reference: str, phone: str) -> AppointmentOut:
        """Find an appointment by reference number and phone."""
        body = await self._http.call(
            AppointmentEnvelope,
            "POST",
            "/api/marriage/appointments/lookup",
            json=LookupIn(reference=reference, phone=phone).dict(),
            idempotent=True,
        )
        return body.appointment

    async def cancel(self, reference: str, phone: str) -> AppointmentOut:
        """Cancel an appointment (a second cancel is a ``BackendError`` 409)."""
        body = await self._http.call(
            AppointmentEnvelope,
            "POST",
            f"/api/marriage/appointments/{reference}/cancel",
            json=CancelIn(phone=phone).dict(),
            idempotent=True,
        )
        return body.appointment

    async def reschedule(
        self, reference: str, phone: str, day: date, start_time: str, idempotency_key: str
    ) -> AppointmentOut:
        """Move an appointment to another day and slot, all or nothing."""
        body = await self._http.call(
            AppointmentEnvelope,
            "POST",
            f"/api/marriage/appointments/{reference}/reschedule",
            json=RescheduleIn(phone=phone, date=day.isoformat(), start_time=start_time).dict(),
            headers={"Idempotency-Key": idempotency_key},
            idempotent=True,
        )
        return body.appointment
