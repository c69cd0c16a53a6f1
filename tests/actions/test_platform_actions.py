"""What every journey gets from the shared action layer, checked over all of them."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from sanic import Sanic
from sanic.response import HTTPResponse

from actions import lifecycle
from actions.common import ActionGreet, ActionNotUnderstood, ActionStopForm
from actions.forms_base import is_answer
from tests.actions.conftest import make_tracker
from tests.support.backend import free_port


@pytest.fixture(scope="module")
def executor() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("actions")
    return executor


def test_the_action_server_and_the_domain_agree(
    domain: dict[str, Any], executor: ActionExecutor
) -> None:
    custom = {a for a in domain["actions"] if not a.startswith("utter_")}
    assert set(executor.actions) == custom


def test_every_form_has_a_validator_for_every_required_slot(
    domain: dict[str, Any], executor: ActionExecutor
) -> None:
    assert {"marriage_form", "tomb_form", "tomb_manage_form"} <= set(domain["forms"])
    for form, spec in domain["forms"].items():
        validator = executor.actions[f"validate_{form}"].__self__
        for slot in spec["required_slots"]:
            assert callable(validator.slot_validator(slot)), (form, slot)


def test_every_reply_an_action_names_exists_in_the_domain(domain: dict[str, Any]) -> None:
    import re
    from pathlib import Path

    named = set()
    for path in Path("actions").glob("*.py"):
        named |= set(re.findall(r"\"(utter_[a-z0-9_]+)\"", path.read_text(encoding="utf-8")))
    named.discard("utter_action")  # the key under which Rasa records a reply's name
    assert named and named <= set(domain["responses"]), named - set(domain["responses"])


async def test_greeting_and_fallback_offer_every_service(domain: dict[str, Any]) -> None:
    for action in (ActionGreet(), ActionNotUnderstood()):
        dispatcher = CollectingDispatcher()
        await action.run(dispatcher, make_tracker(active_loop=""), domain)
        payloads = {b["payload"] for b in dispatcher.messages[0]["buttons"]}
        assert {"/marriage_book", "/tomb_book"} <= payloads


@pytest.mark.parametrize(
    ("intent", "confidence", "text", "answer"),
    [
        ("inform", 0.9, "南山区", True),
        ("greet", 0.9, "你好", False),
        ("tomb_query", 0.9, "我约的扫墓还作数吗", False),  # another journey's intent
        ("affirm", 0.9, "好的", False),  # 确认 said to a question that is not yes/no
        ("greet", 0.3, "李娜", True),  # not confident: take it as the answer
        ("ask_policy", 0.95, "身份证号码110105199003078816", True),  # digits are data
    ],
)
def test_non_answers_are_derived_from_the_domain(
    domain: dict[str, Any], intent: str, confidence: float, text: str, answer: bool
) -> None:
    tracker = make_tracker(text=text, intent=intent, confidence=confidence)
    assert is_answer(tracker, domain) is answer


async def test_stop_outside_a_form_just_asks_what_else(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionStopForm().run(dispatcher, make_tracker(active_loop=""), domain)
    assert events == [] and dispatcher.messages[0]["response"] == "utter_anything_else"


async def test_a_failing_action_answers_politely_without_the_tracker() -> None:
    """rasa-sdk would answer 500 with the whole tracker, which Rasa then logs."""
    Sanic.test_mode = True
    app = Sanic("polite_failure_test")
    secret = "110105199003078816"

    @app.post("/webhook")
    async def webhook(_request: object) -> HTTPResponse:
        raise RuntimeError("broken action")

    lifecycle.attach_sanic_app_extensions(app=app)
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()  # applies the exception handlers; no warm-up listeners needed
    try:
        async with aiohttp.ClientSession() as http:
            body = {"next_action": "action_x", "tracker": {"slots": {"id": secret}}}
            async with http.post(f"http://127.0.0.1:{port}/webhook", json=body) as response:
                assert response.status == 200
                text = await response.text()
    finally:
        await server.close()
    assert json.loads(text) == {"events": [], "responses": [{"response": "utter_internal_error"}]}
    assert secret not in text


@pytest.mark.parametrize(
    ("intent", "form", "own"),
    [
        ("marriage_materials", "marriage_form", True),
        ("marriage_book", "marriage_manage_form", True),
        ("tomb_book", "marriage_form", False),
        ("bot_challenge", "tomb_form", False),
        ("marriage_materials", None, False),
    ],
)
def test_the_active_journeys_own_questions_stay_with_it(
    intent: str, form: str | None, own: bool
) -> None:
    from actions.questions import belongs_to_active_form

    assert belongs_to_active_form(intent, form) is own


@pytest.mark.parametrize(
    ("text", "wish"),
    [
        ("我要取消婚姻登记预约", "cancel"),
        ("清明那个祭扫不去了，帮我退掉", "cancel"),
        ("预约能改到下周三吗", "reschedule"),
        ("帮我查一下我的预约", None),
        ("我上次约的扫墓还作数吗", None),
    ],
)
def test_what_to_do_with_a_booking_is_read_from_the_words(text: str, wish: str | None) -> None:
    """The classifier sometimes takes 取消 for 查询: the words decide."""
    from actions.manage_base import stated_action

    assert stated_action(text) == wish


async def test_a_cancellation_the_classifier_took_for_a_query_is_a_cancellation(
    domain: dict[str, Any],
) -> None:
    from actions.marriage_manage import ValidateMarriageManageForm

    tracker = make_tracker(
        slots={"marriage_manage_action": "query"},
        text="我要取消婚姻登记预约",
        intent="marriage_query",
        active_loop="marriage_manage_form",
    )
    events = await ValidateMarriageManageForm().run(CollectingDispatcher(), tracker, domain)
    values = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert values["marriage_manage_action"] == "cancel"
