"""Answer composition on the real knowledge base: short, cited, no redacted figures."""

from __future__ import annotations

import pytest

from policy_kb import NO_ANSWER_TEXT, Answer, KnowledgeBase, Passage
from policy_kb.answer import MAX_ANSWER_CHARS, compose
from policy_kb.cleaning import has_placeholder
from policy_kb.models import Hit


def test_faq_answer_is_short_and_cited(real_kb: KnowledgeBase) -> None:
    answer = real_kb.answer("离婚冷静期是多久")
    assert answer is not None
    assert answer.passage.id == "marriage-divorce-cooling-off"
    assert "三十日" in answer.text
    assert answer.citation.startswith("来源：婚姻登记常见问题 · 离婚冷静期")
    assert "民法典" in answer.citation
    assert "以当地民政部门规定为准" in answer.text
    assert len(answer.text) <= MAX_ANSWER_CHARS + 60


def test_document_answer_is_a_few_sentences_not_the_passage(real_kb: KnowledgeBase) -> None:
    answer = real_kb.answer("广州认知障碍照护床位要建多少张")
    assert answer is not None
    assert answer.passage.doc_id == "gz-2024"
    assert "2200" in answer.text
    assert len(answer.text) < len(answer.passage.text)
    assert answer.citation == f"来源：{answer.passage.title} · {answer.passage.section}"


def test_answer_from_redacted_passage_never_quotes_a_placeholder(real_kb: KnowledgeBase) -> None:
    answer = real_kb.answer("三门县助共体改革是什么")
    assert answer is not None
    assert answer.passage.has_redacted_figures
    assert not has_placeholder(answer.text)
    assert "助共体" in answer.text


def test_no_redacted_passage_ever_yields_a_placeholder(real_kb: KnowledgeBase) -> None:
    redacted = [p for p in real_kb.passages if p.has_redacted_figures]
    assert redacted
    for passage in redacted:
        # ask with the passage's own words, the worst case for quoting it
        terms = real_kb.tokenizer.index_terms(passage.text)
        answer = compose(Hit(passage, 1.0), terms, real_kb.tokenizer.index_terms, lambda t: 1.0)
        assert not has_placeholder(answer.text), passage.id
        assert answer.text


def test_figure_question_on_redacted_text_says_figure_not_given() -> None:
    passage = Passage(
        id="t:1",
        doc_id="t",
        title="测试",
        section="一",
        text="全市低保标准全部统一并提高至xxx元/人/月。截至x月底，全市共有低保对象x.x万余人。",
        region="未具名城市",
        source="",
        date="",
        kind="document",
        note="",
        has_redacted_figures=True,
    )
    answer = compose(Hit(passage, 1.0), ["低保", "标准"], lambda s: ["低保", "标准"], lambda t: 1.0)
    assert "未公开" in answer.text
    assert not has_placeholder(answer.text)


@pytest.mark.parametrize(
    "question", ["今天天气怎么样", "护照办理需要什么材料", "公积金怎么提取", "帮我写一首诗"]
)
def test_out_of_scope_question_gets_no_answer(real_kb: KnowledgeBase, question: str) -> None:
    assert real_kb.answer(question) is None


def test_no_answer_text_offers_a_human() -> None:
    assert "12345" in NO_ANSWER_TEXT
    assert "人工" in NO_ANSWER_TEXT


def test_region_parameter_changes_the_document_answer(real_kb: KnowledgeBase) -> None:
    sz = real_kb.search("长者助餐服务", top_k=5, region="深圳")
    gz = real_kb.search("长者助餐服务", top_k=5, region="广州")
    first_doc = lambda hits: next(h.passage for h in hits if h.passage.kind == "document")  # noqa: E731
    assert first_doc(sz).region == "深圳"
    assert first_doc(gz).region == "广州"


def test_answer_type(real_kb: KnowledgeBase) -> None:
    answer = real_kb.answer("低保怎么申请")
    assert isinstance(answer, Answer)
    assert answer.passage.kind == "faq"
