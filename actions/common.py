"""Actions every journey shares: leaving a form, and handing over to a human."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import FAILURES_SLOT
from actions.messages import SLOT_LABELS
from civic.masking import mask_name, mask_text


def form_slots(domain: DomainDict, form: str | None) -> list[str]:
    """The required slots of ``form`` as the domain declares them."""
    if not form:
        return []
    return list(domain.get("forms", {}).get(form, {}).get("required_slots", []))


def clear_form(domain: DomainDict, form: str | None) -> list[EventType]:
    """Events that end ``form`` and forget what it collected."""
    slots = [*form_slots(domain, form), "requested_slot", FAILURES_SLOT]
    return [ActiveLoop(None), *(SlotSet(slot, None) for slot in slots)]


class ActionStopForm(Action):
    """ "算了/不约了": leave the active form; nothing is submitted or kept."""

    def name(self) -> str:
        return "action_stop_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
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
        collected = []
        for slot, label in SLOT_LABELS.items():
            value = tracker.get_slot(slot)
            if value in (None, ""):
                continue
            shown = (
                mask_name(str(value)) if slot.endswith("_name") and "office" not in slot else value
            )
            collected.append(f"{label}：{shown}")
        summary = ""
        if collected:
            summary = "已记录的信息（已脱敏）：" + mask_text("；".join(collected))
        dispatcher.utter_message(response="utter_handoff", handoff_summary=summary)
        return clear_form(domain, form) if form else []
