"""Places that take bookings (offices, cemeteries): their common columns, seeding them from a
data file and listing them by city."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Boolean, Column, String, select
from sqlalchemy.orm import Session


class PlaceColumns:
    """The columns every place table has (the public record of ``contracts.base.PlaceOut``).

    A service's place model inherits it next to ``Base`` and adds its own columns.
    """

    id: str = Column(String(40), primary_key=True)
    name: str = Column(String(100), nullable=False)
    city: str = Column(String(40), nullable=False, index=True)
    district: str = Column(String(40), nullable=False)
    address: str = Column(String(200), nullable=False)
    hours: str = Column(String(200), nullable=False)
    phone: str | None = Column(String(40), nullable=True)
    sample: bool = Column(Boolean, nullable=False, default=False)


def city_key(city: str) -> str:
    """How cities are stored: ``" 深圳市 "`` -> ``"深圳"``."""
    return city.strip().removesuffix("市")


def list_places(session: Session, model: Any, city: str | None = None) -> list[Any]:
    """Places ordered by city and id, optionally of one city (``深圳`` or ``深圳市``)."""
    query = select(model).order_by(model.city, model.id)
    if city and city.strip():
        query = query.where(model.city == city_key(city))
    return list(session.execute(query).scalars())


def upsert_places(session: Session, model: Any, records: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update one row of ``model`` per record (matched by ``id``); returns count."""
    count = 0
    for record in records:
        row = session.get(model, record["id"]) or model(id=record["id"])
        for name, value in record.items():
            setattr(row, name, value)
        session.add(row)
        count += 1
    return count
