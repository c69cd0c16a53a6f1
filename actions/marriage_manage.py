"""Query, cancel and reschedule an existing marriage appointment (reference + phone)."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import (
    FAILURES_SLOT,
    PLAUSIBLE_DATE,
    PLAUSIBLE_PHONE,
    PLAUSIBLE_REFERENCE,
    PLAUSIBLE_TIME,
    SlotSource,
    latest_intent,
)
from actions.marriage_form import MarriageScheduling, marriage_client
from actions.marriage_messages import MANAGE_VERBS
from actions.messages import STATUS_LABELS
from civic.dates import format_day
from civic.text import to_halfwidth
from contracts.marriage import AppointmentOut
from integrations.http import BackendError, BackendUnavailable

REFERENCE = re.compile(r"HY\d{6}[2-9A-HJ-NP-Z]{5}")
MANAGE_SLOTS = (
    "marriage_manage_action",
    "marriage_reference",
    "marriage_manage_phone",
    "marriage_manage_confirmed",
    "marriage_office",
    "marriage_office_name",
    "marriage_date",
    "marriage_time",
)


def find_reference(text: str) -> str | None:
    """The booking reference in ``text`` (any case, spaces ignored), e.g. ``HY261124K7Q2M``."""
    match = REFERENCE.search(re.sub(r"\s", "", to_halfwidth(text)).upper())
    return match.group(0) if match else None


class ValidateMarriageManageForm(MarriageScheduling):
    """Validates ``marriage_manage_form``; which slots it needs depends on the action."""

    sources: ClassVar[dict[str, SlotSource]] = {
        "marriage_reference": SlotSource(("reference",), plausible=PLAUSIBLE_REFERENCE),
        # Not only when asked: "预约号HY…，手机138…" gives both at once.
        "marriage_manage_phone": SlotSource(("phone",), plausible=PLAUSIBLE_PHONE),
        "marriage_date": SlotSource(("date",), plausible=PLAUSIBLE_DATE),
        "marriage_time": SlotSource(("time",), plausible=PLAUSIBLE_TIME),
        "marriage_manage_confirmed": SlotSource(free_text=False),
    }

    def name(self) -> str:
        return "validate_marriage_manage_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Query: reference + phone; cancel: + confirmation; reschedule: + date and time."""
        action = tracker.get_slot("marriage_manage_action") or "query"
        slots = ["marriage_reference", "marriage_manage_phone"]
        if action == "reschedule":
            slots += ["marriage_date", "marriage_time"]
        if action in ("cancel", "reschedule"):
            slots.append("marriage_manage_confirmed")
        return slots

    answer_intents = frozenset({"marriage_query", "marriage_cancel", "marriage_reschedule"})

    def extract(self, tracker: Tracker, wanted: Any, domain: DomainDict) -> dict[str, Any]:
        """Entities and answers as usual, plus 确认/不了 for the confirmation."""
        found = super().extract(tracker, wanted, domain)
        if tracker.get_slot("requested_slot") == "marriage_manage_confirmed" and not found:
            intent, _ = latest_intent(tracker)
            if intent in ("affirm", "deny"):
                found["marriage_manage_confirmed"] = intent == "affirm"
        return found

    async def validate_marriage_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A reference of the form HY + yymmdd + 5 characters."""
        reference = find_reference(str(value))
        if reference is None:
            return self.reject(dispatcher, tracker, "marriage_reference", "utter_invalid_reference")
        return self.accept(tracker, "marriage_reference", reference)

    async def validate_marriage_manage_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The phone given at booking; the appointment must exist for reference + phone."""
        slot = "marriage_manage_phone"
        result = self.accept_phone(dispatcher, tracker, slot, value)
        phone = result[slot]
        if phone is None:
            return result
        reference = tracker.get_slot("marriage_reference")
        try:
            appointment = await marriage_client().lookup(reference, phone)
        except BackendError:
            result = self.reject(dispatcher, tracker, slot, "utter_marriage_not_found")
            return {**result, "marriage_reference": None}
        return {
            **result,
            "marriage_office": appointment.office.id,
            "marriage_office_name": appointment.office.name,
        }

    async def validate_marriage_manage_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes or no: either ends the form; the action then does or keeps."""
        return {"marriage_manage_confirmed": bool(value)}


class ActionAskMarriageManageConfirmed(Action):
    """Asks to confirm the cancellation or the new time."""

    def name(self) -> str:
        return "action_ask_marriage_manage_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        action = tracker.get_slot("marriage_manage_action")
        reference = tracker.get_slot("marriage_reference")
        if action == "reschedule":
            day = format_day(date.fromisoformat(tracker.get_slot("marriage_date")))
            reference = f"{reference}（改到{day} {tracker.get_slot('marriage_time')}）"
        dispatcher.utter_message(
            response="utter_ask_marriage_manage_confirmed",
            manage_verb=MANAGE_VERBS.get(action, ""),
            reference=reference,
        )
        return []


def show_appointment(dispatcher: CollectingDispatcher, appointment: AppointmentOut) -> None:
    """Tell the citizen their appointment (masked)."""
    parties = [appointment.party1, *([appointment.party2] if appointment.party2 else [])]
    dispatcher.utter_message(
        response="utter_marriage_appointment",
        reference=appointment.reference,
        status=STATUS_LABELS.get(appointment.status, appointment.status),
        type_label=appointment.type_label,
        office_name=appointment.office.name,
        address=appointment.office.address,
        date=format_day(appointment.date),
        time=f"{appointment.start_time}-{appointment.end_time}",
        parties="、".join(f"{p.name_masked}（{p.id_masked}）" for p in parties),
        phone=appointment.phone_masked,
    )


class ActionMarriageManage(Action):
    """Runs the query, cancellation or rescheduling the completed form asked for."""

    def name(self) -> str:
        return "action_marriage_manage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        action = tracker.get_slot("marriage_manage_action") or "query"
        reference = tracker.get_slot("marriage_reference")
        phone = tracker.get_slot("marriage_manage_phone")
        done = [SlotSet(slot, None) for slot in (*MANAGE_SLOTS, FAILURES_SLOT)]
        if action != "query" and not tracker.get_slot("marriage_manage_confirmed"):
            dispatcher.utter_message(response="utter_marriage_manage_kept", reference=reference)
            return done
        try:
            if action == "cancel":
                await marriage_client().cancel(reference, phone)
                dispatcher.utter_message(response="utter_marriage_cancelled", reference=reference)
            elif action == "reschedule":
                appointment = await marriage_client().reschedule(
                    reference,
                    phone,
                    date.fromisoformat(tracker.get_slot("marriage_date")),
                    tracker.get_slot("marriage_time"),
                    idempotency_key=uuid.uuid4().hex,
                )
                dispatcher.utter_message(
                    response="utter_marriage_rescheduled",
                    reference=reference,
                    date=format_day(appointment.date),
                    time=f"{appointment.start_time}-{appointment.end_time}",
                    office_name=appointment.office.name,
                )
            else:
                show_appointment(dispatcher, await marriage_client().lookup(reference, phone))
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_backend_unavailable")
        except BackendError as error:
            if error.code == "already_cancelled":
                dispatcher.utter_message(
                    response="utter_marriage_already_cancelled", reference=reference
                )
            else:
                dispatcher.utter_message(response="utter_booking_refused", message=error.message)
        return done
