"""Looking up and cancelling a booking by reference + phone, for every journey.

A journey's manage form declares a :class:`ManageSpec` (its slot names, reference pattern
and replies) and implements :meth:`ManageValidator.lookup`; the base validates the
reference, checks that the booking exists for reference + phone (the same reply for a
wrong phone as for a missing reference), and reads 确认 / 不了 for a cancellation.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import FAILURES_SLOT, CivicFormValidator, latest_intent
from civic.text import to_halfwidth
from integrations.booking_client import BookingClient
from integrations.http import BackendError, BackendUnavailable


@dataclass(frozen=True)
class ManageSpec:
    """One journey's manage form.

    Attributes:
        action: slot holding query / cancel (/ reschedule), set from the intent.
        reference: slot holding the booking reference.
        phone: slot holding the phone given at booking.
        confirmed: slot holding the answer to "确认要取消吗".
        pattern: the journey's reference (e.g. ``HY`` + yymmdd + 5 characters).
        invalid_reference: reply for a malformed reference.
        not_found: reply when no booking matches reference + phone.
        kept / cancelled / already_cancelled: replies after "不了", a cancellation, and a
            cancellation of what was cancelled before.
        slots: every slot the manage form uses, forgotten when it is done.
    """

    action: str
    reference: str
    phone: str
    confirmed: str
    pattern: re.Pattern[str]
    invalid_reference: str
    not_found: str
    kept: str
    cancelled: str
    already_cancelled: str
    slots: tuple[str, ...]


# Words that say what to do with a booking; the classifier sometimes confuses 查询 and 取消.
_CANCEL = re.compile(r"取消|退掉|退了|撤销|不去了|不约了|不要了|作废")
_RESCHEDULE = re.compile(r"改约|改期|改到|改成|改一下时间|换个时间|换一天|推迟|提前到")


def stated_action(text: str) -> str | None:
    """``cancel`` / ``reschedule`` when the message says so in words, else None."""
    value = to_halfwidth(text)
    if _RESCHEDULE.search(value):
        return "reschedule"
    if _CANCEL.search(value):
        return "cancel"
    return None


def find_reference(text: str, pattern: re.Pattern[str]) -> str | None:
    """The reference matching ``pattern`` in ``text`` (any case, spaces ignored)."""
    match = pattern.search(re.sub(r"\s", "", to_halfwidth(text)).upper())
    return match.group(0) if match else None


class ManageValidator(CivicFormValidator):
    """Reference, phone and confirmation of a journey's manage form."""

    manage: ClassVar[ManageSpec]

    @abstractmethod
    async def lookup(self, reference: str, phone: str) -> Any:
        """The booking for ``reference`` + ``phone``; raises ``BackendError`` when none."""

    def extract(self, tracker: Tracker, wanted: Any, domain: DomainDict) -> dict[str, Any]:
        """Entities and answers as usual, plus 确认/不了 for the confirmation, and what the
        citizen wants done when their words say it more clearly than the intent."""
        found = super().extract(tracker, wanted, domain)
        wish = stated_action(tracker.latest_message.get("text") or "")
        if wish and tracker.get_slot("requested_slot") in (None, self.manage.reference):
            found[self.manage.action] = wish
        if tracker.get_slot("requested_slot") == self.manage.confirmed and not found:
            intent, _ = latest_intent(tracker)
            if intent in ("affirm", "deny"):
                found[self.manage.confirmed] = intent == "affirm"
        return found

    def check_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Accept a well-formed reference, or say what it should look like."""
        spec = self.manage
        reference = find_reference(str(value), spec.pattern)
        if reference is None:
            return self.reject(dispatcher, tracker, spec.reference, spec.invalid_reference)
        return self.accept(tracker, spec.reference, reference)

    async def check_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> tuple[dict[str, Any], Any]:
        """Accept the phone if a booking exists for reference + phone; return it too."""
        spec = self.manage
        result = self.accept_phone(dispatcher, tracker, spec.phone, value)
        if result[spec.phone] is None:
            return result, None
        try:
            booking = await self.lookup(tracker.get_slot(spec.reference), result[spec.phone])
        except BackendError:
            result = self.reject(dispatcher, tracker, spec.phone, spec.not_found)
            return {**result, spec.reference: None}, None
        return result, booking

    async def validate_confirmation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Yes or no: either ends the form; the journey's action then does or keeps."""
        return {self.manage.confirmed: bool(value)}


class ManageAction(Action, ABC):
    """Runs the look-up or cancellation the completed manage form asked for.

    A journey names its form (``manage``), its client and how to show a booking; a journey
    with more actions (marriage's reschedule) overrides :meth:`other`.
    """

    manage: ClassVar[ManageSpec]

    @abstractmethod
    def client(self) -> BookingClient:
        """The journey's backend client."""

    @abstractmethod
    def show(self, dispatcher: CollectingDispatcher, booking: Any) -> None:
        """Tell the citizen their booking (masked)."""

    async def other(self, action: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """An action beyond query and cancel (none by default)."""
        raise ValueError(f"unknown manage action {action!r}")

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        spec = self.manage
        action = tracker.get_slot(spec.action) or "query"
        reference = tracker.get_slot(spec.reference)
        phone = tracker.get_slot(spec.phone)
        done: list[EventType] = [SlotSet(slot, None) for slot in (*spec.slots, FAILURES_SLOT)]
        if action != "query" and not tracker.get_slot(spec.confirmed):
            dispatcher.utter_message(response=spec.kept, reference=reference)
            return done
        try:
            if action == "cancel":
                await self.client().cancel(reference, phone)
                dispatcher.utter_message(response=spec.cancelled, reference=reference)
            elif action == "query":
                self.show(dispatcher, await self.client().lookup(reference, phone))
            else:
                await self.other(action, dispatcher, tracker)
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_backend_unavailable")
        except BackendError as error:
            if error.code == "already_cancelled":
                dispatcher.utter_message(response=spec.already_cancelled, reference=reference)
            else:
                dispatcher.utter_message(response="utter_booking_refused", message=error.message)
        return done
