"""Splitting along the documents' own structure, with stable heading-based ids."""

from __future__ import annotations

from policy_kb import paths
from policy_kb.corpus import load_corpus
from policy_kb.splitting import MAX_CHARS, split_document

FIXTURE = "\n".join(
    [
        "示例计划",
        "一、社会救助",
        "（一）提高救助标准。科学调整最低生活保障标准，联动调整特困人员救助供养标准，"
        "提升困难群众救助保障水平。",
        "（二）优化审核流程。全面推进社会救助业务申请全城通办，社会救助服务更加便民。",
        "二、养老服务工作要全面加强。总体要求如下。一是完善社区养老服务。"
        "推动社区长者助餐服务稳步发展。二是完善居家养老服务。积极探索推进家庭养老床位建设。",
        "三 殡葬服务",
        "擦亮生态安葬招牌。推行花坛葬、树葬、草坪葬等多种生态葬法，常态化开展骨灰撒海活动。",
        "做好清明祭扫服务保障，推行预约祭扫和网络祭扫。1.开通网上预约。2.提供代祭服务。",
    ]
)


def _by_key(text: str) -> dict[str, tuple[str, str]]:
    return {c.key: (c.section, c.text) for c in split_document(text)}


def test_heading_paths_follow_the_document_structure() -> None:
    chunks = _by_key(FIXTURE)
    assert chunks["一/（一）"][0] == "一、社会救助 · （一）提高救助标准"
    assert chunks["一/（二）"][0] == "一、社会救助 · （二）优化审核流程"
    assert chunks["二/一是"][0] == "二、养老服务工作要全面加强 · 一是完善社区养老服务"
    assert chunks["二/二是"][1].startswith("二是完善居家养老服务")
    assert chunks["三/擦亮生态安葬招牌"][0] == "三、殡葬服务 · 擦亮生态安葬招牌"
    assert "1." in "".join(chunks)  # numbered items become their own passages
    assert chunks["三/2."][1].startswith("2.提供代祭服务")


def test_title_line_is_not_a_passage() -> None:
    chunks = _by_key(FIXTURE)
    assert "导语" not in chunks  # the title line would otherwise become an intro passage
    assert not any("示例计划" in text for _, text in chunks.values())


def test_ids_do_not_depend_on_position() -> None:
    before = _by_key(FIXTURE)
    inserted = FIXTURE.replace(
        "（二）优化审核流程", "（三）新增条目。新增一段内容用于测试。\n（二）优化审核流程"
    )
    after = _by_key(inserted)
    for key in ("一/（一）", "一/（二）", "二/一是", "三/擦亮生态安葬招牌"):
        assert before[key] == after[key]


def test_real_passages_have_reasonable_size_and_unique_ids() -> None:
    passages, _ = load_corpus(paths.DOCS_DIR, paths.FAQ_DIR)
    assert len({p.id for p in passages}) == len(passages)
    assert all(len(p.text) <= MAX_CHARS for p in passages)
    assert sum(len(p.text) >= 60 for p in passages) / len(passages) > 0.85
    assert any(p.id == "sz-2024:第2篇/（三）" for p in passages)
    assert any(p.section.startswith("第2篇（社会救助） · （三）") for p in passages)
