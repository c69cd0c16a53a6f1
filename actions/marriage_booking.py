"""婚姻登记预约: the summary, the booking itself, and what to bring."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from datetime import date

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import runtime
from actions.forms_base import FAILURES_SLOT, is_fresh_turn, latest_intent
from actions.marriage_form import CHANGE_FIELDS, marriage_client, registration_type
from actions.marriage_messages import PARTY_LABELS, TYPE_LABELS, summary
from actions.messages import SAMPLE_NOTE, bullet_list
from civic.dates import format_day
from civic.masking import mask_id_number, mask_name, mask_phone
from contracts.marriage import CreateAppointmentIn, PartyIn
from integrations.http import BackendError, BackendUnavailable, OutcomeUnknown

logger = logging.getLogger(__name__)

# Backend error fields -> the slots to ask again.
BACKEND_FIELDS = {
    "party1": CHANGE_FIELDS["party1"],
    "party2": CHANGE_FIELDS["party2"],
    "phone": CHANGE_FIELDS["phone"],
    "date": CHANGE_FIELDS["date"],
    "start_time": CHANGE_FIELDS["time"],
    "office_id": CHANGE_FIELDS["office"],
}

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


def booking_request(tracker: Tracker) -> CreateAppointmentIn:
    """The backend request built from the form's slots."""
    reissue = tracker.get_slot("marriage_type") == "reissue"
    party2 = None
    if not reissue:
        party2 = PartyIn(
            name=tracker.get_slot("marriage_party2_name"),
            id_number=tracker.get_slot("marriage_party2_id"),
        )
    return CreateAppointmentIn(
        type=tracker.get_slot("marriage_type"),
        office_id=tracker.get_slot("marriage_office"),
        date=tracker.get_slot("marriage_date"),
        start_time=tracker.get_slot("marriage_time"),
        party1=PartyIn(
            name=tracker.get_slot("marriage_party1_name"),
            id_number=tracker.get_slot("marriage_party1_id"),
        ),
        party2=party2,
        phone=tracker.get_slot("marriage_phone"),
    )


def idempotency_key(nonce: str, request: CreateAppointmentIn) -> str:
    """Same form and same details → same key (a retried 确认 never books twice)."""
    canonical = json.dumps(request.dict(), sort_keys=True, ensure_ascii=False)
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
            appointment = await marriage_client().create(
                request, key, patience=runtime.settings().confirm_seconds
            )
        except OutcomeUnknown:
            # The backend may have booked it: never say it failed. The same key on the
            # next 确认 returns that booking, or books once.
            dispatcher.utter_message(response="utter_booking_outcome_unknown")
            return [SlotSet("marriage_confirmed", None), FollowupAction("marriage_form")]
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_booking_unavailable")
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
            date=format_day(appointment.date),
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
            dispatcher.utter_message(response="utter_schedule_slot_full")
            cleared: tuple[str, ...] = CHANGE_FIELDS["time"]
        else:
            dispatcher.utter_message(response="utter_booking_refused", message=error.message)
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
