"""慈善查询: check an organisation by name, abbreviation, former name or credit code.

One question (which organisation), then the registry's answer: registered or not, charity
status, 公开募捐资格, status and what each means; buttons when several names are close; the
national platform 慈善中国 when nothing matches.
"""

from __future__ import annotations

import logging
import re
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import runtime
from actions.charity_messages import (
    MAX_CHOICES,
    choice_title,
    organization_text,
    projects_text,
)
from actions.forms_base import CivicFormValidator, SlotSource
from actions.messages import echo
from civic.credit_code import CreditCodeError, find_credit_code, validate_credit_code
from civic.organization_names import GENERIC_NAME, MIN_NAME, name_in
from civic.text import normalize_user_text
from contracts.charity import OrganizationMatchOut, OrganizationSearchOut
from integrations.charity_client import CharityClient
from integrations.http import BackendError, BackendUnavailable

logger = logging.getLogger(__name__)

SLOT = "charity_organization"
CODE_ERRORS = {
    "empty": "utter_charity_code_length",
    "length": "utter_charity_code_length",
    "format": "utter_charity_code_format",
    "checksum": "utter_charity_code_checksum",
}
# Letters and digits only, at least six digits: meant as a credit code (as the backend reads it).
_CODE_LIKE = re.compile(r"^(?=(?:[A-Z]*\d){6})[0-9A-Z]{15,20}$")
_SEPARATORS = re.compile(r"[\s\-_.·：:，,。！？?!、\"“”'‘’]")
SURE_SCORE = 95.0
CLOSE_SCORE = 88.0
CLEAR_LEAD = 8.0
MAX_NAME = 40


def charity_client() -> CharityClient:
    """The charity registry client on the process's shared HTTP session."""
    return CharityClient(runtime.http())


class ValidateCharityForm(CivicFormValidator):
    """Takes a name or a credit code and checks a code's check character first."""

    sources: ClassVar[dict[str, SlotSource]] = {
        SLOT: SlotSource(entities=("credit_code", "organization")),
    }
    explanations: ClassVar[dict[str, str]] = {SLOT: "utter_charity_explain_query"}
    answer_intents = frozenset({"charity_check"})

    def name(self) -> str:
        return "validate_charity_form"

    def extract(self, tracker: Tracker, wanted: Any, domain: DomainDict) -> dict[str, Any]:
        """Entities or the answer; the whole name when the sentence has a longer one."""
        found = super().extract(tracker, wanted, domain)
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/") or find_credit_code(text):
            return found
        name = name_in(text)
        value = found.get(SLOT)
        if value is None and tracker.get_slot("requested_slot") is not None:
            return found
        # DIET often tags a part of a long name ("深圳市关爱" of 深圳市关爱行动公益基金会), or
        # several fragments (then the value is the whole text): the name in the sentence wins.
        partial = (
            value is not None and str(value) in (name or "") and len(name or "") > len(str(value))
        )
        if name and (value is None or partial or value == text):
            found[SLOT] = name
        if SLOT in found and GENERIC_NAME.search(str(found[SLOT])):  # "帮我查个慈善机构": ask which
            del found[SLOT]
        return found

    async def validate_charity_organization(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value)
        compact = _SEPARATORS.sub("", normalize_user_text(text)).upper()
        if _CODE_LIKE.match(compact):
            try:
                return self.accept(tracker, SLOT, validate_credit_code(compact))
            except CreditCodeError as error:
                return self.reject(dispatcher, tracker, SLOT, CODE_ERRORS[error.code])
        code = find_credit_code(text)
        if code:
            return self.accept(tracker, SLOT, code)
        name = _SEPARATORS.sub("", normalize_user_text(text))
        if not MIN_NAME <= len(name) <= MAX_NAME:
            return self.reject(dispatcher, tracker, SLOT, "utter_charity_name_unclear")
        return self.accept(tracker, SLOT, name)


def chosen(search: OrganizationSearchOut) -> OrganizationMatchOut | list[OrganizationMatchOut]:
    """The one organisation meant, or the close candidates to choose from (maybe none).

    An exact name, a credit code or a clear former name is the one meant; a fuzzy best match
    counts only when it is close (an abbreviation, a typo) and well ahead of the next. A lone
    distant match ("深圳慈善会" for 深圳市晴川慈善会) is offered, never asserted.
    """
    results = search.results
    if not results:
        return []
    top = results[0]
    if top.match in ("exact", "credit_code"):
        return top
    if top.match == "former_name" and top.score >= SURE_SCORE:
        return top
    lead = top.score - results[1].score if len(results) > 1 else 100.0
    if top.score >= CLOSE_SCORE and lead >= CLEAR_LEAD:
        return top
    return [m for m in results if m.score >= top.score - CLEAR_LEAD * 2][:MAX_CHOICES]


class ActionCharityCheck(Action):
    """Shows what the registry says about the organisation asked for."""

    def name(self) -> str:
        return "action_charity_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        query = tracker.get_slot(SLOT)
        done = [SlotSet(SLOT, None)]
        if not query:
            return done
        client = charity_client()
        try:
            search = await client.search(query, limit=5)
            pick = chosen(search)
            if isinstance(pick, list):
                self._choose(dispatcher, query, pick, search.hint)
                return done
            detail = await client.organization(pick.organization.credit_code)
        except BackendError as error:  # 400/422: the backend's own reason, in Chinese
            dispatcher.utter_message(text=error.message)
            return done
        except BackendUnavailable:
            logger.warning("charity registry unavailable")
            dispatcher.utter_message(response="utter_backend_unavailable")
            return done
        dispatcher.utter_message(
            response="utter_charity_organization",
            organization=organization_text(pick, detail.organization),
        )
        if detail.projects:
            dispatcher.utter_message(
                response="utter_charity_projects", projects=projects_text(detail.projects)
            )
        dispatcher.utter_message(response="utter_charity_verify")
        if detail.notice:
            dispatcher.utter_message(text=detail.notice)
        return done

    @staticmethod
    def _choose(
        dispatcher: CollectingDispatcher,
        query: str,
        candidates: list[OrganizationMatchOut],
        hint: str | None,
    ) -> None:
        if not candidates:
            dispatcher.utter_message(
                response="utter_charity_not_found", query=echo(query), hint=hint or ""
            )
            return
        buttons = [
            {
                "title": choice_title(m),
                "payload": f'/charity_check{{"credit_code":"{m.organization.credit_code}"}}',
            }
            for m in candidates
        ]
        dispatcher.utter_message(
            response="utter_charity_choose", query=echo(query), buttons=buttons
        )
