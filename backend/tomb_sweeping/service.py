"""The tomb-sweeping reservation rules: booking window, peak quotas, parking, one
reservation per booker, cemetery and day.

Every method works in one unit of work (a session committed or rolled back by the caller).
People and parking spaces of a time window are taken with conditional UPDATEs
(:func:`backend.capacity.take`) in the booking transaction, and "one reservation per booker,
cemetery and day" is the primary key of ``tomb_booker_lock``; nothing relies on row locks,
so the same code is correct on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select
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
from backend.places import list_places
from backend.references import find_by_reference
from backend.tomb_sweeping import messages
from backend.tomb_sweeping.errors import TombError
from backend.tomb_sweeping.models import BookerLock, Cemetery, Reservation, Window
from backend.tomb_sweeping.schedule import (
    DayInfo,
    Schedule,
    reservation_required,
    window_quota,
)
from backend.tomb_sweeping.validation import ReservationInput, check_visitors, validate_visit
from backend.window import BookingWindow
from civic.masking import mask_plate
from civic.sealing import Sealer
from contracts.tomb_sweeping import REFERENCE_PATTERN

_REFERENCE = re.compile(REFERENCE_PATTERN)
REFERENCE_PREFIX = "JS"


@dataclass(frozen=True)
class WindowAvailability:
    """People and parking spaces of one time window on one day."""

    start: str
    end: str
    capacity: int
    available: int
    parking_capacity: int
    parking_available: int


@dataclass(frozen=True)
class CemeteryDay:
    """A day at a cemetery: open or why not, its peak, and its windows (empty when closed)."""

    cemetery: Cemetery
    info: DayInfo
    window: BookingWindow
    reservation_required: bool
    windows: list[WindowAvailability]


@dataclass(frozen=True)
class OpenDay:
    """One day of a cemetery's calendar with the people it can still take."""

    info: DayInfo
    available: int
    reservation_required: bool


@dataclass(frozen=True)
class Booking:
    """A reservation with its cemetery, for rendering."""

    reservation: Reservation
    cemetery: Cemetery


@dataclass(frozen=True)
class Unsealed:
    """A reservation's personal data, unsealed only to be masked."""

    booker_name: str
    booker_id: str
    phone: str
    deceased_name: str
    plate: str | None


class TombService:
    """The tomb-sweeping reservation rules over one unit of work."""

    def __init__(
        self,
        session: Session,
        clock: Clock,
        schedule: Schedule,
        sealer: Sealer,
        default_max_visitors: int,
    ) -> None:
        self.session = session
        self.clock = clock
        self.schedule = schedule
        self.sealer = sealer
        self.default_max_visitors = default_max_visitors

    # ---- cemeteries ----------------------------------------------------------------------

    def list_cemeteries(self, city: str | None = None) -> list[Cemetery]:
        """Cemeteries ordered by city and id, optionally of one city (``深圳`` or ``深圳市``)."""
        return list_places(self.session, Cemetery, city)

    def get_cemetery(self, cemetery_id: str) -> Cemetery:
        """The cemetery, or ``cemetery_not_found``."""
        cemetery = self.session.get(Cemetery, cemetery_id) if cemetery_id else None
        if cemetery is None:
            raise TombError("cemetery_not_found", messages.CEMETERY_NOT_FOUND, "cemetery_id")
        return cemetery

    def max_visitors(self, cemetery: Cemetery) -> int:
        """People per reservation at ``cemetery`` (its own limit, else the service default)."""
        return cemetery.max_visitors or self.default_max_visitors

    def entry_rules(self, cemetery: Cemetery, plate: str | None) -> list[str]:
        """The cemetery's own entry rules, else the general ones; plus the parking rule."""
        rules = json.loads(cemetery.entry_rules) if cemetery.entry_rules else None
        result = list(rules or messages.ENTRY_RULES)
        if plate:
            result.append(messages.parking_rule(mask_plate(plate)))
        result.append(messages.ENTRY_RULES_NOTE)
        return result

    # ---- days ----------------------------------------------------------------------------

    def day(self, cemetery_id: str, day: date) -> CemeteryDay:
        """A day's status, peak and, when open, every window with free people and parking."""
        cemetery = self.get_cemetery(cemetery_id)
        today = self.clock.today()
        info = self.schedule.day_info(day, today)
        windows = self._availability(cemetery, [info])[day] if info.open else []
        return CemeteryDay(
            cemetery,
            info,
            self.schedule.window(today),
            reservation_required(cemetery.reservation, info.peak),
            windows,
        )

    def open_days(self, cemetery_id: str, start: date, days: int) -> list[OpenDay]:
        """Each day from ``start`` for ``days`` days, with the people it can still take."""
        cemetery = self.get_cemetery(cemetery_id)
        today = self.clock.today()
        infos = [self.schedule.day_info(start + timedelta(days=i), today) for i in range(days)]
        free = self._availability(cemetery, [info for info in infos if info.open])
        return [
            OpenDay(
                info,
                sum(w.available for w in free.get(info.day, [])),
                reservation_required(cemetery.reservation, info.peak),
            )
            for info in infos
        ]

    def _availability(
        self, cemetery: Cemetery, infos: list[DayInfo]
    ) -> dict[date, list[WindowAvailability]]:
        if not infos:
            return {}
        rows = self.session.execute(
            select(Window).where(
                Window.cemetery_id == cemetery.id, Window.day.in_([i.day for i in infos])
            )
        ).scalars()
        existing = {(row.day, row.start_time): row for row in rows}
        result: dict[date, list[WindowAvailability]] = {}
        for info in infos:
            quota = window_quota(cemetery.peak_quota, cemetery.off_peak_quota, info.peak)
            result[info.day] = []
            for start, end in self.schedule.window_times:
                row = existing.get((info.day, start))
                capacity = row.capacity if row else quota
                booked = row.booked if row else 0
                parking = row.parking_capacity if row else cemetery.parking_spaces
                parked = row.parking_booked if row else 0
                result[info.day].append(
                    WindowAvailability(
                        start,
                        end,
                        capacity,
                        max(capacity - booked, 0),
                        parking,
                        max(parking - parked, 0),
                    )
                )
        return result

    # ---- booking -------------------------------------------------------------------------

    def create(self, request: ReservationInput) -> Booking:
        """Reserve: validate, claim the booker's day, take people (and a parking space).

        Raises:
            TombError | InputError: the first rule that refuses the request.
        """
        today = self.clock.today()
        visit = validate_visit(request, today)
        cemetery = self.get_cemetery(request.cemetery_id)
        check_visitors(request.visitors, self.max_visitors(cemetery))
        window = self._bookable_window(cemetery, request.day, request.start_time)
        if visit.plate and cemetery.parking_spaces <= 0:
            raise TombError("parking_full", messages.no_parking(cemetery.name), "plate")
        now = self.clock.now().replace(microsecond=0)
        seal = self.sealer.seal
        reservation = Reservation(
            reference=new_reference(self.session, Reservation.reference, REFERENCE_PREFIX, today),
            status="booked",
            cemetery_id=cemetery.id,
            window_id=window.id,
            day=request.day,
            start_time=window.start_time,
            end_time=window.end_time,
            visitors=request.visitors,
            parking=visit.plate is not None,
            booker_name_sealed=seal(visit.booker_name),
            booker_id_sealed=seal(visit.booker_id.number),
            phone_sealed=seal(visit.phone),
            phone_digest=self.sealer.digest(visit.phone),
            deceased_name_sealed=seal(visit.deceased_name),
            plot_number=visit.plot_number,
            plate_sealed=seal(visit.plate) if visit.plate else None,
            created_at=now,
            updated_at=now,
        )
        self.session.add(reservation)
        self.session.flush()
        lock = BookerLock(
            key_hash=self._lock_key(visit.booker_id.number, cemetery.id, request.day),
            reservation_id=reservation.id,
        )
        if not claim(self.session, lock):
            raise TombError(
                "duplicate_active",
                messages.duplicate_active(cemetery.name, request.day),
                "booker.id_number",
            )
        self._take_people(cemetery, window, request.visitors)
        if visit.plate:
            self._take_parking(window)
        return Booking(reservation, cemetery)

    def _lock_key(self, id_number: str, cemetery_id: str, day: date) -> str:
        """The booker lock's key: a keyed digest, so the table holds no ID number."""
        return self.sealer.digest(f"tomb:{id_number}:{cemetery_id}:{day.isoformat()}")

    def _bookable_window(self, cemetery: Cemetery, day: date, start: str) -> Window:
        info = self.schedule.day_info(day, self.clock.today())
        if not info.open:
            raise TombError(info.closed_reason or "outside_window", info.message or "", "date")
        if self.schedule.end_time(start) is None:
            raise TombError("slot_not_found", messages.window_not_found(day, start), "start_time")
        self._ensure_windows(cemetery, info)
        return self.session.execute(
            select(Window).where(
                Window.cemetery_id == cemetery.id, Window.day == day, Window.start_time == start
            )
        ).scalar_one()

    def _ensure_windows(self, cemetery: Cemetery, info: DayInfo) -> None:
        """Create the day's window rows if missing, race-free."""
        quota = window_quota(cemetery.peak_quota, cemetery.off_peak_quota, info.peak)
        rows = [
            {
                "cemetery_id": cemetery.id,
                "day": info.day,
                "start_time": start,
                "end_time": end,
                "capacity": quota,
                "booked": 0,
                "parking_capacity": cemetery.parking_spaces,
                "parking_booked": 0,
            }
            for start, end in self.schedule.window_times
        ]
        insert_missing(self.session, Window, rows, ["cemetery_id", "day", "start_time"])

    def _take_people(self, cemetery: Cemetery, window: Window, visitors: int) -> None:
        """One conditional UPDATE: 0 rows means the window cannot take ``visitors`` more."""
        if take(self.session, Window.booked, Window.capacity, Window.id == window.id, visitors):
            return
        left = self.session.execute(
            select(Window.capacity - Window.booked).where(Window.id == window.id)
        ).scalar_one()
        raise TombError(
            "slot_full",
            messages.slot_full(
                window.day,
                window.start_time,
                window.end_time,
                left,
                cemetery.proxy_worship,
                cemetery.online_worship,
            ),
            "start_time",
        )

    def _take_parking(self, window: Window) -> None:
        if not take(
            self.session, Window.parking_booked, Window.parking_capacity, Window.id == window.id
        ):
            raise TombError(
                "parking_full",
                messages.parking_full(window.day, window.start_time, window.end_time),
                "plate",
            )

    # ---- after booking -------------------------------------------------------------------

    def find(self, reference: str, phone: str) -> Booking:
        """The reservation for ``reference`` if ``phone`` matches; else ``not_found``.

        A wrong phone and a missing reference give the same error, so nothing leaks.
        """
        reservation = find_by_reference(
            self.session, Reservation, _REFERENCE, reference, phone, self.sealer
        )
        if reservation is None:
            raise TombError("not_found", shared_messages.NOT_FOUND, None)
        return Booking(reservation, self.session.get(Cemetery, reservation.cemetery_id))

    def cancel(self, reference: str, phone: str) -> Booking:
        """Cancel: give back the people, the parking space and the booker's day, at once."""
        booking = self.find(reference, phone)
        reservation = booking.reservation
        if reservation.status == "cancelled":
            raise TombError("already_cancelled", shared_messages.ALREADY_CANCELLED, None)
        if reservation.day < self.clock.today():
            raise TombError("reservation_past", messages.RESERVATION_PAST, None)
        now = self.clock.now()
        if not cancel_once(
            self.session, Reservation, reservation.id, now
        ):  # a concurrent cancel won
            raise TombError("already_cancelled", shared_messages.ALREADY_CANCELLED, None)
        where = Window.id == reservation.window_id
        give_back(self.session, Window.booked, where, reservation.visitors)
        if reservation.parking:
            give_back(self.session, Window.parking_booked, where)
        self.session.execute(delete(BookerLock).where(BookerLock.reservation_id == reservation.id))
        self.session.refresh(reservation)
        return booking

    def unseal(self, reservation: Reservation) -> Unsealed:
        """The reservation's personal data, for masking."""
        unseal = self.sealer.unseal
        return Unsealed(
            booker_name=unseal(reservation.booker_name_sealed),
            booker_id=unseal(reservation.booker_id_sealed),
            phone=unseal(reservation.phone_sealed),
            deceased_name=unseal(reservation.deceased_name_sealed),
            plate=unseal(reservation.plate_sealed) if reservation.plate_sealed else None,
        )
