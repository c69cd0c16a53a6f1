"""Actions every journey shares: the service menu, leaving a form, handing over to a human."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.catalogue import service_buttons
from actions.forms_base import FAILURES_SLOT, latest_intent
from actions.handoff import not_understood_streak, record_handoff
from actions.policy import CITY_SLOT, consult, tell
from contracts.handoff import Reason

HUMAN_BUTTON = {"title": "转人工", "payload": "/ask_human"}
COMPLAIN_INTENT = "complain"
# Consecutive "not understood" replies: a plain offer of a human, then a hand-off.
OFFER_HUMAN_AFTER = 2
HAND_OFF_AFTER = 3


def form_slots(domain: DomainDict, form: str | None) -> list[str]:
    """The required slots of ``form`` as the domain declares them."""
    if not form:
        return []
    return list(domain.get("forms", {}).get(form, {}).get("required_slots", []))


def clear_form(domain: DomainDict, form: str | None) -> list[EventType]:
    """Events that end ``form`` and forget what it collected."""
    slots = [*form_slots(domain, form), "requested_slot", FAILURES_SLOT]
    return [ActiveLoop(None), *(SlotSet(slot, None) for slot in slots)]


class ActionGreet(Action):
    """Greets with a button for every service the assistant offers."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_greet", buttons=service_buttons())
        return []


class ActionNotUnderstood(Action):
    """A message no service understood: the knowledge base first, then "not understood".

    "Not understood" is said only when the knowledge base has nothing either; it offers
    every service, a human and 12345. The second time in a row it offers a human plainly,
    the third time it records a hand-off itself (reason ``fallbacks``); the streak is
    counted from the conversation's events, so any understood turn ends it. It is also the
    dialogue policy's fallback, so like Rasa's ``action_default_fallback`` it takes the
    message out of the dialogue history (the policy would otherwise predict the fallback
    again and again).
    """

    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if text.strip() and not text.startswith("/"):
            response = await consult(text, tracker.get_slot(CITY_SLOT))
            if response.conclusive:
                tell(dispatcher, response)
                return [UserUtteranceReverted()]
        streak = not_understood_streak(tracker.events) + 1
        if streak == OFFER_HUMAN_AFTER:
            dispatcher.utter_message(
                response="utter_not_understood_offer_human", buttons=[HUMAN_BUTTON]
            )
            return [UserUtteranceReverted()]
        if streak == HAND_OFF_AFTER:
            dispatcher.utter_message(response="utter_not_understood_handoff")
            events = await record_handoff(dispatcher, tracker, "fallbacks")
            # After the revert: slot events before it would be undone with the message.
            return [UserUtteranceReverted(), *events]
        dispatcher.utter_message(
            response="utter_default", buttons=[*service_buttons(), HUMAN_BUTTON]
        )
        return [UserUtteranceReverted()]


class ActionStopForm(Action):
    """ "算了/不约了": leave the active form (nothing is submitted or kept)."""

    def name(self) -> str:
        return "action_stop_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not tracker.active_loop_name:
            dispatcher.utter_message(response="utter_anything_else")
            return []
        dispatcher.utter_message(response="utter_form_stopped")
        return clear_form(domain, tracker.active_loop_name)


class ActionHandoff(Action):
    """Hand over to a human: record the hand-off (service, channel, reason, masked summary)
    and tell the citizen the reference, or the hotline when it could not be recorded.

    The reason is ``upset`` after a complaint (the latest intent), else ``asked``. The form
    in progress, if any, ends: what it collected is in the summary.
    """

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent, _ = latest_intent(tracker)
        reason: Reason = "upset" if intent == COMPLAIN_INTENT else "asked"
        events = await record_handoff(dispatcher, tracker, reason)
        form = tracker.active_loop_name
        return [*events, *(clear_form(domain, form) if form else [])]
