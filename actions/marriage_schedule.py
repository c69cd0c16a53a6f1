"""Office, date and time-slot handling shared by the marriage booking and manage forms."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz, process
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import CivicFormValidator
from actions.messages import DAY_BUTTON, SLOT_BUTTON
from civic import clock
from civic.dates import DateParseError, format_day, parse_day
from civic.idcard import parse_id_number
from civic.marriage_age import minimum_age_not_reached
from civic.text import normalize_user_text
from civic.timeofday import parse_time_preference, pick_slot
from integrations.marriage_client import DaySlots, MarriageClient, Office

_OFFICE_NOISE = re.compile(
    r"(婚姻登记处|登记处|民政局|婚姻登记|结婚|预约|我想|想去|去|在|的|办理|办)"
)
_CITIES = ("深圳", "广州")
DATE_ERRORS = {
    "past": "utter_invalid_date_past",
    "range": "utter_invalid_date_range",
    "too_far": "utter_marriage_outside_window",
}


def client() -> MarriageClient:
    """The backend client (cheap: it holds settings, not connections)."""
    return MarriageClient.from_env()


def booking_window(today: date) -> tuple[date, date]:
    """First and last bookable day (the backend enforces the same ``MARRIAGE_BOOKING_DAYS``)."""
    days = int(os.environ.get("MARRIAGE_BOOKING_DAYS", "30"))
    return today + timedelta(days=1), today + timedelta(days=days)


def match_offices(text: str, offices: list[Office]) -> list[Office]:
    """Offices the citizen may mean: one when sure, several to choose from, none if no match.

    Exact names (button payloads) and district names win; a bare city name lists its
    offices; otherwise rapidfuzz ranks district and office names, tolerating typos.
    """
    query = normalize_user_text(text)
    for office in offices:
        if query == office.name:
            return [office]
    stem = _OFFICE_NOISE.sub("", query)
    if not stem:
        return []
    by_district = [
        o for o in offices if o.district.rstrip("区") and o.district.rstrip("区") in stem
    ]
    if by_district:
        in_city = [o for o in by_district if o.city in stem]
        return in_city or by_district
    cities = [c for c in _CITIES if c in stem]
    if cities and len(stem) <= len(cities[0]) + 1:
        return [o for o in offices if o.city in cities]
    choices = {o.id: f"{o.city}{o.district}" for o in offices}
    ranked = process.extract(
        stem, choices, scorer=fuzz.partial_ratio, processor=None, limit=3, score_cutoff=60
    )
    if not ranked:
        return []
    best = ranked[0][1]
    by_id = {o.id: o for o in offices}
    if best >= 85 and (len(ranked) == 1 or best - ranked[1][1] >= 10):
        return [by_id[ranked[0][2]]]
    return [by_id[key] for _, score, key in ranked if score >= best - 10]


def office_buttons(offices: list[Office]) -> list[dict[str, str]]:
    """One button per office; the payload names it exactly."""
    return [{"title": o.name, "payload": f'/inform{{"office":"{o.name}"}}'} for o in offices[:12]]


def slot_buttons(day_slots: DaySlots) -> list[dict[str, str]]:
    """One button per free slot."""
    return [
        {
            "title": SLOT_BUTTON.format(start=s.start, end=s.end, available=s.available),
            "payload": f'/inform{{"time":"{s.start}"}}',
        }
        for s in day_slots.free_slots
    ]


async def open_day_buttons(office_id: str, start: date, limit: int = 6) -> list[dict[str, str]]:
    """Buttons for the next open days with free seats."""
    days = await client().open_days(office_id, start, days=14)
    return [
        {
            "title": DAY_BUTTON.format(day=format_day(d.day), available=d.available),
            "payload": f'/inform{{"date":"{d.day.isoformat()}"}}',
        }
        for d in days
        if d.open and d.available > 0
    ][:limit]


class ScheduleSlots(CivicFormValidator):
    """``validate_marriage_date`` and ``validate_marriage_time`` for both marriage forms."""

    async def check_day(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, office_id: str, day: date
    ) -> DaySlots | None:
        """The day's slots when the office is open with free seats; else reply and None."""
        day_slots = await client().day_slots(office_id, day)
        if not day_slots.open:
            dispatcher.utter_message(response="utter_marriage_closed", message=day_slots.message)
            return None
        if not day_slots.free_slots:
            dispatcher.utter_message(
                response="utter_marriage_day_full",
                office_name=tracker.get_slot("marriage_office_name") or "",
                date=format_day(day),
            )
            buttons = await open_day_buttons(office_id, day + timedelta(days=1))
            if buttons:
                dispatcher.utter_message(response="utter_marriage_suggest_days", buttons=buttons)
            return None
        if day_slots.special_day:
            dispatcher.utter_message(
                response="utter_marriage_special_day",
                date=format_day(day),
                special_day=day_slots.special_day,
            )
        if day_slots.provisional:
            dispatcher.utter_message(response="utter_marriage_provisional", date=format_day(day))
        return day_slots

    def underage_party(self, tracker: Tracker, day: date) -> tuple[str, int] | None:
        """(label, minimum age) of a party too young to marry on ``day``, if any."""
        if tracker.get_slot("marriage_type") != "marriage":
            return None
        for party in ("party1", "party2"):
            number = tracker.get_slot(f"marriage_{party}_id")
            if not number:
                continue
            minimum = minimum_age_not_reached(parse_id_number(number), day)
            if minimum:
                return tracker.get_slot(f"marriage_{party}_label") or "", minimum
        return None

    def reject_underage(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        label: str,
        day: date,
        minimum: int,
    ) -> dict[str, Any]:
        """Refuse ``slot`` because a party is under the legal age on ``day``."""
        return self.reject(
            dispatcher,
            tracker,
            slot,
            "utter_invalid_underage",
            label=label,
            date=format_day(day),
            min_age=minimum,
        )

    async def validate_marriage_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Parse a Chinese date, then check it against the office's calendar and seats."""
        slot = "marriage_date"
        today = clock.today()
        try:
            day = parse_day(str(value), today).day
        except DateParseError as error:
            first, last = booking_window(today)
            return self.reject(
                dispatcher,
                tracker,
                slot,
                DATE_ERRORS.get(error.code, "utter_invalid_date"),
                value=value,
                date=value,
                first=format_day(first),
                last=format_day(last),
            )
        first, last = booking_window(today)
        if not first <= day <= last:
            return self.reject(
                dispatcher,
                tracker,
                slot,
                "utter_marriage_outside_window",
                date=format_day(day),
                first=format_day(first),
                last=format_day(last),
            )
        underage = self.underage_party(tracker, day)
        if underage:
            return self.reject_underage(dispatcher, tracker, slot, underage[0], day, underage[1])
        office_id = tracker.get_slot("marriage_office")
        if office_id and await self.check_day(dispatcher, tracker, office_id, day) is None:
            return self.reject(dispatcher, tracker, slot, None)  # check_day replied
        result = self.accept(tracker, slot, day.isoformat())
        if "marriage_time" not in tracker.slots_to_validate():
            result["marriage_time"] = None
        return result

    async def validate_marriage_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Match "上午"/"10点"/"10:00" to one of the day's free slots."""
        slot = "marriage_time"
        office_id = tracker.get_slot("marriage_office")
        day_iso = tracker.get_slot("marriage_date")
        preference = parse_time_preference(str(value))
        if preference is None:
            return self.reject(dispatcher, tracker, slot, "utter_invalid_time")
        if not office_id or not day_iso:
            return {slot: None}  # asked again once office and date are known
        day_slots = await client().day_slots(office_id, date.fromisoformat(day_iso))
        start = pick_slot(preference, [s.start for s in day_slots.free_slots])
        if start is None:
            taken = pick_slot(preference, [s.start for s in day_slots.slots])
            response = "utter_marriage_slot_full" if taken else "utter_invalid_time"
            return self.reject(dispatcher, tracker, slot, response)
        return self.accept(tracker, slot, start)
