"""What every booking client shares: places, a day's windows, open days, look-up, cancel.

A service's client names its paths and contract models; the calls are written once here.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel

from contracts.base import BookingWindowOut, CancelIn, DayStatusOut, LookupIn, OpenDayOut
from integrations.http import JsonHttp


class BookingClient:
    """Typed calls on one service's API; implements ``integrations.scheduling.ScheduleClient``.

    Subclasses set the class attributes. Every method raises ``BackendError`` (4xx, with the
    backend's code and Chinese message) or ``BackendUnavailable`` (time-out, connection
    refused, 5xx, broken contract).

    Attributes:
        prefix: the service's URL prefix (``/api/marriage``).
        places_path: where its places are listed (``/offices``).
        places_model / places_field: the list's contract model and the field holding it.
        day_model / open_days_model: contract models of a day and of the open days.
        bookings_path: where its bookings live (``/appointments``).
        booking_model / booking_field: the envelope of one booking and its field.
    """

    prefix: ClassVar[str]
    places_path: ClassVar[str]
    places_model: ClassVar[type[BaseModel]]
    places_field: ClassVar[str]
    day_model: ClassVar[type[DayStatusOut]]
    open_days_model: ClassVar[type[BaseModel]]
    bookings_path: ClassVar[str]
    booking_model: ClassVar[type[BaseModel]]
    booking_field: ClassVar[str]

    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    async def places(self, city: str | None = None) -> list[Any]:
        """Every place of the service, or those of one city."""
        body = await self._http.call(
            self.places_model,
            "GET",
            self.prefix + self.places_path,
            params={"city": city} if city else None,
            idempotent=True,
        )
        return list(getattr(body, self.places_field))

    async def day(self, place_id: str, day: date) -> DayStatusOut:
        """Whether the place takes bookings on ``day``, and its windows with free capacity."""
        return await self._http.call(
            self.day_model,
            "GET",
            f"{self.prefix}{self.places_path}/{place_id}/slots",
            params={"date": day.isoformat()},
            idempotent=True,
        )

    async def open_days(
        self, place_id: str, start: date, days: int = 14
    ) -> tuple[BookingWindowOut, list[OpenDayOut]]:
        """The bookable window, and the place's calendar from ``start`` with free capacity."""
        body: Any = await self._http.call(
            self.open_days_model,
            "GET",
            f"{self.prefix}{self.places_path}/{place_id}/open-days",
            params={"from": start.isoformat(), "days": str(days)},
            idempotent=True,
        )
        return body.window, list(body.days)

    async def lookup(self, reference: str, phone: str) -> Any:
        """The booking for reference + phone."""
        return await self._booking(
            "lookup", LookupIn(reference=reference, phone=phone), idempotent=True
        )

    async def cancel(self, reference: str, phone: str) -> Any:
        """Cancel a booking (a second cancel is a ``BackendError`` 409)."""
        return await self._booking(f"{reference}/cancel", CancelIn(phone=phone), idempotent=True)

    async def create(self, request: BaseModel, idempotency_key: str, patience: float) -> Any:
        """Book; after a time-out, ask again with the same key (never a ghost booking).

        Raises:
            OutcomeUnknown: still no answer after ``patience`` seconds.
        """
        body = await self._http.call_until_known(
            self.booking_model,
            "POST",
            self.prefix + self.bookings_path,
            json=request.dict(),
            idempotency_key=idempotency_key,
            patience=patience,
        )
        return getattr(body, self.booking_field)

    async def _booking(
        self,
        action: str,
        payload: BaseModel,
        headers: dict[str, str] | None = None,
        idempotent: bool = False,
    ) -> Any:
        body = await self._http.call(
            self.booking_model,
            "POST",
            f"{self.prefix}{self.bookings_path}/{action}",
            json=payload.dict(),
            headers=headers,
            idempotent=idempotent,
        )
        return getattr(body, self.booking_field)
