"""Race-free building blocks for bookable capacity, shared by every booking service.

- :func:`insert_missing` creates rows (e.g. a day's time windows) with insert-on-conflict-
  do-nothing, so two first bookings of a day cannot both create them.
- :func:`take` / :func:`give_back` change a counter with one conditional ``UPDATE``; 0 rows
  updated means "full". Neither relies on row locks (SQLite ignores ``FOR UPDATE``), so the
  same code is correct on SQLite and PostgreSQL.
- :func:`new_reference` draws an unused booking reference.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
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
