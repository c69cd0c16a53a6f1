"""政策问答: answers from the policy knowledge base, always with the source it came from."""

from __future__ import annotations

import logging
from functools import lru_cache

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from policy_kb import KnowledgeBase

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The knowledge base, loaded once per action-server process on first use."""
    return KnowledgeBase.load()


class ActionPolicyAnswer(Action):
    """Answers a policy question with a citation, or says honestly that it has no answer."""

    def name(self) -> str:
        return "action_policy_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = tracker.latest_message.get("text") or ""
        answer = knowledge_base().answer(question)
        if answer is None:
            logger.info("policy question without a reliable answer")
            dispatcher.utter_message(response="utter_policy_no_answer")
            return []
        note = f"\n（{answer.passage.note}）" if answer.passage.note else ""
        dispatcher.utter_message(
            response="utter_policy_answer", answer=answer.text, citation=answer.citation, note=note
        )
        return []
