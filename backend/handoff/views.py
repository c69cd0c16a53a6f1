"""Render hand-off records as the contract's response models (conversation masked)."""

from __future__ import annotations

from backend.clock import as_china_time
from backend.handoff.service import Record
from contracts.handoff import HandoffOut


def mask_conversation(conversation: str) -> str:
    """A sender id with its middle hidden: ``wx-o6_bm…MZOPfL2M`` -> ``wx-o***fL2M``."""
    keep = min(4, len(conversation) // 4)
    if keep == 0:
        return "*" * len(conversation)
    return conversation[:keep] + "***" + conversation[-keep:]


def handoff_out(record: Record) -> HandoffOut:
    """One hand-off; the summary is stored masked, the conversation is masked here."""
    h = record.handoff
    return HandoffOut(
        id=h.id,
        reference=h.reference,
        service=h.service,
        channel=h.channel,
        reason=h.reason,
        summary=h.summary,
        status=h.status,
        created_at=as_china_time(h.created_at),
        taken_at=as_china_time(h.taken_at) if h.taken_at else None,
        closed_at=as_china_time(h.closed_at) if h.closed_at else None,
        agent=h.agent,
        conversation_masked=mask_conversation(record.conversation),
    )
