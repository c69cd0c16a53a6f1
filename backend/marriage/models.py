"""Tables of the marriage-registration appointment service."""

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


class Office(PlaceColumns, Base):
    """A marriage registration office (婚姻登记处)."""

    __tablename__ = "marriage_office"

    slot_capacity: int = Column(Integer, nullable=False)


class Slot(Base):
    """One bookable time slot of an office on a day; ``booked`` never exceeds ``capacity``.

    Rows are created on the first booking for the day (insert-on-conflict-do-nothing on the
    unique key), so reading availability never writes.
    """

    __tablename__ = "marriage_slot"
    __table_args__ = (
        UniqueConstraint("office_id", "day", "start_time"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="booked_within_capacity"),
    )

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    office_id: str = Column(ForeignKey("marriage_office.id"), nullable=False)
    day: date = Column(Date, nullable=False)
    start_time: str = Column(String(5), nullable=False)
    end_time: str = Column(String(5), nullable=False)
    capacity: int = Column(Integer, nullable=False)
    booked: int = Column(Integer, nullable=False, default=0)


class Appointment(Base):
    """A booked (or cancelled) appointment; personal data sealed at rest, shown masked."""

    __tablename__ = "marriage_appointment"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    reference: str = Column(String(16), nullable=False, unique=True)
    type: str = Column(String(16), nullable=False)
    status: str = Column(String(16), nullable=False, index=True)
    office_id: str = Column(ForeignKey("marriage_office.id"), nullable=False)
    slot_id: int = Column(ForeignKey("marriage_slot.id"), nullable=False, index=True)
    day: date = Column(Date, nullable=False)
    start_time: str = Column(String(5), nullable=False)
    end_time: str = Column(String(5), nullable=False)
    # Personal data is sealed (Fernet, see civic.sealing); the phone is compared by its
    # keyed digest, never read back in full.
    party1_name_sealed: str = Column(Text, nullable=False)
    party1_id_sealed: str = Column(Text, nullable=False)
    party2_name_sealed: str | None = Column(Text, nullable=True)
    party2_id_sealed: str | None = Column(Text, nullable=True)
    phone_sealed: str = Column(Text, nullable=False)
    phone_digest: str = Column(String(64), nullable=False)
    provisional: bool = Column(Boolean, nullable=False, default=False)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False)
    updated_at: datetime = Column(DateTime(timezone=True), nullable=False)
    cancelled_at: datetime | None = Column(DateTime(timezone=True), nullable=True)


class PersonLock(Base):
    """At most one active appointment per person (keyed digest of the ID number) and type.

    Inserted in the booking transaction and deleted on cancel: the primary key, not a
    check-then-insert, is what refuses a second active booking.
    """

    __tablename__ = "marriage_person_lock"

    id_hash: str = Column(String(64), primary_key=True)
    type: str = Column(String(16), primary_key=True)
    appointment_id: int = Column(
        ForeignKey("marriage_appointment.id", ondelete="CASCADE"), nullable=False, index=True
    )
