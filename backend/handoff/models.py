"""Tables of the hand-off service (转人工)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Integer, String, Text

from backend.db import Base


class Handoff(Base):
    """A citizen handed over to a human agent.

    The conversation (Rasa sender id, e.g. a WeChat openid) is sealed (Fernet, see
    civic.sealing); the summary holds masked values only. ``status`` moves waiting → taken →
    closed (or waiting → closed) by conditional updates, never by read-then-write.
    """

    __tablename__ = "handoff"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    reference: str = Column(String(16), nullable=False, unique=True)
    service: str = Column(String(20), nullable=False)
    channel: str = Column(String(32), nullable=False)
    reason: str = Column(String(16), nullable=False)  # asked | fallbacks | upset
    summary: str = Column(Text, nullable=False)
    conversation_sealed: str = Column(Text, nullable=False)
    status: str = Column(String(10), nullable=False, index=True)  # waiting | taken | closed
    agent: str | None = Column(String(30), nullable=True)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False)
    taken_at: datetime | None = Column(DateTime(timezone=True), nullable=True)
    closed_at: datetime | None = Column(DateTime(timezone=True), nullable=True)
