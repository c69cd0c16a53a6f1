"""Social-assistance pre-screening: the form's questions, answers and result, on the real API."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.assistance_form import ValidateAssistanceForm
from actions.assistance_result import (
    ActionAssistanceRefer,
    ActionAssistanceResult,
    ValidateAssistanceContactForm,
)
from tests.actions.conftest import make_tracker

FORM = "assistance_form"
STARTED = {"assistance_consent": True}
# 深圳 (sample standard 1,400 元/人/月, 低保边缘 1.5×): a family of three, 本地户籍.
SHENZHEN_FAMILY = {
    **STARTED,
    "assistance_city": "深圳",
    "assistance_district": "南山区",
    "assistance_residence": "local_hukou",
    "assistance_household_size": 3,
}


async def run_form(
    domain: dict[str, Any],
    text: str,
    slots: dict[str, Any],
    requested: str | None,
    intent: str = "inform",
    entities: list[dict[str, Any]] | None = None,
    form: str = FORM,
) -> tuple[dict[str, Any], CollectingDispatcher]:
    """One answer through the form's validator: the slots it set and what it said."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots=slots,
        text=text,
        intent=intent,
        entities=entities,
        requested_slot=requested,
        active_loop=form,
    )
    validator = ValidateAssistanceForm() if form == FORM else ValidateAssistanceContactForm()
    events = await validator.run(dispatcher, tracker, domain)
    set_to = {e["name"]: e["value"] for e in events}
    if "requested_slot" not in set_to:
        # rasa-sdk leaves the next question to Rasa when the list equals the domain's: the
        # first empty slot of the form as the domain lists it.
        empty = [
            s for s in domain["forms"][form]["required_slots"] if {**slots, **set_to}.get(s) is None
        ]
        set_to["requested_slot"] = empty[0] if empty else None
    return set_to, dispatcher


def said(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("response") or m.get("text") or "" for m in dispatcher.messages]


async def test_nothing_is_asked_before_consent_and_declining_ends_the_form(
    domain: dict[str, Any], backend_url: str
) -> None:
    slots, _ = await run_form(domain, "不用了", {}, "assistance_consent", intent="deny")
    assert slots["assistance_consent"] is False
    assert slots["requested_slot"] is None  # the form ends

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"assistance_consent": False}, active_loop="")
    await ActionAssistanceResult().run(dispatcher, tracker, domain)
    assert said(dispatcher) == ["utter_assistance_declined"]


async def test_after_consent_the_city_is_asked_first(
    domain: dict[str, Any], backend_url: str
) -> None:
    slots, _ = await run_form(domain, "好的，开始", {}, "assistance_consent", intent="affirm")
    assert slots["assistance_consent"] is True
    assert slots["requested_slot"] == "assistance_city"


async def test_the_city_answer_sets_city_and_district(
    domain: dict[str, Any], backend_url: str
) -> None:
    slots, _ = await run_form(domain, "深圳南山", STARTED, "assistance_city")
    assert (slots["assistance_city"], slots["assistance_district"]) == ("深圳", "南山区")
    assert slots["requested_slot"] == "assistance_residence"


async def test_an_income_far_above_the_line_skips_the_asset_questions(
    domain: dict[str, Any], backend_url: str
) -> None:
    slots, _ = await run_form(domain, "一个月三万", SHENZHEN_FAMILY, "assistance_income")
    assert slots["assistance_income"] == 30000
    # 10,000 per head: 低保 and 低保边缘 are out, so savings, home and car cannot matter.
    assert slots["requested_slot"] == "assistance_special"


async def test_a_low_income_goes_on_to_assets(domain: dict[str, Any], backend_url: str) -> None:
    slots, _ = await run_form(domain, "3.5k", SHENZHEN_FAMILY, "assistance_income")
    assert slots["assistance_income"] == 3500
    assert slots["requested_slot"] == "assistance_assets"


async def test_a_rough_income_is_confirmed_before_it_is_used(
    domain: dict[str, Any], backend_url: str
) -> None:
    slots, _ = await run_form(domain, "两千多", SHENZHEN_FAMILY, "assistance_income")
    assert slots["assistance_income"] == 2000 and slots["assistance_income_approx"] is True
    assert slots["requested_slot"] == "assistance_income_confirmed"

    rough = {**SHENZHEN_FAMILY, "assistance_income": 2000, "assistance_income_approx": True}
    slots, _ = await run_form(domain, "2300", rough, "assistance_income_confirmed")
    assert slots["assistance_income"] == 2300 and slots["assistance_income_confirmed"] is True

    slots, _ = await run_form(domain, "我重新说", rough, "assistance_income_confirmed", "deny")
    assert slots["assistance_income"] is None
    assert slots["requested_slot"] == "assistance_income"


@pytest.mark.parametrize(
    ("slot", "text", "reply"),
    [
        ("assistance_income", "-500", "utter_assistance_amount_negative"),
        ("assistance_income", "很多钱", "utter_assistance_amount_unclear"),
        ("assistance_income", "五千万", "utter_assistance_amount_too_big"),
        ("assistance_assets", "负两万", "utter_assistance_amount_negative"),
        ("assistance_household_size", "0", "utter_assistance_household_zero"),
        ("assistance_household_size", "99口人", "utter_assistance_household_too_big"),
        ("assistance_household_size", "好多人", "utter_assistance_household_unclear"),
        ("assistance_residence", "今天星期几", "utter_assistance_choose_button"),
    ],
)
async def test_impossible_answers_are_refused_with_the_reason(
    domain: dict[str, Any], backend_url: str, slot: str, text: str, reply: str
) -> None:
    base = {**SHENZHEN_FAMILY, "assistance_income": 1000}
    base.pop(slot, None)
    slots, dispatcher = await run_form(domain, text, base, slot)
    assert slots[slot] is None
    assert reply in said(dispatcher)
    assert slots["requested_slot"] == slot  # asked again


async def test_a_button_answers_by_its_code(domain: dict[str, Any], backend_url: str) -> None:
    slots, _ = await run_form(
        domain,
        '/inform{"choice":"residence_permit"}',
        {**STARTED, "assistance_city": "深圳"},
        "assistance_residence",
        entities=[{"entity": "choice", "value": "residence_permit"}],
    )
    assert slots["assistance_residence"] == "residence_permit"


async def test_a_correction_changes_the_earlier_answer(
    domain: dict[str, Any], backend_url: str
) -> None:
    base = {**SHENZHEN_FAMILY, "assistance_income": 30000}
    slots, _ = await run_form(domain, "收入说错了，应该是三千", base, "assistance_special")
    assert slots["assistance_income"] == 3000
    assert slots["requested_slot"] == "assistance_assets"  # now the assets matter


async def test_nobody_elderly_disabled_or_young_skips_the_tekun_questions(
    domain: dict[str, Any], backend_url: str
) -> None:
    base = {**SHENZHEN_FAMILY, "assistance_income": 30000}
    slots, _ = await run_form(domain, "都没有", base, "assistance_special")
    assert slots["assistance_special"] == []
    assert slots["requested_slot"] == "assistance_sudden"


async def test_an_elderly_person_living_alone_is_asked_the_tekun_questions(
    domain: dict[str, Any], backend_url: str
) -> None:
    base = {**SHENZHEN_FAMILY, "assistance_household_size": 1, "assistance_income": 0}
    base |= {"assistance_assets": 0, "assistance_housing": "one", "assistance_vehicle": "none"}
    slots, _ = await run_form(domain, "我七十多了，一个人住", base, "assistance_special")
    assert slots["assistance_special"] == ["elderly_60_plus"]
    # 60+ counts as unable to work: the next question is about a source of income.
    assert slots["requested_slot"] == "assistance_has_income_source"


async def test_the_result_says_possibly_eligible_with_figures_and_forgets_the_facts(
    domain: dict[str, Any], backend_url: str
) -> None:
    household = {
        **SHENZHEN_FAMILY,
        "assistance_income": 3450,  # 1,150 per head, below the 1,400 sample standard
        "assistance_income_confirmed": True,
        "assistance_assets": 20000,
        "assistance_housing": "one",
        "assistance_vehicle": "none",
        "assistance_special": [],
        "assistance_sudden": "none",
        "assistance_spending": "none",
    }
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=household, active_loop="")
    events = await ActionAssistanceResult().run(dispatcher, tracker, domain)
    texts = "\n".join(said(dispatcher))
    dibao = next(t for t in said(dispatcher) if "【最低生活保障" in t)
    assert "可能符合" in dibao and "1,150" in dibao and "1,400" in dibao
    assert "可能不符合" in next(t for t in said(dispatcher) if "【临时救助" in t)
    assert "请以当地民政部门公布的标准为准" in texts
    assert "utter_assistance_next" in said(dispatcher)
    set_to = {e["name"]: e["value"] for e in events}
    for slot in ("assistance_income", "assistance_assets", "assistance_household_size"):
        assert set_to[slot] is None
    assert "dibao" in set_to["assistance_programmes"]
    assert "assistance_city" not in set_to  # kept for a call-back request


async def test_a_family_just_above_the_standard_may_be_low_income_edge(
    domain: dict[str, Any], backend_url: str
) -> None:
    household = {
        **SHENZHEN_FAMILY,
        "assistance_income": 4800,  # 1,600 per head: above 1,400, below 1.5 × 1,400
        "assistance_assets": 0,
        "assistance_housing": "none",
        "assistance_vehicle": "none",
        "assistance_special": [],
        "assistance_sudden": "none",
        "assistance_spending": "none",
    }
    dispatcher = CollectingDispatcher()
    await ActionAssistanceResult().run(dispatcher, make_tracker(household, active_loop=""), domain)
    lines = said(dispatcher)
    assert "可能不符合" in next(t for t in lines if "【最低生活保障" in t)
    assert "可能符合" in next(t for t in lines if "【低保边缘" in t)


async def test_call_back_is_recorded_only_after_agreement_and_echoed_masked(
    domain: dict[str, Any], backend_url: str
) -> None:
    contact = {
        "assistance_city": "深圳",
        "assistance_district": "南山区",
        "assistance_contact_name": "陈秀兰",
        "assistance_contact_phone": "13800002468",
        "assistance_programmes": ["dibao"],
        "assistance_contact_key": "k-referral-1",
    }
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**contact, "assistance_contact_confirmed": False}, active_loop="")
    events = await ActionAssistanceRefer().run(dispatcher, tracker, domain)
    assert said(dispatcher) == ["utter_assistance_contact_dropped"]
    assert {e["name"]: e["value"] for e in events}["assistance_contact_phone"] is None

    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**contact, "assistance_contact_confirmed": True}, active_loop="")
    await ActionAssistanceRefer().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_assistance_referred"
    assert message["phone"] == "138****2468" and message["name"] == "陈**"
    assert message["reference"].startswith("JZ")


async def test_call_back_form_refuses_a_bad_phone(domain: dict[str, Any], backend_url: str) -> None:
    slots, dispatcher = await run_form(
        domain,
        "1380000",
        {"assistance_city": "深圳", "assistance_contact_name": "陈秀兰"},
        "assistance_contact_phone",
        form="assistance_contact_form",
    )
    assert slots["assistance_contact_phone"] is None
    assert "utter_invalid_phone_length" in said(dispatcher)
