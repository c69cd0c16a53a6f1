"""Typed async client for the backend's tomb-sweeping reservation API (祭扫预约)."""

from __future__ import annotations

from datetime import date

from contracts.base import BookingWindowOut, CancelIn, LookupIn
from contracts.tomb_sweeping import (
    CemeteryDayOut,
    CemeteryDetailOut,
    CemeteryListOut,
    CemeteryOpenDayOut,
    CemeteryOpenDaysOut,
    CemeteryOut,
    CreateReservationIn,
    ReservationEnvelope,
    ReservationOut,
)
from integrations.http import JsonHttp

PREFIX = "/api/tomb-sweeping"


class TombSweepingClient:
    """Calls ``/api/tomb-sweeping/*``; implements :class:`integrations.scheduling.ScheduleClient`.

    Raises ``BackendError`` (4xx, with the backend's code and Chinese message) or
    ``BackendUnavailable`` (time-out, connection refused, 5xx, broken contract).
    """

    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    async def places(self, city: str | None = None) -> list[CemeteryOut]:
        """All cemeteries and columbaria, or those of one city."""
        params = {"city": city} if city else None
        body = await self._http.call(
            CemeteryListOut, "GET", f"{PREFIX}/cemeteries", params=params, idempotent=True
        )
        return body.cemeteries

    async def cemetery(self, cemetery_id: str) -> CemeteryOut:
        """One cemetery."""
        body = await self._http.call(
            CemeteryDetailOut, "GET", f"{PREFIX}/cemeteries/{cemetery_id}", idempotent=True
        )
        return body.cemetery

    async def day(self, place_id: str, day: date) -> CemeteryDayOut:
        """A day at a cemetery: its windows (capacity in people), peak, parking."""
        return await self._http.call(
            CemeteryDayOut,
            "GET",
            f"{PREFIX}/cemeteries/{place_id}/slots",
            params={"date": day.isoformat()},
            idempotent=True,
        )

    async def open_days(
        self, place_id: str, start: date, days: int = 14
    ) -> tuple[BookingWindowOut, list[CemeteryOpenDayOut]]:
        """The bookable window and the cemetery's calendar from ``start``."""
        body = await self._http.call(
            CemeteryOpenDaysOut,
            "GET",
            f"{PREFIX}/cemeteries/{place_id}/open-days",
            params={"from": start.isoformat(), "days": str(days)},
            idempotent=True,
        )
        return body.window, body.days

    async def reserve(
        self, request: CreateReservationIn, idempotency_key: str, patience: float
    ) -> ReservationOut:
        """Create the reservation; after a time-out, ask again with the same key.

        Raises:
            OutcomeUnknown: still no answer after ``patience`` seconds.
        """
        body = await self._http.call_until_known(
            ReservationEnvelope,
            "POST",
            f"{PREFIX}/reservations",
            json=request.dict(),
            idempotency_key=idempotency_key,
            patience=patience,
        )
        return body.reservation

    async def lookup(self, reference: str, phone: str) -> ReservationOut:
        """Find a reservation by reference and phone."""
        body = await self._http.call(
            ReservationEnvelope,
            "POST",
            f"{PREFIX}/reservations/lookup",
            json=LookupIn(reference=reference, phone=phone).dict(),
            idempotent=True,
        )
        return body.reservation

    async def cancel(self, reference: str, phone: str) -> ReservationOut:
        """Cancel a reservation (frees its quota and parking)."""
        body = await self._http.call(
            ReservationEnvelope,
            "POST",
            f"{PREFIX}/reservations/{reference}/cancel",
            json=CancelIn(phone=phone).dict(),
            idempotent=True,
        )
        return body.reservation
