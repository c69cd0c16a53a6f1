"""The booking rules directly on the service, against a real SQLite file (or PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest
from marriage_testdata import make_id
from sqlalchemy import func, select, update

from backend.capacity import new_reference
from backend.clock import FixedDateClock
from backend.db import Database
from backend.marriage.errors import BookingError
from backend.marriage.models import Appointment, Office, PersonLock, Slot
from backend.marriage.runtime import DEFAULT_DATA_FILE
from backend.marriage.sample_data import load_data_file, seed_offices
from backend.marriage.schedule import Schedule
from backend.marriage.service import CreateRequest, MarriageService
from backend.marriage.validation import PartyInput
from backend.migrate import upgrade
from civic.sealing import Sealer, new_secret

TODAY = date(2026, 11, 23)
SEALER = Sealer(new_secret(), "backend")
DAY = date(2026, 11, 25)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.connect(db_url)
    upgrade(database.engine)
    with database.write() as session:
        seed_offices(session, load_data_file(DEFAULT_DATA_FILE))
    yield database
    database.dispose()


@pytest.fixture
def schedule() -> Schedule:
    return Schedule(load_data_file(DEFAULT_DATA_FILE).schedule, 30)


def request(i: int, kind: str = "marriage", start: str = "09:00", day: date = DAY) -> CreateRequest:
    return CreateRequest(
        type=kind,  # type: ignore[arg-type]
        office_id="gz-tianhe",
        day=day,
        start_time=start,
        party1=PartyInput("孙悟", make_id(date(1990, 1, 1 + i % 28), True, serial=2000 + i)),
        party2=PartyInput("周敏", make_id(date(1992, 2, 1 + i % 28), False, serial=2000 + i))
        if kind != "reissue"
        else None,
        phone=f"137{i:08d}",
    )


def book(db: Database, schedule: Schedule, req: CreateRequest) -> str:
    with db.write() as session:
        return (
            MarriageService(session, FixedDateClock(TODAY), schedule, SEALER)
            .create(req)
            .appointment.reference
        )


def test_threads_with_separate_sessions_never_exceed_capacity(
    db: Database, schedule: Schedule
) -> None:
    with db.write() as session:
        session.execute(update(Office).where(Office.id == "gz-tianhe").values(slot_capacity=5))
    outcomes: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(30)

    def worker(i: int) -> None:
        barrier.wait()
        try:
            book(db, schedule, request(i))
            result = "booked"
        except BookingError as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count("booked") == 5
    assert outcomes.count("slot_full") == 25
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(Appointment)).scalar_one() == 5
        assert (
            session.execute(select(Slot.booked).where(Slot.start_time == "09:00")).scalar_one() == 5
        )
        assert session.execute(select(func.count()).select_from(PersonLock)).scalar_one() == 10


def test_full_slot_rolls_back_the_whole_booking(db: Database, schedule: Schedule) -> None:
    with db.write() as session:
        session.execute(update(Office).where(Office.id == "gz-tianhe").values(slot_capacity=1))
    book(db, schedule, request(1))
    with pytest.raises(BookingError) as err:
        book(db, schedule, request(2))
    assert err.value.code == "slot_full"
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(Appointment)).scalar_one() == 1
        assert session.execute(select(func.count()).select_from(PersonLock)).scalar_one() == 2


def test_slot_rows_are_created_once_per_day(db: Database, schedule: Schedule) -> None:
    book(db, schedule, request(1, start="09:00"))
    book(db, schedule, request(2, start="16:00"))
    with db.read() as session:
        rows = [
            (r.start_time, r.booked)
            for r in session.execute(select(Slot).where(Slot.day == DAY)).scalars()
        ]
    assert sorted(start for start, _ in rows) == [
        "09:00",
        "10:00",
        "11:00",
        "14:00",
        "15:00",
        "16:00",
    ]
    assert sum(booked for _, booked in rows) == 2


def test_special_day_slots_get_the_special_quota(db: Database, schedule: Schedule) -> None:
    clock = FixedDateClock(date(2026, 5, 10))
    req = request(3, day=date(2026, 5, 20))
    with db.write() as session:
        MarriageService(session, clock, schedule, SEALER).create(req)
    with db.read() as session:
        capacity = session.execute(
            select(Slot.capacity).where(Slot.day == date(2026, 5, 20), Slot.start_time == "09:00")
        ).scalar_one()
    assert capacity == 20


def test_reference_format(db: Database) -> None:
    with db.read() as session:
        ref = new_reference(session, Appointment.reference, "HY", date(2026, 11, 24))
        refs = {new_reference(session, Appointment.reference, "HY", TODAY) for _ in range(200)}
    assert ref.startswith("HY261124") and len(ref) == 13
    assert set(ref[8:]) <= set("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    assert len(refs) > 190
