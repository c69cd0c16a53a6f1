"""政策问答: answers from the policy knowledge base, always with the source it came from."""

from __future__ import annotations

import logging
from functools import lru_cache

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from policy_kb import KnowledgeBase
from policy_kb.paths import INDEX_FILE

logger = logging.getLogger(__name__)


def knowledge_base() -> KnowledgeBase:
    """The knowledge base, reloaded when ``python -m policy_kb build`` wrote a new index.

    Adding a document or FAQ entry therefore needs an index rebuild only: no retraining
    of the Rasa model and no restart of the action server.
    """
    stamp = INDEX_FILE.stat().st_mtime_ns if INDEX_FILE.exists() else 0
    return _load(stamp)


@lru_cache(maxsize=1)
def _load(index_stamp: int) -> KnowledgeBase:
    logger.info("loading the policy knowledge base (index stamp %s)", index_stamp)
    return KnowledgeBase.load()


KNOWN_REGIONS = ("深圳", "广州")
# Below the answer threshold, a hit this good is still offered as "possibly related" (not as
# an answer): on the blind held-out set most refused questions had the right passage first.
RELATED_MIN_SCORE = 0.12


def region_of(tracker: Tracker) -> str | None:
    """The city the conversation is about, from the office chosen in a form, if any."""
    office = tracker.get_slot("marriage_office_name") or ""
    return next((city for city in KNOWN_REGIONS if city in office), None)


class ActionPolicyAnswer(Action):
    """Answers a policy question with a citation, or says honestly that it has no answer."""

    def name(self) -> str:
        return "action_policy_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = tracker.latest_message.get("text") or ""
        kb = knowledge_base()
        region = region_of(tracker)
        answer = kb.answer(question, region=region)
        if answer is None:
            logger.info("policy question without a reliable answer")
            dispatcher.utter_message(response="utter_policy_no_answer")
            hits = kb.search(question, top_k=1, region=region)
            if hits and hits[0].score >= RELATED_MIN_SCORE:
                passage = hits[0].passage
                dispatcher.utter_message(
                    response="utter_policy_related", related=f"{passage.title} · {passage.section}"
                )
            return []
        dispatcher.utter_message(
            response="utter_policy_answer", answer=answer.text, citation=answer.citation
        )
        return []
