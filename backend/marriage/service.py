"""The marriage appointment rules: open days, capacity, one active booking per person.

Every function takes a SQLAlchemy session (one unit of work, committed or rolled back by the
caller) and the clock, so the rules can be exercised directly in tests. Capacity is enforced
by one conditional UPDATE in the booking transaction, and "one active appointment per person
and type" by the primary key of ``marriage_person_lock``; neither relies on row locks, so the
code is correct on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from backend import messages as shared_messages
from backend.capacity import (
    cancel_once,
    claim,
    give_back,
    insert_missing,
    new_reference,
    take,
)
from backend.clock import Clock
from backend.marriage import messages
from backend.marriage.errors import BookingError
from backend.marriage.models import Appointment, Office, PersonLock, Slot
from backend.marriage.schedule import DayInfo, Schedule
from backend.marriage.validation import (
    AppointmentType,
    Parties,
    PartyInput,
    check_marriage_age,
    validate_parties,
)
from backend.places import list_places
from backend.references import find_by_reference
from backend.validation import validate_phone
from backend.window import BookingWindow
from civic.sealing import Sealer
from contracts.marriage import REFERENCE_PATTERN

_REFERENCE = re.compile(REFERENCE_PATTERN)


@dataclass(frozen=True)
class CreateRequest:
    """A booking request, after type checks and date/time parsing."""

    type: AppointmentType
    office_id: str
    day: date
    start_time: str
    party1: PartyInput
    party2: PartyInput | None
    phone: str


@dataclass(frozen=True)
class SlotAvailability:
    """Seats of one slot on one day."""

    start: str
    end: str
    capacity: int
    available: int


@dataclass(frozen=True)
class DaySlots:
    """A day's status and its slots (empty when closed)."""

    office_id: str
    info: DayInfo
    window: BookingWindow
    slots: list[SlotAvailability]


@dataclass(frozen=True)
class Booking:
    """An appointment with its office, for rendering."""

    appointment: Appointment
    office: Office


class MarriageService:
    """The marriage appointment rules over one unit of work."""

    def __init__(self, session: Session, clock: Clock, schedule: Schedule, sealer: Sealer) -> None:
        self.session = session
        self.clock = clock
        self.schedule = schedule
        self.sealer = sealer

    def _id_key(self, id_number: str) -> str:
        """The key of an ID number in the per-person lock table (keyed digest)."""
        return self.sealer.digest(f"marriage:{id_number}")

    def parties(self, appointment: Appointment) -> list[tuple[str, str]]:
        """(name, ID number) of each party, unsealed for rendering or re-validation."""
        pairs = [(appointment.party1_name_sealed, appointment.party1_id_sealed)]
        if appointment.party2_id_sealed:
            pairs.append((appointment.party2_name_sealed or "", appointment.party2_id_sealed))
        return [(self.sealer.unseal(n), self.sealer.unseal(i)) for n, i in pairs]

    def phone(self, appointment: Appointment) -> str:
        """The appointment's phone number, unsealed."""
        return self.sealer.unseal(appointment.phone_sealed)

    # ---- offices and days ---------------------------------------------------------------

    def list_offices(self, city: str | None = None) -> list[Office]:
        """Offices ordered by city and id, optionally of one city (``深圳`` or ``深圳市``)."""
        return list_places(self.session, Office, city)

    def get_office(self, office_id: str) -> Office:
        """The office, or ``office_not_found``."""
        office = self.session.get(Office, office_id) if office_id else None
        if office is None:
            raise BookingError("office_not_found", messages.OFFICE_NOT_FOUND, "office_id")
        return office

    def day_slots(self, office_id: str, day: date) -> DaySlots:
        """A day's status and, when open, every slot with its free seats."""
        office = self.get_office(office_id)
        today = self.clock.today()
        info = self.schedule.day_info(day, today)
        slots: list[SlotAvailability] = []
        if info.open:
            slots = self._availability(office, [day])[day]
        return DaySlots(office.id, info, self.schedule.window(today), slots)

    def open_days(self, office_id: str, start: date, days: int) -> list[tuple[DayInfo, int]]:
        """Each day from ``start`` for ``days`` days, with its total free seats when open."""
        office = self.get_office(office_id)
        today = self.clock.today()
        infos = [self.schedule.day_info(start + timedelta(days=i), today) for i in range(days)]
        open_days = [info.day for info in infos if info.open]
        seats = self._availability(office, open_days) if open_days else {}
        return [(info, sum(s.available for s in seats.get(info.day, []))) for info in infos]

    def _availability(self, office: Office, days: list[date]) -> dict[date, list[SlotAvailability]]:
        rows = self.session.execute(
            select(Slot).where(Slot.office_id == office.id, Slot.day.in_(days))
        ).scalars()
        existing = {(row.day, row.start_time): row for row in rows}
        result: dict[date, list[SlotAvailability]] = {}
        for day in days:
            default = self.schedule.slot_capacity(
                office.slot_capacity, self.schedule.special_day(day)
            )
            result[day] = []
            for start, end in self.schedule.slot_times:
                row = existing.get((day, start))
                capacity = row.capacity if row else default
                booked = row.booked if row else 0
                result[day].append(
                    SlotAvailability(start, end, capacity, max(capacity - booked, 0))
                )
        return result

    # ---- booking ------------------------------------------------------------------------

    def create(self, request: CreateRequest) -> Booking:
        """Book a seat: validate, take the seat with a conditional update, write the booking.

        Raises:
            BookingError: the first rule that refuses the request.
        """
        today = self.clock.today()
        parties = validate_parties(request.type, request.party1, request.party2, today)
        phone = validate_phone(request.phone)
        office = self.get_office(request.office_id)
        slot = self._bookable_slot(office, request.day, request.start_time, request.type, parties)
        now = self.clock.now().replace(microsecond=0)
        appointment = Appointment(
            reference=new_reference(self.session, Appointment.reference, "HY", today),
            type=request.type,
            status="booked",
            office_id=office.id,
            slot_id=slot.id,
            day=request.day,
            start_time=slot.start_time,
            end_time=slot.end_time,
            party1_name_sealed=self.sealer.seal(parties.first.name),
            party1_id_sealed=self.sealer.seal(parties.first.id.number),
            party2_name_sealed=self.sealer.seal(parties.second.name) if parties.second else None,
            party2_id_sealed=self.sealer.seal(parties.second.id.number) if parties.second else None,
            phone_sealed=self.sealer.seal(phone),
            phone_digest=self.sealer.digest(phone),
            provisional=not self.schedule.calendar.is_official(request.day),
            created_at=now,
            updated_at=now,
        )
        self.session.add(appointment)
        self.session.flush()
        self._lock_people(appointment, parties)
        self._take_seat(slot)
        return Booking(appointment, office)

    def _bookable_slot(
        self, office: Office, day: date, start: str, kind: AppointmentType, parties: Parties
    ) -> Slot:
        info = self.schedule.day_info(day, self.clock.today())
        if info.closed_reason == "outside_window":
            raise BookingError("outside_window", info.message or "", "date")
        if not info.open:
            raise BookingError("office_closed", info.message or "", "date")
        end = self.schedule.end_time(start)
        if end is None:
            raise BookingError("slot_not_found", messages.slot_not_found(day, start), "start_time")
        check_marriage_age(kind, parties, day)
        self._ensure_slots(office, day, info)
        return self.session.execute(
            select(Slot).where(
                Slot.office_id == office.id, Slot.day == day, Slot.start_time == start
            )
        ).scalar_one()

    def _ensure_slots(self, office: Office, day: date, info: DayInfo) -> None:
        """Create the day's slot rows if missing, race-free."""
        capacity = self.schedule.slot_capacity(office.slot_capacity, info.special_day)
        rows = [
            {
                "office_id": office.id,
                "day": day,
                "start_time": start,
                "end_time": end,
                "capacity": capacity,
                "booked": 0,
            }
            for start, end in self.schedule.slot_times
        ]
        insert_missing(self.session, Slot, rows, ["office_id", "day", "start_time"])

    def _take_seat(self, slot: Slot) -> None:
        """One conditional UPDATE: 0 rows means the slot is full."""
        if not take(self.session, Slot.booked, Slot.capacity, Slot.id == slot.id):
            raise BookingError(
                "slot_full",
                messages.slot_full(slot.day, slot.start_time, slot.end_time),
                "start_time",
            )

    def _release_seat(self, slot_id: int) -> None:
        give_back(self.session, Slot.booked, Slot.id == slot_id)

    def _lock_people(self, appointment: Appointment, parties: Parties) -> None:
        """Claim one lock row per party; the primary key refuses a second active booking."""
        type_label = messages.TYPE_LABELS[appointment.type]
        for prefix, party in parties.all():
            lock = PersonLock(
                id_hash=self._id_key(party.id.number),
                type=appointment.type,
                appointment_id=appointment.id,
            )
            if not claim(self.session, lock):
                label = messages.party_label(prefix, appointment.type)
                raise BookingError(
                    "duplicate_active",
                    messages.duplicate_active(label, type_label),
                    f"{prefix}.id_number",
                )

    # ---- after booking ------------------------------------------------------------------

    def find(self, reference: str, phone: str) -> Booking:
        """The appointment for ``reference`` if ``phone`` matches; else ``not_found``.

        A wrong phone and a missing reference give the same error, so nothing leaks.
        """
        appointment = find_by_reference(
            self.session, Appointment, _REFERENCE, reference, phone, self.sealer
        )
        if appointment is None:
            raise BookingError("not_found", shared_messages.NOT_FOUND, None)
        return Booking(appointment, self.session.get(Office, appointment.office_id))

    def cancel(self, reference: str, phone: str) -> Booking:
        """Cancel: release the seat and the per-person locks in one transaction."""
        booking = self.find(reference, phone)
        appointment = booking.appointment
        if appointment.status == "cancelled":
            raise BookingError("already_cancelled", shared_messages.ALREADY_CANCELLED, None)
        self._refuse_past(appointment)
        now = self.clock.now()
        if not cancel_once(
            self.session, Appointment, appointment.id, now
        ):  # a concurrent cancel won
            raise BookingError("already_cancelled", shared_messages.ALREADY_CANCELLED, None)
        self._release_seat(appointment.slot_id)
        self.session.execute(delete(PersonLock).where(PersonLock.appointment_id == appointment.id))
        self.session.refresh(appointment)
        return booking

    def reschedule(self, reference: str, phone: str, day: date, start: str) -> Booking:
        """Move to another day/slot: take the new seat, release the old one, all or nothing."""
        booking = self.find(reference, phone)
        appointment = booking.appointment
        if appointment.status == "cancelled":
            raise BookingError("already_cancelled", messages.CANNOT_CHANGE_CANCELLED, None)
        self._refuse_past(appointment)
        stored = [PartyInput(name, number) for name, number in self.parties(appointment)]
        parties = validate_parties(
            appointment.type,
            stored[0],
            stored[1] if len(stored) > 1 else None,
            self.clock.today(),
        )
        new_slot = self._bookable_slot(booking.office, day, start, appointment.type, parties)
        if new_slot.id == appointment.slot_id:
            return booking
        old_slot_id = appointment.slot_id
        changed = self.session.execute(
            update(Appointment)
            .where(
                Appointment.id == appointment.id,
                Appointment.status == "booked",
                Appointment.slot_id == old_slot_id,
            )
            .values(
                slot_id=new_slot.id,
                day=day,
                start_time=new_slot.start_time,
                end_time=new_slot.end_time,
                provisional=not self.schedule.calendar.is_official(day),
                updated_at=self.clock.now(),
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed != 1:  # cancelled or moved by a concurrent request
            raise BookingError("concurrent_change", messages.CONCURRENT_CHANGE, None)
        self._take_seat(new_slot)
        self._release_seat(old_slot_id)
        self.session.refresh(appointment)
        return booking

    def _refuse_past(self, appointment: Appointment) -> None:
        if appointment.day < self.clock.today():
            raise BookingError("appointment_past", messages.APPOINTMENT_PAST, None)
