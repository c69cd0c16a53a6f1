"""政策问答: answers from the policy knowledge base, always with the source they came from.

Used on its own (an ``ask_policy`` question, in or out of a form) and by the fallback: a
message no service understood is tried against the knowledge base before "not understood".
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from policy_kb import KnowledgeBase, Response
from policy_kb.paths import INDEX_FILE
from policy_kb.retrieval import NATIONAL_REGIONS

logger = logging.getLogger(__name__)

CITY_SLOT = "service_city"  # set by the scheduling step when a place is chosen


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


async def consult(question: str, city: str | None) -> Response:
    """The knowledge base's response, computed off the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, lambda: knowledge_base().respond(question, city))


def place_of(region: str) -> str:
    """How a document's region is named to the citizen (``national`` → 民政部)."""
    return "民政部" if region in NATIONAL_REGIONS else region


def tell(dispatcher: CollectingDispatcher, response: Response) -> None:
    """Say the knowledge base's response: a cited answer, "no local figure", whom to ask
    (another department, or the office handling a personal case), or no answer."""
    if response.kind == "answer":
        dispatcher.utter_message(
            response="utter_policy_answer", answer=response.text, citation=response.citation
        )
        if response.local is not None:
            dispatcher.utter_message(
                response="utter_policy_local",
                region=place_of(response.local.passage.region),
                answer=response.local.text,
                citation=response.local.citation,
            )
        return
    if response.kind == "other_region":
        dispatcher.utter_message(response="utter_policy_other_region", region=response.region)
        return
    if response.kind == "elsewhere":
        dispatcher.utter_message(response="utter_policy_elsewhere", department=response.department)
        return
    if response.kind == "personal_case":
        dispatcher.utter_message(response="utter_policy_personal_case")
    else:
        dispatcher.utter_message(response="utter_policy_no_answer")
    if response.related:
        dispatcher.utter_message(response="utter_policy_related", related=response.related)


def tell_entry(dispatcher: CollectingDispatcher, passage_id: str) -> bool:
    """Say one knowledge-base entry with its source (a journey citing the rule it explains).

    Returns False, saying nothing, when the index no longer has that entry.
    """
    answer = knowledge_base().entry(passage_id)
    if answer is None:
        logger.warning("knowledge base entry %s is missing", passage_id)
        return False
    dispatcher.utter_message(
        response="utter_policy_answer", answer=answer.text, citation=answer.citation
    )
    return True


class ActionPolicyAnswer(Action):
    """Answers a policy question with a citation, or says honestly that it has no answer."""

    def name(self) -> str:
        return "action_policy_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = tracker.latest_message.get("text") or ""
        response = await consult(question, tracker.get_slot(CITY_SLOT))
        if not response.answered:
            logger.info("policy question without a reliable answer (%s)", response.kind)
        tell(dispatcher, response)
        return []
