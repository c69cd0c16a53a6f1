"""Questions that an intent would otherwise turn into a form or a small-talk reply.

"男的多大才能登记结婚" is classified as a wish to book, "广州乡村著名行动是什么" as asking who
the bot is. When a message is shaped like a question and not like a request, the knowledge
base is asked first (:class:`ActionRouteQuestion`); only when it has nothing does the
intent's own action run. Rules put this action before each journey's start and each
small-talk reply.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.catalogue import Journey, journey_of, journeys
from actions.forms_base import latest_intent
from actions.policy import CITY_SLOT, consult, tell
from civic.questions import is_question
from policy_kb import Response


def belongs_to_active_form(intent: str | None, form: str | None) -> bool:
    """True for the active journey's own question ("需要带什么材料" in the marriage form):
    its own action knows the context the knowledge base does not. Intents and forms share
    the journey's prefix (``marriage_materials`` / ``marriage_form``)."""
    if not intent or not form:
        return False
    return intent.split("_", 1)[0] == form.split("_", 1)[0]


def faq_service(response: Response) -> str | None:
    """The service key of the FAQ entry that answered (``marriage``, ``elderly_care`` …), or
    None for a document passage or no answer."""
    passage = response.answer.passage if response.answer else None
    if passage is None or passage.kind != "faq":
        return None
    return passage.doc_id.removeprefix("faq:")


def answered_for_another_service(response: Response, journey: Journey) -> bool:
    """The answer is another service's FAQ entry (a marriage rule, while the NLU guessed a
    pre-screening): offering the guessed service after it would be beside the point."""
    service = faq_service(response)
    return service is not None and service != journey.key


def wants_the_journey(text: str, journey: Journey | None) -> bool:
    """The message asks for the journey itself ("我家能吃低保吗"). "离婚我能不能委托律师代签"
    reads as "can I…" too, but names nothing of pre-screening."""
    return bool(
        journey
        and journey.asks_for_itself
        and journey.is_about(text)
        and journey.asks_for_itself(text)
    )


def answered_by_another_journey(response: Response, journey: Journey | None) -> bool:
    """The knowledge base answers from another journey's rules: "结婚半年才知道老公婚前有重病，
    我能不能撤销这段婚姻" reads as asking for pre-screening (我能不能, 病), but the answer is a
    marriage rule."""
    if journey is None:
        return False
    return faq_service(response) in {j.key for j in journeys()} - {journey.key}


class ActionRouteQuestion(Action):
    """Answers a question from the knowledge base before the intent's own action."""

    def name(self) -> str:
        return "action_route_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        intent, _ = latest_intent(tracker)
        if not is_question(text) or belongs_to_active_form(intent, tracker.active_loop_name):
            return []
        journey = journey_of(intent)
        response = await consult(text, tracker.get_slot(CITY_SLOT))
        if wants_the_journey(text, journey) and not answered_by_another_journey(response, journey):
            return []
        if not response.conclusive:
            if journey and not journey.is_about(text):
                # "村民想罢免村主任要多少人联名" taken for a tomb-sweeping booking: not its form
                return [FollowupAction("action_not_understood")]
            return []
        tell(dispatcher, response)
        offers = [
            {"title": title, "payload": payload}
            for journey in journeys()
            for title, payload in journey.buttons
            if payload == f"/{intent}" and not answered_for_another_service(response, journey)
        ]
        if offers:
            dispatcher.utter_message(response="utter_offer_service", buttons=offers)
        # Skip the intent's own action: back to the form in progress, or wait for the citizen.
        return [FollowupAction(tracker.active_loop_name or "action_listen")]
