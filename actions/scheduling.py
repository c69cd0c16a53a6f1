"""The scheduling step every booking journey shares: place → day → time window → capacity.

A journey declares a :class:`ScheduleSpec` (its slot names, the replies that name its kind
of place, and the words that are noise around a place name) and a client implementing
:class:`integrations.scheduling.ScheduleClient`. :class:`SchedulingValidator` then
validates the place (fuzzy match, buttons when ambiguous), the day (Chinese date, the
place's calendar, free capacity for the party) and the window (上午/10点/a button), and
offers the nearest free alternatives when a window or a day is full. The ``Ask*`` actions
ask for each with buttons built from what the backend says is free. Cities always come from
the backend's list of places.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from rapidfuzz import fuzz, process
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import CivicFormValidator
from actions.messages import DAY_BUTTON, SLOT_BUTTON
from actions.policy import CITY_SLOT
from civic import clock
from civic.dates import DateParseError, format_day, parse_day
from civic.text import normalize_user_text
from civic.timeofday import parse_time_preference, pick_slot
from contracts.base import DayStatusOut, PlaceOut, SlotOut
from integrations.http import BackendError, BackendUnavailable
from integrations.scheduling import ScheduleClient

logger = logging.getLogger(__name__)

DATE_ERRORS = {
    "past": "utter_invalid_date_past",
    "range": "utter_invalid_date_range",
    "too_far": "utter_schedule_date_too_far",
}
SUGGESTED_DAYS = 6
DAYS_LOOKED_AHEAD = 14


@dataclass(frozen=True)
class ScheduleSpec:
    """One journey's scheduling step.

    Attributes:
        place: slot holding the chosen place's id (e.g. ``marriage_office``).
        place_name: slot holding its name, for replies.
        day: slot holding the ISO date.
        time: slot holding the window's start (HH:MM).
        party: slot holding how many people the window must fit (None: one booking = 1).
        place_noise: words around a place name that say nothing about which place
            (``婚姻登记处``, ``公墓``, ``我想去``…), removed before matching.
        place_unknown / choose_place / place_chosen / ask_place: the journey's replies that
            name its kind of place.
    """

    place: str
    place_name: str
    day: str
    time: str
    party: str | None
    place_noise: re.Pattern[str]
    place_unknown: str
    choose_place: str
    place_chosen: str
    ask_place: str
    ask_day: str
    ask_time: str


def needed(tracker: Tracker, spec: ScheduleSpec) -> int:
    """How many places in a window the booking needs (the party size, else 1)."""
    value = tracker.get_slot(spec.party) if spec.party else None
    return int(value) if isinstance(value, (int, float)) and value >= 1 else 1


def match_places(text: str, places: list[PlaceOut], noise: re.Pattern[str]) -> list[PlaceOut]:
    """Places the citizen may mean: one when sure, several to choose from, none if no match.

    Exact names (button payloads) and district names win; a bare city name lists its
    places; otherwise rapidfuzz ranks names and districts, tolerating typos.
    """
    query = normalize_user_text(text)
    for place in places:
        if query == place.name:
            return [place]
    stem = noise.sub("", query)
    if not stem:
        return []
    by_district = [p for p in places if p.district.rstrip("区") and p.district.rstrip("区") in stem]
    if by_district:
        in_city = [p for p in by_district if p.city in stem]
        return in_city or by_district
    cities = sorted({p.city for p in places if p.city and p.city in stem}, key=len, reverse=True)
    if cities and len(stem) <= len(cities[0]) + 1:
        return [p for p in places if p.city in cities]
    choices = {p.id: f"{p.city}{p.district}{noise.sub('', p.name)}" for p in places}
    ranked = process.extract(
        stem, choices, scorer=fuzz.partial_ratio, processor=None, limit=3, score_cutoff=60
    )
    if not ranked:
        return []
    best = ranked[0][1]
    by_id = {p.id: p for p in places}
    if best >= 85 and (len(ranked) == 1 or best - ranked[1][1] >= 10):
        return [by_id[ranked[0][2]]]
    return [by_id[key] for _, score, key in ranked if score >= best - 10]


def place_buttons(places: list[PlaceOut], entity: str) -> list[dict[str, str]]:
    """One button per place; the payload names it exactly."""
    return [{"title": p.name, "payload": f'/inform{{"{entity}":"{p.name}"}}'} for p in places[:12]]


def city_buttons(places: list[PlaceOut], entity: str) -> list[dict[str, str]]:
    """One button per city that has places (from the backend, never a list in code)."""
    cities = list(dict.fromkeys(p.city for p in places))
    return [{"title": c, "payload": f'/inform{{"{entity}":"{c}"}}'} for c in cities]


def window_buttons(slots: list[SlotOut]) -> list[dict[str, str]]:
    """One button per window, with what is left."""
    return [
        {
            "title": SLOT_BUTTON.format(start=s.start, end=s.end, available=s.available),
            "payload": f'/inform{{"time":"{s.start}"}}',
        }
        for s in slots
    ]


async def open_day_buttons(
    client: ScheduleClient, place_id: str, start: date, wanted: int = 1
) -> list[dict[str, str]]:
    """Buttons for the next open days with room for ``wanted`` people."""
    _, days = await client.open_days(place_id, start, days=DAYS_LOOKED_AHEAD)
    return [
        {
            "title": DAY_BUTTON.format(day=format_day(d.date), available=d.available),
            "payload": f'/inform{{"date":"{d.date.isoformat()}"}}',
        }
        for d in days
        if d.open and d.available >= wanted
    ][:SUGGESTED_DAYS]


class SchedulingValidator(CivicFormValidator):
    """Validates a journey's place, day and window slots (see the module docstring)."""

    schedule: ClassVar[ScheduleSpec]
    place_entity: ClassVar[str]

    @abstractmethod
    def client(self) -> ScheduleClient:
        """The journey's backend client."""

    async def on_open_day(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, day: DayStatusOut
    ) -> None:
        """Say what is special about an open day (a festival, a provisional calendar)."""

    async def on_full(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """What else to offer when a day or window is full (e.g. 网络祭扫 / 代祭)."""

    async def check_day(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, place_id: str, day: date
    ) -> DayStatusOut | None:
        """The day when the place takes bookings with room for the party; else reply, None."""
        spec = self.schedule
        status = await self.client().day(place_id, day)
        if not status.open:
            dispatcher.utter_message(response="utter_schedule_closed", message=status.message)
            return None
        wanted = needed(tracker, spec)
        if not status.free_slots(wanted):
            dispatcher.utter_message(
                response="utter_schedule_day_full",
                place_name=tracker.get_slot(spec.place_name) or "",
                date=format_day(day),
            )
            await self.suggest_days(dispatcher, place_id, day + timedelta(days=1), wanted)
            await self.on_full(dispatcher, tracker)
            return None
        await self.on_open_day(dispatcher, tracker, status)
        return status

    async def suggest_days(
        self, dispatcher: CollectingDispatcher, place_id: str, start: date, wanted: int
    ) -> None:
        """Offer the nearest days that still have room, as buttons."""
        buttons = await open_day_buttons(self.client(), place_id, start, wanted)
        if buttons:
            dispatcher.utter_message(response="utter_schedule_suggest_days", buttons=buttons)

    async def validate_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Fuzzy-match a place; buttons when ambiguous; re-check a day chosen before."""
        spec = self.schedule
        places = await self.client().places()
        matches = match_places(str(value), places, spec.place_noise)
        if not matches:
            return self.reject(dispatcher, tracker, spec.place, spec.place_unknown, value=value)
        if len(matches) > 1:
            dispatcher.utter_message(
                response=spec.choose_place, buttons=place_buttons(matches, self.place_entity)
            )
            return {spec.place: None}
        place = matches[0]
        dispatcher.utter_message(
            response=spec.place_chosen,
            place_name=place.name,
            address=place.address,
            hours=place.hours,
        )
        result = self.accept(
            tracker, spec.place, place.id, **{spec.place_name: place.name, CITY_SLOT: place.city}
        )
        tracker.slots.update(result)
        day_iso = tracker.get_slot(spec.day)
        if day_iso and spec.day not in tracker.slots_to_validate():
            # The day was chosen for another place: check it again here.
            day = date.fromisoformat(day_iso)
            if await self.check_day(dispatcher, tracker, place.id, day) is None:
                result.update({spec.day: None, spec.time: None})
        return result

    async def validate_day(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Parse a Chinese date, then check it against the place's calendar and capacity."""
        spec = self.schedule
        try:
            day = parse_day(str(value), clock.today()).day
        except DateParseError as error:
            return self.reject(
                dispatcher,
                tracker,
                spec.day,
                DATE_ERRORS.get(error.code, "utter_invalid_date"),
                value=value,
                date=value,
            )
        refusal = self.refuse_day(dispatcher, tracker, day)
        if refusal is not None:
            return refusal
        place_id = tracker.get_slot(spec.place)
        if place_id and await self.check_day(dispatcher, tracker, place_id, day) is None:
            return self.reject(dispatcher, tracker, spec.day, None)  # check_day replied
        result = self.accept(tracker, spec.day, day.isoformat())
        if spec.time not in tracker.slots_to_validate():
            result[spec.time] = None
        return result

    def refuse_day(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, day: date
    ) -> dict[str, Any] | None:
        """A journey's own reason to refuse ``day`` (e.g. a party under age), or None."""
        return None

    async def validate_window(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Match "上午"/"10点"/"10:00" to one of the day's windows with room for the party."""
        spec = self.schedule
        place_id = tracker.get_slot(spec.place)
        day_iso = tracker.get_slot(spec.day)
        preference = parse_time_preference(str(value))
        if preference is None:
            return self.reject(dispatcher, tracker, spec.time, "utter_invalid_time")
        if not place_id or not day_iso:
            return {spec.time: None}  # asked again once place and day are known
        status = await self.client().day(place_id, date.fromisoformat(day_iso))
        wanted = needed(tracker, spec)
        free = status.free_slots(wanted)
        start = pick_slot(preference, [s.start for s in free], [s.end for s in free])
        if start is not None:
            return self.accept(tracker, spec.time, start)
        taken = pick_slot(
            preference, [s.start for s in status.slots], [s.end for s in status.slots]
        )
        if not taken:
            return self.reject(dispatcher, tracker, spec.time, "utter_invalid_time")
        dispatcher.utter_message(response="utter_schedule_slot_full")
        if free:
            dispatcher.utter_message(
                response="utter_schedule_other_windows", buttons=window_buttons(free)
            )
        else:
            await self.suggest_days(dispatcher, place_id, status.date + timedelta(days=1), wanted)
        await self.on_full(dispatcher, tracker)
        return self.reject(dispatcher, tracker, spec.time, None)


class AskPlace(Action, ABC):
    """Asks for the place, with a button per city the backend has places in."""

    validator: ClassVar[type[SchedulingValidator]]

    @abstractmethod
    def name(self) -> str:
        """The journey's ``action_ask_<slot>``."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        validator = self.validator()
        buttons: list[dict[str, str]] = []
        try:
            buttons = city_buttons(await validator.client().places(), validator.place_entity)
        except (BackendUnavailable, BackendError):
            logger.warning("places unavailable for %s", self.name())
        dispatcher.utter_message(response=validator.schedule.ask_place, buttons=buttons)
        return []


class AskDay(Action, ABC):
    """Asks for the day, offering the place's next days with room for the party."""

    validator: ClassVar[type[SchedulingValidator]]

    @abstractmethod
    def name(self) -> str:
        """The journey's ``action_ask_<slot>``."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        validator = self.validator()
        spec = validator.schedule
        place_id = tracker.get_slot(spec.place)
        buttons: list[dict[str, str]] = []
        window = {"first": "", "last": ""}
        if place_id:
            try:
                client = validator.client()
                bookable, _ = await client.open_days(place_id, clock.today(), days=1)
                window = {"first": format_day(bookable.first), "last": format_day(bookable.last)}
                buttons = await open_day_buttons(
                    client, place_id, bookable.first, needed(tracker, spec)
                )
            except (BackendUnavailable, BackendError):
                logger.warning("open days unavailable for %s", place_id)
        dispatcher.utter_message(response=spec.ask_day, buttons=buttons, **window)
        return []


class AskWindow(Action, ABC):
    """Shows the day's windows with room for the party as buttons."""

    validator: ClassVar[type[SchedulingValidator]]

    @abstractmethod
    def name(self) -> str:
        """The journey's ``action_ask_<slot>``."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        validator = self.validator()
        spec = validator.schedule
        day = date.fromisoformat(tracker.get_slot(spec.day))
        try:
            status = await validator.client().day(tracker.get_slot(spec.place), day)
        except (BackendUnavailable, BackendError):
            dispatcher.utter_message(response="utter_backend_unavailable")
            return []
        free = status.free_slots(needed(tracker, spec))
        if not free:  # taken by others since the day was accepted
            dispatcher.utter_message(
                response="utter_schedule_day_full",
                place_name=tracker.get_slot(spec.place_name) or "",
                date=format_day(day),
            )
            return [SlotSet(spec.day, None), SlotSet("requested_slot", spec.day)]
        dispatcher.utter_message(
            response=spec.ask_time, date=format_day(day), buttons=window_buttons(free)
        )
        return []
