"""Building, saving and loading the search index (plain JSON under ``policy_kb/index/``).

The index stores the passages, the two BM25 inverted indexes (jieba words with synonyms, and
character bigrams) and the preprocessed FAQ question strings for fuzzy matching, together with
a fingerprint of every source and dictionary file. Loading an index whose fingerprint does not
match the files on disk falls back to building in memory, so a stale index is never served.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths
from .bm25 import BM25
from .config import KBConfig
from .corpus import FaqEntry, load_corpus, source_files
from .models import Passage
from .synonyms import SynonymTable
from .tokenizer import Tokenizer, char_bigrams, read_stopwords

log = logging.getLogger(__name__)

INDEX_VERSION = 6


@dataclass
class IndexData:
    """Everything retrieval needs, in memory."""

    passages: list[Passage]
    words: BM25
    bigrams: BM25
    questions: BM25  # FAQ question fields only; document i of it is passage i (FAQ first)
    faq_choices: list[tuple[int, str, str]]  # (passage index, joined terms, plain chars)
    fingerprint: str


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


def build_data(config: KBConfig, tokenizer: Tokenizer | None = None) -> IndexData:
    """Load the corpus of ``config`` and index it in memory."""
    tokenizer = tokenizer or make_tokenizer(config)
    doc_passages, faqs = load_corpus(config.docs_dir, config.faq_dir)
    passages = [f.passage for f in faqs] + doc_passages
    faq_by_id = {f.passage.id: f for f in faqs}
    word_docs, bigram_docs, question_docs = [], [], []
    choices: list[tuple[int, str, str]] = []
    for i, passage in enumerate(passages):
        faq = faq_by_id.get(passage.id)
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
    )


def build_index(output: Path | None = None, config: KBConfig | None = None) -> Path:
    """Build the index from the documents and FAQ files and write it; returns the file path."""
    config = config or KBConfig()
    return save(build_data(config), output or paths.INDEX_FILE)
