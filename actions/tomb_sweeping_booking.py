"""祭扫预约: the summary, the reservation itself, and the rules at the gate."""

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
from actions.messages import SAMPLE_NOTE, bullet_list
from actions.tomb_sweeping_form import CHANGE_FIELDS, offer_remote, tomb_client
from actions.tomb_sweeping_messages import NO_CAR, NO_PLATE, VISITORS, summary
from civic.dates import format_day
from civic.masking import mask_id_number, mask_name, mask_phone, mask_plate
from contracts.tomb_sweeping import BookerIn, CreateReservationIn
from integrations.http import BackendError, BackendUnavailable, OutcomeUnknown

logger = logging.getLogger(__name__)

FORM_SLOTS = (
    "tomb_cemetery",
    "tomb_cemetery_name",
    "tomb_visitors",
    "tomb_date",
    "tomb_time",
    "tomb_deceased_name",
    "tomb_booker_name",
    "tomb_booker_id",
    "tomb_phone",
    "tomb_plate",
    "tomb_confirmed",
    "tomb_booking_key",
    "tomb_parking",
    "tomb_max_visitors",
)
# Backend error fields -> the slots to ask again.
BACKEND_FIELDS = {
    "visitors": CHANGE_FIELDS["visitors"],
    "booker.name": ("tomb_booker_name",),
    "booker.id_number": ("tomb_booker_id",),
    "phone": CHANGE_FIELDS["phone"],
    "deceased_name": CHANGE_FIELDS["deceased"],
    "plate": CHANGE_FIELDS["plate"],
    "date": CHANGE_FIELDS["date"],
    "start_time": CHANGE_FIELDS["time"],
    "cemetery_id": CHANGE_FIELDS["cemetery"],
}


def reservation_request(tracker: Tracker) -> CreateReservationIn:
    """The backend request built from the form's slots."""
    plate = tracker.get_slot("tomb_plate")
    return CreateReservationIn(
        cemetery_id=tracker.get_slot("tomb_cemetery"),
        date=tracker.get_slot("tomb_date"),
        start_time=tracker.get_slot("tomb_time"),
        visitors=int(tracker.get_slot("tomb_visitors")),
        booker=BookerIn(
            name=tracker.get_slot("tomb_booker_name"),
            id_number=tracker.get_slot("tomb_booker_id"),
        ),
        phone=tracker.get_slot("tomb_phone"),
        deceased_name=tracker.get_slot("tomb_deceased_name"),
        plate=None if plate in (None, NO_CAR) else plate,
    )


def idempotency_key(nonce: str, request: CreateReservationIn) -> str:
    """Same form and same details → same key (a retried 确认 never books twice)."""
    canonical = json.dumps(request.dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{nonce}:{canonical}".encode()).hexdigest()[:40]


class ActionAskTombConfirmed(Action):
    """Shows the summary (ID, phone, names and plate masked) and asks 确认 / 修改."""

    def name(self) -> str:
        return "action_ask_tomb_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent, _ = latest_intent(tracker)
        if intent == "deny" and is_fresh_turn(tracker, "tomb_form"):
            return []  # "修改" was just answered with the question what to change
        plate = tracker.get_slot("tomb_plate")
        day = date.fromisoformat(tracker.get_slot("tomb_date"))
        fields = {
            "cemetery": tracker.get_slot("tomb_cemetery_name"),
            "when": f"{format_day(day)} {tracker.get_slot('tomb_time')}",
            "visitors": VISITORS.format(count=tracker.get_slot("tomb_visitors")),
            "deceased": mask_name(tracker.get_slot("tomb_deceased_name") or ""),
            "booker": f"{mask_name(tracker.get_slot('tomb_booker_name') or '')}"
            f"（身份证 {mask_id_number(tracker.get_slot('tomb_booker_id') or '')}）",
            "phone": mask_phone(tracker.get_slot("tomb_phone") or ""),
            "plate": mask_plate(plate) if plate and plate != NO_CAR else NO_PLATE,
        }
        dispatcher.utter_message(response="utter_tomb_summary", summary=summary(fields))
        if tracker.get_slot("tomb_booking_key"):
            return []
        return [SlotSet("tomb_booking_key", uuid.uuid4().hex)]


class ActionTombBook(Action):
    """Reserves the confirmed window and tells the citizen the rules at the gate."""

    def name(self) -> str:
        return "action_tomb_book"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        request = reservation_request(tracker)
        key = idempotency_key(tracker.get_slot("tomb_booking_key") or tracker.sender_id, request)
        retry = [SlotSet("tomb_confirmed", None), FollowupAction("tomb_form")]
        try:
            reservation = await tomb_client().create(
                request, key, patience=runtime.settings().confirm_seconds
            )
        except OutcomeUnknown:
            dispatcher.utter_message(response="utter_booking_outcome_unknown")
            return retry
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_booking_unavailable")
            return retry
        except BackendError as error:
            return await self._refused(dispatcher, tracker, error)
        dispatcher.utter_message(
            response="utter_tomb_booked",
            reference=reservation.reference,
            place_name=reservation.cemetery.name,
            address=reservation.cemetery.address,
            date=format_day(reservation.date),
            time=f"{reservation.start_time}-{reservation.end_time}",
            visitors=reservation.visitors,
            rules=bullet_list(reservation.entry_rules),
            sample_note=SAMPLE_NOTE if reservation.cemetery.sample else "",
        )
        return [SlotSet(slot, None) for slot in (*FORM_SLOTS, FAILURES_SLOT)]

    async def _refused(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, error: BackendError
    ) -> list[EventType]:
        """The backend's rules said no: say why, offer alternatives, ask again what failed."""
        logger.info("reservation refused: %s %s", error.code, error.field)
        if error.code in ("slot_full", "parking_full"):
            dispatcher.utter_message(response="utter_booking_refused", message=error.message)
            cemetery = await tomb_client().cemetery(tracker.get_slot("tomb_cemetery"))
            offer_remote(dispatcher, cemetery)
            cleared: tuple[str, ...] = CHANGE_FIELDS[
                "plate" if error.code == "parking_full" else "time"
            ]
        else:
            dispatcher.utter_message(response="utter_booking_refused", message=error.message)
            cleared = BACKEND_FIELDS.get(error.field or "", ())
        if not cleared:  # nothing to correct in this form (e.g. already reserved)
            return [SlotSet(slot, None) for slot in (*FORM_SLOTS, FAILURES_SLOT)]
        events: list[EventType] = [SlotSet(slot, None) for slot in cleared]
        return [*events, SlotSet("tomb_confirmed", None), FollowupAction("tomb_form")]
