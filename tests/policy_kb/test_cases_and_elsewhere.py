"""Questions the knowledge base must not answer with a rule: one person's own case, another
department's service, a change in a year to come."""

from __future__ import annotations

import pytest

from policy_kb import KnowledgeBase
from policy_kb.cases import asks_about_own_case
from policy_kb.elsewhere import handled_elsewhere
from policy_kb.figures import asks_about_future_change


@pytest.mark.parametrize(
    "question",
    [
        "我申请的临时救助街道说要上会，你觉得能通过不",
        "申请的适老化改造排了半年还没轮到，是不是被人顶掉了",
        "我这个脑梗后遗症，左手不太灵活，能评上几级残疾",
        "低保申请交上去一个月了，审核到哪一步了",
        "我阿妈嘅重度残疾人护理补贴今个月几时到账？",
        "外婆的骨灰寄存在殡仪馆，到期没有？",
        "收养材料交上去三个月了都没消息，是不是卡在哪个环节了",
        "我家低保怎么突然停了",
        "为什么我的临时救助申请被拒了",
        "帮我查下我老婆的低保批咗未",
        "上礼拜递咗申请，几时有结果",
        "我的低保金这个月少了200块是怎么回事",
        "我侄仔嘅补贴申请交咗两个月仲未有回复，系咪漏咗？",
        "我爷爷骨灰寄存是不是到期了？编号A-1023",  # a record's own number
        "我的志愿时长怎么少了20个小时，谁扣的",
    ],
)
def test_own_case_questions(question: str) -> None:
    assert asks_about_own_case(question)


@pytest.mark.parametrize(
    "question",
    [
        "低保审批一般要多久",
        "特困人员怎么认定",
        "水滴筹那种算不算慈善募捐",
        "家里就我妈一个人，够不够条件吃低保",
        "低保金一般每个月几号到账",
        "骨灰寄存到期了怎么办",
        "临时救助多久能批下来",
        "我找到工作了，低保会不会停",  # the rule: income counts
        "低保申请被驳回了怎么办",
        "骨灰寄存一般多久到期",
    ],
)
def test_questions_about_the_rules_are_not_own_cases(question: str) -> None:
    assert not asks_about_own_case(question)


@pytest.mark.parametrize(
    ("question", "department"),
    [
        ("身份证丢了去哪里补", "公安"),
        ("失业金怎么领，一个月有几多", "人力资源和社会保障"),
        ("我爸的养老金怎么领", "人力资源和社会保障"),
        ("医保报销比例是多少", "医疗保障"),
        ("孩子上小学怎么网上报名", "教育"),
        ("广州公租房申请要什么条件", "住房"),
        ("孩子户口怎么迁到深圳", "公安"),
        ("养老保险交满15年每月能领多少", "人力资源和社会保障"),
        ("出生证明丢了怎么补", "卫生健康"),
        ("老豆过身咗，社保入面嘅丧葬补助金同抚恤金点样领？", "人力资源和社会保障"),
    ],
)
def test_another_departments_service(question: str, department: str) -> None:
    found = handled_elsewhere(question)
    assert found is not None and department in found


@pytest.mark.parametrize(
    "question",
    [
        "结婚登记要带身份证吗",
        "低保户交医保个人那份要自己掏吗",
        "家里就我妈一个人，退休金很少，够不够条件吃低宝",
        "低保家庭住房困难能申请公租房吗",
        "低保户孩子上小学有什么减免",
        "城乡居民养老保险和低保能同时领吗",
        "我爸去世了，丧葬补助金和骨灰安放怎么办",
    ],
)
def test_civil_affairs_questions_naming_another_service_stay(question: str) -> None:
    assert handled_elsewhere(question) is None


def test_future_change() -> None:
    assert asks_about_future_change("2027年婚姻登记政策还会有啥新变化", 2026)
    assert not asks_about_future_change("我打算2027年结婚，要带什么材料", 2026)
    assert not asks_about_future_change("2025年婚姻登记有什么变化", 2026)
    assert asks_about_future_change("民政部明年会不会把低保边缘的标准改成低保的2倍", 2026)
    assert asks_about_future_change("出年清明会唔会限流", 2026)  # 粤语 出年 = 明年
    assert not asks_about_future_change("明年想结婚，要带什么材料", 2026)
    assert asks_about_future_change("明年低保标准每个月多少钱", 2026)


def test_what_the_citizen_is_told(real_kb: KnowledgeBase) -> None:
    case = real_kb.respond("我申请的临时救助街道说要一事一议上会，你觉得能通过不")
    assert case.kind == "personal_case" and not case.answered and not case.citation
    assert "审核为准" in case.text and case.related  # the rule is named as possibly related
    other = real_kb.respond("身份证丢了去哪里补")
    assert other.kind == "elsewhere" and "公安" in other.text and not other.citation
    assert real_kb.respond("2027年婚姻登记政策还会有啥新变化").kind == "no_answer"
    # the rule itself is still answered
    assert real_kb.respond("临时救助怎么申请").answered
