"""Hand-off rules: check and mask what a caller sends, store it sealed, and move a record
from waiting to taken to closed with conditional updates (two agents cannot both take one).

Every status change is one ``UPDATE … WHERE status = …``: the database, not a read followed by
a write, decides who wins, so the same code is correct on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from backend.capacity import new_reference
from backend.clock import Clock
from backend.handoff import messages
from backend.handoff.errors import HandoffError
from backend.handoff.models import Handoff
from backend.references import normalize_reference
from civic.logmask import mask_log_text
from civic.sealing import Sealer
from contracts.handoff import (
    CHANNEL_PATTERN,
    MAX_CONVERSATION,
    MAX_SUMMARY,
    REFERENCE_PATTERN,
)

REFERENCE_PREFIX = "RG"
OPEN = ("waiting", "taken")
STATUS_FILTERS: dict[str, tuple[str, ...]] = {
    "waiting": ("waiting",),
    "taken": ("taken",),
    "closed": ("closed",),
    "open": OPEN,
}
_REFERENCE = re.compile(REFERENCE_PATTERN)
_CHANNEL = re.compile(CHANNEL_PATTERN)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_AGENT = re.compile(r"[\w·.\- ]{1,30}")
# Full-width digits and X, so that "１１０１０５…" is recognised (and masked) as an ID number.
_HALFWIDTH_DIGITS = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789xX")


def clean_channel(text: str) -> str:
    """A channel name such as ``rest`` or ``wechat``, or 422 ``channel_invalid``."""
    if not _CHANNEL.fullmatch(text):
        raise HandoffError("channel_invalid", messages.CHANNEL_INVALID, "channel")
    return text


def mask_summary(text: str) -> str:
    """The summary with every ID number and mobile number masked, whatever the caller did."""
    return mask_log_text(text.translate(_HALFWIDTH_DIGITS)).strip()


def clean_summary(text: str) -> str:
    """A summary of at most 600 characters, masked again; or 422 ``summary_too_long``."""
    if len(text) > MAX_SUMMARY:
        raise HandoffError("summary_too_long", messages.SUMMARY_TOO_LONG, "summary")
    return mask_summary(text)


def clean_conversation(text: str) -> str:
    """A sender id: 1–128 characters, not blank, no control characters (kept as sent)."""
    if not text.strip() or len(text) > MAX_CONVERSATION or _CONTROL.search(text):
        raise HandoffError("conversation_invalid", messages.CONVERSATION_INVALID, "conversation")
    return text


def clean_agent(text: str) -> str:
    """An agent's 工号 or name, trimmed: 1–30 letters, digits, spaces, ``·.-_``; or 422."""
    agent = re.sub(r"\s+", " ", text).strip()
    if not _AGENT.fullmatch(agent) or _CONTROL.search(text):
        raise HandoffError("agent_invalid", messages.AGENT_INVALID, "agent")
    return agent


def status_filter(text: str | None) -> tuple[str, ...]:
    """The statuses a list asks for (default ``open`` = waiting and taken), or 400."""
    statuses = STATUS_FILTERS.get("open" if text is None else text)
    if statuses is None:
        raise HandoffError("status_invalid", messages.STATUS_INVALID, "status")
    return statuses


@dataclass(frozen=True)
class HandoffInput:
    service: str
    channel: str
    reason: str
    summary: str
    conversation: str


@dataclass(frozen=True)
class Record:
    """A stored hand-off with its conversation unsealed only to be masked."""

    handoff: Handoff
    conversation: str


class HandoffService:
    """Hand-off rules over one unit of work."""

    def __init__(self, session: Session, clock: Clock, sealer: Sealer) -> None:
        self.session = session
        self.clock = clock
        self.sealer = sealer

    def record(self, handoff: Handoff) -> Record:
        """``handoff`` with its conversation unsealed (for masking only)."""
        return Record(handoff, self.sealer.unseal(handoff.conversation_sealed))

    def create(self, request: HandoffInput) -> Record:
        """Store a waiting hand-off with the summary masked and the conversation sealed.

        Raises:
            HandoffError: 422 ``channel_invalid``, ``summary_too_long``,
                ``conversation_invalid``.
        """
        channel = clean_channel(request.channel)
        summary = clean_summary(request.summary)
        conversation = clean_conversation(request.conversation)
        handoff = Handoff(
            reference=new_reference(
                self.session, Handoff.reference, REFERENCE_PREFIX, self.clock.today()
            ),
            service=request.service,
            channel=channel,
            reason=request.reason,
            summary=summary,
            conversation_sealed=self.sealer.seal(conversation),
            status="waiting",
            agent=None,
            created_at=self._now(),
        )
        self.session.add(handoff)
        self.session.flush()
        return Record(handoff, conversation)

    def list(self, statuses: tuple[str, ...], limit: int) -> list[Record]:
        """Hand-offs in ``statuses``, newest first."""
        query = (
            select(Handoff)
            .where(Handoff.status.in_(statuses))
            .order_by(Handoff.created_at.desc(), Handoff.id.desc())
            .limit(limit)
        )
        return [self.record(h) for h in self.session.execute(query).scalars()]

    def take(self, reference: str, agent: str) -> Record:
        """``agent`` takes a waiting hand-off; taking one's own again changes nothing.

        Raises:
            HandoffError: 422 ``agent_invalid``, 404 ``not_found``, 409 ``already_taken``
                (another agent has it), 409 ``closed``.
        """
        agent = clean_agent(agent)
        wanted = self._reference(reference)
        changed = self._move(
            wanted,
            Handoff.status == "waiting",
            {"status": "taken", "agent": agent, "taken_at": self._now()},
        )
        handoff = self._get(wanted)
        if changed or (handoff.status == "taken" and handoff.agent == agent):
            return self.record(handoff)
        if handoff.status == "closed":
            raise HandoffError("closed", messages.CLOSED, "reference")
        raise HandoffError("already_taken", messages.already_taken(handoff.agent), "agent")

    def close(self, reference: str, agent: str) -> Record:
        """End a hand-off: a waiting one (anyone) or one ``agent`` took. Closing a closed
        one changes nothing. A record closed while waiting names the closing agent.

        Raises:
            HandoffError: 422 ``agent_invalid``, 404 ``not_found``, 409 ``already_taken``
                (another agent has it).
        """
        agent = clean_agent(agent)
        wanted = self._reference(reference)
        changed = self._move(
            wanted,
            or_(
                Handoff.status == "waiting",
                and_(Handoff.status == "taken", Handoff.agent == agent),
            ),
            {
                "status": "closed",
                "closed_at": self._now(),
                "agent": func.coalesce(Handoff.agent, agent),
            },
        )
        handoff = self._get(wanted)
        if changed or handoff.status == "closed":
            return self.record(handoff)
        raise HandoffError("already_taken", messages.already_taken(handoff.agent), "agent")

    def _now(self) -> datetime:
        return self.clock.now()

    @staticmethod
    def _reference(reference: str) -> str:
        wanted = normalize_reference(reference)
        if not _REFERENCE.match(wanted):
            raise HandoffError("not_found", messages.NOT_FOUND, "reference")
        return wanted

    def _move(self, reference: str, condition: Any, values: dict[str, Any]) -> bool:
        """One conditional UPDATE; True when this request changed the record."""
        result = self.session.execute(
            update(Handoff)
            .where(Handoff.reference == reference, condition)
            .values(values)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def _get(self, reference: str) -> Handoff:
        handoff = self.session.execute(
            select(Handoff)
            .where(Handoff.reference == reference)
            .execution_options(populate_existing=True)
        ).scalar_one_or_none()
        if handoff is None:
            raise HandoffError("not_found", messages.NOT_FOUND, "reference")
        return handoff
