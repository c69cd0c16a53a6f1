"""Actions every journey shares: the service menu, leaving a form, handing over to a human."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.catalogue import handoff_summary, service_buttons
from actions.forms_base import FAILURES_SLOT
from actions.policy import CITY_SLOT, consult, tell

HUMAN_BUTTON = {"title": "转人工", "payload": "/ask_human"}


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
    every service, a human and 12345. It is also the dialogue policy's fallback, so like
    Rasa's ``action_default_fallback`` it takes the message out of the dialogue history
    (the policy would otherwise predict the fallback again and again).
    """

    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if text.strip() and not text.startswith("/"):
            response = await consult(text, tracker.get_slot(CITY_SLOT))
            if response.kind in ("answer", "other_region"):
                tell(dispatcher, response)
                return [UserUtteranceReverted()]
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
    """Hand over to a human with a masked summary of what the form had collected."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        form = tracker.active_loop_name
        collected = handoff_summary(tracker.current_slot_values())
        summary = "已记录的信息（已脱敏）：" + "；".join(collected) if collected else ""
        dispatcher.utter_message(response="utter_handoff", handoff_summary=summary)
        return clear_form(domain, form) if form else []
