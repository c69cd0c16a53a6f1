"""Social-assistance pre-screening conversations on the trained model (REST channel)."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.dialogue.conftest import Chat, Stack

pytestmark = pytest.mark.slow

# Which question the assistant asked, by the words in it (the form asks only what can still
# change the result, so each conversation answers the questions it is actually asked).
QUESTIONS = {
    "city": "哪个城市",
    "residence": "户口在本地吗",
    "size": "几口人",
    "income": "每个月的总收入",
    "income_confirmed": "来估算可以吗",
    "assets": "金融资产",
    "housing": "几套自己的住房",
    "vehicle": "机动车吗",
    "special": "下面这些情况",
    "can_work": "干活挣钱",
    "income_source": "生活来源",
    "supporter": "赡养",
    "sudden": "突发的困难",
    "spending": "必需开支",
}
RESULT = "预检结果"
BARE_ELIGIBLE = re.compile(r"(?<!可能)(?<!可能不)符合")


def new_chat(stack: Stack) -> Chat:
    return stack.chat(f"test-{uuid.uuid4().hex[:12]}")


def question_in(reply: str) -> str | None:
    return next((key for key, words in QUESTIONS.items() if words in reply), None)


def start(chat: Chat, opening: str) -> str:
    """Open the pre-screening and agree to the consent line; returns the first question."""
    consent = chat.text(opening)
    assert "不会保存" in consent and "仅供参考" in consent, consent
    return chat.text("好的，开始")


def answer_until_result(chat: Chat, reply: str, answers: dict[str, str]) -> tuple[str, list[str]]:
    """Answer each question asked from ``answers``; the result text and the questions asked."""
    asked = []
    for _ in range(len(QUESTIONS) + 2):
        if RESULT in reply:
            return reply, asked
        key = question_in(reply)
        assert key is not None, f"unexpected reply: {reply}"
        assert key in answers, f"asked {key} unexpectedly: {reply}"
        asked.append(key)
        reply = chat.text(answers[key])
    raise AssertionError(f"no result after {asked}")


def programme(result: str, name: str) -> str:
    """The block of the result about one programme."""
    block = result[result.index(f"【{name}") :]
    return block.split("\n【")[0].split("【", 2)[1]


HOUSEHOLD = {
    "city": "深圳南山",
    "residence": "本地户口",
    "size": "三口人",
    "assets": "存款两万左右",
    "housing": "有一套房",
    "vehicle": "没车",
    "special": "都没有",
    "sudden": "没有",
    "spending": "没有",
}


def test_an_eligible_family_hears_may_qualify_with_figures_and_can_ask_for_a_call(
    stack: Stack,
) -> None:
    chat = new_chat(stack)
    first = start(chat, "我家挺困难的，想看看能不能吃低保")
    result, asked = answer_until_result(chat, first, {**HOUSEHOLD, "income": "三千四百五"})
    assert asked[:3] == ["city", "residence", "size"]
    dibao = programme(result, "最低生活保障")
    assert "可能符合" in dibao and "1,150" in dibao and "1,400" in dibao, result
    assert "请以当地民政部门公布的标准为准" in result
    assert BARE_ELIGIBLE.search(result) is None  # never a bare "符合"
    assert "身份证" in result and "街道" in result  # what to bring, where to apply

    assert "姓名" in chat.text("请街道联系我")
    assert "手机号码" in chat.text("陈秀兰")
    confirm = chat.say("13800002468")
    text = "\n".join(r.text for r in confirm)
    assert "138****2468" in text and "13800002468" not in text and "陈**" in text
    assert "收入、财产等情况不会提交" in text
    assert {b["title"] for r in confirm for b in r.buttons} == {"同意提交", "不提交了"}
    referred = chat.text("同意提交")
    assert re.search(r"JZ\d{6}[2-9A-HJ-NP-Z]{5}", referred), referred


def test_income_above_the_standard_but_below_the_edge_line_may_be_low_income_edge(
    stack: Stack,
) -> None:
    chat = new_chat(stack)
    first = start(chat, "低保预检")
    # 4,800 for three = 1,600 per head: above 1,400, below 1.5 × 1,400 = 2,100.
    result, _ = answer_until_result(chat, first, {**HOUSEHOLD, "income": "4800"})
    assert "可能不符合" in programme(result, "最低生活保障")
    assert "可能符合" in programme(result, "低保边缘")


def test_a_high_income_skips_the_asset_questions(stack: Stack) -> None:
    chat = new_chat(stack)
    first = start(chat, "帮我测一下我家够不够低保条件")
    result, asked = answer_until_result(chat, first, {**HOUSEHOLD, "income": "3万"})
    assert not {"assets", "housing", "vehicle"} & set(asked)
    assert "可能不符合" in programme(result, "最低生活保障")


def test_an_old_person_alone_without_income_or_family_may_be_tekun(stack: Stack) -> None:
    chat = new_chat(stack)
    first = start(chat, "我七十多了，老伴走了，也没儿没女，能有啥救助")
    answers = {
        **HOUSEHOLD,
        "size": "就我一个",
        "income": "没有收入",
        "assets": "没有",
        "special": "我七十二了",
        "income_source": "没有",
        "supporter": "没有",
    }
    result, asked = answer_until_result(chat, first, answers)
    assert "can_work" not in asked  # 60+ counts as unable to work
    assert "可能符合" in programme(result, "特困人员")


def test_temporary_assistance_after_an_accident(stack: Stack) -> None:
    chat = new_chat(stack)
    first = start(chat, "老公出车祸了，家里一下子没了收入，有什么补助能领吗")
    answers = {**HOUSEHOLD, "income": "5万", "sudden": "出了车祸"}
    result, asked = answer_until_result(chat, first, answers)
    assert "spending" not in asked  # the accident already settles 临时救助
    assert "可能符合" in programme(result, "临时救助")


def test_a_rough_income_is_confirmed(stack: Stack) -> None:
    chat = new_chat(stack)
    reply = start(chat, "想评估一下符不符合低保")
    for key in ("city", "residence", "size"):
        assert question_in(reply) == key, reply
        reply = chat.text(HOUSEHOLD[key])
    assert question_in(reply) == "income"
    confirm = chat.text("一个月两千多")
    assert "2,000" in confirm and question_in(confirm) == "income_confirmed", confirm
    assert question_in(chat.text("可以")) == "assets"


def test_bad_answers_are_refused_with_the_reason_and_the_form_goes_on(stack: Stack) -> None:
    chat = new_chat(stack)
    reply = start(chat, "帮我看看能申请什么救助")
    assert question_in(reply) == "city"
    reply = chat.text("广州天河")
    assert question_in(reply) == "residence"
    assert question_in(chat.text("本地户口")) == "size"
    assert "至少是1人" in chat.text("0")
    assert "不会超过20人" in chat.text("99口人")
    assert question_in(chat.text("4个人")) == "income"
    assert "负数" in chat.text("-500")
    assert "没能看出金额" in chat.text("挺多的")
    assert question_in(chat.text("3200")) == "assets"


def test_a_household_can_stop_midway_and_nothing_is_kept(stack: Stack) -> None:
    chat = new_chat(stack)
    assert question_in(start(chat, "查一下我家能不能吃低保")) == "city"
    assert question_in(chat.text("深圳")) == "residence"
    stopped = chat.text("算了，不测了")
    assert "已停止" in stopped and "不会保存" in stopped and question_in(stopped) is None
    # A new question is answered normally afterwards.
    assert "来源" in chat.text("低保怎么申请")


def test_declining_the_consent_line_asks_nothing(stack: Stack) -> None:
    chat = new_chat(stack)
    chat.text("我想做个社会救助预检")
    reply = chat.text("不用了")
    assert "没有记录任何信息" in reply and question_in(reply) is None
