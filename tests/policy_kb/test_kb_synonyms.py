"""Synonym expansion, tokenisation with the user dictionaries, traditional → simplified."""

from __future__ import annotations

import pytest

from policy_kb import paths
from policy_kb.index import make_tokenizer
from policy_kb.normalize import normalize_query
from policy_kb.synonyms import SynonymTable


@pytest.fixture(scope="module")
def table() -> SynonymTable:
    return SynonymTable.load(paths.SYNONYMS_FILE)


@pytest.mark.parametrize(
    ("word", "canonical"),
    [
        ("最低生活保障", "低保"),
        ("特困人员救助供养", "特困"),
        ("扫墓", "祭扫"),
        ("上坟", "祭扫"),
        ("社会工作者", "社工"),
        ("重度残疾人护理补贴", "护理补贴"),  # each allowance its own word, not 两项补贴
        ("困难残疾人生活补贴", "生活补贴"),
        ("孤儿基本生活费", "孤儿"),
    ],
)
def test_synonyms_map_to_canonical_term(table: SynonymTable, word: str, canonical: str) -> None:
    assert canonical in table.canonicalize([word])
    assert word in table.canonicalize([word])  # the original word is kept


def test_query_groups_count_a_synonym_pair_once(table: SynonymTable) -> None:
    groups = table.query_groups(["上坟", "预约"])
    assert (("上坟", "祭扫"), 1.0) in groups
    assert len([g for g, _ in groups if "祭扫" in g]) == 1


def test_related_terms_are_added_to_queries_only(table: SynonymTable) -> None:
    assert "祭扫" in table.expand_query(["清明"])
    assert table.canonicalize(["清明"]) == ["清明"]


def test_tokenizer_keeps_policy_terms_whole() -> None:
    tokenizer = make_tokenizer(paths_config())
    words = tokenizer.words("事实无人抚养儿童和低保边缘家庭可以申请节地生态安葬补贴吗")
    for term in ("事实无人抚养儿童", "低保边缘家庭", "节地生态安葬"):
        assert term in words
    assert "吗" not in words  # stopwords are dropped


def test_tokenizer_reads_every_dictionary_file(tmp_path) -> None:
    folder = tmp_path / "jieba"
    folder.mkdir()
    (folder / "a.txt").write_text("鹏城长者饭堂示范点 2000 n\n", encoding="utf-8")
    (folder / "b.txt").write_text("bad line without freq\n花城有爱服务 10 n\n", encoding="utf-8")
    config = paths_config(jieba_dir=folder)
    words = make_tokenizer(config).words("鹏城长者饭堂示范点和花城有爱服务")
    assert "鹏城长者饭堂示范点" in words
    assert "花城有爱服务" in words


def test_traditional_and_fullwidth_are_normalised() -> None:
    assert normalize_query("離婚冷靜期過了沒去拿證會怎樣？") == "离婚冷静期过了没去拿证会怎样?"
    assert normalize_query("低保ＡＢＣ１２３") == "低保abc123"


def paths_config(**overrides):
    from policy_kb.config import KBConfig

    return KBConfig(**overrides)
