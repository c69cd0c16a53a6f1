"""What every booking client offers the shared scheduling step (place → day → window)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from contracts.base import BookingWindowOut, DayStatusOut, OpenDayOut, PlaceOut


class ScheduleClient(Protocol):
    """The read side of a booking service: its places, a day's windows, its open days."""

    async def places(self, city: str | None = None) -> list[PlaceOut]:
        """Every place (office, cemetery, …), or those of one city."""
        ...

    async def day(self, place_id: str, day: date) -> DayStatusOut:
        """Whether ``place_id`` takes bookings on ``day``, and its windows with free capacity."""
        ...

    async def open_days(
        self, place_id: str, start: date, days: int = 14
    ) -> tuple[BookingWindowOut, list[OpenDayOut]]:
        """The bookable window, and the place's calendar from ``start`` with free capacity."""
        ...
