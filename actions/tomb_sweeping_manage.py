"""祭扫预约: look up or cancel a reservation by reference + phone."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import PLAUSIBLE_PHONE, PLAUSIBLE_REFERENCE, SlotSource
from actions.manage_base import ManageAction, ManageSpec, ManageValidator
from actions.messages import STATUS_LABELS
from actions.tomb_sweeping_form import tomb_client
from civic.dates import format_day
from contracts.tomb_sweeping import REFERENCE_PATTERN, ReservationOut
from integrations.tomb_sweeping_client import TombSweepingClient

TOMB_MANAGE = ManageSpec(
    action="tomb_manage_action",
    reference="tomb_reference",
    phone="tomb_manage_phone",
    confirmed="tomb_manage_confirmed",
    pattern=re.compile(REFERENCE_PATTERN.strip("^$")),
    invalid_reference="utter_tomb_invalid_reference",
    not_found="utter_tomb_not_found",
    kept="utter_tomb_manage_kept",
    cancelled="utter_tomb_cancelled",
    already_cancelled="utter_tomb_already_cancelled",
    slots=("tomb_manage_action", "tomb_reference", "tomb_manage_phone", "tomb_manage_confirmed"),
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

    def extract(self, tracker: Tracker, wanted: Any, domain: DomainDict) -> dict[str, Any]:
        """As every manage form, but tomb-sweeping reservations are not rescheduled."""
        found = super().extract(tracker, wanted, domain)
        if found.get("tomb_manage_action") == "reschedule":
            del found["tomb_manage_action"]
        return found

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


class ActionTombManage(ManageAction):
    """Shows or cancels the reservation the completed form names."""

    manage = TOMB_MANAGE

    def name(self) -> str:
        return "action_tomb_manage"

    def client(self) -> TombSweepingClient:
        """The tomb-sweeping API client."""
        return tomb_client()

    def show(self, dispatcher: CollectingDispatcher, booking: ReservationOut) -> None:
        """Tell the citizen their reservation (masked)."""
        dispatcher.utter_message(
            response="utter_tomb_reservation",
            reference=booking.reference,
            status=STATUS_LABELS.get(booking.status, booking.status),
            place_name=booking.cemetery.name,
            date=format_day(booking.date),
            time=f"{booking.start_time}-{booking.end_time}",
            visitors=booking.visitors,
            booker=booking.booker.name_masked,
            phone=booking.phone_masked,
        )
