"""Tomb-sweeping form validation and reservation actions against the real backend."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.tomb_sweeping_booking import ActionTombBook, reservation_request
from actions.tomb_sweeping_form import ValidateTombForm, comes_without_car
from actions.tomb_sweeping_messages import NO_CAR
from tests.actions.conftest import make_tracker
from tests.support.people import make_id

BOOKER = make_id("19700305", male=False, serial=71)
RESERVED = {
    "tomb_cemetery": "gz-baiyun",
    "tomb_cemetery_name": "白云山麓公墓",
    "tomb_visitors": 2,
    "tomb_date": "2026-11-28",
    "tomb_time": "09:00",
    "tomb_deceased_name": "黄德明",
    "tomb_booker_name": "黄小梅",
    "tomb_booker_id": BOOKER,
    "tomb_phone": "13822223333",
    "tomb_plate": NO_CAR,
    "tomb_confirmed": True,
    "tomb_booking_key": "k-tomb-1",
}


async def validate(
    domain: dict[str, Any], dispatcher: CollectingDispatcher, **tracker_args: Any
) -> dict[str, Any]:
    """Run the form validator; return the slots it set (requested_slot excluded)."""
    tracker = make_tracker(active_loop="tomb_form", **tracker_args)
    events = await ValidateTombForm().run(dispatcher, tracker, domain)
    return {e["name"]: e["value"] for e in events if e["name"] != "requested_slot"}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize(
    ("text", "cemetery"),
    [("福安园", "sz-longgang"), ("番禺", "gz-panyu"), ("天河骨灰堂", "gz-tianhe")],
)
async def test_cemeteries_are_matched_by_name_short_name_or_district(
    domain: dict[str, Any], backend_url: str, text: str, cemetery: str
) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(domain, dispatcher, text=text, requested_slot="tomb_cemetery")
    assert slots["tomb_cemetery"] == cemetery
    assert isinstance(slots["tomb_parking"], bool) and slots["tomb_max_visitors"] >= 1


async def test_a_city_lists_its_cemeteries_as_buttons(
    domain: dict[str, Any], backend_url: str
) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(domain, dispatcher, text="广州", requested_slot="tomb_cemetery")
    assert slots["tomb_cemetery"] is None
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert "番禺思源园" in titles and "福田公墓" not in titles


@pytest.mark.parametrize(
    ("text", "count", "reply"),
    [
        ("一家五口", 5, None),
        ("就我自己", 1, None),
        ("我们一家八口", None, "utter_tomb_visitors_over_limit"),
        ("好几个", None, "utter_tomb_visitors_unclear"),
        ("0个人", None, "utter_tomb_visitors_unclear"),
    ],
)
async def test_party_size_is_read_and_limited(
    domain: dict[str, Any], text: str, count: int | None, reply: str | None
) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        text=text,
        requested_slot="tomb_visitors",
        slots={"tomb_max_visitors": 5},
    )
    assert slots["tomb_visitors"] == count
    assert responses(dispatcher)[:1] == ([reply] if reply else [])


async def test_a_name_tagged_as_a_party_does_not_change_the_party(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        text="张三丰",
        entities=[{"entity": "visitors", "value": "张三丰"}],
        requested_slot="tomb_deceased_name",
        slots={"tomb_visitors": 2, "tomb_max_visitors": 5},
    )
    assert "tomb_visitors" not in slots
    assert slots["tomb_deceased_name"] == "张三丰"


async def test_a_party_phrase_tagged_only_in_part_is_read_whole(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        text="我们一家八口",
        entities=[{"entity": "visitors", "value": "一家"}],
        requested_slot="tomb_visitors",
        slots={"tomb_max_visitors": 5},
    )
    assert slots["tomb_visitors"] is None
    assert responses(dispatcher)[:1] == ["utter_tomb_visitors_over_limit"]


@pytest.mark.parametrize(
    ("text", "plate", "reply"),
    [
        ("粤b·12345", "粤B12345", None),
        ("车牌是粤BD12345", "粤BD12345", None),
        ("不开车，坐地铁去", NO_CAR, None),
        ("A12345", None, "utter_tomb_plate_province"),
        ("粤B12", None, "utter_tomb_plate_invalid"),
    ],
)
async def test_plates_are_validated_or_no_car(
    domain: dict[str, Any], text: str, plate: str | None, reply: str | None
) -> None:
    dispatcher = CollectingDispatcher()
    slots = await validate(domain, dispatcher, text=text, requested_slot="tomb_plate")
    assert slots["tomb_plate"] == plate
    assert responses(dispatcher)[:1] == ([reply] if reply else [])
    assert comes_without_car(text) is (plate == NO_CAR)


async def test_a_peak_day_says_so_and_a_day_beyond_the_window_says_when_it_opens(
    domain: dict[str, Any], backend_url: str
) -> None:
    base = {"tomb_cemetery": "sz-futian", "tomb_cemetery_name": "福田公墓", "tomb_visitors": 2}
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain, dispatcher, slots=base, text="冬至那天", requested_slot="tomb_date"
    )
    assert slots["tomb_date"] == "2026-12-22"
    assert "utter_tomb_peak_day" in responses(dispatcher)
    dispatcher = CollectingDispatcher()
    slots = await validate(domain, dispatcher, slots=base, text="清明", requested_slot="tomb_date")
    assert slots["tomb_date"] is None
    assert "开放" in dispatcher.messages[0]["message"]


async def test_the_reservation_is_made_and_the_rules_are_told(
    domain: dict[str, Any], backend_url: str
) -> None:
    request = reservation_request(make_tracker(slots=RESERVED))
    assert request.plate is None and request.visitors == 2
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=RESERVED, text="确认", intent="affirm", active_loop="")
    events = await ActionTombBook().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_tomb_booked"]
    message = dispatcher.messages[0]
    assert message["reference"].startswith("JS261123") and message["visitors"] == 2
    assert "身份证" in message["rules"]
    assert all(e["value"] is None for e in events if e["event"] == "slot")  # form cleared
    # The same confirmation again (a retried 确认) books nothing new.
    again = CollectingDispatcher()
    await ActionTombBook().run(again, tracker, domain)
    assert again.messages[0]["reference"] == message["reference"]


async def test_a_name_tagged_as_a_date_is_a_name(domain: dict[str, Any]) -> None:
    """DIET tagged "张三" as a date: the name is taken, the chosen day is kept."""
    dispatcher = CollectingDispatcher()
    slots = await validate(
        domain,
        dispatcher,
        slots={**RESERVED, "tomb_booker_name": None},
        text="张三",
        entities=[{"entity": "date", "value": "张三"}, {"entity": "time", "value": "张三"}],
        requested_slot="tomb_booker_name",
    )
    assert slots["tomb_booker_name"] == "张三"
    assert "tomb_date" not in slots and "tomb_time" not in slots
    assert responses(dispatcher) == []
