"""社会救助预检: the result, and a call back from the street office when the citizen asks.

The result names each programme as 可能符合 / 可能不符合 / 需要进一步核实 with the figures
compared, what to bring and where to apply; then the household facts are forgotten (only the
city stays, for a call-back request). A call back stores a name and a phone number only after
the citizen has seen exactly what is sent and agreed.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import runtime
from actions.assistance_answers import read_yes_no
from actions.assistance_form import (
    CITY,
    CONSENT,
    DISTRICT,
    HOUSEHOLD_SLOTS,
    INCOME,
    CityAnswer,
    assistance_client,
    household,
)
from actions.assistance_messages import (
    SAMPLE_STANDARD,
    open_programmes,
    programme_text,
    related_text,
    yuan,
)
from actions.forms_base import (
    FAILURES_SLOT,
    PLAUSIBLE_NAME,
    PLAUSIBLE_PHONE,
    SlotSource,
    latest_intent,
)
from civic.masking import mask_name, mask_phone
from contracts.assistance import ReferralIn
from integrations.http import BackendError, BackendUnavailable, OutcomeUnknown

logger = logging.getLogger(__name__)

PROGRAMMES = "assistance_programmes"
CONTACT_NAME = "assistance_contact_name"
CONTACT_PHONE = "assistance_contact_phone"
CONTACT_CONFIRMED = "assistance_contact_confirmed"
CONTACT_KEY = "assistance_contact_key"
CONTACT_SLOTS = (CONTACT_NAME, CONTACT_PHONE, CONTACT_CONFIRMED, CONTACT_KEY, "requested_slot")


def _forget_household() -> list[EventType]:
    return [SlotSet(slot, None) for slot in (*HOUSEHOLD_SLOTS, CONSENT, FAILURES_SLOT)]


class ActionAskAssistanceIncomeConfirmed(Action):
    """ "两千多": asks whether the rough figure may be used."""

    def name(self) -> str:
        return "action_ask_assistance_income_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        amount = tracker.get_slot(INCOME)
        dispatcher.utter_message(
            response="utter_ask_assistance_income_confirmed", amount=yuan(float(amount or 0))
        )
        return []


class ActionAssistanceResult(Action):
    """Tells the pre-screening result, then forgets the household's facts."""

    def name(self) -> str:
        return "action_assistance_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot(CONSENT) is not True:
            dispatcher.utter_message(response="utter_assistance_declined")
            return _forget_household()
        try:
            result = await assistance_client().prescreen(household(tracker))
        except (BackendUnavailable, BackendError):
            logger.warning("assistance pre-screening failed")
            dispatcher.utter_message(response="utter_backend_unavailable")
            return _forget_household()
        city = result.standard.city if not result.standard.is_default else result.city
        dispatcher.utter_message(response="utter_assistance_result_intro", city=city or "")
        for programme in result.results:
            dispatcher.utter_message(text=programme_text(programme))
        related = related_text(result)
        if related:
            dispatcher.utter_message(response="utter_assistance_related", related=related)
        dispatcher.utter_message(text=result.notice)
        if result.sample_data:
            dispatcher.utter_message(text=SAMPLE_STANDARD.format(city=result.standard.city))
        programmes = open_programmes(result)
        if programmes:
            dispatcher.utter_message(response="utter_assistance_next")
        else:
            dispatcher.utter_message(response="utter_assistance_next_none")
        return [*_forget_household(), SlotSet(PROGRAMMES, programmes)]


class ValidateAssistanceContactForm(CityAnswer):
    """Name, mobile number and the citizen's agreement to be called back."""

    sources: ClassVar[dict[str, SlotSource]] = {
        CITY: SlotSource(),
        CONTACT_NAME: SlotSource(entities=("person_name",), plausible=PLAUSIBLE_NAME),
        CONTACT_PHONE: SlotSource(entities=("phone",), plausible=PLAUSIBLE_PHONE),
        CONTACT_CONFIRMED: SlotSource(),
    }
    answer_intents = frozenset({"affirm", "deny", "assistance_contact"})

    def name(self) -> str:
        return "validate_assistance_contact_form"

    async def validate_assistance_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.accept_name(dispatcher, tracker, CONTACT_NAME, value)

    async def validate_assistance_contact_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.accept_phone(dispatcher, tracker, CONTACT_PHONE, value)

    async def validate_assistance_contact_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        intent, _ = latest_intent(tracker)
        answer = read_yes_no(str(value), intent)
        if answer is True or answer is False:
            return self.accept(tracker, CONTACT_CONFIRMED, answer)
        return self.reject(dispatcher, tracker, CONTACT_CONFIRMED, "utter_assistance_yes_no")


class ActionAskAssistanceContactConfirmed(Action):
    """Shows exactly what would be passed on (masked) and asks for agreement."""

    def name(self) -> str:
        return "action_ask_assistance_contact_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        place = f"{tracker.get_slot(CITY) or ''}{tracker.get_slot(DISTRICT) or ''}"
        dispatcher.utter_message(
            response="utter_ask_assistance_contact_confirmed",
            name=mask_name(tracker.get_slot(CONTACT_NAME) or ""),
            phone=mask_phone(tracker.get_slot(CONTACT_PHONE) or ""),
            place=place,
        )
        if tracker.get_slot(CONTACT_KEY):
            return []
        return [SlotSet(CONTACT_KEY, uuid.uuid4().hex)]


class ActionAssistanceRefer(Action):
    """Records the call-back request the citizen agreed to; otherwise keeps nothing."""

    def name(self) -> str:
        return "action_assistance_refer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        done = [SlotSet(slot, None) for slot in (*CONTACT_SLOTS, FAILURES_SLOT)]
        if tracker.get_slot(CONTACT_CONFIRMED) is not True:
            dispatcher.utter_message(response="utter_assistance_contact_dropped")
            return done
        request = ReferralIn(
            name=tracker.get_slot(CONTACT_NAME),
            phone=tracker.get_slot(CONTACT_PHONE),
            city=tracker.get_slot(CITY),
            district=tracker.get_slot(DISTRICT),
            consent=True,
            programmes=list(tracker.get_slot(PROGRAMMES) or []),
        )
        key = tracker.get_slot(CONTACT_KEY) or uuid.uuid4().hex
        try:
            referral = await assistance_client().refer(
                request, key, patience=runtime.settings().confirm_seconds
            )
        except OutcomeUnknown:
            dispatcher.utter_message(response="utter_assistance_contact_unknown")
            return done
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_assistance_contact_unavailable")
            return done
        except BackendError as error:
            logger.info("referral refused: %s %s", error.code, error.field)
            dispatcher.utter_message(text=error.message)
            return done
        dispatcher.utter_message(
            response="utter_assistance_referred",
            reference=referral.reference,
            name=referral.name_masked,
            phone=referral.phone_masked,
            message=referral.message,
        )
        return done
