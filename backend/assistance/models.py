"""Tables of the social-assistance service: only contact requests (pre-screening stores
nothing)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Integer, String, Text

from backend.db import Base


class Referral(Base):
    """A citizen's explicit request to be contacted about assistance (minimal record).

    Name and phone are sealed (Fernet, see civic.sealing); the phone is compared by its
    keyed digest only. No household facts are kept.
    """

    __tablename__ = "assistance_referral"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    reference: str = Column(String(16), nullable=False, unique=True)
    name_sealed: str = Column(Text, nullable=False)
    phone_sealed: str = Column(Text, nullable=False)
    phone_digest: str = Column(String(64), nullable=False, index=True)
    city: str = Column(String(40), nullable=False)
    district: str | None = Column(String(40), nullable=True)
    programmes: str = Column(String(100), nullable=False)  # comma-separated codes
    consent_at: datetime = Column(DateTime(timezone=True), nullable=False)
