"""Idempotency keys in Stripe's model, for any service's write endpoints.

The first result (status and body) for a key is stored in the same transaction as the work
it describes and replayed for every later request with that key; the same key with
different parameters is refused with ``idempotency_conflict``. A concurrent request with the
same key waits on the key's primary key and then replays the stored result, so one key never
makes two bookings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Integer, String, Text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.db import Base, Database

_KEY_SHAPE = re.compile(r"^[\x21-\x7e]{1,255}$")


class IdempotencyRecord(Base):
    """The stored first result for one (scope, key)."""

    __tablename__ = "idempotency_key"

    scope: str = Column(String(100), primary_key=True)
    key: str = Column(String(255), primary_key=True)
    fingerprint: str = Column(String(64), nullable=False)
    status: int = Column(Integer, nullable=False)
    body: str = Column(Text, nullable=False)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False)


@dataclass(frozen=True)
class StoredResult:
    """An HTTP status with its JSON body, as stored for replay."""

    status: int
    body: dict[str, Any]


class IdempotencyConflict(Exception):
    """The key was used before with different parameters."""


def is_valid_key(key: str) -> bool:
    """Keys are 1–255 printable ASCII characters without spaces."""
    return bool(_KEY_SHAPE.match(key))


def fingerprint(payload: Any, digest: Callable[[str], str]) -> str:
    """A stable keyed hash of the request parameters (JSON with sorted keys, ASCII-escaped).

    ``digest`` is a keyed hash (the sealer's): the parameters hold ID and phone numbers, and
    a plain hash of them could be reversed by trying every number.
    """
    return digest(json.dumps(payload, sort_keys=True, ensure_ascii=True, default=str))


def _replay(record: IdempotencyRecord, request_fingerprint: str) -> StoredResult:
    if record.fingerprint != request_fingerprint:
        raise IdempotencyConflict()
    return StoredResult(status=record.status, body=json.loads(record.body))


def _stored(db: Database, scope: str, key: str, request_fingerprint: str) -> StoredResult:
    with db.read() as session:
        record = session.get(IdempotencyRecord, (scope, key))
        if record is None:  # pragma: no cover - only after a rolled-back concurrent winner
            raise LookupError("idempotency record vanished")
        return _replay(record, request_fingerprint)


def run_idempotent(
    db: Database,
    *,
    scope: str,
    key: str | None,
    request_fingerprint: str,
    now: Callable[[], datetime],
    work: Callable[[Session], StoredResult],
    failure_result: Callable[[Exception], StoredResult | None],
) -> StoredResult:
    """Run ``work`` in one write transaction, at most once per (scope, key).

    Args:
        db: the database.
        scope: what the key is for, e.g. ``marriage.create``.
        key: the client's ``Idempotency-Key``; None runs ``work`` without any bookkeeping.
        request_fingerprint: keyed hash of the parameters (see :func:`fingerprint`).
        now: the clock's ``now``.
        work: does the writes and returns the result to store.
        failure_result: turns a domain error raised by ``work`` into a result to store and
            replay (e.g. a 409 "已约满"); None means "do not store, re-raise" (unexpected errors).

    Raises:
        IdempotencyConflict: the key was used with other parameters.
    """
    if key is None:
        try:
            with db.write() as session:
                return work(session)
        except Exception as exc:
            result = failure_result(exc)
            if result is None:
                raise
            return result

    try:
        with db.write() as session:
            record = session.get(IdempotencyRecord, (scope, key))
            if record is not None:
                return _replay(record, request_fingerprint)
            # Claim the key first: a concurrent request with the same key blocks here (or
            # fails on the primary key) until this transaction ends, then replays.
            record = IdempotencyRecord(
                scope=scope,
                key=key,
                fingerprint=request_fingerprint,
                status=0,
                body="{}",
                created_at=now(),
            )
            session.add(record)
            try:
                session.flush()
            except IntegrityError:
                raise _KeyTaken() from None
            result = work(session)
            record.status = result.status
            record.body = json.dumps(result.body, ensure_ascii=False)
            return result
    except _KeyTaken:
        return _stored(db, scope, key, request_fingerprint)
    except IdempotencyConflict:
        raise
    except Exception as exc:
        result = failure_result(exc)
        if result is None:
            raise
        return _store_failure(db, scope, key, request_fingerprint, now, result)


def _store_failure(
    db: Database,
    scope: str,
    key: str,
    request_fingerprint: str,
    now: Callable[[], datetime],
    result: StoredResult,
) -> StoredResult:
    try:
        with db.write() as session:
            existing = session.get(IdempotencyRecord, (scope, key))
            if existing is not None:
                return _replay(existing, request_fingerprint)
            session.add(
                IdempotencyRecord(
                    scope=scope,
                    key=key,
                    fingerprint=request_fingerprint,
                    status=result.status,
                    body=json.dumps(result.body, ensure_ascii=False),
                    created_at=now(),
                )
            )
    except IntegrityError:
        return _stored(db, scope, key, request_fingerprint)
    return result


class _KeyTaken(Exception):
    """Another transaction holds (or has committed) this key."""
