"""The booking window every booking service shares: tomorrow .. today + N days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from contracts.base import BookingWindowOut


@dataclass(frozen=True)
class BookingWindow:
    """The dates that may be booked: ``first`` (tomorrow) .. ``last``, inclusive."""

    first: date
    last: date

    @classmethod
    def ahead(cls, today: date, days: int) -> BookingWindow:
        """Tomorrow .. today + ``days`` (``days`` >= 1)."""
        return cls(today + timedelta(days=1), today + timedelta(days=days))

    @property
    def days(self) -> int:
        """How many days ahead may be booked."""
        return (self.last - self.first).days + 1

    def contains(self, day: date) -> bool:
        """True when ``day`` may be booked."""
        return self.first <= day <= self.last

    def opens_on(self, day: date) -> date:
        """The first day on which ``day`` can be booked (``days`` days before it)."""
        return day - timedelta(days=self.days)


def window_out(window: BookingWindow) -> BookingWindowOut:
    """The booking window as the contract shows it."""
    return BookingWindowOut(first=window.first, last=window.last)
