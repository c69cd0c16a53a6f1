"""Typed async client for the backend's marriage-registration appointment API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from integrations.http import HttpSettings, JsonHttp


@dataclass(frozen=True)
class Office:
    """A marriage registration office (婚姻登记处)."""

    id: str
    name: str
    city: str
    district: str
    address: str
    hours: str
    sample: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Office:
        return cls(
            id=data["id"],
            name=data["name"],
            city=data.get("city", ""),
            district=data.get("district", ""),
            address=data.get("address", ""),
            hours=data.get("hours", ""),
            sample=bool(data.get("sample", False)),
        )


@dataclass(frozen=True)
class Slot:
    """One bookable hour on one day."""

    start: str
    end: str
    capacity: int
    available: int


@dataclass(frozen=True)
class DaySlots:
    """Whether an office is open on a day, and its slots."""

    office_id: str
    day: date
    open: bool
    closed_reason: str | None
    message: str | None
    special_day: str | None
    provisional: bool
    slots: list[Slot]

    @property
    def free_slots(self) -> list[Slot]:
        return [s for s in self.slots if s.available > 0]


@dataclass(frozen=True)
class OpenDay:
    """A day in the office's calendar with its total free seats."""

    day: date
    open: bool
    available: int
    special_day: str | None
    provisional: bool


@dataclass(frozen=True)
class Party:
    """One party of an appointment, as the backend shows it (masked)."""

    name_masked: str
    id_masked: str


@dataclass(frozen=True)
class Appointment:
    """A booking as the backend returns it: personal data masked."""

    reference: str
    status: str
    type: str
    type_label: str
    office: Office
    day: date
    start_time: str
    end_time: str
    party1: Party
    party2: Party | None
    phone_masked: str
    materials: list[str]
    notice: str | None
    provisional: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Appointment:
        party2 = data.get("party2")
        office = dict(data["office"])
        office.setdefault("city", "")
        office.setdefault("district", "")
        return cls(
            reference=data["reference"],
            status=data["status"],
            type=data["type"],
            type_label=data.get("type_label", ""),
            office=Office.from_json(office),
            day=date.fromisoformat(data["date"]),
            start_time=data["start_time"],
            end_time=data["end_time"],
            party1=Party(data["party1"]["name_masked"], data["party1"]["id_masked"]),
            party2=Party(party2["name_masked"], party2["id_masked"]) if party2 else None,
            phone_masked=data.get("phone_masked", ""),
            materials=list(data.get("materials") or []),
            notice=data.get("notice"),
            provisional=bool(data.get("provisional", False)),
        )


@dataclass(frozen=True)
class BookingRequest:
    """Everything the backend needs to book an appointment."""

    type: str
    office_id: str
    day: date
    start_time: str
    party1_name: str
    party1_id: str
    party2_name: str | None
    party2_id: str | None
    phone: str

    def to_json(self) -> dict[str, Any]:
        party2 = (
            {"name": self.party2_name, "id_number": self.party2_id}
            if self.party2_name and self.party2_id
            else None
        )
        return {
            "type": self.type,
            "office_id": self.office_id,
            "date": self.day.isoformat(),
            "start_time": self.start_time,
            "party1": {"name": self.party1_name, "id_number": self.party1_id},
            "party2": party2,
            "phone": self.phone,
        }


class MarriageClient:
    """Calls ``/api/marriage/*`` on the civil-affairs backend.

    Raises ``BackendError`` (4xx, with the backend's code and Chinese message) or
    ``BackendUnavailable`` (time-out, connection refused, 5xx) from every method.
    """

    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    @classmethod
    def from_env(cls) -> MarriageClient:
        """A client configured from ``BACKEND_URL`` and friends."""
        return cls(JsonHttp(HttpSettings.from_env()))

    async def offices(self, city: str | None = None) -> list[Office]:
        """All offices, or those of one city."""
        params = {"city": city} if city else None
        body = await self._http.request(
            "GET", "/api/marriage/offices", params=params, idempotent=True
        )
        return [Office.from_json(o) for o in body.get("offices", [])]

    async def day_slots(self, office_id: str, day: date) -> DaySlots:
        """Opening and free slots of an office on a day."""
        body = await self._http.request(
            "GET",
            f"/api/marriage/offices/{office_id}/slots",
            params={"date": day.isoformat()},
            idempotent=True,
        )
        special = body.get("special_day")
        return DaySlots(
            office_id=office_id,
            day=day,
            open=bool(body.get("open")),
            closed_reason=body.get("closed_reason"),
            message=body.get("message"),
            special_day=special.get("name") if isinstance(special, dict) else None,
            provisional=bool(body.get("provisional", False)),
            slots=[
                Slot(s["start"], s["end"], int(s["capacity"]), int(s["available"]))
                for s in body.get("slots", [])
            ],
        )

    async def open_days(self, office_id: str, start: date, days: int = 14) -> list[OpenDay]:
        """The office's calendar from ``start`` for ``days`` days."""
        body = await self._http.request(
            "GET",
            f"/api/marriage/offices/{office_id}/open-days",
            params={"from": start.isoformat(), "days": str(days)},
            idempotent=True,
        )
        result = []
        for d in body.get("days", []):
            special = d.get("special_day")
            result.append(
                OpenDay(
                    day=date.fromisoformat(d["date"]),
                    open=bool(d.get("open")),
                    available=int(d.get("available", 0)),
                    special_day=special.get("name") if isinstance(special, dict) else special,
                    provisional=bool(d.get("provisional", False)),
                )
            )
        return result

    async def book(self, request: BookingRequest, idempotency_key: str) -> Appointment:
        """Create the appointment; safe to retry with the same ``idempotency_key``."""
        body = await self._http.request(
            "POST",
            "/api/marriage/appointments",
            json=request.to_json(),
            headers={"Idempotency-Key": idempotency_key},
            idempotent=True,
        )
        return Appointment.from_json(body["appointment"])

    async def lookup(self, reference: str, phone: str) -> Appointment:
        """Find an appointment by reference number and phone."""
        body = await self._http.request(
            "POST",
            "/api/marriage/appointments/lookup",
            json={"reference": reference, "phone": phone},
            idempotent=True,
        )
        return Appointment.from_json(body["appointment"])

    async def cancel(self, reference: str, phone: str) -> Appointment:
        """Cancel an appointment (a second cancel is a ``BackendError`` 409)."""
        body = await self._http.request(
            "POST",
            f"/api/marriage/appointments/{reference}/cancel",
            json={"phone": phone},
            idempotent=True,
        )
        return Appointment.from_json(body["appointment"])

    async def reschedule(
        self, reference: str, phone: str, day: date, start_time: str, idempotency_key: str
    ) -> Appointment:
        """Move an appointment to another day and slot, all or nothing."""
        body = await self._http.request(
            "POST",
            f"/api/marriage/appointments/{reference}/reschedule",
            json={"phone": phone, "date": day.isoformat(), "start_time": start_time},
            headers={"Idempotency-Key": idempotency_key},
            idempotent=True,
        )
        return Appointment.from_json(body["appointment"])
