"""The :class:`KnowledgeBase` facade other code uses."""

from __future__ import annotations

import logging
from pathlib import Path

from . import paths
from .answer import compose
from .config import ANSWER_THRESHOLD, KBConfig, Weights
from .index import IndexData, build_data, fingerprint, load, make_tokenizer
from .models import Answer, Hit
from .retrieval import Retriever

log = logging.getLogger(__name__)


class KnowledgeBase:
    """Policy knowledge base: search passages and compose short, cited answers.

    ``load()`` reads the JSON index (about 0.2 s) and starts loading jieba's dictionary in a
    background thread (about 1 s: ``marshal.load`` of jieba's 9 MB prefix-dictionary cache); the
    first ``search`` waits for it if it is not done yet. Pass ``warm="sync"`` to wait in
    ``load()`` instead. Load once and reuse; ``search`` and ``answer`` only read shared state
    and take a few milliseconds.
    """

    def __init__(
        self,
        data: IndexData,
        config: KBConfig | None = None,
        threshold: float = ANSWER_THRESHOLD,
        weights: Weights | None = None,
        warm: str = "background",
    ) -> None:
        self.config = config or KBConfig()
        self.threshold = threshold
        self.tokenizer = make_tokenizer(self.config)
        if warm == "sync":
            self.tokenizer.warm_up()
        elif warm == "background":
            self.tokenizer.warm_up_in_background()
        self.retriever = Retriever(data, self.tokenizer, weights)

    @classmethod
    def load(
        cls,
        index_path: Path | None = None,
        config: KBConfig | None = None,
        warm: str = "background",
    ) -> KnowledgeBase:
        """Load the built index, or build in memory when it is missing or out of date.

        ``warm``: ``"background"`` (default) loads the jieba dictionary in a daemon thread,
        ``"sync"`` loads it before returning, ``"lazy"`` on the first query.
        """
        config = config or KBConfig()
        path = index_path or paths.INDEX_FILE
        data = load(path)
        if data is not None and data.fingerprint != fingerprint(config):
            log.warning("policy_kb: index %s is out of date; building in memory", path)
            data = None
        if data is None:
            data = build_data(config)
        return cls(data, config, warm=warm)

    @property
    def passages(self):
        """All passages (FAQ entries first, then document passages)."""
        return self.retriever.data.passages

    def search(self, query: str, top_k: int = 5, region: str | None = None) -> list[Hit]:
        """Ranked passages for ``query``; ``region`` (深圳/广州) prefers that city's passages."""
        if not query or not query.strip():
            return []
        return self.retriever.search(query[:500], top_k=top_k, region=region)

    def answer(self, query: str, region: str | None = None) -> Answer | None:
        """A short cited answer, or ``None`` when no passage is reliable enough."""
        hits = self.search(query, top_k=1, region=region)
        if not hits or hits[0].score < self.threshold:
            return None
        terms = self.tokenizer.query_terms(query[:500])
        words = self.retriever.data.words
        return compose(
            hits[0],
            terms,
            self.tokenizer.index_terms,
            lambda t: words.idf.get(t, 0.0),
        )
