"""Typed async client for the backend's tomb-sweeping reservation API (祭扫预约)."""

from __future__ import annotations

from contracts.tomb_sweeping import (
    CemeteryDayOut,
    CemeteryDetailOut,
    CemeteryListOut,
    CemeteryOpenDaysOut,
    CemeteryOut,
    ReservationEnvelope,
)
from integrations.booking_client import BookingClient


class TombSweepingClient(BookingClient):
    """Calls ``/api/tomb-sweeping/*`` (cemeteries, windows, reservations)."""

    prefix = "/api/tomb-sweeping"
    places_path = "/cemeteries"
    places_model = CemeteryListOut
    places_field = "cemeteries"
    day_model = CemeteryDayOut
    open_days_model = CemeteryOpenDaysOut
    bookings_path = "/reservations"
    booking_model = ReservationEnvelope
    booking_field = "reservation"

    async def cemetery(self, cemetery_id: str) -> CemeteryOut:
        """One cemetery (its parking, party limit, 网络祭扫 / 代祭)."""
        body = await self._http.call(
            CemeteryDetailOut,
            "GET",
            f"{self.prefix}{self.places_path}/{cemetery_id}",
            idempotent=True,
        )
        return body.cemetery
