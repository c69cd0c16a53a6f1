"""Query, cancel and reschedule an existing marriage appointment (reference + phone)."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import (
    PLAUSIBLE_DATE,
    PLAUSIBLE_PHONE,
    PLAUSIBLE_REFERENCE,
    PLAUSIBLE_TIME,
    SlotSource,
)
from actions.manage_base import ManageAction, ManageSpec, ManageValidator
from actions.marriage_form import MarriageScheduling, marriage_client
from actions.marriage_messages import MANAGE_VERBS
from actions.messages import STATUS_LABELS
from civic.dates import format_day
from contracts.marriage import REFERENCE_PATTERN, AppointmentOut
from integrations.marriage_client import MarriageClient

MARRIAGE_MANAGE = ManageSpec(
    action="marriage_manage_action",
    reference="marriage_reference",
    phone="marriage_manage_phone",
    confirmed="marriage_manage_confirmed",
    pattern=re.compile(REFERENCE_PATTERN.strip("^$")),
    invalid_reference="utter_invalid_reference",
    not_found="utter_marriage_not_found",
    kept="utter_marriage_manage_kept",
    cancelled="utter_marriage_cancelled",
    already_cancelled="utter_marriage_already_cancelled",
    slots=(
        "marriage_manage_action",
        "marriage_reference",
        "marriage_manage_phone",
        "marriage_manage_confirmed",
        "marriage_office",
        "marriage_office_name",
        "marriage_date",
        "marriage_time",
    ),
)


class ValidateMarriageManageForm(MarriageScheduling, ManageValidator):
    """Validates ``marriage_manage_form``; which slots it needs depends on the action."""

    manage = MARRIAGE_MANAGE
    sources: ClassVar[dict[str, SlotSource]] = {
        "marriage_reference": SlotSource(("reference",), plausible=PLAUSIBLE_REFERENCE),
        # Not only when asked: "预约号HY…，手机138…" gives both at once.
        "marriage_manage_phone": SlotSource(("phone",), plausible=PLAUSIBLE_PHONE),
        "marriage_date": SlotSource(("date",), plausible=PLAUSIBLE_DATE),
        "marriage_time": SlotSource(("time",), plausible=PLAUSIBLE_TIME),
        "marriage_manage_confirmed": SlotSource(free_text=False),
    }
    answer_intents = frozenset({"marriage_query", "marriage_cancel", "marriage_reschedule"})

    def name(self) -> str:
        return "validate_marriage_manage_form"

    async def lookup(self, reference: str, phone: str) -> AppointmentOut:
        """The appointment for reference + phone."""
        return await marriage_client().lookup(reference, phone)

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

    async def validate_marriage_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A reference of the form HY + yymmdd + 5 characters."""
        return self.check_reference(value, dispatcher, tracker)

    async def validate_marriage_manage_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The phone given at booking; remembers the office for a reschedule."""
        result, appointment = await self.check_phone(value, dispatcher, tracker)
        if appointment is None:
            return result
        return {
            **result,
            "marriage_office": appointment.office.id,
            "marriage_office_name": appointment.office.name,
        }

    async def validate_marriage_manage_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes or no: either ends the form; the action then does or keeps."""
        return await self.validate_confirmation(value, dispatcher, tracker)


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


class ActionMarriageManage(ManageAction):
    """Runs the query, cancellation or rescheduling the completed form asked for."""

    manage = MARRIAGE_MANAGE

    def name(self) -> str:
        return "action_marriage_manage"

    def client(self) -> MarriageClient:
        """The marriage API client."""
        return marriage_client()

    def show(self, dispatcher: CollectingDispatcher, booking: AppointmentOut) -> None:
        """Tell the citizen their appointment (masked)."""
        show_appointment(dispatcher, booking)

    async def other(self, action: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """Reschedule to the date and time the form collected."""
        if action != "reschedule":
            await super().other(action, dispatcher, tracker)
        reference = tracker.get_slot("marriage_reference")
        appointment = await marriage_client().reschedule(
            reference,
            tracker.get_slot("marriage_manage_phone"),
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
