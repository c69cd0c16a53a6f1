"""慈善查询: personal fundraising appeals, giving safely, reporting fake charity.

Each answer cites the rule from the knowledge base, then says what to check or do. Nothing
is asked of the citizen and nothing is recorded (a report stays between the citizen and the
authority they choose to contact).
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms_base import latest_intent
from actions.policy import CITY_SLOT, consult, tell, tell_entry
from policy_kb.figures import asks_for_number

# intent -> (knowledge-base entry cited, the reply with what to check or do)
GUIDES = {
    "charity_fundraising": ("charity-online-platform", "utter_charity_fundraising"),
    "charity_donate": ("charity-donor-rights", "utter_charity_donate"),
    "charity_report": ("charity-report-suspicious", "utter_charity_report"),
}


class ActionCharityGuide(Action):
    """Answers a fundraising, giving or reporting question: the rule, then the steps."""

    def name(self) -> str:
        return "action_charity_guide"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent, _ = latest_intent(tracker)
        text = tracker.latest_message.get("text") or ""
        response = await consult(text, tracker.get_slot(CITY_SLOT))
        if asks_for_number(text):
            # "捐赠资金一共多少亿" is not a how-to question: the figure, or an honest "not found"
            tell(dispatcher, response)
            return []
        entry, reply = GUIDES.get(intent or "", GUIDES["charity_fundraising"])
        if response.answered:  # the rule the question is about ("捐的钱咋知道有没有被乱花")
            tell(dispatcher, response)
        else:
            tell_entry(dispatcher, entry)
        dispatcher.utter_message(response=reply)
        return []
