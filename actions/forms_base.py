"""The form validator every journey inherits.

It extracts slot values the same way in every form (entities first; the whole message when
the slot was just asked for and the message is an answer rather than a question or a
command), counts repeated failures per slot (an explanation after the second, a way out
after the third), and turns a backend outage into a polite reply instead of a lost turn.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.messages import echo
from civic import clock
from civic.idcard import IdCardError, IdCardInfo, find_id_candidate, parse_id_number
from civic.names import clean_name
from civic.phone import PhoneError, find_phone_candidate, normalize_phone
from civic.questions import is_question
from integrations.http import BackendUnavailable

logger = logging.getLogger(__name__)

FAILURES_SLOT = "form_failures"
SlotValidator = Callable[
    [Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[dict[str, Any]]
]

# Intents that can carry an answer to the slot just asked for. Every other intent of the
# domain (a question, a command, 确认/不 said to the wrong question, small talk, another
# journey) is not an answer when the classifier is confident; a form adds its own (e.g.
# the intent that started it). Yes/no questions read affirm/deny themselves.
ANSWER_INTENTS = frozenset({"inform", "nlu_fallback"})
NON_ANSWER_CONFIDENCE = 0.6
# Actions that run between a user message and the form itself without answering it
# (the question router says nothing when the message is not a question).
_TURN_ACTIONS = frozenset({"action_listen", "action_extract_slots", "action_route_question"})
ID_ERRORS = {
    "length": "utter_invalid_id_length",
    "format": "utter_invalid_id_format",
    "birth_date": "utter_invalid_id_birth_date",
    "checksum": "utter_invalid_id_checksum",
    "region": "utter_invalid_id_region",
    "empty": "utter_invalid_id_length",
}
PHONE_ERRORS = {
    "length": "utter_invalid_phone_length",
    "empty": "utter_invalid_phone_length",
    "format": "utter_invalid_phone_format",
}


@dataclass(frozen=True)
class SlotSource:
    """Where a slot's raw value may come from.

    Attributes:
        entities: entity names whose value fills the slot.
        entities_only_when_asked: use the entities only while this slot is the one asked
            for (e.g. an ID number could belong to either party).
        free_text: take the whole message when this slot was asked for.
        plausible: an entity value must match this to count; DIET does find "entities"
            in SQL fragments and markup ("--" as a phone), which must not become values.
    """

    entities: tuple[str, ...] = ()
    entities_only_when_asked: bool = False
    free_text: bool = True
    plausible: re.Pattern[str] | None = None


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    """Name and confidence of the latest user message's intent."""
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


_DATA_LIKE = re.compile(r"\d{5}")


def is_answer(
    tracker: Tracker, domain: DomainDict, answer_intents: frozenset[str] = frozenset()
) -> bool:
    """False when the latest message is confidently a question or a command.

    Non-answers are derived from the domain: every intent except :data:`ANSWER_INTENTS`
    and the form's own ``answer_intents``. A message with a run of digits is data (an ID
    or phone number, even a mistyped one), whatever intent the classifier guessed for it.
    """
    text = tracker.latest_message.get("text") or ""
    if _DATA_LIKE.search(text):
        return True
    name, confidence = latest_intent(tracker)
    if name is None or name in ANSWER_INTENTS:
        return True
    if name in answer_intents:  # "结婚登记" answers; "男的多大才能登记结婚" asks
        return not is_question(text)
    return not (name in domain.get("intents", ()) and confidence >= NON_ANSWER_CONFIDENCE)


def is_fresh_turn(tracker: Tracker, form: str | None = None) -> bool:
    """True when nothing but Rasa's own steps ran since the latest user message.

    After a digression (a question answered in the middle of the form) the form runs
    again with the same latest message, which must not be read as a slot value. Rasa
    itself appends the form's own ``ActionExecuted`` before calling its validator.
    """
    allowed = _TURN_ACTIONS | ({form} if form else set())
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "bot":  # the message was already answered
            return False
        if event.get("event") == "action" and event.get("name") not in allowed:
            return False
    return True


# What a plausible entity value of each kind looks like.
CJK = re.compile(r"[\u4e00-\u9fff]")
# A date or time entity must contain a word of dates or times: DIET does tag parts of names
# ("张三") as dates, which must not replace a day already chosen.
PLAUSIBLE_DATE = re.compile(
    r"\d{1,4}\s*[-./]\s*\d{1,2}|^\d{3,4}$|[今明后昨前]天|大后天|[周週]|星期|礼拜|月|日|[号號]|[节節]|"
    r"清明|冬至|重阳|七夕|除夕|元旦|端午|中秋|农历|初[一二三四五六七八九十]|年"
)
PLAUSIBLE_TIME = re.compile(
    r"\d{1,2}\s*[:：]\s*\d{2}|点|时|钟|上午|下午|早|晚|中午|午后|半|刻|am|pm", re.IGNORECASE
)
PLAUSIBLE_NAME = re.compile(r"[\u4e00-\u9fff]|^[A-Za-z][A-Za-z .'-]+$")
PLAUSIBLE_PHONE = re.compile(r"(?:\d\D?){7,}")
PLAUSIBLE_ID = re.compile(r"\d{6}")
PLAUSIBLE_REFERENCE = re.compile(r"(?i)[a-z]{2}\s*\d{6}")


class CivicFormValidator(FormValidationAction, ABC):
    """Base of every journey's form validator (see module docstring).

    Subclasses declare ``sources`` and ``explanations`` and write ``validate_<slot>``
    methods that return ``self.accept(...)`` or ``self.reject(...)``.
    """

    sources: ClassVar[dict[str, SlotSource]] = {}
    explanations: ClassVar[dict[str, str]] = {}
    answer_intents: ClassVar[frozenset[str]] = frozenset()

    @abstractmethod
    def name(self) -> str:
        """``validate_<form name>``; abstract so rasa-sdk skips the shared base classes."""

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Extract raw values for the form's slots from the latest user message."""
        if not is_fresh_turn(tracker, self.form_name()):
            return []
        wanted = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        found = self.extract(tracker, wanted, domain)
        return [SlotSet(slot, value) for slot, value in found.items()]

    def extract(
        self, tracker: Tracker, wanted: Iterable[str], domain: DomainDict
    ) -> dict[str, Any]:
        """Raw values found in the latest message for the slots in ``wanted``."""
        requested = tracker.get_slot("requested_slot")
        found: dict[str, Any] = {}
        for slot in wanted:
            source = self.sources.get(slot)
            if source is None or (source.entities_only_when_asked and slot != requested):
                continue
            for entity in source.entities:
                values = [
                    str(v)
                    for v in tracker.get_latest_entity_values(entity)
                    if v and (source.plausible is None or source.plausible.search(str(v)))
                ]
                if len(set(values)) > 1:
                    # "明天不行，后天吧": the parsers read the whole message in context.
                    found[slot] = tracker.latest_message.get("text") or values[0]
                    break
                if values:
                    found[slot] = values[0]
                    break
        text = (tracker.latest_message.get("text") or "").strip()
        source = self.sources.get(requested or "")
        if (
            requested in wanted
            and requested not in found
            and source is not None
            and source.free_text
            and not found  # a correction of another slot is not an answer to this one
            and text
            and not text.startswith("/")
            and is_answer(tracker, domain, self.answer_intents)
        ):
            found[requested] = text
        return found

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Run ``validate_<slot>`` for each slot set this turn; clearing a slot skips it."""
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        results: dict[str, Any] = {}
        for slot, value in tracker.slots_to_validate().items():
            if slot not in required or value is None:
                results[slot] = value
                continue
            method = self.slot_validator(slot)
            if method is None:
                raise NotImplementedError(f"{self.name()} has no validate_{slot}")
            try:
                output = await method(value, dispatcher, tracker, domain)
            except BackendUnavailable:
                logger.warning("backend unavailable while validating %s", slot)
                dispatcher.utter_message(response="utter_backend_unavailable_retry")
                output = {slot: None}
            results.update(output)
            tracker.slots.update(output)
        return [SlotSet(slot, value) for slot, value in results.items()]

    def slot_validator(self, slot: str) -> SlotValidator | None:
        """The validator of ``slot``: its ``validate_<slot>`` method by default; a form may
        serve several slots that are read alike from one table instead."""
        return getattr(self, f"validate_{slot}", None)

    def accept(self, tracker: Tracker, slot: str, value: Any, **more: Any) -> dict[str, Any]:
        """Accept ``value`` for ``slot`` and reset its failure count."""
        failures = dict(tracker.get_slot(FAILURES_SLOT) or {})
        failures.pop(slot, None)
        return {slot: value, FAILURES_SLOT: failures, **more}

    def reject(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        response: str | None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Refuse a value with a specific reply.

        After the second failure the slot is explained, after the third a way out is offered.
        """
        failures = dict(tracker.get_slot(FAILURES_SLOT) or {})
        count = int(failures.get(slot, 0)) + 1
        failures[slot] = count
        logger.info("slot %s rejected (%s), failure %d", slot, response, count)
        if response:
            dispatcher.utter_message(response=response, **{k: echo(v) for k, v in kwargs.items()})
        if count == 2 and slot in self.explanations:
            dispatcher.utter_message(response=self.explanations[slot])
        if count >= 3:
            dispatcher.utter_message(response="utter_form_help")
        return {slot: None, FAILURES_SLOT: failures}

    def accept_phone(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, value: Any
    ) -> dict[str, Any]:
        """Accept the mobile number in ``value`` or reject it with the precise reason."""
        try:
            phone = normalize_phone(find_phone_candidate(str(value)))
        except PhoneError as error:
            return self.reject(dispatcher, tracker, slot, PHONE_ERRORS[error.code])
        return self.accept(tracker, slot, phone)

    def accept_name(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, value: Any
    ) -> dict[str, Any]:
        """Accept a person's name (2–30 characters, 汉字 or Latin) or reject it."""
        name = clean_name(str(value))
        if name is None:
            return self.reject(dispatcher, tracker, slot, "utter_invalid_name")
        return self.accept(tracker, slot, name)

    def read_id(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, value: Any
    ) -> tuple[IdCardInfo | None, dict[str, Any]]:
        """The ID number in ``value`` (checksum, birth date, region), or the rejection."""
        try:
            return parse_id_number(find_id_candidate(str(value)), clock.today()), {}
        except IdCardError as error:
            return None, self.reject(dispatcher, tracker, slot, ID_ERRORS[error.code])
