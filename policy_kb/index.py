"""Building, saving and loading the search index (plain JSON under ``policy_kb/index/``).

The index stores the passages, the two BM25 inverted indexes (jieba words with synonyms, and
character bigrams) and the preprocessed FAQ question strings for fuzzy matching, together with
a fingerprint of every source and dictionary file. Loading an index whose fingerprint does not
match the files on disk falls back to building in memory, so a stale index is never served.

When a sentence-embedding model is available (``embedding.py``) the index also stores passage
vectors: one per document passage (title, section and text) and several per FAQ entry (its
question, each paraphrase, and section plus answer); retrieval takes the best one per passage.
The vectors carry the model id; vectors of another model are ignored (re-embedded in memory).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import paths
from .bm25 import BM25
from .config import KBConfig
from .corpus import FaqEntry, load_corpus, source_files
from .embedding import Embedder, decode_matrix, default_embedder, encode_matrix, text_key
from .models import Passage
from .synonyms import SynonymTable
from .tokenizer import Tokenizer, char_bigrams, read_stopwords

log = logging.getLogger(__name__)

INDEX_VERSION = 7


@dataclass
class PassageVectors:
    """Sentence-embedding vectors of the passages (several rows may belong to one passage)."""

    model_id: str
    owners: list[int]  # passage index of each row
    keys: list[str]  # text_key() of the embedded text of each row
    matrix: np.ndarray  # (rows, dim) float32, L2-normalised

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (the matrix as base64 float32)."""
        return {
            "model_id": self.model_id,
            "dim": int(self.matrix.shape[1]) if self.matrix.ndim == 2 else 0,
            "owners": self.owners,
            "keys": self.keys,
            "matrix": encode_matrix(self.matrix),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PassageVectors:
        """Inverse of :meth:`to_dict`."""
        return cls(
            model_id=str(data["model_id"]),
            owners=[int(i) for i in data["owners"]],
            keys=[str(k) for k in data["keys"]],
            matrix=decode_matrix(str(data["matrix"]), int(data["dim"])),
        )


@dataclass
class IndexData:
    """Everything retrieval needs, in memory."""

    passages: list[Passage]
    words: BM25
    bigrams: BM25
    questions: BM25  # FAQ question fields only; document i of it is passage i (FAQ first)
    faq_choices: list[tuple[int, str, str]]  # (passage index, joined terms, plain chars)
    fingerprint: str
    vectors: PassageVectors | None = None


def make_tokenizer(config: KBConfig) -> Tokenizer:
    """The tokenizer for ``config`` (jieba dictionary is loaded lazily on first use)."""
    return Tokenizer(
        config.jieba_dir,
        SynonymTable.load(config.synonyms_file),
        read_stopwords(config.stopwords_file),
    )


def fingerprint(config: KBConfig) -> str:
    """SHA-256 over index version, names and contents of every file the index depends on."""
    digest = hashlib.sha256(f"v{INDEX_VERSION}".encode())
    for path in source_files(config.docs_dir, config.faq_dir, config.data_files()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def faq_choice_strings(tokenizer: Tokenizer, text: str) -> tuple[str, str]:
    """The two strings an FAQ question is fuzzy-matched on: joined terms and plain characters."""
    words = tokenizer.words(text)
    return " ".join(tokenizer.synonyms.to_canonical(words)), "".join(words)


def _passage_terms(tokenizer: Tokenizer, passage: Passage, faq: FaqEntry | None) -> list[str]:
    if faq is None:
        return tokenizer.index_terms(f"{passage.title}\n{passage.section}\n{passage.text}")
    return tokenizer.index_terms(_faq_questions(passage, faq)) + tokenizer.index_terms(passage.text)


def _faq_questions(passage: Passage, faq: FaqEntry) -> str:
    return "\n".join((faq.question, *faq.alt_questions, passage.section))


def embedding_texts(passage: Passage, faq: FaqEntry | None) -> list[str]:
    """The texts embedded for one passage (each gets its own vector)."""
    if faq is None:
        return [f"{passage.title} {passage.section}：{passage.text}"]
    return [faq.question, *faq.alt_questions, f"{passage.section}：{passage.text}"]


def embed_passages(
    texts: list[list[str]], embedder: Embedder, previous: PassageVectors | None = None
) -> PassageVectors:
    """Vectors for every passage's texts, reusing ``previous`` rows whose text is unchanged."""
    owners = [i for i, group in enumerate(texts) for _ in group]
    flat = [t for group in texts for t in group]
    keys = [text_key(t) for t in flat]
    matrix = np.zeros((len(flat), embedder.dim), dtype=np.float32)
    reuse: dict[str, np.ndarray] = {}
    if previous is not None and previous.model_id == embedder.model_id:
        reuse = {k: previous.matrix[row] for row, k in enumerate(previous.keys)}
    missing = [row for row, k in enumerate(keys) if k not in reuse]
    for row, k in enumerate(keys):
        if k in reuse:
            matrix[row] = reuse[k]
    if missing:
        start = time.perf_counter()
        matrix[missing] = embedder.embed_passages([flat[row] for row in missing])
        log.info(
            "policy_kb: embedded %d texts in %.1f s", len(missing), time.perf_counter() - start
        )
    return PassageVectors(embedder.model_id, owners, keys, matrix)


def build_data(
    config: KBConfig,
    tokenizer: Tokenizer | None = None,
    embedder: Embedder | None = None,
    previous: PassageVectors | None = None,
) -> IndexData:
    """Load the corpus of ``config`` and index it in memory (with vectors if ``embedder``).

    ``previous``: vectors of an older index, reused for texts that did not change.
    """
    tokenizer = tokenizer or make_tokenizer(config)
    doc_passages, faqs = load_corpus(config.docs_dir, config.faq_dir)
    passages = [f.passage for f in faqs] + doc_passages
    faq_by_id = {f.passage.id: f for f in faqs}
    word_docs, bigram_docs, question_docs = [], [], []
    choices: list[tuple[int, str, str]] = []
    texts: list[list[str]] = []
    for i, passage in enumerate(passages):
        faq = faq_by_id.get(passage.id)
        texts.append(embedding_texts(passage, faq))
        word_docs.append(_passage_terms(tokenizer, passage, faq))
        if faq is not None:
            question_docs.append(tokenizer.index_terms(_faq_questions(passage, faq)))
        bigram_source = passage.section + passage.text
        if faq is not None:
            bigram_source = "".join((faq.question, *faq.alt_questions, passage.text))
            for q in (faq.question, *faq.alt_questions, passage.section):
                joined, chars = faq_choice_strings(tokenizer, q)
                choices.append((i, joined, chars))
        canonical = "".join(tokenizer.synonyms.to_canonical(tokenizer.words(bigram_source)))
        bigram_docs.append(char_bigrams(bigram_source) + char_bigrams(canonical))
    return IndexData(
        passages=passages,
        words=BM25.from_documents(word_docs),
        bigrams=BM25.from_documents(bigram_docs),
        questions=BM25.from_documents(question_docs),
        faq_choices=choices,
        fingerprint=fingerprint(config),
        vectors=(embed_passages(texts, embedder, previous) if embedder is not None else None),
    )


def save(data: IndexData, output: Path) -> Path:
    """Write ``data`` as JSON to ``output`` (parent folders are created)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {
        "version": INDEX_VERSION,
        "fingerprint": data.fingerprint,
        "passages": [p.to_dict() for p in data.passages],
        "words": data.words.to_dict(),
        "bigrams": data.bigrams.to_dict(),
        "questions": data.questions.to_dict(),
        "faq_choices": data.faq_choices,
        "vectors": data.vectors.to_dict() if data.vectors is not None else None,
    }
    tmp = output.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    tmp.replace(output)
    return output


def load(path: Path) -> IndexData | None:
    """Read an index file; ``None`` when missing or written by another index version."""
    if not path.exists():
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("policy_kb: unreadable index %s (%s); rebuilding in memory", path, exc)
        return None
    if payload.get("version") != INDEX_VERSION:
        return None
    return IndexData(
        passages=[Passage.from_dict(p) for p in payload["passages"]],
        words=BM25.from_dict(payload["words"]),
        bigrams=BM25.from_dict(payload["bigrams"]),
        questions=BM25.from_dict(payload["questions"]),
        faq_choices=[(int(i), str(j), str(c)) for i, j, c in payload["faq_choices"]],
        fingerprint=str(payload["fingerprint"]),
        vectors=PassageVectors.from_dict(payload["vectors"]) if payload.get("vectors") else None,
    )


def build_index(
    output: Path | None = None,
    config: KBConfig | None = None,
    embedder: Embedder | str | None = "default",
) -> Path:
    """Build the index from the documents and FAQ files and write it; returns the file path.

    ``embedder``: ``"default"`` embeds the passages with :func:`embedding.default_embedder`
    when one is available (reusing vectors of unchanged texts from the existing index file);
    ``None`` builds a lexical-only index.
    """
    config = config or KBConfig()
    output = output or paths.INDEX_FILE
    if embedder == "default":
        embedder = default_embedder()
    previous = load_vectors(output) if embedder is not None else None
    data = build_data(config, embedder=embedder, previous=previous)  # type: ignore[arg-type]
    return save(data, output)


def load_vectors(path: Path) -> PassageVectors | None:
    """Only the vectors of an index file (of any index version), to reuse when rebuilding."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        return PassageVectors.from_dict(payload["vectors"]) if payload.get("vectors") else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def index_is_current(path: Path, config: KBConfig, embedder: Embedder | None) -> bool:
    """True when ``path`` holds an up-to-date index (with vectors of ``embedder``, if given)."""
    data = load(path)
    if data is None or data.fingerprint != fingerprint(config):
        return False
    if embedder is None:
        return True
    return data.vectors is not None and data.vectors.model_id == embedder.model_id


def ensure_index(path: Path | None = None, config: KBConfig | None = None) -> Path:
    """Build the index file unless it is current (what ``make kb`` does, for tests and scripts)."""
    config = config or KBConfig()
    path = path or paths.INDEX_FILE
    if not index_is_current(path, config, default_embedder()):
        build_index(path, config)
    return path
