"""Cleaning of the seed documents: pinyin glosses, page chrome, redaction placeholders."""

from __future__ import annotations

import re

from policy_kb import paths
from policy_kb.cleaning import clean_text, fullwidth_punctuation, has_placeholder
from policy_kb.corpus import load_document

DOC_001 = paths.DOCS_DIR / "001_ee2578615bd308fe.txt"
DOC_002 = paths.DOCS_DIR / "002_55fc02bf2aafcfa6.txt"
DOC_003 = paths.DOCS_DIR / "003_45c4ba556c53b084.txt"
DOC_004 = paths.DOCS_DIR / "004_f5378f3be3944944.txt"
LATIN_IN_PARENS = re.compile(r"[(（][A-Za-zü]+[)）]")


def test_pinyin_glosses_are_removed_from_004() -> None:
    raw = DOC_004.read_text(encoding="utf-8")
    assert "聚(ju)焦" in raw  # the source really is noisy
    cleaned = clean_text(raw)
    assert LATIN_IN_PARENS.search(cleaned) is None
    assert "聚焦增进民生福祉" in cleaned
    assert "推动社会救助从“保生存”向“防风险”“促发展”转变" in cleaned


def test_doubled_glosses_collapse_to_plain_words() -> None:
    assert clean_text("社(she)会(hui)(hui)救(jiu)(jiu)助(zhu)") == "社会救助"


def test_chinese_parentheses_are_kept() -> None:
    cleaned = clean_text(DOC_004.read_text(encoding="utf-8"))
    assert "海（江）葬" in cleaned


def test_passages_of_004_carry_no_latin_glosses() -> None:
    for passage in load_document(DOC_004):
        assert LATIN_IN_PARENS.search(passage.text) is None, passage.id
        assert LATIN_IN_PARENS.search(passage.section) is None, passage.id


def test_page_chrome_is_dropped_from_001() -> None:
    raw = DOC_001.read_text(encoding="utf-8")
    assert raw.count("发布时间") == 2
    cleaned = clean_text(raw)
    for chrome in ("发布时间", "信息来源", "字体大小", "相关附件"):
        assert chrome not in cleaned
    assert "2019年，深圳民政工作的总体思路是" in cleaned


def test_placeholder_detection() -> None:
    assert has_placeholder("全市低保标准全部统一并提高至xxx元/人/月")
    assert has_placeholder("召开x市推进大救助体系建设")
    assert has_placeholder("原村两委成员占清理总数的xx.x%")
    assert not has_placeholder("社会救助标准稳步提高3.5%左右")
    assert not has_placeholder("推动3D建模、VR摄像、5G设备应用")
    assert not has_placeholder("健全“6+X”社会组织搭平台促发展机制")


def test_redacted_passages_are_flagged_in_002_only() -> None:
    flagged = [p for p in load_document(DOC_002) if p.has_redacted_figures]
    assert len(flagged) >= 10
    assert all(p.note for p in flagged)
    assert not any(p.has_redacted_figures for p in load_document(DOC_003))


def test_ascii_punctuation_becomes_fullwidth_but_numbers_stay() -> None:
    assert fullwidth_punctuation("(一)持续健全,落实3.5%,1,000") == "（一）持续健全，落实3.5%，1,000"
