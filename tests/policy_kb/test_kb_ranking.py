"""Ranking on a tiny fixture corpus built in tmp_path (not the real knowledge base)."""

from __future__ import annotations

from pathlib import Path

from policy_kb import KnowledgeBase
from policy_kb.config import KBConfig
from policy_kb.index import build_index


def _top(kb: KnowledgeBase, query: str, region: str | None = None) -> str:
    hits = kb.search(query, top_k=3, region=region)
    assert hits, query
    return hits[0].passage.id


def test_faq_question_ranks_first(fixture_kb: KnowledgeBase) -> None:
    assert _top(fixture_kb, "低保怎么申请") == "fx-dibao-apply"


def test_synonym_finds_passage_without_the_word(fixture_kb: KnowledgeBase) -> None:
    assert _top(fixture_kb, "清明上坟要不要提前约") == "fx-tomb-appointment"
    assert _top(fixture_kb, "最低生活保障去哪办") == "fx-dibao-apply"


def test_traditional_question_ranks_like_simplified(fixture_kb: KnowledgeBase) -> None:
    simplified = [h.passage.id for h in fixture_kb.search("低保怎么申请")]
    traditional = [h.passage.id for h in fixture_kb.search("低保怎麼申請")]
    assert traditional[0] == simplified[0] == "fx-dibao-apply"


def test_region_parameter_prefers_that_city(fixture_kb: KnowledgeBase) -> None:
    assert _top(fixture_kb, "长者饭堂养老服务", region="深圳") == "fx-sz:一/（二）"
    assert _top(fixture_kb, "长者饭堂养老服务", region="广州") == "fx-gz:一/擦亮长者饭堂招牌"


def test_city_named_in_question_prefers_that_city(fixture_kb: KnowledgeBase) -> None:
    assert _top(fixture_kb, "广州长者饭堂养老服务") == "fx-gz:一/擦亮长者饭堂招牌"
    assert _top(fixture_kb, "深圳的长者饭堂养老服务") == "fx-sz:一/（二）"


def test_scores_are_sorted_and_top_k_respected(fixture_kb: KnowledgeBase) -> None:
    hits = fixture_kb.search("养老 祭扫 低保", top_k=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score
    assert fixture_kb.search("   ") == []


def test_new_faq_file_is_searchable_after_build(fixture_config: KBConfig, tmp_path: Path) -> None:
    (fixture_config.faq_dir / "charity.yml").write_text(
        "journey: charity\ntitle: 慈善问答\nentries:\n"
        "  - id: fx-charity-check\n    title: 查询慈善组织\n"
        "    question: 怎么查慈善组织有没有公开募捐资格？\n"
        "    alt_questions: [慈善中国怎么查]\n"
        "    answer: 可以在慈善中国平台按名称查询慈善组织和公开募捐资格。\n"
        "    region: national\n    source: 《慈善法》\n    date: '2026-11-23'\n"
        "    note: 一般性说明，具体以当地民政部门规定为准\n",
        encoding="utf-8",
    )
    index = build_index(tmp_path / "new" / "kb.json", config=fixture_config)
    kb = KnowledgeBase.load(index, config=fixture_config)
    assert _top(kb, "怎么查一个机构有没有公募资格") == "fx-charity-check"


def test_stale_index_is_not_served(fixture_config: KBConfig, tmp_path: Path) -> None:
    index = build_index(tmp_path / "stale" / "kb.json", config=fixture_config)
    faq = fixture_config.faq_dir / "assistance.yml"
    faq.write_text(
        faq.read_text(encoding="utf-8").replace("祭扫预约", "网上祭扫预约服务"), encoding="utf-8"
    )
    kb = KnowledgeBase.load(index, config=fixture_config)
    sections = {p.section for p in kb.passages}
    assert "网上祭扫预约服务" in sections
