"""婚姻登记预约: the booking form's validation, its questions, and the booking itself."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from datetime import date
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import (
    CJK,
    FAILURES_SLOT,
    PLAUSIBLE_DATE,
    PLAUSIBLE_ID,
    PLAUSIBLE_NAME,
    PLAUSIBLE_PHONE,
    PLAUSIBLE_TIME,
    SlotSource,
    is_fresh_turn,
    latest_intent,
)
from actions.marriage_schedule import (
    ScheduleSlots,
    booking_window,
    client,
    match_offices,
    minimum_age_not_reached,
    office_buttons,
    open_day_buttons,
    slot_buttons,
)
from actions.messages import (
    PARTY_LABELS,
    SAMPLE_NOTE,
    SEX_LABELS,
    TYPE_LABELS,
    bullet_list,
    summary,
)
from civic import clock
from civic.dates import format_day
from civic.idcard import IdCardError, find_id_candidate, parse_id_number
from civic.masking import mask_id_number, mask_name, mask_phone
from civic.names import clean_name
from civic.text import normalize_user_text
from integrations.http import BackendError, BackendUnavailable
from integrations.marriage_client import BookingRequest

logger = logging.getLogger(__name__)

FORM_SLOTS = (
    "marriage_type",
    "marriage_office",
    "marriage_office_name",
    "marriage_date",
    "marriage_time",
    "marriage_party1_name",
    "marriage_party1_id",
    "marriage_party2_name",
    "marriage_party2_id",
    "marriage_phone",
    "marriage_confirmed",
    "marriage_booking_key",
)
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
ID_ERRORS = {
    "length": "utter_invalid_id_length",
    "format": "utter_invalid_id_format",
    "birth_date": "utter_invalid_id_birth_date",
    "checksum": "utter_invalid_id_checksum",
    "region": "utter_invalid_id_region",
    "empty": "utter_invalid_id_length",
}
# Backend error fields -> the slots to ask again.
BACKEND_FIELDS = {
    "party1": CHANGE_FIELDS["party1"],
    "party2": CHANGE_FIELDS["party2"],
    "phone": CHANGE_FIELDS["phone"],
    "date": CHANGE_FIELDS["date"],
    "start_time": CHANGE_FIELDS["time"],
    "office_id": CHANGE_FIELDS["office"],
}


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


class ValidateMarriageForm(ScheduleSlots):
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

    def extract(self, tracker: Tracker, wanted: Any) -> dict[str, Any]:
        """Entities and answers as usual, plus 确认/修改 and "修改 X" buttons."""
        intent, _ = latest_intent(tracker)
        if intent == "marriage_change":
            field = next(tracker.get_latest_entity_values("marriage_field"), None)
            field = field or changed_field(tracker.latest_message.get("text") or "")
            cleared = CHANGE_FIELDS.get(field or "", ())
            if not cleared:  # "我要改一下": ask which field, with buttons
                return {"marriage_confirmed": False}
            return {**dict.fromkeys(cleared), "marriage_confirmed": None}
        found = super().extract(tracker, wanted)
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

    async def validate_marriage_office(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Fuzzy-match a district or office name; offer buttons when it is ambiguous."""
        slot = "marriage_office"
        offices = await client().offices()
        matches = match_offices(str(value), offices)
        if not matches:
            return self.reject(
                dispatcher, tracker, slot, "utter_marriage_office_unknown", value=value
            )
        if len(matches) > 1:
            dispatcher.utter_message(
                response="utter_marriage_choose_office", buttons=office_buttons(matches)
            )
            return {slot: None}
        office = matches[0]
        dispatcher.utter_message(
            response="utter_marriage_office_chosen",
            office_name=office.name,
            address=office.address,
            hours=office.hours,
        )
        result = self.accept(tracker, slot, office.id, marriage_office_name=office.name)
        day_iso = tracker.get_slot("marriage_date")
        if day_iso and "marriage_date" not in tracker.slots_to_validate():
            # The date was chosen for another office: check it again here.
            day = date.fromisoformat(day_iso)
            if await self.check_day(dispatcher, tracker, office.id, day) is None:
                result.update(marriage_date=None, marriage_time=None)
        return result

    async def validate_marriage_party1_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The first party's (男方 / 申请人) name."""
        return self._validate_name("marriage_party1_name", value, dispatcher, tracker)

    async def validate_marriage_party2_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The second party's (女方) name."""
        return self._validate_name("marriage_party2_name", value, dispatcher, tracker)

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

    def _validate_name(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        name = clean_name(str(value))
        if name is None:
            return self.reject(dispatcher, tracker, slot, "utter_invalid_name")
        return self.accept(tracker, slot, name)

    def _validate_id(
        self, party: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        slot = f"marriage_{party}_id"
        today = clock.today()
        try:
            info = parse_id_number(find_id_candidate(str(value)), today)
        except IdCardError as error:
            return self.reject(dispatcher, tracker, slot, ID_ERRORS[error.code])
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


def booking_request(tracker: Tracker) -> BookingRequest:
    """The backend request built from the form's slots."""
    reissue = tracker.get_slot("marriage_type") == "reissue"
    return BookingRequest(
        type=tracker.get_slot("marriage_type"),
        office_id=tracker.get_slot("marriage_office"),
        day=date.fromisoformat(tracker.get_slot("marriage_date")),
        start_time=tracker.get_slot("marriage_time"),
        party1_name=tracker.get_slot("marriage_party1_name"),
        party1_id=tracker.get_slot("marriage_party1_id"),
        party2_name=None if reissue else tracker.get_slot("marriage_party2_name"),
        party2_id=None if reissue else tracker.get_slot("marriage_party2_id"),
        phone=tracker.get_slot("marriage_phone"),
    )


def idempotency_key(nonce: str, request: BookingRequest) -> str:
    """Same form and same details → same key (a retried 确认 never books twice)."""
    canonical = json.dumps(request.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{nonce}:{canonical}".encode()).hexdigest()[:40]


class ActionAskMarriageConfirmed(Action):
    """Shows the summary (IDs and phone masked) and asks 确认 / 修改."""

    def name(self) -> str:
        return "action_ask_marriage_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent, _ = latest_intent(tracker)
        if intent in ("deny", "marriage_change") and is_fresh_turn(tracker, "marriage_form"):
            return []  # "修改" was just answered with the list of fields
        kind = tracker.get_slot("marriage_type")
        label1, label2 = PARTY_LABELS[kind]
        fields = {
            "type": TYPE_LABELS[kind],
            "office": tracker.get_slot("marriage_office_name"),
            "when": f"{format_day(date.fromisoformat(tracker.get_slot('marriage_date')))} "
            f"{tracker.get_slot('marriage_time')}",
            "party1": _party(tracker, "party1"),
            "party2": "" if kind == "reissue" else _party(tracker, "party2"),
            "phone": mask_phone(tracker.get_slot("marriage_phone")),
        }
        dispatcher.utter_message(
            response="utter_marriage_summary", summary=summary(fields, label1, label2)
        )
        if tracker.get_slot("marriage_booking_key"):
            return []
        return [SlotSet("marriage_booking_key", uuid.uuid4().hex)]


def _party(tracker: Tracker, party: str) -> str:
    name = tracker.get_slot(f"marriage_{party}_name") or ""
    number = tracker.get_slot(f"marriage_{party}_id") or ""
    return f"{mask_name(name)}（身份证 {mask_id_number(number)}）"


class ActionMarriageBook(Action):
    """Books the confirmed appointment and tells the citizen what to bring."""

    def name(self) -> str:
        return "action_marriage_book"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        request = booking_request(tracker)
        key = idempotency_key(
            tracker.get_slot("marriage_booking_key") or tracker.sender_id, request
        )
        try:
            appointment = await client().book(request, key)
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_backend_unavailable")
            return [SlotSet("marriage_confirmed", None), FollowupAction("marriage_form")]
        except BackendError as error:
            return self._refused(dispatcher, error)
        notice = f"\n{appointment.notice}" if appointment.notice else ""
        dispatcher.utter_message(
            response="utter_marriage_booked",
            reference=appointment.reference,
            type_label=appointment.type_label,
            office_name=appointment.office.name,
            address=appointment.office.address,
            date=format_day(appointment.day),
            time=f"{appointment.start_time}-{appointment.end_time}",
            materials=bullet_list(appointment.materials) + notice,
            sample_note=SAMPLE_NOTE if appointment.office.sample else "",
        )
        return [SlotSet(slot, None) for slot in (*FORM_SLOTS, FAILURES_SLOT)]

    @staticmethod
    def _refused(dispatcher: CollectingDispatcher, error: BackendError) -> list[EventType]:
        """The backend's authoritative rules said no: say why, then ask again what failed."""
        logger.info("booking refused: %s %s", error.code, error.field)
        if error.code == "slot_full":
            dispatcher.utter_message(response="utter_marriage_slot_full")
            cleared: tuple[str, ...] = CHANGE_FIELDS["time"]
        else:
            dispatcher.utter_message(
                response="utter_marriage_booking_failed", message=error.message
            )
            cleared = BACKEND_FIELDS.get(error.field or "", ())
        if not cleared:  # nothing to correct in this form (e.g. already booked)
            return [SlotSet(slot, None) for slot in (*FORM_SLOTS, FAILURES_SLOT)]
        events: list[EventType] = [SlotSet(slot, None) for slot in cleared]
        return [*events, SlotSet("marriage_confirmed", None), FollowupAction("marriage_form")]


class ActionMarriageMaterials(Action):
    """What to bring, for the type being booked (or all types)."""

    def name(self) -> str:
        return "action_marriage_materials"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        mentioned = next(tracker.get_latest_entity_values("registration_type"), None)
        kind = registration_type(mentioned) if mentioned else tracker.get_slot("marriage_type")
        dispatcher.utter_message(response="utter_marriage_materials")
        if kind and kind != tracker.get_slot("marriage_type"):
            return [SlotSet("marriage_type", kind)] if not tracker.active_loop else []
        return []
