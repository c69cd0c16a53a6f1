"""Race-free building blocks for bookable capacity, shared by every booking service.

- :func:`insert_missing` creates rows (e.g. a day's time windows) with insert-on-conflict-
  do-nothing, so two first bookings of a day cannot both create them.
- :func:`take` / :func:`give_back` change a counter with one conditional ``UPDATE``; 0 rows
  updated means "full". Neither relies on row locks (SQLite ignores ``FOR UPDATE``), so the
  same code is correct on SQLite and PostgreSQL.
- :func:`claim` inserts a row whose primary key stands for a rule ("one active booking per
  person"), so the database, not a check-then-insert, refuses the second one.
- :func:`cancel_once` moves a booking from booked to cancelled exactly once.
- :func:`new_reference` draws an unused booking reference.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def insert_missing(
    session: Session, model: Any, rows: Sequence[dict[str, Any]], keys: Sequence[str]
) -> None:
    """Insert ``rows`` into ``model``'s table, skipping those whose unique ``keys`` exist."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        insert = sqlite_insert if dialect == "sqlite" else pg_insert
        session.execute(
            insert(model).values(list(rows)).on_conflict_do_nothing(index_elements=keys)
        )
        return
    for row in rows:  # pragma: no cover - other databases: one savepoint per row
        try:
            with session.begin_nested():
                session.add(model(**row))
        except IntegrityError:
            pass


def take(session: Session, column: Any, limit: Any, where: Any, amount: int = 1) -> bool:
    """Add ``amount`` to ``column`` where ``where`` holds, unless it would pass ``limit``.

    Example: ``take(session, Slot.booked, Slot.capacity, Slot.id == slot_id, 3)``.

    Returns:
        False when the row is full (nothing changed).
    """
    result = session.execute(
        update(column.class_)
        .where(where, column + amount <= limit)
        .values({column.key: column + amount})
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def give_back(session: Session, column: Any, where: Any, amount: int = 1) -> None:
    """Subtract ``amount`` from ``column`` (never below zero) where ``where`` holds."""
    session.execute(
        update(column.class_)
        .where(where, column >= amount)
        .values({column.key: column - amount})
        .execution_options(synchronize_session=False)
    )


def claim(session: Session, row: Any) -> bool:
    """Insert ``row`` in a savepoint; False (nothing inserted) when its key is taken.

    A concurrent transaction inserting the same key makes this one wait (PostgreSQL) or
    queue (SQLite, ``BEGIN IMMEDIATE``) and then fail on the key, never both succeed.
    """
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def cancel_once(session: Session, model: Any, row_id: int, now: datetime) -> bool:
    """Mark the booking ``row_id`` of ``model`` cancelled if it is still booked.

    ``model`` has ``id``, ``status``, ``cancelled_at`` and ``updated_at`` columns.

    Returns:
        False when it was not booked any more (cancelled before, or by a concurrent request):
        the caller must then give nothing back.
    """
    result = session.execute(
        update(model)
        .where(model.id == row_id, model.status == "booked")
        .values(status="cancelled", cancelled_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def new_reference(session: Session, column: Any, prefix: str, today: date) -> str:
    """An unused reference: ``prefix`` + yymmdd + 5 random characters (no 0/O/1/I)."""
    for _ in range(10):
        suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(5))
        reference = f"{prefix}{today:%y%m%d}{suffix}"
        taken = session.execute(
            select(func.count()).select_from(column.class_).where(column == reference)
        ).scalar_one()
        if not taken:
            return reference
    raise RuntimeError("could not draw an unused reference")  # pragma: no cover
