"""Charity queries: the organisation question and what the registry answer shows (real API)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.charity_check import ActionCharityCheck, ValidateCharityForm, name_in
from actions.charity_guides import ActionCharityGuide
from tests.actions.conftest import make_tracker

SLOT = "charity_organization"
CHUNYU = "53440300MJ00000013"  # sample: 深圳市春雨助学公益基金会, normal, 公开募捐资格


async def validate(
    domain: dict[str, Any],
    text: str,
    requested: str | None = SLOT,
    entities: list[dict[str, Any]] | None = None,
    intent: str = "inform",
) -> tuple[dict[str, Any], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=text,
        intent=intent,
        entities=entities,
        requested_slot=requested,
        active_loop="charity_form",
    )
    events = await ValidateCharityForm().run(dispatcher, tracker, domain)
    return {e["name"]: e["value"] for e in events}, dispatcher


async def check(domain: dict[str, Any], query: str) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={SLOT: query}, active_loop="")
    events = await ActionCharityCheck().run(dispatcher, tracker, domain)
    assert {e["name"]: e["value"] for e in events} == {SLOT: None}  # ready for the next one
    return dispatcher


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("春晖助学基金会靠谱吗", "春晖助学基金会"),
        ("帮我查一下深圳市慈善会是不是正规的", "深圳市慈善会"),
        ("这个阳光助老协会是骗子吗", "阳光助老协会"),
        ("有个叫蓝天救援队的在募捐", "蓝天救援队"),
        ("深圳市春雨助学公益基金会是正规的吗", "深圳市春雨助学公益基金会"),
        ("壹基金靠谱吗", "壹基金"),
        ("妈妈群里都在传新苗助学联合会，这家是在民政备过案的吗", "新苗助学联合会"),
        ("春雨基金会会不会是骗子", "春雨基金会"),
        ("怎么知道是不是骗子", None),
        ("怎么知道一个基金会是不是真的", None),
        ("帮我查个慈善机构", None),
    ],
)
def test_the_name_is_found_inside_the_question(text: str, name: str | None) -> None:
    assert name_in(text) == name


async def test_asking_without_a_name_asks_for_the_name(domain: dict[str, Any]) -> None:
    entities = [{"entity": "organization", "value": "慈善机构"}]
    slots, dispatcher = await validate(
        domain, "帮我查个慈善机构", requested=None, entities=entities, intent="charity_check"
    )
    assert slots.get(SLOT) is None and dispatcher.messages == []


async def test_a_partly_tagged_name_is_taken_whole(domain: dict[str, Any]) -> None:
    entities = [{"entity": "organization", "value": "深圳市关爱"}]
    text = "深圳市关爱行动公益基金会是合法登记的吗"
    slots, _ = await validate(domain, text, requested=None, entities=entities)
    assert slots[SLOT] == "深圳市关爱行动公益基金会"


async def test_a_question_naming_an_organisation_fills_the_form_at_once(
    domain: dict[str, Any],
) -> None:
    slots, _ = await validate(
        domain, "春雨助学基金会靠得住吗", requested=None, intent="charity_check"
    )
    assert slots[SLOT] == "春雨助学基金会"


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("53440300MJ00000014", "utter_charity_code_checksum"),  # last character mistyped
        ("53440300MJ0000001", "utter_charity_code_length"),
        ("53440300MJ000000133", "utter_charity_code_length"),
        ("53440300MI00000013", "utter_charity_code_format"),  # I is not in the alphabet
        ("啊", "utter_charity_name_unclear"),
    ],
)
async def test_a_bad_code_or_name_is_refused_with_the_reason(
    domain: dict[str, Any], text: str, reply: str
) -> None:
    slots, dispatcher = await validate(domain, text)
    assert slots[SLOT] is None
    assert [m["response"] for m in dispatcher.messages] == [reply]


async def test_a_lower_case_code_with_spaces_is_accepted(domain: dict[str, Any]) -> None:
    slots, _ = await validate(domain, "53440300 mj00000013")
    assert slots[SLOT] == CHUNYU


async def test_a_genuine_charity_shows_its_qualification_and_projects(
    domain: dict[str, Any], backend_url: str
) -> None:
    dispatcher = await check(domain, CHUNYU)
    [organization] = [
        m for m in dispatcher.messages if m["response"] == "utter_charity_organization"
    ]
    text = organization["organization"]
    assert "深圳市春雨助学公益基金会" in text and "登记状态：正常" in text
    assert "公开募捐资格：有" in text
    assert any(m["response"] == "utter_charity_projects" for m in dispatcher.messages)
    assert any("示例" in (m.get("text") or "") for m in dispatcher.messages)


async def test_a_former_name_is_recognised_and_said_so(
    domain: dict[str, Any], backend_url: str
) -> None:
    dispatcher = await check(domain, "深圳市春雨助学基金会")
    text = dispatcher.messages[0]["organization"]
    assert "深圳市春雨助学公益基金会" in text and "曾用名" in text


async def test_a_deregistered_organisation_is_shown_as_such(
    domain: dict[str, Any], backend_url: str
) -> None:
    dispatcher = await check(domain, "青禾社会工作服务中心")
    text = dispatcher.messages[0]["organization"]
    assert "已注销" in text and "不能" in text


async def test_close_names_are_offered_as_buttons_that_check_by_code(
    domain: dict[str, Any], backend_url: str
) -> None:
    dispatcher = await check(domain, "长者服务中心")
    [message] = dispatcher.messages
    assert message["response"] == "utter_charity_choose"
    titles = {b["title"] for b in message["buttons"]}
    assert {"广州市木棉长者服务中心", "深圳市松鹤长者关爱服务中心"} <= titles
    assert all(
        b["payload"].startswith('/charity_check{"credit_code":"5') for b in message["buttons"]
    )


async def test_a_distant_single_match_is_offered_not_asserted(
    domain: dict[str, Any], backend_url: str
) -> None:
    # 深圳市慈善会 is not in the sample registry; 深圳市晴川慈善会 only looks alike.
    dispatcher = await check(domain, "深圳慈善会")
    [message] = dispatcher.messages
    assert message["response"] == "utter_charity_choose"


async def test_no_match_points_to_the_national_platform(
    domain: dict[str, Any], backend_url: str
) -> None:
    dispatcher = await check(domain, "不存在的爱心互助会")
    [message] = dispatcher.messages
    assert message["response"] == "utter_charity_not_found"
    assert "慈善中国" in message["hint"]


@pytest.mark.parametrize(
    ("intent", "reply", "source"),
    [
        ("charity_fundraising", "utter_charity_fundraising", "网络募捐与个人求助"),
        ("charity_donate", "utter_charity_donate", "捐赠人的权利"),
        ("charity_report", "utter_charity_report", "举报可疑募捐"),
    ],
)
async def test_guides_cite_the_rule_then_say_what_to_do(
    domain: dict[str, Any], intent: str, reply: str, source: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="…", intent=intent, active_loop="")
    await ActionCharityGuide().run(dispatcher, tracker, domain)
    cited, said = dispatcher.messages
    assert cited["response"] == "utter_policy_answer" and source in cited["citation"]
    assert "慈善法" in cited["citation"]
    assert said["response"] == reply


async def test_a_figure_question_gets_the_figure_or_an_honest_no_not_the_guide(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="上半年疫情防控收到的慈善捐赠资金一共多少亿", intent="charity_donate", active_loop=""
    )
    await ActionCharityGuide().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_policy_no_answer"
    assert all(m["response"] != "utter_charity_donate" for m in dispatcher.messages)


async def test_a_guide_answers_the_question_asked_then_says_what_to_do(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="捐给慈善组织的钱，咋知道它有没有乱花", intent="charity_donate", active_loop=""
    )
    await ActionCharityGuide().run(dispatcher, tracker, domain)
    cited, said = dispatcher.messages
    assert cited["response"] == "utter_policy_answer" and "来源" in cited["citation"]
    assert said["response"] == "utter_charity_donate"
