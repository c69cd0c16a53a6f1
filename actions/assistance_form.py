"""社会救助预检: the pre-screening form, asking only what can still change the result.

After the consent line, the questions are chosen by the backend's own rules: each turn the
facts so far are pre-screened (the API stores nothing) and only the facts missing from a
programme that is still 需要进一步核实 are asked, in a fixed order. An income above the
低保边缘 line therefore skips the asset questions; a household with nobody elderly,
disabled or under 16 skips the 特困 questions. "不知道" is an answer: the result then says
需要进一步核实 for what depends on it.

Household facts live only in slots (sealed by the tracker store) and are never logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import ValidationError
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import runtime
from actions.assistance_answers import (
    SPECIAL_CODES,
    UNKNOWN,
    read_housing,
    read_place,
    read_residence,
    read_special,
    read_spending,
    read_sudden,
    read_vehicle,
    read_yes_no,
)
from actions.forms_base import CivicFormValidator, SlotSource, SlotValidator, latest_intent
from civic.numbers import parse_count, parse_party_size, read_amount
from civic.text import normalize_user_text
from contracts.assistance import MAX_YUAN, PrescreenIn
from integrations.assistance_client import AssistanceClient
from integrations.http import BackendUnavailable

logger = logging.getLogger(__name__)

CONSENT = "assistance_consent"
CITY = "assistance_city"
DISTRICT = "assistance_district"
INCOME = "assistance_income"
INCOME_APPROX = "assistance_income_approx"
INCOME_CONFIRMED = "assistance_income_confirmed"
SPECIAL = "assistance_special"
CHOICE = SlotSource(entities=("choice",), entities_only_when_asked=True)
# The backend's fact names -> the slot that asks for them, in the order they are asked.
FIELD_SLOTS = {
    "city": CITY,
    "residence": "assistance_residence",
    "household_size": "assistance_household_size",
    "monthly_income": INCOME,
    "financial_assets": "assistance_assets",
    "housing": "assistance_housing",
    "vehicle": "assistance_vehicle",
    "elderly_60_plus": SPECIAL,
    "severe_disability": SPECIAL,
    "minor_under_16": SPECIAL,
    "no_work_ability": "assistance_can_work",
    "no_income_source": "assistance_has_income_source",
    "no_capable_supporter": "assistance_has_supporter",
    "sudden_hardship": "assistance_sudden",
    "essential_spending": "assistance_spending",
}
ORDER = (CONSENT, *dict.fromkeys(FIELD_SLOTS.values()))
# Slots cleared once the result is told (the city stays for a call-back request).
HOUSEHOLD_SLOTS = (*ORDER[2:], INCOME_APPROX, INCOME_CONFIRMED, "requested_slot")
# Questions answered by choosing (buttons or words) and by yes/no, read alike.
CHOICE_READERS: dict[str, Callable[[Any], Any]] = {
    "assistance_residence": read_residence,
    "assistance_housing": read_housing,
    "assistance_vehicle": read_vehicle,
    SPECIAL: read_special,
    "assistance_sudden": read_sudden,
    "assistance_spending": read_spending,
}
YES_NO_SLOTS = frozenset(
    {"assistance_can_work", "assistance_has_income_source", "assistance_has_supporter"}
)
MAX_MONTHLY_INCOME = 1_000_000
MAX_HOUSEHOLD = 20
# "收入改成3000", "其实是四口人": a correction names the fact it changes.
_STATES_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万]")
_CORRECTION = re.compile(r"改成|改为|改一下|更正|说错|其实是|应该是|不对")
CORRECTION_WORDS = (
    (INCOME, ("收入", "工资", "挣")),
    ("assistance_household_size", ("人口", "口人", "几个人", "家里人", "人数")),
    ("assistance_assets", ("存款", "积蓄", "资产", "理财")),
    ("assistance_housing", ("房",)),
    ("assistance_vehicle", ("车",)),
    ("assistance_residence", ("户口", "户籍", "居住证")),
    (CITY, ("城市", "住在", "在哪")),
)


def assistance_client() -> AssistanceClient:
    """The social-assistance API client on the process's shared HTTP session."""
    return AssistanceClient(runtime.http())


def _known(value: Any) -> Any:
    return None if value in (None, UNKNOWN) else value


def _negated(value: Any) -> bool | None:
    value = _known(value)
    return None if value is None else not value


def household(tracker: Tracker) -> PrescreenIn:
    """The household facts collected so far, as the backend's request.

    While an answer is being validated its slot still holds the raw text, which is left out.
    """
    slot = tracker.get_slot
    special = slot(SPECIAL)
    flags: dict[str, bool | None] = dict.fromkeys(SPECIAL_CODES)
    if isinstance(special, list):
        flags = {code: code in special for code in SPECIAL_CODES}
    facts = dict(
        city=_known(slot(CITY)),
        district=_known(slot(DISTRICT)),
        residence=_known(slot("assistance_residence")),
        household_size=_known(slot("assistance_household_size")),
        monthly_income=_known(slot(INCOME)),
        financial_assets_total=_known(slot("assistance_assets")),
        housing=_known(slot("assistance_housing")),
        vehicle=_known(slot("assistance_vehicle")),
        no_work_ability=_negated(slot("assistance_can_work")),
        no_income_source=_negated(slot("assistance_has_income_source")),
        no_capable_supporter=_negated(slot("assistance_has_supporter")),
        sudden_hardship=_known(slot("assistance_sudden")),
        essential_spending=_known(slot("assistance_spending")),
        **flags,
    )
    try:
        return PrescreenIn(**facts)
    except ValidationError as error:  # an answer not yet validated (raw text) is not a fact
        raw = {str(e["loc"][0]) for e in error.errors()}
        return PrescreenIn(**{k: v for k, v in facts.items() if k not in raw})


async def questions_left(tracker: Tracker) -> list[str]:
    """The form's slots worth asking now (filled ones included), in asking order."""
    if tracker.get_slot(CONSENT) is not True:
        return [CONSENT]
    try:
        result = await assistance_client().prescreen(household(tracker))
    except BackendUnavailable:
        logger.warning("assistance API unavailable; asking every question")
        wanted = set(ORDER)
    else:
        open_facts = {f for r in result.results if r.status == "需要进一步核实" for f in r.missing}
        wanted = {FIELD_SLOTS[f] for f in open_facts if f in FIELD_SLOTS}
    slots = [s for s in ORDER if s == CONSENT or s in wanted or tracker.get_slot(s) is not None]
    if tracker.get_slot(INCOME_APPROX) and INCOME in slots:
        slots.insert(slots.index(INCOME) + 1, INCOME_CONFIRMED)
    return slots


def corrected_slot(text: str) -> str | None:
    """The fact a correction changes ("收入改成3000" -> the income slot), or None."""
    value = normalize_user_text(text)
    if not _CORRECTION.search(value):
        return None
    return next((slot for slot, words in CORRECTION_WORDS if any(w in value for w in words)), None)


class CityAnswer(CivicFormValidator):
    """The city (and district) question, shared by the pre-screening and call-back forms."""

    async def validate_assistance_city(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        place = read_place(str(value))
        if place is None:
            return self.reject(dispatcher, tracker, CITY, "utter_assistance_city_unclear")
        return self.accept(tracker, CITY, place.city, **{DISTRICT: place.district})


class ValidateAssistanceForm(CityAnswer):
    """Reads each answer; refuses impossible ones with the reason (负数, 0 or 99 people)."""

    sources: ClassVar[dict[str, SlotSource]] = {
        CONSENT: SlotSource(),
        CITY: SlotSource(),
        "assistance_residence": CHOICE,
        "assistance_household_size": SlotSource(),
        INCOME: SlotSource(),
        INCOME_CONFIRMED: SlotSource(),
        "assistance_assets": SlotSource(),
        "assistance_housing": CHOICE,
        "assistance_vehicle": CHOICE,
        SPECIAL: CHOICE,
        "assistance_can_work": SlotSource(),
        "assistance_has_income_source": SlotSource(),
        "assistance_has_supporter": SlotSource(),
        "assistance_sudden": CHOICE,
        "assistance_spending": CHOICE,
    }
    explanations: ClassVar[dict[str, str]] = {
        "assistance_household_size": "utter_assistance_explain_household",
        INCOME: "utter_assistance_explain_income",
        "assistance_assets": "utter_assistance_explain_assets",
    }
    answer_intents = frozenset({"affirm", "deny", "assistance_prescreen"})

    def name(self) -> str:
        return "validate_assistance_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return await questions_left(tracker)

    def extract(self, tracker: Tracker, wanted: Any, domain: DomainDict) -> dict[str, Any]:
        """A correction of an earlier answer goes to that fact; else as every form does."""
        text = tracker.latest_message.get("text") or ""
        slot = corrected_slot(text)
        if slot and slot in wanted and tracker.get_slot(slot) is not None:
            return {slot: text}
        return super().extract(tracker, wanted, domain)

    # ---- consent ----------------------------------------------------------------------

    async def validate_assistance_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        intent, _ = latest_intent(tracker)
        answer = read_yes_no(str(value), intent)
        if answer is True or answer is False:
            return self.accept(tracker, CONSENT, answer)
        return self.reject(dispatcher, tracker, CONSENT, "utter_assistance_consent_unclear")

    # ---- choices ----------------------------------------------------------------------

    def _choose(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, code: Any
    ) -> dict[str, Any]:
        if code is None:
            return self.reject(dispatcher, tracker, slot, "utter_assistance_choose_button")
        return self.accept(tracker, slot, code)

    def _yes_no(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, value: Any
    ) -> dict[str, Any]:
        intent, _ = latest_intent(tracker)
        answer = read_yes_no(str(value), intent)
        if answer is None:
            return self.reject(dispatcher, tracker, slot, "utter_assistance_yes_no")
        return self.accept(tracker, slot, answer)

    def slot_validator(self, slot: str) -> SlotValidator | None:
        """Choices and yes/no questions are read from :data:`CHOICE_READERS` and
        :data:`YES_NO_SLOTS`; the other slots have their own ``validate_<slot>``."""
        reader = CHOICE_READERS.get(slot)
        if reader is not None:

            async def choose(
                value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, _d: DomainDict
            ) -> dict[str, Any]:
                return self._choose(dispatcher, tracker, slot, reader(value))

            return choose
        if slot in YES_NO_SLOTS:

            async def yes_no(
                value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, _d: DomainDict
            ) -> dict[str, Any]:
                return self._yes_no(dispatcher, tracker, slot, value)

            return yes_no
        return super().slot_validator(slot)

    # ---- numbers ----------------------------------------------------------------------

    async def validate_assistance_household_size(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        slot = "assistance_household_size"
        text = str(value)
        if read_yes_no(text, None) == UNKNOWN:
            return self.accept(tracker, slot, UNKNOWN)
        size = parse_party_size(text)
        if size is None:
            size = parse_count(text)
        if size is None:
            return self.reject(dispatcher, tracker, slot, "utter_assistance_household_unclear")
        if size < 1:
            return self.reject(dispatcher, tracker, slot, "utter_assistance_household_zero")
        if size > MAX_HOUSEHOLD:
            return self.reject(
                dispatcher, tracker, slot, "utter_assistance_household_too_big", limit=MAX_HOUSEHOLD
            )
        return self.accept(tracker, slot, size)

    def _amount(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        value: Any,
        limit: float,
    ) -> tuple[float | str | None, dict[str, Any]]:
        """The amount in an answer, or the rejection (not a number, negative, too large)."""
        text = str(value)
        amount = read_amount(text)
        if amount is None:
            if read_yes_no(text, None) == UNKNOWN:
                return UNKNOWN, {}
            return None, self.reject(dispatcher, tracker, slot, "utter_assistance_amount_unclear")
        if amount.negative:
            return None, self.reject(dispatcher, tracker, slot, "utter_assistance_amount_negative")
        if amount.yuan > limit:
            return None, self.reject(dispatcher, tracker, slot, "utter_assistance_amount_too_big")
        return amount.yuan, {INCOME_APPROX: amount.approximate} if slot == INCOME else {}

    async def validate_assistance_income(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        amount, more = self._amount(dispatcher, tracker, INCOME, value, MAX_MONTHLY_INCOME)
        if amount is None:
            return more
        return self.accept(tracker, INCOME, amount, **{INCOME_CONFIRMED: None, **more})

    async def validate_assistance_income_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value)
        amount = read_amount(text)
        if (
            amount is not None
            and not amount.negative
            and not amount.approximate
            and amount.yuan <= MAX_MONTHLY_INCOME
            and _STATES_NUMBER.search(text)
        ):
            return self.accept(
                tracker, INCOME_CONFIRMED, True, **{INCOME: amount.yuan, INCOME_APPROX: False}
            )
        intent, _ = latest_intent(tracker)
        answer = read_yes_no(text, intent)
        if answer is True:
            return self.accept(tracker, INCOME_CONFIRMED, True)
        if answer is False:  # ask the income again
            return {INCOME: None, INCOME_APPROX: None, INCOME_CONFIRMED: None}
        return self.reject(dispatcher, tracker, INCOME_CONFIRMED, "utter_assistance_yes_no")

    async def validate_assistance_assets(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        amount, more = self._amount(dispatcher, tracker, "assistance_assets", value, MAX_YUAN)
        if amount is None:
            return more
        return self.accept(tracker, "assistance_assets", amount)
