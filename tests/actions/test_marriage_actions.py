"""Marriage form validation and booking actions against the real backend."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.manage_base import find_reference as find_in
from actions.marriage_booking import ActionMarriageBook
from actions.marriage_form import ValidateMarriageForm, registration_type
from actions.marriage_manage import MARRIAGE_MANAGE, ValidateMarriageManageForm
from tests.actions.conftest import make_tracker
from tests.support.backend import free_port
from tests.support.people import make_id

MAN = make_id("19900307", male=True, serial=21)
WOMAN = make_id("19920815", male=False, serial=22)

BOOKED_SLOTS = {
    "marriage_type": "marriage",
    "marriage_office": "sz-futian",
    "marriage_office_name": "深圳市福田区婚姻登记处",
    "marriage_date": "2026-11-25",
    "marriage_time": "14:00",
    "marriage_party1_label": "男方",
    "marriage_party2_label": "女方",
    "marriage_party1_name": "张伟",
    "marriage_party1_id": MAN,
    "marriage_party2_name": "李娜",
    "marriage_party2_id": WOMAN,
    "marriage_phone": "13812345678",
    "marriage_confirmed": True,
    "marriage_booking_key": "k-test-1",
}


async def validate(
    domain: dict[str, Any], dispatcher: CollectingDispatcher, **tracker_args: Any
) -> dict[str, Any]:
    """Run the form validator; return the slots it set (requested_slot excluded)."""
    events = await ValidateMarriageForm().run(dispatcher, make_tracker(**tracker_args), domain)
    return {e["name"]: e["value"] for e in events if e["name"] != "requested_slot"}


def lookup(backend_url: str, reference: str, phone: str) -> tuple[int, dict[str, Any]]:
    """What the API says about an appointment (as an operator would check it)."""
    request = urllib.request.Request(
        f"{backend_url}/api/marriage/appointments/lookup",
        data=json.dumps({"reference": reference, "phone": phone}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("结婚登记", "marriage"),
        ("我们想领证", "marriage"),
        ("办离婚", "divorce"),
        ("結婚證丟了要補辦", "reissue"),
        ("补领婚姻登记证", "reissue"),
        ("随便", None),
    ],
)
def test_registration_type_words(text: str, expected: str | None) -> None:
    assert registration_type(text) == expected


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("hy261124k7q2m", "HY261124K7Q2M"),
        ("预约号 HY261124 K7Q2M", "HY261124K7Q2M"),
        ("HY123", None),
    ],
)
def test_reference_numbers(text: str, reference: str | None) -> None:
    assert find_in(text, MARRIAGE_MANAGE.pattern) == reference


async def test_id_number_with_wrong_check_digit_is_refused_with_reason(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    wrong = MAN[:-1] + ("0" if MAN[-1] != "0" else "1")
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage", "marriage_party1_label": "男方"},
        text=f"我的身份证号是{wrong}",
        requested_slot="marriage_party1_id",
    )
    assert slots["marriage_party1_id"] is None
    assert responses(dispatcher) == ["utter_invalid_id_checksum"]
    assert slots["form_failures"] == {"marriage_party1_id": 1}


async def test_third_failure_offers_a_way_out(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage", "form_failures": {"marriage_party1_id": 2}},
        text="12345",
        requested_slot="marriage_party1_id",
    )
    assert slots["marriage_party1_id"] is None
    assert responses(dispatcher) == ["utter_invalid_id_length", "utter_form_help"]


async def test_swapped_id_numbers_are_caught(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage", "marriage_party1_label": "男方"},
        text=WOMAN,
        requested_slot="marriage_party1_id",
    )
    assert slots["marriage_party1_id"] is None
    assert responses(dispatcher) == ["utter_invalid_id_sex"]
    assert dispatcher.messages[0]["sex"] == "女性"


async def test_underage_on_the_appointment_date(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    young = make_id("20050101", male=True, serial=23)  # 21 on 2026-11-25
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage", "marriage_date": "2026-11-25"},
        text=young,
        requested_slot="marriage_party1_id",
    )
    assert slots["marriage_party1_id"] is None
    assert responses(dispatcher) == ["utter_invalid_underage"]
    assert dispatcher.messages[0]["min_age"] == "22"


async def test_same_person_twice_is_refused(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "reissue", "marriage_party1_id": MAN},
        text=MAN,
        requested_slot="marriage_party2_id",
    )
    # a reissue has no second party: the slot is not part of the form, nothing is set
    assert "marriage_party2_id" not in slots or slots["marriage_party2_id"] is None
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "divorce", "marriage_party1_id": MAN},
        text=MAN,
        requested_slot="marriage_party2_id",
    )
    assert slots["marriage_party2_id"] is None
    assert responses(dispatcher) == ["utter_invalid_id_same_person"]


async def test_a_question_is_not_taken_as_a_name(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage"},
        text="需要带什么材料",
        intent="marriage_materials",
        requested_slot="marriage_party1_name",
    )
    assert "marriage_party1_name" not in slots


async def test_office_by_district_typo_and_city(domain: dict[str, Any], backend_url: str) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(domain, dispatcher, text="南山", requested_slot="marriage_office")
    assert slots["marriage_office"] == "sz-nanshan"
    dispatcher = CollectingDispatcher()
    slots = await validate(domain, dispatcher, text="深圳", requested_slot="marriage_office")
    assert slots["marriage_office"] is None
    buttons = dispatcher.messages[0]["buttons"]
    assert len(buttons) == 10 and all("深圳" in b["title"] for b in buttons)
    dispatcher = CollectingDispatcher()
    slots = await validate(domain, dispatcher, text="火星区", requested_slot="marriage_office")
    assert slots["marriage_office"] is None
    assert responses(dispatcher) == ["utter_marriage_office_unknown"]


async def test_dates_are_checked_against_the_office_calendar(
    domain: dict[str, Any], backend_url: str
) -> None:
    base = {"marriage_type": "marriage", "marriage_office": "gz-tianhe"}
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain, dispatcher, slots=base, text="下周三", requested_slot="marriage_date"
    )
    assert slots["marriage_date"] == "2026-12-02"
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain, dispatcher, slots=base, text="这周六", requested_slot="marriage_date"
    )
    assert slots["marriage_date"] is None
    assert responses(dispatcher) == ["utter_schedule_closed"]
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain, dispatcher, slots=base, text="明年5月1日", requested_slot="marriage_date"
    )
    assert slots["marriage_date"] is None
    assert responses(dispatcher) == ["utter_schedule_closed"]


async def test_correction_of_the_date_clears_the_time(
    domain: dict[str, Any], backend_url: str
) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={**BOOKED_SLOTS, "marriage_confirmed": None},
        text="日期改成下周三",
        entities=[{"entity": "date", "value": "下周三", "start": 4, "end": 7}],
        requested_slot="marriage_confirmed",
    )
    assert slots["marriage_date"] == "2026-12-02"
    assert slots["marriage_time"] is None


async def test_booking_is_idempotent_and_masks_personal_data(
    domain: dict[str, Any], backend_url: str
) -> None:
    tracker = make_tracker(slots=BOOKED_SLOTS, text="确认", intent="affirm", active_loop="")
    first = CollectingDispatcher()
    events = await ActionMarriageBook().run(first, tracker, domain)
    assert responses(first) == ["utter_marriage_booked"]
    reference = first.messages[0]["reference"]
    assert find_in(reference, MARRIAGE_MANAGE.pattern) == reference
    assert SlotSet("marriage_party1_id", None) in events
    # A retried 确认 with the same form and details replays the same booking.
    second = CollectingDispatcher()
    await ActionMarriageBook().run(second, tracker, domain)
    assert second.messages[0]["reference"] == reference
    text = str(first.messages)
    assert MAN not in text and "13812345678" not in text


async def test_backend_down_gives_a_polite_reply_quickly(
    domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKEND_URL", "http://127.0.0.1:9")  # nothing listens there
    tracker = make_tracker(slots=BOOKED_SLOTS, text="确认", intent="affirm", active_loop="")
    dispatcher = CollectingDispatcher()
    started = time.monotonic()
    events = await ActionMarriageBook().run(dispatcher, tracker, domain)
    assert time.monotonic() - started < 8
    # Nothing reached the backend, so nothing was booked: the citizen may simply retry.
    assert responses(dispatcher) == ["utter_booking_unavailable"]
    # What the citizen entered is kept; the form asks for confirmation again.
    assert SlotSet("marriage_party1_id", None) not in events
    assert SlotSet("marriage_confirmed", None) in events


async def test_after_a_digression_the_question_is_not_read_as_an_answer(
    domain: dict[str, Any],
) -> None:
    tracker = make_tracker(
        slots={"marriage_type": "marriage"},
        text="需要带什么材料",
        intent="inform",
        requested_slot="marriage_party1_name",
    )
    # What Rasa sends after answering the question and going back to the form.
    tracker.events[1:1] = [
        {"event": "action", "name": "action_marriage_materials"},
        {"event": "bot", "text": "办理结婚登记需要……"},
    ]
    events = await ValidateMarriageForm().run(CollectingDispatcher(), tracker, domain)
    assert [e for e in events if e["name"] == "marriage_party1_name"] == []


async def test_change_request_clears_the_named_field(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots=BOOKED_SLOTS,
        text="女方的身份证写错了",
        intent="marriage_change",
        requested_slot="marriage_confirmed",
    )
    assert slots["marriage_party2_id"] is None and slots["marriage_party2_name"] is None
    assert slots["marriage_confirmed"] is None
    assert "marriage_party1_id" not in slots
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots=BOOKED_SLOTS,
        text="我要改一下",
        intent="marriage_change",
        requested_slot="marriage_confirmed",
    )
    assert slots["marriage_confirmed"] is None
    assert responses(dispatcher) == ["utter_marriage_what_to_change"]


async def test_implausible_entities_from_hostile_input_are_ignored(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage", "marriage_office": "sz-nanshan"},
        text="'; DROP TABLE appointments; --",
        entities=[{"entity": "phone", "value": "--"}, {"entity": "date", "value": "(1)</"}],
        requested_slot="marriage_party1_name",
    )
    assert "marriage_phone" not in slots and "marriage_date" not in slots
    assert slots["marriage_party1_name"] is None
    assert responses(dispatcher) == ["utter_invalid_name"]


async def test_two_dates_in_one_message_are_read_in_context(
    domain: dict[str, Any], backend_url: str
) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage", "marriage_office": "sz-nanshan"},
        text="明天不行，后天吧",
        entities=[{"entity": "date", "value": "明天"}, {"entity": "date", "value": "后天"}],
        requested_slot="marriage_date",
    )
    assert slots["marriage_date"] == "2026-11-25"


async def test_a_backend_that_never_answers_times_out_politely(
    domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)  # accept the connection, never answer

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("BACKEND_TIMEOUT_SECONDS", "1")
    dispatcher = CollectingDispatcher()
    started = time.monotonic()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage"},
        text="南山",
        requested_slot="marriage_office",
    )
    elapsed = time.monotonic() - started
    server.close()
    # one attempt plus one retry of 1 s each, then a polite reply; the question is asked again
    assert elapsed < 4
    assert slots["marriage_office"] is None
    assert responses(dispatcher) == ["utter_backend_unavailable_retry"]


async def test_a_number_is_an_answer_whatever_intent_was_guessed(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={"marriage_type": "marriage"},
        text="44030519900307",
        intent="goodbye",
        confidence=0.9,
        requested_slot="marriage_party1_id",
    )
    assert slots["marriage_party1_id"] is None
    assert responses(dispatcher) == ["utter_invalid_id_length"]


async def test_a_booking_that_times_out_is_confirmed_not_reported_as_failed(
    domain: dict[str, Any], backend_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow backend still books after the action's timeout: the action must find out."""
    from aiohttp import ClientSession, web

    calls: list[float] = []

    async def slow_first(request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with ClientSession() as session:
            forwarded = session.request(
                request.method, backend_url + request.path_qs, data=body, headers=headers
            )
            async with forwarded as answer:
                payload = await answer.read()
                if request.method == "POST" and not calls:
                    calls.append(time.monotonic())
                    await asyncio.sleep(2.5)  # booked, but the answer comes too late
                return web.Response(
                    body=payload, status=answer.status, content_type="application/json"
                )

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", slow_first)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{port}")
        monkeypatch.setenv("BACKEND_TIMEOUT_SECONDS", "1")
        await runtime.reset()
        slots = {
            **BOOKED_SLOTS,
            "marriage_booking_key": "k-ghost",
            "marriage_party1_id": make_id("19880101", male=True, serial=61),
            "marriage_party2_id": make_id("19890202", male=False, serial=62),
        }
        tracker = make_tracker(slots=slots, text="确认", intent="affirm", active_loop="")
        dispatcher = CollectingDispatcher()
        await ActionMarriageBook().run(dispatcher, tracker, domain)
    finally:
        await runner.cleanup()
    assert responses(dispatcher) == ["utter_marriage_booked"]
    reference = dispatcher.messages[0]["reference"]
    status, found = lookup(backend_url, reference, slots["marriage_phone"])
    assert status == 200 and found["appointment"]["status"] == "booked"


async def test_reference_and_phone_in_one_message_fill_both(
    domain: dict[str, Any], backend_url: str
) -> None:
    """Reported: "预约号HY…，手机138…" took the reference and asked for the phone again."""
    slots = {
        **BOOKED_SLOTS,
        "marriage_booking_key": "k-two-facts",
        "marriage_party1_id": make_id("19870404", male=True, serial=81),
        "marriage_party2_id": make_id("19880505", male=False, serial=82),
        "marriage_phone": "13811112222",
    }
    booked = CollectingDispatcher()
    await ActionMarriageBook().run(
        booked, make_tracker(slots=slots, text="确认", intent="affirm", active_loop=""), domain
    )
    reference = booked.messages[0]["reference"]
    text = f"预约号{reference}，手机13811112222"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"marriage_manage_action": "query"},
        text=text,
        intent="marriage_query",
        entities=[
            {"entity": "reference", "value": reference},
            {"entity": "phone", "value": "13811112222"},
        ],
        requested_slot="marriage_reference",
        active_loop="marriage_manage_form",
    )
    events = await ValidateMarriageManageForm().run(dispatcher, tracker, domain)
    values = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert values["marriage_reference"] == reference
    assert values["marriage_manage_phone"] == "13811112222"
    assert values["marriage_office"] == "sz-futian"
