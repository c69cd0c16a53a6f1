"""Knowledge-base suggestions for agent assist: the best passages, each with a short answer.

The Rasa server loads the policy knowledge base once (in a worker thread) and reloads it when
``python -m policy_kb build`` writes a new index, as the action server does
(:mod:`actions.policy`). Searching and composing run in a small thread pool of their own so
the event loop keeps serving other requests.

Each suggestion's text is composed the way :meth:`policy_kb.KnowledgeBase.respond` composes
its answer (``policy_kb.answer``): an FAQ entry's first sentences, a document passage's most
relevant sentences. A sentence with a redaction placeholder (the x市 document's ``xxx元``) is
never quoted as it stands, and for a question asking for a figure neither a passage with
redacted figures nor another city's document is suggested at all.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from policy_kb import Hit, KnowledgeBase, Passage
from policy_kb.answer import short_document_answer
from policy_kb.messages import CITY_LABEL, REDACTED_FIGURE_TEXT, UNNAMED_CITY, UNNAMED_CITY_LABEL
from policy_kb.paths import INDEX_FILE
from policy_kb.retrieval import NATIONAL_REGIONS, Scope
from policy_kb.splitting import sentences

from .agent_assist_messages import SERVICES

logger = logging.getLogger(__name__)

MAX_SUGGESTION_CHARS = 150
# FAQ entries are filed by topic (``faq:marriage`` …); these topics are agent-assist services.
_FAQ_PREFIX = "faq:"


@dataclass(frozen=True)
class Suggestion:
    """One passage offered to the agent: short answer text, its source and the score."""

    text: str
    title: str
    section: str
    score: float

    def to_json(self) -> dict[str, object]:
        """The contract's shape: ``{"text", "source": {"title", "section"}, "score"}``."""
        return {
            "text": self.text,
            "source": {"title": self.title, "section": self.section},
            "score": round(self.score, 3),
        }


@dataclass(frozen=True)
class KbResult:
    """Suggestions for one text and the service the best reliable passage belongs to."""

    suggestions: list[Suggestion] = field(default_factory=list)
    topic: str | None = None  # a service key, or None when no passage is reliable enough


def clip(text: str, limit: int = MAX_SUGGESTION_CHARS) -> str:
    """``text`` cut to ``limit`` characters, preferably after a clause, marked with ``……``."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = limit - 2
    cut = max(text.rfind(p, 0, room) for p in "。；，、！？")
    return (text[: cut + 1] if cut > room // 2 else text[:room]).rstrip("，、；") + "……"


def first_sentences(text: str, limit: int = MAX_SUGGESTION_CHARS) -> str:
    """As many whole sentences of ``text`` as fit in ``limit`` characters (at least one)."""
    picked: list[str] = []
    for sentence in sentences(text):
        if picked and len("".join(picked)) + len(sentence) > limit:
            break
        picked.append(sentence)
    return clip("".join(picked) or text, limit)


def topic_of(passage: Passage) -> str:
    """The service a passage belongs to: an FAQ topic that is a service, else ``policy``."""
    if passage.kind == "faq" and passage.doc_id.startswith(_FAQ_PREFIX):
        topic = passage.doc_id[len(_FAQ_PREFIX) :]
        if topic in SERVICES:
            return topic
    return "policy"


def may_suggest(passage: Passage, scope: Scope) -> bool:
    """Whether ``passage`` may be offered for a question about ``scope``.

    A question asking for a figure never gets a passage whose figures are redacted, nor
    another city's document (its figures are not the place asked about).
    """
    if not scope.figure:
        return True
    if passage.has_redacted_figures:
        return False
    is_city_document = passage.kind == "document" and passage.region not in NATIONAL_REGIONS
    return not (is_city_document and scope.city and passage.region != scope.city)


def city_label(passage: Passage, scope: Scope) -> str:
    """``【广州】`` before a city document's text when the question is not about that city."""
    if passage.kind != "document" or passage.region in NATIONAL_REGIONS:
        return ""
    if passage.region == scope.city:
        return ""
    if passage.region == UNNAMED_CITY:
        return UNNAMED_CITY_LABEL
    return CITY_LABEL.format(region=passage.region)


def suggestion_text(kb: KnowledgeBase, query: str, hit: Hit, scope: Scope) -> str:
    """The short answer of one passage (at most :data:`MAX_SUGGESTION_CHARS` characters)."""
    passage = hit.passage
    label = city_label(passage, scope)
    room = MAX_SUGGESTION_CHARS - len(label)
    if passage.kind == "faq":
        return label + first_sentences(passage.text, room)
    words = kb.retriever.data.words
    text = short_document_answer(
        passage,
        kb.tokenizer.query_terms(query),
        kb.tokenizer.index_terms,
        lambda term: words.idf.get(term, 0.0),
        figure=scope.figure,
    )
    if text.endswith(REDACTED_FIGURE_TEXT):  # keep the note that figures were left out
        body = text[: -len(REDACTED_FIGURE_TEXT)]
        body = clip(body, room - len(REDACTED_FIGURE_TEXT)) if body else ""
        return label + body + REDACTED_FIGURE_TEXT
    return label + clip(text, room)


def suggest(kb: KnowledgeBase, query: str, top_k: int) -> KbResult:
    """Up to ``top_k`` suggestions for ``query`` (blocking; a few to twenty milliseconds).

    Passages below the knowledge base's "possibly related" threshold are left out: the agent
    gets fewer suggestions, or none, rather than unrelated ones. ``topic`` is the service of
    the best suggestion when it reaches the answer threshold.
    """
    scope = kb.retriever.scope(query, None)
    hits = kb.search(query, top_k=top_k + 5)
    chosen = [h for h in hits if h.score >= kb.related_threshold and may_suggest(h.passage, scope)][
        :top_k
    ]
    suggestions = [
        Suggestion(
            text=suggestion_text(kb, query, h, scope),
            title=h.passage.title,
            section=h.passage.section,
            score=h.score,
        )
        for h in chosen
    ]
    topic = topic_of(chosen[0].passage) if chosen and chosen[0].score >= kb.threshold else None
    return KbResult(suggestions, topic)


class SuggestionSource:
    """The process's knowledge base, reloaded when its index file changes.

    Args:
        index_path: the index file whose modification time decides a reload.
        loader: builds a knowledge base from ``index_path`` (tests count the loads).
        workers: threads for searching (the event loop never runs a search itself).
    """

    def __init__(
        self,
        index_path: Path = INDEX_FILE,
        loader: Callable[[Path], KnowledgeBase] | None = None,
        workers: int = 2,
    ) -> None:
        self.index_path = index_path
        self._loader = loader or (lambda path: KnowledgeBase.load(path, warm="sync"))
        self._lock = threading.Lock()
        self._loaded: tuple[int, KnowledgeBase] | None = None
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="agent-assist-kb")

    def _stamp(self) -> int:
        try:
            return self.index_path.stat().st_mtime_ns
        except OSError:
            return 0

    def knowledge_base(self) -> KnowledgeBase:
        """The loaded knowledge base; (re)loads it first when the index changed (blocking)."""
        stamp = self._stamp()
        with self._lock:
            if self._loaded is None or self._loaded[0] != stamp:
                logger.info("agent assist: loading the policy knowledge base (stamp %s)", stamp)
                self._loaded = (stamp, self._loader(self.index_path))
            return self._loaded[1]

    def warm_up(self) -> None:
        """Load the knowledge base and run one query, so the first agent does not wait."""
        suggest(self.knowledge_base(), "低保怎么申请", 1)

    async def warm_up_async(self) -> None:
        """:meth:`warm_up` in the pool; failures are logged, the next request tries again."""
        try:
            await asyncio.get_running_loop().run_in_executor(self._executor, self.warm_up)
        except Exception:
            logger.exception("agent assist: loading the knowledge base failed")

    async def suggest(self, query: str, top_k: int) -> KbResult:
        """:func:`suggest` on the current knowledge base, in the pool."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, lambda: suggest(self.knowledge_base(), query, top_k)
        )

    def close(self) -> None:
        """Stop the pool's threads (pending searches finish first)."""
        self._executor.shutdown(wait=False)
