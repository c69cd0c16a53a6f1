"""婚姻登记预约: the form's questions that need the backend (offices, free days, free slots)."""

from __future__ import annotations

import logging
from datetime import date

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.marriage_schedule import (
    booking_window,
    client,
    open_day_buttons,
    slot_buttons,
)
from civic import clock
from civic.dates import format_day
from integrations.http import BackendError, BackendUnavailable

logger = logging.getLogger(__name__)


class ActionAskMarriageOffice(Action):
    """Asks for the office, with a button per city."""

    def name(self) -> str:
        return "action_ask_marriage_office"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_ask_marriage_office",
            buttons=[
                {"title": city, "payload": f'/inform{{"office":"{city}"}}'}
                for city in ("深圳", "广州")
            ],
        )
        return []


class ActionAskMarriageDate(Action):
    """Asks for the date, offering the office's next days with free seats."""

    def name(self) -> str:
        return "action_ask_marriage_date"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        first, last = booking_window(clock.today())
        buttons: list[dict[str, str]] = []
        office_id = tracker.get_slot("marriage_office")
        if office_id:
            try:
                buttons = await open_day_buttons(office_id, first)
            except (BackendUnavailable, BackendError):
                logger.warning("open days unavailable for %s", office_id)
        dispatcher.utter_message(
            response="utter_ask_marriage_date",
            first=format_day(first),
            last=format_day(last),
            buttons=buttons,
        )
        return []


class ActionAskMarriageTime(Action):
    """Shows the free slots of the chosen day as buttons."""

    def name(self) -> str:
        return "action_ask_marriage_time"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        office_id = tracker.get_slot("marriage_office")
        day = date.fromisoformat(tracker.get_slot("marriage_date"))
        try:
            day_slots = await client().day_slots(office_id, day)
        except (BackendUnavailable, BackendError):
            dispatcher.utter_message(response="utter_backend_unavailable")
            return []
        buttons = slot_buttons(day_slots)
        if not buttons:  # taken by others since the date was accepted
            dispatcher.utter_message(
                response="utter_marriage_day_full",
                office_name=tracker.get_slot("marriage_office_name") or "",
                date=format_day(day),
            )
            first, last = booking_window(clock.today())
            dispatcher.utter_message(
                response="utter_ask_marriage_date", first=format_day(first), last=format_day(last)
            )
            return [SlotSet("marriage_date", None), SlotSet("requested_slot", "marriage_date")]
        dispatcher.utter_message(
            response="utter_ask_marriage_time", date=format_day(day), buttons=buttons
        )
        return []
