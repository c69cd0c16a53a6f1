"""转人工: record a hand-off with the backend and tell the citizen honestly what happened.

The record names the journey (the active form's, else the latest intent that belongs to a
journey, else ``other``), the channel, why the assistant hands over and the masked summary
of what the form had collected. The citizen is told the hand-off reference and the service
hours only when the backend confirmed the record; otherwise the hotline, and no promise.

Idempotency follows the booking actions: the key is derived from the conversation, the
citizen's message that asked for the hand-off and the request, so a retried call of the
action replays the first record. A key whose outcome stayed unknown is kept in the
``handoff_key`` slot and used again by the next attempt, so that one is not recorded twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.catalogue import handoff_summary, journey_of
from contracts.handoff import MAX_SUMMARY, HandoffIn, Reason
from integrations.handoff_client import HandoffClient
from integrations.http import BackendError, BackendUnavailable, OutcomeUnknown

logger = logging.getLogger(__name__)

KEY_SLOT = "handoff_key"
DEFAULT_CHANNEL = "rest"
OTHER = "other"
SUMMARY_SEPARATOR = "；"
# Replies that say "not understood": a citizen turn answered with one of them counts
# towards the repeated-fallback hand-off.
NOT_UNDERSTOOD = frozenset(
    {"utter_default", "utter_not_understood_offer_human", "utter_not_understood_handoff"}
)
_SESSION_BOUNDARIES = frozenset({"session_started", "restart"})


def handoff_client() -> HandoffClient:
    """The hand-off client on the process's shared HTTP session."""
    return HandoffClient(runtime.http())


def _session_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events of the current session, newest first."""
    found = []
    for event in reversed(list(events)):
        if event.get("event") in _SESSION_BOUNDARIES:
            break
        found.append(event)
    return found


def _intent(event: dict[str, Any]) -> str | None:
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def service_of(tracker: Tracker) -> str:
    """The journey of the active form, else of the latest intent that has one, else other."""
    journey = journey_of(tracker.active_loop_name)
    if journey is not None:
        return journey.key
    for event in _session_events(tracker.events):
        if event.get("event") == "user":
            journey = journey_of(_intent(event))
            if journey is not None:
                return journey.key
    return OTHER


def summary_text(slots: dict[str, Any]) -> str:
    """The masked summary lines joined: whole lines only, 600 characters at most."""
    kept: list[str] = []
    length = 0
    for line in handoff_summary(slots):
        extra = len(line) + (len(SUMMARY_SEPARATOR) if kept else 0)
        if length + extra > MAX_SUMMARY:
            continue  # an overlong value is left out; shorter lines after it still fit
        kept.append(line)
        length += extra
    return SUMMARY_SEPARATOR.join(kept)


def handoff_request(tracker: Tracker, reason: Reason) -> HandoffIn:
    """The backend request for handing this conversation over."""
    return HandoffIn(
        service=service_of(tracker),
        channel=tracker.get_latest_input_channel() or DEFAULT_CHANNEL,
        reason=reason,
        summary=summary_text(tracker.current_slot_values()),
        conversation=tracker.sender_id,
    )


def _turn_id(tracker: Tracker) -> str:
    """What identifies the citizen's latest message (the same when an action is retried)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return str(event.get("message_id") or event.get("timestamp") or "")
    return ""


def idempotency_key(tracker: Tracker, request: HandoffIn) -> str:
    """The key kept from an attempt whose outcome is unknown, else one for this message."""
    kept = tracker.get_slot(KEY_SLOT)
    if kept:
        return str(kept)
    canonical = json.dumps(request.dict(), sort_keys=True, ensure_ascii=False)
    seed = f"{tracker.sender_id}:{_turn_id(tracker)}:{canonical}"
    return "handoff-" + hashlib.sha256(seed.encode()).hexdigest()[:40]


async def record_handoff(
    dispatcher: CollectingDispatcher, tracker: Tracker, reason: Reason
) -> list[EventType]:
    """Record the hand-off and tell the citizen the outcome; returns the slot events."""
    request = handoff_request(tracker, reason)
    key = idempotency_key(tracker, request)
    patience = runtime.settings().confirm_seconds
    try:
        try:
            handoff = await handoff_client().create(request, key, patience=patience)
        except BackendError as error:
            if error.code != "idempotency_conflict":
                raise
            # A kept key was first used for other details: this is a new hand-off.
            key = f"handoff-{uuid.uuid4().hex}"
            handoff = await handoff_client().create(request, key, patience=patience)
    except OutcomeUnknown:
        logger.warning("hand-off outcome unknown (reason %s)", reason)
        _tell(dispatcher, "utter_handoff_outcome_unknown", request.summary)
        return [SlotSet(KEY_SLOT, key)]
    except (BackendUnavailable, BackendError) as error:
        logger.warning("hand-off not recorded (reason %s): %r", reason, error)
        _tell(dispatcher, "utter_handoff_not_recorded", request.summary)
        return _forget_key(tracker)
    logger.info("hand-off %s recorded (reason %s)", handoff.reference, reason)
    _tell(dispatcher, "utter_handoff_recorded", request.summary, reference=handoff.reference)
    return _forget_key(tracker)


def _forget_key(tracker: Tracker) -> list[EventType]:
    return [SlotSet(KEY_SLOT, None)] if tracker.get_slot(KEY_SLOT) else []


def _tell(dispatcher: CollectingDispatcher, response: str, summary: str, **values: Any) -> None:
    dispatcher.utter_message(response=response, **values)
    if summary:
        dispatcher.utter_message(response="utter_handoff_summary", handoff_summary=summary)


def not_understood_streak(events: Iterable[dict[str, Any]]) -> int:
    """How many of the citizen's turns just before the latest one got "not understood".

    Counted from the conversation's events (no slot to keep in step): walking back from the
    latest message, each earlier message counts while one of the bot's replies to it was a
    "not understood" reply; any other turn ends the streak, and so does a new session.
    """
    streak = 0
    current_seen = False
    not_understood = False
    for event in _session_events(events):
        kind = event.get("event")
        if kind == "bot" and current_seen:
            action = (event.get("metadata") or {}).get("utter_action")
            not_understood = not_understood or action in NOT_UNDERSTOOD
        elif kind == "user":
            if current_seen:
                if not not_understood:
                    break
                streak += 1
            current_seen = True
            not_understood = False
    return streak
