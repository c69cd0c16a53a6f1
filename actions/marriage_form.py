"""婚姻登记预约: validation of the booking form, slot by slot."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any, ClassVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import runtime
from actions.forms_base import (
    CJK,
    PLAUSIBLE_DATE,
    PLAUSIBLE_ID,
    PLAUSIBLE_NAME,
    PLAUSIBLE_PHONE,
    PLAUSIBLE_TIME,
    SlotSource,
    latest_intent,
)
from actions.marriage_messages import PARTY_LABELS, SEX_LABELS, TYPE_LABELS
from actions.scheduling import ScheduleSpec, SchedulingValidator
from civic.dates import format_day
from civic.idcard import parse_id_number
from civic.marriage_age import minimum_age_not_reached
from civic.text import normalize_user_text
from contracts.base import DayStatusOut
from integrations.marriage_client import MarriageClient

logger = logging.getLogger(__name__)

TYPE_WORDS = {
    "marriage": ("结婚", "领证", "扯证"),
    "divorce": ("离婚",),
    "reissue": ("补领", "补办", "补证", "丢", "遗失"),
}
# What "修改 X" clears, so the form asks for it again.
CHANGE_FIELDS = {
    "type": ("marriage_type",),
    "office": ("marriage_office", "marriage_office_name", "marriage_date", "marriage_time"),
    "date": ("marriage_date", "marriage_time"),
    "time": ("marriage_time",),
    "party1": ("marriage_party1_name", "marriage_party1_id"),
    "party2": ("marriage_party2_name", "marriage_party2_id"),
    "phone": ("marriage_phone",),
}
# Words that name a field in "我要改一下女方信息" (the buttons carry the field as an entity).
FIELD_WORDS = (
    ("party1", ("男方", "申请人")),
    ("party2", ("女方",)),
    ("phone", ("手机", "电话")),
    ("office", ("登记处", "地点", "地方")),
    ("time", ("时段", "几点", "上午", "下午")),
    ("date", ("日期", "日子", "哪天", "时间")),
    ("type", ("类型", "事项")),
)
MARRIAGE_SCHEDULE = ScheduleSpec(
    place="marriage_office",
    place_name="marriage_office_name",
    day="marriage_date",
    time="marriage_time",
    party=None,
    place_noise=re.compile(
        r"(婚姻登记处|登记处|民政局|婚姻登记|结婚|预约|我想|想去|去|在|的|办理|办)"
    ),
    place_unknown="utter_marriage_office_unknown",
    choose_place="utter_marriage_choose_office",
    place_chosen="utter_marriage_office_chosen",
    ask_place="utter_ask_marriage_office",
    ask_day="utter_ask_marriage_date",
    ask_time="utter_ask_marriage_time",
)


def marriage_client() -> MarriageClient:
    """The marriage API client on the process's shared HTTP session."""
    return MarriageClient(runtime.http())


def registration_type(text: str) -> str | None:
    """``marriage`` / ``divorce`` / ``reissue`` from "结婚登记", "办离婚", "结婚证丢了"…"""
    value = normalize_user_text(text)
    for code, label in TYPE_LABELS.items():
        if value in (label, code):
            return code
    for code in ("reissue", "divorce", "marriage"):  # "补领结婚证" mentions 结婚 too
        if any(word in value for word in TYPE_WORDS[code]):
            return code
    return None


def changed_field(text: str) -> str | None:
    """The field a citizen wants to change, from words like 女方 / 日期 / 手机."""
    value = normalize_user_text(text)
    for field, words in FIELD_WORDS:
        if any(word in value for word in words):
            return field
    return None


class MarriageScheduling(SchedulingValidator):
    """The shared scheduling step with marriage's client, slots and legal-age check."""

    schedule = MARRIAGE_SCHEDULE
    place_entity = "office"

    def client(self) -> MarriageClient:
        """The marriage API client."""
        return marriage_client()

    async def on_open_day(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, day: DayStatusOut
    ) -> None:
        """520 and 七夕 have their own quota; a year without an official calendar is flagged."""
        special = getattr(day, "special_day", None)
        if special is not None:
            dispatcher.utter_message(
                response="utter_marriage_special_day",
                date=format_day(day.date),
                special_day=special.name,
            )
        if day.provisional:
            dispatcher.utter_message(
                response="utter_schedule_provisional", date=format_day(day.date)
            )

    def refuse_day(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, day: date
    ) -> dict[str, Any] | None:
        """A party too young to marry on ``day``."""
        if tracker.get_slot("marriage_type") != "marriage":
            return None
        for party in ("party1", "party2"):
            number = tracker.get_slot(f"marriage_{party}_id")
            minimum = minimum_age_not_reached(parse_id_number(number), day) if number else None
            if minimum:
                label = tracker.get_slot(f"marriage_{party}_label") or ""
                return self.reject_underage(
                    dispatcher, tracker, "marriage_date", label, day, minimum
                )
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

    async def validate_marriage_office(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Fuzzy-match a district or office name; offer buttons when it is ambiguous."""
        return await self.validate_place(value, dispatcher, tracker)

    async def validate_marriage_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A Chinese date the office is open on, with free seats."""
        return await self.validate_day(value, dispatcher, tracker)

    async def validate_marriage_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the day's free slots."""
        return await self.validate_window(value, dispatcher, tracker)


class ValidateMarriageForm(MarriageScheduling):
    """Validates ``marriage_form`` slot by slot (see ``bot/domain/marriage.yml``)."""

    sources: ClassVar[dict[str, SlotSource]] = {
        "marriage_type": SlotSource(("registration_type",), plausible=CJK),
        "marriage_office": SlotSource(("office",), plausible=CJK),
        "marriage_date": SlotSource(("date",), plausible=PLAUSIBLE_DATE),
        "marriage_time": SlotSource(("time",), plausible=PLAUSIBLE_TIME),
        "marriage_party1_name": SlotSource(("person_name",), True, plausible=PLAUSIBLE_NAME),
        "marriage_party1_id": SlotSource(("id_number",), True, plausible=PLAUSIBLE_ID),
        "marriage_party2_name": SlotSource(("person_name",), True, plausible=PLAUSIBLE_NAME),
        "marriage_party2_id": SlotSource(("id_number",), True, plausible=PLAUSIBLE_ID),
        "marriage_phone": SlotSource(("phone",), plausible=PLAUSIBLE_PHONE),
        "marriage_confirmed": SlotSource(free_text=False),
    }
    explanations: ClassVar[dict[str, str]] = {
        "marriage_party1_id": "utter_form_explain_id",
        "marriage_party2_id": "utter_form_explain_id",
        "marriage_date": "utter_form_explain_date",
    }
    answer_intents = frozenset({"marriage_book", "marriage_change"})

    def name(self) -> str:
        return "validate_marriage_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """A reissue (补领) has one applicant: no second party."""
        if tracker.get_slot("marriage_type") == "reissue":
            return [s for s in domain_slots if not s.startswith("marriage_party2")]
        return domain_slots

    def extract(self, tracker: Tracker, wanted: Any, domain: DomainDict) -> dict[str, Any]:
        """Entities and answers as usual, plus 确认/修改 and "修改 X" buttons."""
        intent, _ = latest_intent(tracker)
        if intent == "marriage_change":
            field = next(tracker.get_latest_entity_values("marriage_field"), None)
            field = field or changed_field(tracker.latest_message.get("text") or "")
            cleared = CHANGE_FIELDS.get(field or "", ())
            if not cleared:  # "我要改一下": ask which field, with buttons
                return {"marriage_confirmed": False}
            return {**dict.fromkeys(cleared), "marriage_confirmed": None}
        found = super().extract(tracker, wanted, domain)
        if tracker.get_slot("requested_slot") == "marriage_confirmed" and not found:
            if intent == "affirm":
                found["marriage_confirmed"] = True
            elif intent == "deny":
                found["marriage_confirmed"] = False
        if found and "marriage_confirmed" not in found:
            found["marriage_confirmed"] = None  # any change needs a fresh confirmation
        return found

    async def validate_marriage_type(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """结婚登记 / 离婚登记 / 补领婚姻登记证, and the party labels that go with it."""
        code = registration_type(str(value))
        if code is None:
            return self.reject(dispatcher, tracker, "marriage_type", "utter_marriage_type_unknown")
        if code == "divorce":
            dispatcher.utter_message(response="utter_divorce_notice")
        label1, label2 = PARTY_LABELS[code]
        return self.accept(
            tracker,
            "marriage_type",
            code,
            marriage_party1_label=label1,
            marriage_party2_label=label2,
        )

    async def validate_marriage_party1_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The first party's (男方 / 申请人) name."""
        return self.accept_name(dispatcher, tracker, "marriage_party1_name", value)

    async def validate_marriage_party2_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The second party's (女方) name."""
        return self.accept_name(dispatcher, tracker, "marriage_party2_name", value)

    async def validate_marriage_party1_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The first party's ID number: checksum, birth date, sex and age."""
        return self._validate_id("party1", value, dispatcher, tracker)

    async def validate_marriage_party2_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The second party's ID number: as the first, and not the same person."""
        return self._validate_id("party2", value, dispatcher, tracker)

    async def validate_marriage_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """An 11-digit mainland mobile number."""
        return self.accept_phone(dispatcher, tracker, "marriage_phone", value)

    async def validate_marriage_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """确认 books; 修改 asks what to change and waits."""
        if value is True:
            return {"marriage_confirmed": True}
        dispatcher.utter_message(response="utter_marriage_what_to_change")
        return {"marriage_confirmed": None}

    def _validate_id(
        self, party: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        slot = f"marriage_{party}_id"
        info, rejection = self.read_id(dispatcher, tracker, slot, value)
        if info is None:
            return rejection
        other = tracker.get_slot(
            "marriage_party2_id" if party == "party1" else "marriage_party1_id"
        )
        if other and other == info.number:
            return self.reject(dispatcher, tracker, slot, "utter_invalid_id_same_person")
        label = tracker.get_slot(f"marriage_{party}_label") or ""
        kind = tracker.get_slot("marriage_type")
        if kind in ("marriage", "divorce"):
            expected = "male" if party == "party1" else "female"
            if info.sex != expected:
                return self.reject(
                    dispatcher,
                    tracker,
                    slot,
                    "utter_invalid_id_sex",
                    sex=SEX_LABELS[info.sex],
                    label=label,
                )
        day_iso = tracker.get_slot("marriage_date")
        if kind == "marriage" and day_iso:
            day = date.fromisoformat(day_iso)
            minimum = minimum_age_not_reached(info, day)
            if minimum:
                return self.reject_underage(dispatcher, tracker, slot, label, day, minimum)
        return self.accept(tracker, slot, info.number)
