"""Tables of the tomb-sweeping reservation service (祭扫预约)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)

from backend.db import Base
from backend.places import PlaceColumns


class Cemetery(PlaceColumns, Base):
    """A cemetery (公墓) or columbarium (骨灰堂) that takes reservations."""

    __tablename__ = "tomb_cemetery"

    kind: str = Column(String(16), nullable=False)  # cemetery | columbarium
    reservation: str = Column(String(16), nullable=False)  # always | peak_only
    proxy_worship: bool = Column(Boolean, nullable=False, default=False)
    online_worship: bool = Column(Boolean, nullable=False, default=False)
    online_url: str | None = Column(String(300), nullable=True)
    # People per time window on peak and ordinary days; parking spaces per window (0: none).
    peak_quota: int = Column(Integer, nullable=False)
    off_peak_quota: int = Column(Integer, nullable=False)
    parking_spaces: int = Column(Integer, nullable=False, default=0)
    # Visitors per reservation; None: the service default (TOMB_MAX_VISITORS).
    max_visitors: int | None = Column(Integer, nullable=True)
    # JSON list of entry rules replacing the general ones; None: the general ones.
    entry_rules: str | None = Column(Text, nullable=True)


class Window(Base):
    """One time window of a cemetery on a day: people and parking spaces, never overbooked.

    Rows are created on the first reservation for the day (insert-on-conflict-do-nothing on
    the unique key), so reading availability never writes.
    """

    __tablename__ = "tomb_window"
    __table_args__ = (
        UniqueConstraint("cemetery_id", "day", "start_time"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="booked_within_capacity"),
        CheckConstraint(
            "parking_booked >= 0 AND parking_booked <= parking_capacity",
            name="parking_within_capacity",
        ),
    )

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    cemetery_id: str = Column(ForeignKey("tomb_cemetery.id"), nullable=False)
    day: date = Column(Date, nullable=False)
    start_time: str = Column(String(5), nullable=False)
    end_time: str = Column(String(5), nullable=False)
    capacity: int = Column(Integer, nullable=False)  # people
    booked: int = Column(Integer, nullable=False, default=0)  # people
    parking_capacity: int = Column(Integer, nullable=False)
    parking_booked: int = Column(Integer, nullable=False, default=0)


class Reservation(Base):
    """A booked (or cancelled) reservation; personal data sealed at rest, shown masked."""

    __tablename__ = "tomb_reservation"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    reference: str = Column(String(16), nullable=False, unique=True)
    status: str = Column(String(16), nullable=False, index=True)
    cemetery_id: str = Column(ForeignKey("tomb_cemetery.id"), nullable=False)
    window_id: int = Column(ForeignKey("tomb_window.id"), nullable=False, index=True)
    day: date = Column(Date, nullable=False)
    start_time: str = Column(String(5), nullable=False)
    end_time: str = Column(String(5), nullable=False)
    visitors: int = Column(Integer, nullable=False)
    parking: bool = Column(Boolean, nullable=False, default=False)  # holds a parking space
    plot_number: str | None = Column(String(40), nullable=True)  # a place, shown as typed
    # Sealed (Fernet, see civic.sealing); the phone is compared by its keyed digest only.
    booker_name_sealed: str = Column(Text, nullable=False)
    booker_id_sealed: str = Column(Text, nullable=False)
    phone_sealed: str = Column(Text, nullable=False)
    phone_digest: str = Column(String(64), nullable=False)
    deceased_name_sealed: str = Column(Text, nullable=False)
    plate_sealed: str | None = Column(Text, nullable=True)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False)
    updated_at: datetime = Column(DateTime(timezone=True), nullable=False)
    cancelled_at: datetime | None = Column(DateTime(timezone=True), nullable=True)


class BookerLock(Base):
    """At most one active reservation per booker (ID number), cemetery and day.

    The key is a keyed digest of ``tomb:{id number}:{cemetery}:{day}``. Claimed in the
    booking transaction and deleted on cancel: the primary key, not a check-then-insert,
    refuses the second reservation.
    """

    __tablename__ = "tomb_booker_lock"

    key_hash: str = Column(String(64), primary_key=True)
    reservation_id: int = Column(
        ForeignKey("tomb_reservation.id", ondelete="CASCADE"), nullable=False, index=True
    )
