"""转人工 from the assistant: records made through the real backend, and the fallback streak."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from actions import runtime
from actions.catalogue import journey_of
from actions.common import ActionHandoff, ActionNotUnderstood
from actions.handoff import handoff_client, not_understood_streak, summary_text
from contracts.handoff import HandoffOut
from tests.support.backend import free_port

ID_NUMBER = "110105199003078816"
PHONE = "13812345678"
MARRIAGE_SLOTS = {
    "marriage_type": "结婚登记",
    "marriage_office": "sz-nanshan",
    "marriage_office_name": "深圳市南山区婚姻登记处",
    "marriage_party1_name": "张伟",
    "marriage_party1_id": ID_NUMBER,
    "marriage_phone": PHONE,
}


@pytest.fixture(scope="module", autouse=True)
def _journeys_registered() -> None:
    """Every journey module imported, as the action server does (rasa-sdk imports them all)."""
    ActionExecutor().register_package("actions")


def user(text: str, intent: str, channel: str = "rest") -> dict[str, Any]:
    """A citizen's message as Rasa stores it."""
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.97}, "entities": []}
    return {
        "event": "user",
        "text": text,
        "parse_data": parse,
        "input_channel": channel,
        "message_id": uuid.uuid4().hex,
    }


def bot(response: str) -> dict[str, Any]:
    """A reply of the assistant as Rasa stores it (the response name in the metadata)."""
    return {"event": "bot", "text": "…", "data": {}, "metadata": {"utter_action": response}}


def turn(text: str, intent: str, *replies: str) -> list[dict[str, Any]]:
    return [
        user(text, intent),
        {"event": "action", "name": "action_extract_slots"},
        *(bot(r) for r in replies),
        {"event": "action", "name": "action_listen"},
    ]


NOT_UNDERSTOOD = ("啊啊啊啊", "nlu_fallback", "utter_default")
GREETING = ("你好", "greet", "utter_greet")


def tracker(
    latest: dict[str, Any],
    before: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
    sender: str | None = None,
) -> Tracker:
    """A tracker whose latest event is ``latest`` (a :func:`user` event)."""
    return Tracker(
        sender_id=sender or f"handoff-test-{uuid.uuid4().hex[:10]}",
        slots={"requested_slot": None, **(slots or {})},
        latest_message=latest["parse_data"],
        events=[{"event": "session_started"}, *(before or []), latest],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


async def find(reference: str) -> HandoffOut:
    """The record as the agent console lists it."""
    listed = await handoff_client().list("open", limit=100)
    return next(h for h in listed.handoffs if h.reference == reference)


async def open_count() -> int:
    return len((await handoff_client().list("open", limit=100)).handoffs)


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


def message(dispatcher: CollectingDispatcher, response: str) -> dict[str, Any]:
    return next(m for m in dispatcher.messages if m["response"] == response)


# ----------------------------------------------------------------------------- pure parts


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("marriage_form", "marriage"),
        ("marriage_manage_form", "marriage"),
        ("tomb_form", "tomb_sweeping"),
        ("tomb_manage_form", "tomb_sweeping"),
        ("assistance_contact_form", "assistance"),
        ("charity_form", "charity"),
        ("tomb_book", "tomb_sweeping"),
        ("charity_report", "charity"),
        ("ask_human", None),
        ("ask_policy", None),
        (None, None),
    ],
)
def test_forms_and_intents_map_to_their_journey(name: str | None, key: str | None) -> None:
    journey = journey_of(name)
    assert (journey.key if journey else None) == key


def test_the_streak_counts_consecutive_not_understood_turns_only() -> None:
    latest = [user("？？？", "nlu_fallback")]
    assert not_understood_streak(latest) == 0
    assert not_understood_streak([*turn(*NOT_UNDERSTOOD), *latest]) == 1
    twice = [*turn(*NOT_UNDERSTOOD), *turn(*NOT_UNDERSTOOD), *latest]
    assert not_understood_streak(twice) == 2
    # an understood turn in between ends the streak
    broken = [*turn(*NOT_UNDERSTOOD), *turn(*GREETING), *turn(*NOT_UNDERSTOOD), *latest]
    assert not_understood_streak(broken) == 1
    # a form asking again after "not understood" still counts as not understood
    asked_again = turn("嗯嗯", "nlu_fallback", "utter_default", "utter_ask_marriage_date")
    assert not_understood_streak([*asked_again, *asked_again, *latest]) == 2
    # a new session starts afresh
    restarted = [*turn(*NOT_UNDERSTOOD), {"event": "session_started"}, *latest]
    assert not_understood_streak(restarted) == 0


def test_the_summary_keeps_whole_lines_within_600_characters() -> None:
    slots = {**MARRIAGE_SLOTS, "marriage_office_name": "南" * 590}
    text = summary_text(slots)
    assert len(text) <= 600 and text.startswith("事项：结婚登记")
    assert "南" * 590 not in text and "手机：138****5678" in text


# ----------------------------------------------------------------------------- with the backend


async def test_handoff_in_a_marriage_form_records_service_channel_and_masked_summary(
    backend_url: str, domain: dict[str, Any]
) -> None:
    latest = user("转人工", "ask_human", channel="socketio")
    before = turn("我想预约结婚登记", "marriage_book", "utter_ask_marriage_office")
    state = tracker(latest, before, MARRIAGE_SLOTS, "marriage_form", sender="wx-handoff-0001abcd")
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, state, domain)

    assert responses(dispatcher) == ["utter_handoff_recorded", "utter_handoff_summary"]
    reference = message(dispatcher, "utter_handoff_recorded")["reference"]
    summary = message(dispatcher, "utter_handoff_summary")["handoff_summary"]
    assert "张*" in summary and "110***********8816" in summary and "138****5678" in summary
    record = await find(reference)
    assert (record.service, record.channel, record.reason) == ("marriage", "socketio", "asked")
    assert record.status == "waiting" and record.summary == summary
    assert ID_NUMBER not in record.summary and PHONE not in record.summary
    assert "张伟" not in record.summary
    assert record.conversation_masked == "wx-h***abcd"
    # the form ends; what it collected is in the record
    assert {"event": "active_loop", "name": None} in [
        {"event": e["event"], "name": e.get("name")} for e in events
    ]


async def test_handoff_summarises_any_journey_masked(
    backend_url: str, domain: dict[str, Any]
) -> None:
    slots = {
        "tomb_cemetery_name": "福田公墓",
        "tomb_booker_name": "李建国",
        "tomb_booker_id": ID_NUMBER,
        "tomb_phone": "13700001234",
    }
    dispatcher = CollectingDispatcher()
    state = tracker(user("找人工", "ask_human"), slots=slots, active_loop="tomb_form")
    await ActionHandoff().run(dispatcher, state, domain)
    summary = message(dispatcher, "utter_handoff_summary")["handoff_summary"]
    assert "福田公墓" in summary and "李**" in summary and "137****1234" in summary
    assert ID_NUMBER not in summary and "13700001234" not in summary
    record = await find(message(dispatcher, "utter_handoff_recorded")["reference"])
    assert record.service == "tomb_sweeping" and record.channel == "rest"


async def test_a_complaint_is_recorded_as_upset_with_the_latest_journey(
    backend_url: str, domain: dict[str, Any]
) -> None:
    before = turn("清明想去福田公墓", "tomb_book", "utter_ask_tomb_visitors")
    before += turn(*NOT_UNDERSTOOD)
    state = tracker(user("垃圾机器人，气死我了", "complain"), before)
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, state, domain)
    assert responses(dispatcher) == ["utter_handoff_recorded"]  # nothing collected yet
    record = await find(dispatcher.messages[0]["reference"])
    assert (record.service, record.reason, record.summary) == ("tomb_sweeping", "upset", "")
    assert events == []


async def test_a_handoff_outside_any_journey_is_other(
    backend_url: str, domain: dict[str, Any]
) -> None:
    state = tracker(user("人工客服", "ask_human"), turn(*GREETING))
    dispatcher = CollectingDispatcher()
    await ActionHandoff().run(dispatcher, state, domain)
    record = await find(dispatcher.messages[0]["reference"])
    assert record.service == "other" and record.reason == "asked"


async def test_a_retried_action_does_not_record_twice(
    backend_url: str, domain: dict[str, Any]
) -> None:
    state = tracker(user("转人工", "ask_human"), slots=MARRIAGE_SLOTS, active_loop="marriage_form")
    first, again = CollectingDispatcher(), CollectingDispatcher()
    before = await open_count()
    await ActionHandoff().run(first, state, domain)
    await ActionHandoff().run(again, state, domain)
    assert first.messages == again.messages
    assert await open_count() == before + 1


async def test_second_fallback_offers_a_human_and_records_nothing(
    backend_url: str, domain: dict[str, Any]
) -> None:
    before = await open_count()
    state = tracker(user("啊啊啊啊", "nlu_fallback"), turn(*NOT_UNDERSTOOD))
    dispatcher = CollectingDispatcher()
    events = await ActionNotUnderstood().run(dispatcher, state, domain)
    assert responses(dispatcher) == ["utter_not_understood_offer_human"]
    assert dispatcher.messages[0]["buttons"] == [{"title": "转人工", "payload": "/ask_human"}]
    assert [e["event"] for e in events] == ["rewind"]
    assert await open_count() == before


async def test_third_fallback_records_a_handoff(backend_url: str, domain: dict[str, Any]) -> None:
    before = [
        *turn(*NOT_UNDERSTOOD),
        *turn("嗯？", "nlu_fallback", "utter_not_understood_offer_human"),
    ]
    state = tracker(user("啊啊啊啊", "nlu_fallback"), before)
    dispatcher = CollectingDispatcher()
    events = await ActionNotUnderstood().run(dispatcher, state, domain)
    assert responses(dispatcher) == ["utter_not_understood_handoff", "utter_handoff_recorded"]
    record = await find(dispatcher.messages[1]["reference"])
    assert (record.reason, record.service) == ("fallbacks", "other")
    assert events[0]["event"] == "rewind"
    # a fourth one says "not understood" again instead of queueing a second hand-off
    state = tracker(
        user("啊啊啊啊", "nlu_fallback"),
        [*before, *turn("啊啊", "nlu_fallback", "utter_not_understood_handoff")],
    )
    dispatcher = CollectingDispatcher()
    await ActionNotUnderstood().run(dispatcher, state, domain)
    assert responses(dispatcher) == ["utter_default"]


async def test_an_understood_turn_resets_the_fallback_streak(
    backend_url: str, domain: dict[str, Any]
) -> None:
    before = [*turn(*NOT_UNDERSTOOD), *turn(*NOT_UNDERSTOOD), *turn(*GREETING)]
    dispatcher = CollectingDispatcher()
    await ActionNotUnderstood().run(
        dispatcher, tracker(user("啊啊啊啊", "nlu_fallback"), before), domain
    )
    assert responses(dispatcher) == ["utter_default"]


# ----------------------------------------------------------------------------- without it


def domain_text(domain: dict[str, Any], response: str) -> str:
    return domain["responses"][response][0]["text"]


async def test_backend_down_gives_the_hotline_and_claims_no_record(
    monkeypatch: pytest.MonkeyPatch, domain: dict[str, Any]
) -> None:
    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{free_port()}")  # nobody listens
    await runtime.reset()
    state = tracker(user("转人工", "ask_human"), slots=MARRIAGE_SLOTS, active_loop="marriage_form")
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, state, domain)
    assert responses(dispatcher) == ["utter_handoff_not_recorded", "utter_handoff_summary"]
    assert "reference" not in dispatcher.messages[0]
    text = domain_text(domain, "utter_handoff_not_recorded")
    assert "12345" in text and "没有为您排队" in text and "{reference}" not in text
    assert ID_NUMBER not in str(dispatcher.messages)
    assert not [e for e in events if e.get("name") == "handoff_key"]


@pytest.fixture
async def silent_backend() -> AsyncIterator[str]:
    """A backend that accepts the connection and never answers in time."""

    async def hang(_request: web.Request) -> web.Response:
        await asyncio.sleep(10)
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/api/handoffs", hang)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_an_unknown_outcome_keeps_the_key_for_the_next_attempt(
    monkeypatch: pytest.MonkeyPatch,
    domain: dict[str, Any],
    silent_backend: str,
    backend_url: str,
) -> None:
    monkeypatch.setenv("BACKEND_URL", silent_backend)
    monkeypatch.setenv("BACKEND_TIMEOUT_SECONDS", "0.5")
    monkeypatch.setenv("BOOKING_CONFIRM_SECONDS", "1")
    await runtime.reset()
    state = tracker(user("转人工", "ask_human"))
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, state, domain)
    assert responses(dispatcher) == ["utter_handoff_outcome_unknown"]
    assert "12345" in domain_text(domain, "utter_handoff_outcome_unknown")
    kept = next(e["value"] for e in events if e.get("name") == "handoff_key")
    assert kept

    # the next attempt (the backend back) uses the kept key, then forgets it
    monkeypatch.setenv("BACKEND_URL", backend_url)
    await runtime.reset()
    retry = tracker(user("转人工", "ask_human"), slots={"handoff_key": kept})
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, retry, domain)
    assert responses(dispatcher) == ["utter_handoff_recorded"]
    assert {"event": "slot", "name": "handoff_key", "value": None} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]
    # the same key again replays the same record
    dispatcher_again = CollectingDispatcher()
    await ActionHandoff().run(dispatcher_again, retry, domain)
    assert dispatcher_again.messages == dispatcher.messages
