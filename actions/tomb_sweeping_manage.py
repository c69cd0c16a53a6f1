"""祭扫预约: look up or cancel a reservation by reference + phone."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import FAILURES_SLOT, PLAUSIBLE_PHONE, PLAUSIBLE_REFERENCE, SlotSource
from actions.manage_base import ManageSpec, ManageValidator
from actions.messages import STATUS_LABELS
from actions.tomb_sweeping_form import tomb_client
from civic.dates import format_day
from contracts.tomb_sweeping import REFERENCE_PATTERN, ReservationOut
from integrations.http import BackendError, BackendUnavailable

TOMB_MANAGE = ManageSpec(
    action="tomb_manage_action",
    reference="tomb_reference",
    phone="tomb_manage_phone",
    confirmed="tomb_manage_confirmed",
    pattern=re.compile(REFERENCE_PATTERN.strip("^$")),
    invalid_reference="utter_tomb_invalid_reference",
    not_found="utter_tomb_not_found",
)
MANAGE_SLOTS = (
    "tomb_manage_action",
    "tomb_reference",
    "tomb_manage_phone",
    "tomb_manage_confirmed",
)


class ValidateTombManageForm(ManageValidator):
    """Validates ``tomb_manage_form``: reference, phone, and a confirmation to cancel."""

    manage = TOMB_MANAGE
    sources: ClassVar[dict[str, SlotSource]] = {
        "tomb_reference": SlotSource(("reference",), plausible=PLAUSIBLE_REFERENCE),
        "tomb_manage_phone": SlotSource(("phone",), plausible=PLAUSIBLE_PHONE),
        "tomb_manage_confirmed": SlotSource(free_text=False),
    }
    answer_intents = frozenset({"tomb_query", "tomb_cancel"})

    def name(self) -> str:
        return "validate_tomb_manage_form"

    async def lookup(self, reference: str, phone: str) -> ReservationOut:
        """The reservation for reference + phone."""
        return await tomb_client().lookup(reference, phone)

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Query: reference + phone; cancel: + confirmation."""
        slots = ["tomb_reference", "tomb_manage_phone"]
        if tracker.get_slot("tomb_manage_action") == "cancel":
            slots.append("tomb_manage_confirmed")
        return slots

    async def validate_tomb_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A reference of the form JS + yymmdd + 5 characters."""
        return self.check_reference(value, dispatcher, tracker)

    async def validate_tomb_manage_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The phone given at booking; the reservation must exist for reference + phone."""
        result, _ = await self.check_phone(value, dispatcher, tracker)
        return result

    async def validate_tomb_manage_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes or no: either ends the form; the action then cancels or keeps."""
        return await self.validate_confirmation(value, dispatcher, tracker)


class ActionTombManage(Action):
    """Shows or cancels the reservation the completed form names."""

    def name(self) -> str:
        return "action_tomb_manage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        action = tracker.get_slot("tomb_manage_action") or "query"
        reference = tracker.get_slot("tomb_reference")
        phone = tracker.get_slot("tomb_manage_phone")
        done = [SlotSet(slot, None) for slot in (*MANAGE_SLOTS, FAILURES_SLOT)]
        if action == "cancel" and not tracker.get_slot("tomb_manage_confirmed"):
            dispatcher.utter_message(response="utter_tomb_manage_kept", reference=reference)
            return done
        try:
            if action == "cancel":
                await tomb_client().cancel(reference, phone)
                dispatcher.utter_message(response="utter_tomb_cancelled", reference=reference)
                return done
            reservation = await tomb_client().lookup(reference, phone)
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_backend_unavailable")
            return done
        except BackendError as error:
            dispatcher.utter_message(response="utter_booking_refused", message=error.message)
            return done
        dispatcher.utter_message(
            response="utter_tomb_reservation",
            reference=reservation.reference,
            status=STATUS_LABELS.get(reservation.status, reservation.status),
            place_name=reservation.cemetery.name,
            date=format_day(reservation.date),
            time=f"{reservation.start_time}-{reservation.end_time}",
            visitors=reservation.visitors,
            booker=reservation.booker.name_masked,
            phone=reservation.phone_masked,
        )
        return done
