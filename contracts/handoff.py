"""转人工: the JSON shapes of ``/api/handoffs`` (hand-off records for the agent console).

A record says which service a citizen was using, through which channel, why the assistant
handed over and a masked summary of what was collected. The conversation (the Rasa sender
id) is sealed at rest and only ever shown masked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import Field, StrictStr

from contracts.base import RequestModel, WireModel

REFERENCE_PATTERN = r"^RG\d{6}[2-9A-HJ-NP-Z]{5}$"
REFERENCE_EXAMPLE = "RG261123K7Q2M"
MAX_SUMMARY = 600
MAX_CONVERSATION = 128
MAX_AGENT = 30
MAX_CHANNEL = 32
CHANNEL_PATTERN = r"^[A-Za-z0-9_.\-]{1,32}$"

Service = Literal["marriage", "tomb_sweeping", "assistance", "charity", "policy", "other"]
Reason = Literal["asked", "fallbacks", "upset"]
Status = Literal["waiting", "taken", "closed"]
StatusFilter = Literal["waiting", "taken", "closed", "open"]

AGENT_FIELD = {"minLength": 1, "maxLength": MAX_AGENT, "example": "A1024王敏"}


class HandoffIn(RequestModel):
    """A citizen is handed over to a human. Send an ``Idempotency-Key``."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {
            "example": {
                "service": "marriage",
                "channel": "rest",
                "reason": "asked",
                "summary": "事项：结婚登记；登记处：深圳市南山区婚姻登记处；手机：139****5678",
                "conversation": "wx-o6_bmjrPTlm6_2sgVt7hMZOPfL2M",
            }
        }

    service: Service = Field(
        ..., description="the journey the citizen was in (agent-assist service keys)"
    )
    channel: StrictStr = Field(
        ..., description="Rasa input channel, e.g. rest, socketio, wechat", pattern=CHANNEL_PATTERN
    )
    reason: Reason = Field(
        ..., description="asked 主动要求, fallbacks 连续未能理解, upset 情绪不满/投诉"
    )
    summary: StrictStr = Field(
        ...,
        description="masked summary of what was collected (ID numbers and phones are masked "
        "again by the API); may be empty",
        maxLength=MAX_SUMMARY,
    )
    conversation: StrictStr = Field(
        ...,
        description="the conversation's sender id (sealed at rest, shown only masked)",
        minLength=1,
        maxLength=MAX_CONVERSATION,
    )


class AgentIn(RequestModel):
    """The agent (工号 or name) who takes or closes a hand-off."""

    class Config:
        schema_extra: ClassVar[dict[str, Any]] = {"example": {"agent": "A1024王敏"}}

    agent: StrictStr = Field(..., description="工号或姓名, 1–30 characters", **AGENT_FIELD)


# Taking and closing send the same body.
TakeIn = AgentIn


class HandoffOut(WireModel):
    """One hand-off record; the conversation only masked."""

    id: int
    reference: str = Field(..., description="转人工编号", example=REFERENCE_EXAMPLE)
    service: Service
    channel: str = Field(..., example="rest")
    reason: Reason
    summary: str = Field(..., description="masked summary, in Chinese")
    status: Status = Field(..., description="waiting 待受理, taken 已受理, closed 已结束")
    created_at: dt.datetime
    taken_at: dt.datetime | None
    closed_at: dt.datetime | None
    agent: str | None = Field(..., description="who took (or closed) it; null while waiting")
    conversation_masked: str = Field(..., example="wx-o***fL2M")


class HandoffEnvelope(WireModel):
    handoff: HandoffOut


class HandoffListOut(WireModel):
    """Hand-offs, newest first."""

    handoffs: list[HandoffOut]
