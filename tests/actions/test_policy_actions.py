"""Policy answers from the knowledge base inside the action server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.policy as policy
from tests.actions.conftest import make_tracker


async def ask(domain: dict[str, Any], question: str) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=question, intent="ask_policy", active_loop="")
    assert await policy.ActionPolicyAnswer().run(dispatcher, tracker, domain) == []
    return dispatcher.messages


async def test_answer_carries_its_source(domain: dict[str, Any]) -> None:
    [message] = await ask(domain, "结婚登记现在还要户口本吗")
    assert message["response"] == "utter_policy_answer"
    assert message["citation"].startswith("来源：")
    assert "户口" in message["answer"]


async def test_a_question_about_our_city_hears_the_rule_and_the_citys_own_text(
    domain: dict[str, Any],
) -> None:
    rule, local = await ask(domain, "深圳的婚姻登记处网上老约不到号，还能现场直接办理吗")
    assert rule["response"] == "utter_policy_answer" and rule["citation"].startswith("来源：")
    assert local["response"] == "utter_policy_local" and local["region"] == "深圳"
    assert local["citation"].startswith("来源：深圳")


async def test_unanswerable_question_says_so(domain: dict[str, Any]) -> None:
    messages = await ask(domain, "今天晚上吃什么好呢")
    assert messages[0]["response"] == "utter_policy_no_answer"
    assert all("citation" not in m for m in messages)


async def test_another_departments_question_names_it(domain: dict[str, Any]) -> None:
    [message] = await ask(domain, "护照过期了在哪里换新的")
    assert message["response"] == "utter_policy_elsewhere"
    assert "出入境" in message["department"]


async def test_a_personal_case_is_left_to_the_office(domain: dict[str, Any]) -> None:
    messages = await ask(domain, "我申请的低保交上去一个月了，审核到哪一步了")
    assert messages[0]["response"] == "utter_policy_personal_case"
    assert all("citation" not in m for m in messages)


def test_a_rebuilt_index_is_picked_up_without_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "kb_index.json"
    index.write_text("{}")
    monkeypatch.setattr(policy, "INDEX_FILE", index)
    first = policy.knowledge_base()
    assert policy.knowledge_base() is first
    stat = index.stat()
    os.utime(index, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert policy.knowledge_base() is not first


async def test_the_city_of_the_place_chosen_in_a_form_is_the_region(
    domain: dict[str, Any], backend_url: str
) -> None:
    """A cemetery chosen in Guangzhou makes a figure question about "today's plan" local."""
    from actions.tomb_sweeping_form import ValidateTombForm

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="番禺思源园", requested_slot="tomb_cemetery", active_loop="tomb_form"
    )
    events = await ValidateTombForm().run(dispatcher, tracker, domain)
    city = next(e["value"] for e in events if e.get("name") == "service_city")
    assert city == "广州"
    local = await policy.consult("助餐配餐服务要达到多少人次", city)
    assert local.answered and "广州" in local.citation


async def test_another_city_gets_no_figure_of_ours(domain: dict[str, Any]) -> None:
    messages = await ask(domain, "成都的低保标准是每月多少钱")
    assert [m["response"] for m in messages] == ["utter_policy_other_region"]
    assert messages[0]["region"] == "成都"


async def test_not_understood_tries_the_knowledge_base_first(domain: dict[str, Any]) -> None:
    from actions.common import ActionNotUnderstood

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="身后一件事是什么服务", intent="nlu_fallback", active_loop="")
    await ActionNotUnderstood().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_policy_answer"
    assert dispatcher.messages[0]["citation"].startswith("来源：")
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="啊啊啊啊", intent="nlu_fallback", active_loop="")
    await ActionNotUnderstood().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_default"
    assert any(b["payload"] == "/tomb_book" for b in dispatcher.messages[0]["buttons"])


@pytest.mark.parametrize(
    ("question", "intent", "button"),
    [
        (
            "低保边缘家庭是什么意思，有啥救助",
            "assistance_prescreen",
            "/assistance_prescreen",
        ),
        ("现在结婚登记还用拿户口本吗？家里户口本在老家", "assistance_prescreen", None),
        ("刚注册下来的基金会要等多久才能申请公开募捐", "charity_check", "/charity_check"),
        # "我想…" is background here, and nothing of pre-screening is named
        ("我老公系现役军人，我想同佢离婚但佢唔肯，有冇特别规定？", "assistance_prescreen", None),
        ("深圳婚姻登记网上预约约满了，还能不能直接去现场办？", "marriage_book", "/marriage_book"),
        # "我能不能" and 病 read as pre-screening, but a marriage rule answers it
        ("结婚才知道老公婚前有重病一直瞒着我，我能不能撤销这段婚姻", "assistance_prescreen", None),
    ],
)
async def test_a_question_about_the_rules_is_answered_before_a_journey_starts(
    domain: dict[str, Any], question: str, intent: str, button: str | None
) -> None:
    """The NLU takes these for a pre-screening or a charity check; the rule is the answer."""
    from actions.questions import ActionRouteQuestion

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=question, intent=intent, active_loop="")
    events = await ActionRouteQuestion().run(dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "action_listen", "timestamp": None}]
    assert dispatcher.messages[0]["response"] == "utter_policy_answer"
    offered = [b["payload"] for m in dispatcher.messages[1:] for b in m.get("buttons", [])]
    assert offered == ([button] if button else [])


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("我家能吃低保吗", "assistance_prescreen"),
        ("我们家条件很差，能不能申请低保", "assistance_prescreen"),
        ("能不能让街道联系我", "assistance_contact"),
        ("我七十多了，老伴走了，也没儿没女，能有啥救助", "assistance_prescreen"),
        ("老公出车祸了，家里一下子没了收入，有什么补助能领吗", "assistance_prescreen"),
        ("深圳关爱行动公益基金会是正规的吗", "charity_check"),
        ("帮我查个慈善机构", "charity_check"),
    ],
)
async def test_asking_for_the_journey_itself_starts_it(
    domain: dict[str, Any], question: str, intent: str
) -> None:
    from actions.questions import ActionRouteQuestion

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=question, intent=intent, active_loop="")
    assert await ActionRouteQuestion().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("村里的主任干得不好，村民要罢免他得多少人签名", "tomb_book"),
        ("明天下午会不会下雨呀", "tomb_book"),
    ],
)
async def test_a_question_with_nothing_of_the_journey_is_not_its_form(
    domain: dict[str, Any], question: str, intent: str
) -> None:
    """The NLU took these for a tomb-sweeping booking; the knowledge base has no answer."""
    from actions.questions import ActionRouteQuestion

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=question, intent=intent, active_loop="")
    events = await ActionRouteQuestion().run(dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "action_not_understood", "timestamp": None}]


async def test_a_journey_question_the_knowledge_base_cannot_answer_starts_the_journey(
    domain: dict[str, Any],
) -> None:
    from actions.questions import ActionRouteQuestion

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="清明那天福田公墓几点开门啊", intent="tomb_book", active_loop="")
    events = await ActionRouteQuestion().run(dispatcher, tracker, domain)
    assert all(e.get("name") != "action_not_understood" for e in events)
