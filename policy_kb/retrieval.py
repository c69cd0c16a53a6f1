"""Ranking passages for a question: BM25 on words and bigrams, fuzzy FAQ matching, exact
phrases, sentence embeddings, place and figures.

Signals, each scaled to roughly 0..1 and combined linearly (weights in ``config.Weights``):

* ``words`` — BM25 (non-negative IDF, see ``bm25.py``) over jieba words with synonyms
  canonicalised, divided by the query's attainable weight so the value says "how much of the
  question this passage covers" rather than a corpus-dependent raw score;
* ``bigrams`` — the same over character bigrams, which survives typos and words jieba splits
  differently (离婚冷净期, 低保边缘户);
* ``fuzzy`` — for FAQ entries only: rapidfuzz similarity of the question to the entry's canonical
  question, paraphrases and title. Both sides are preprocessed by us (normalised, stopwords out,
  synonyms canonicalised) and rapidfuzz is called with ``processor=None`` so it does not
  preprocess again; ``token_sort_ratio`` runs on space-joined jieba terms (token ratios need
  separators — Chinese has none) and ``ratio`` on the plain characters, the better one counts;
* ``phrase`` — the longest run of the question (four characters or more, quotation marks
  ignored) found verbatim in the passage, as its share of the question's bigram weight; a phrase
  the citizen put in quotes (“身后一件事”) counts in full. This finds 身后“一件事” for
  ``身后一件事是什么服务`` even where jieba cuts the words differently;
* ``semantic`` — when a sentence-embedding model is available (``embedding.py``): the best
  cosine similarity between the question and the passage's vectors, rescaled so that
  ``semantic_floor`` (the similarity of unrelated Chinese texts under e5) maps to 0 and 1.0 to 1.
  This is what finds the passage for a colloquial question that shares few words with it;
* place — a multiplier, so it can reorder relevant passages but never lift an irrelevant one
  over the threshold. The place is the one the question names (深圳/广州 or one of their
  districts, or 民政部/全国 → national; see ``regions.py``), else the conversation's city
  (``region``). That city's passages are boosted and other cities' passages damped; national
  passages are neutral (a city named in the question slightly damps the generic FAQ); a national
  scope boosts national documents. A question naming another city or province gets no city
  boost at all (the conversation's city does not apply to it). Passages with redacted figures
  are damped a little, and much more for a question asking for a figure.

The combined score ``(Σ weight·signal) × place`` is what ``answer()`` compares with the
calibrated threshold.

After scoring, *answer selection* for figure questions (``多少``, ``几个``, ``标准`` …; see
``figures.py``): when the place asked about is a city (or national) and one of the first few
hits is that place's passage with a sentence stating a figure *about the words of the question*,
it is moved to the front with the score of the hit it displaces — "广州长者饭堂示范点有多少个"
gets 广州's "打造100个…长者饭堂示范点", not the general 长者饭堂 FAQ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from civic.text import normalize_user_text

from .config import Weights
from .embedding import Embedder
from .figures import is_figure_question, states_figure
from .index import IndexData
from .models import Hit, Passage
from .normalize import normalize_query
from .regions import (
    CITY_ALIASES,
    DISTRICTS,
    DISTRICTS_WITH_SUFFIX,
    NATIONAL,
    normalize_region,
    places_in,
)
from .splitting import sentences
from .tokenizer import Tokenizer, char_bigrams

__all__ = ["CITY_ALIASES", "Retriever", "Signals", "normalize_region", "region_in_query"]

NATIONAL_REGIONS = {"national", "全国", ""}
_NON_WORD = re.compile(r"[^\w\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_QUOTED = re.compile(r"[“\"'‘「『《]([^”\"'’」』》]{2,24})[”\"'’」』》]")
# words that only say where: matched by the place multiplier, not as content
_PLACE_WORDS = frozenset(
    [*CITY_ALIASES, "市", "区", "新区"]
    + [d for names in DISTRICTS.values() for d in names]
    + [f"{d}{s}" for names in DISTRICTS.values() for d in names for s in ("区", "新区")]
    + [f"{d}{s}" for names in DISTRICTS_WITH_SUFFIX.values() for d in names for s in ("区", "新区")]
)


def region_in_query(query: str) -> str | None:
    """The place a question names: ``深圳``/``广州`` (or a district), ``national`` or ``None``."""
    return places_in(query).scope


# A name a document puts in quotation marks ("穗救易", "添翼计划"): at least this many
# Chinese characters, and no redaction mark.
MIN_NAME_CHARS = 3


def document_names(passages: Sequence[Passage]) -> frozenset[str]:
    """Names the documents put in quotation marks (normalised, punctuation-free): a question
    naming one without the marks ("穗救易是个啥东东") matches it as if quoted."""
    names = set()
    for p in passages:
        if p.kind != "document":
            continue
        for m in _QUOTED.findall(normalize_user_text(p.text)):
            name = _NON_WORD.sub("", normalize_query(m))
            if len(_CJK.findall(name)) >= MIN_NAME_CHARS and "x" not in name:
                names.add(name)
    return frozenset(names)


def quoted_phrases(question: str) -> list[str]:
    """Phrases the citizen put in quotation or title marks (normalised for matching)."""
    text = normalize_user_text(question)
    return [p for p in (_NON_WORD.sub("", normalize_query(m)) for m in _QUOTED.findall(text)) if p]


@dataclass(frozen=True)
class Signals:
    """Per-passage signal values, for inspection and calibration."""

    words: float
    bigrams: float
    fuzzy: float
    region: float
    phrase: float = 0.0
    semantic: float = 0.0


@dataclass(frozen=True)
class Scope:
    """Where a question is about, as retrieval sees it."""

    city: str | None  # 深圳 / 广州 / another city name / "national" / None
    named: bool  # the question itself names a place (or another place)
    figure: bool  # the question asks for a figure


@dataclass
class _Query:
    words: list[str]
    groups: list[tuple[tuple[str, ...], float]]
    word_weight: float
    bigram_weight: float
    text: str  # normalised, punctuation-free question for phrase matching
    text_bigram_weight: float  # attainable bigram weight of ``text``
    canonical_bigrams: tuple[str, ...]  # bigrams of the question's words (synonyms canonical)
    quoted: list[str] = field(default_factory=list)


class Retriever:
    """Scores every passage of an index for a question."""

    def __init__(
        self,
        data: IndexData,
        tokenizer: Tokenizer,
        weights: Weights | None = None,
        embedder: Embedder | None = None,
    ):
        self.data = data
        self.tokenizer = tokenizer
        self.weights = weights or Weights()
        self._choice_joined = [c[1] for c in data.faq_choices]
        self._choice_chars = [c[2] for c in data.faq_choices]
        vectors = data.vectors
        usable = (
            embedder is not None
            and vectors is not None
            and vectors.model_id == embedder.model_id
            and len(vectors.owners) == vectors.matrix.shape[0]
            and (not vectors.owners or max(vectors.owners) < len(data.passages))
        )
        self.embedder = embedder if usable else None
        self._owners = np.asarray(vectors.owners, dtype=np.int64) if usable and vectors else None
        self._positions = {p.id: i for i, p in enumerate(data.passages)}
        # phrase-matching text per passage (normalised, punctuation-free; ~50 ms for the corpus)
        self._match_text = [
            _NON_WORD.sub("", normalize_query(f"{p.section}。{p.text}")) for p in data.passages
        ]
        self._figure_sentences: dict[int, list[frozenset[str]]] = {}  # filled on first use
        self._names = document_names(data.passages)

    @property
    def semantic(self) -> bool:
        """True when sentence embeddings take part in the ranking."""
        return self.embedder is not None

    # --- signals -------------------------------------------------------------------------

    def _fuzzy(self, joined: str, chars: str) -> dict[int, float]:
        best: dict[int, float] = {}
        if not chars:
            return best
        for choices, query, scorer in (
            (self._choice_joined, joined, fuzz.token_sort_ratio),
            (self._choice_chars, chars, fuzz.ratio),
        ):
            for _, score, idx in process.extract(
                query,
                choices,
                scorer=scorer,
                processor=None,
                limit=None,
                score_cutoff=self.weights.fuzzy_floor * 100,
            ):
                pidx = self.data.faq_choices[idx][0]
                if score > best.get(pidx, 0.0):
                    best[pidx] = score
        floor = self.weights.fuzzy_floor
        return {
            i: (s / 100.0 - floor) / (1.0 - floor) for i, s in best.items() if s / 100.0 > floor
        }

    def _bigram_share(self, text: str, weight: float) -> float:
        idf = self.data.bigrams.idf
        return sum(idf.get(g, 0.0) for g in dict.fromkeys(char_bigrams(text))) / weight

    def _phrase(self, q: _Query, candidates: Sequence[int]) -> dict[int, float]:
        """Longest verbatim run of the question in each candidate, as a bigram-weight share."""
        out: dict[int, float] = {}
        min_len = self.weights.phrase_min_chars
        text = q.text[:80]
        if len(text) < min_len and not q.quoted:
            return out
        for idx in candidates:
            passage_text = self._match_text[idx]
            best = min_len - 1
            best_run = ""
            for i in range(len(text) - min_len + 1):
                length = best + 1
                while i + length <= len(text) and text[i : i + length] in passage_text:
                    best_run = text[i : i + length]
                    length += 1
                best = max(best, length - 1)
            value = self._bigram_share(best_run, q.text_bigram_weight) if best_run else 0.0
            if any(phrase in passage_text for phrase in q.quoted):
                value = 1.0
            if value > 0:
                out[idx] = min(value, 1.0)
        return out

    def semantic_scores(self, query: str) -> np.ndarray | None:
        """Best cosine similarity of the question to each passage (``None`` without a model)."""
        if self.embedder is None or self.data.vectors is None or self._owners is None:
            return None
        qvec = self.embedder.embed_queries([normalize_user_text(query)])[0]
        sims = self.data.vectors.matrix @ qvec
        best = np.full(len(self.data.passages), -1.0, dtype=np.float32)
        np.maximum.at(best, self._owners, sims)
        return best

    def scope(self, query: str, region: str | None = None) -> Scope:
        """The place a question is about: named in it, else the conversation's city."""
        places = places_in(query)
        figure = is_figure_question(query)
        if places.scope:
            return Scope(places.scope, True, figure)
        if places.other or places.province:
            return Scope(places.other, True, figure)  # never the conversation's city
        return Scope(normalize_region(region), False, figure)

    def _query(self, query: str) -> _Query:
        w = self.weights
        words = [x for x in self.tokenizer.words(query) if x not in _PLACE_WORDS]
        groups = self.tokenizer.synonyms.query_groups(words, w.related)
        bigrams = char_bigrams("".join(self.tokenizer.synonyms.to_canonical(words)))
        text = _NON_WORD.sub("", normalize_query(query))
        word_weight = self.data.words.group_weight(groups, w.oov_weight) or 1.0
        return _Query(
            words=words,
            groups=groups,
            word_weight=word_weight,
            bigram_weight=self.data.bigrams.query_weight(bigrams, w.oov_weight) or 1.0,
            text=text,
            text_bigram_weight=self.data.bigrams.query_weight(char_bigrams(text), w.oov_weight)
            or 1.0,
            canonical_bigrams=tuple(dict.fromkeys(bigrams)),
            quoted=quoted_phrases(query) + [n for n in self._names if n in text],
        )

    def signals(self, query: str, region: str | None = None) -> dict[int, Signals]:
        """Signal values of every passage that matches the question at all."""
        w = self.weights
        q = self._query(query)
        words = q.words
        out: dict[int, Signals] = {}
        if not q.groups:
            return out
        groups = q.groups
        bigrams = char_bigrams("".join(self.tokenizer.synonyms.to_canonical(words)))
        word_scores = self.data.words.group_scores(groups, cap=w.term_cap)
        question_weight = self.data.questions.group_weight(groups, w.oov_weight) or 1.0
        question_scores = self.data.questions.group_scores(groups, cap=w.term_cap)
        bigram_scores = self.data.bigrams.group_scores(
            [((g,), 1.0) for g in dict.fromkeys(bigrams)], cap=w.term_cap
        )
        fuzzy = self._fuzzy(" ".join(self.tokenizer.synonyms.to_canonical(words)), "".join(words))
        phrase = self._phrase(q, sorted(set(bigram_scores) | set(word_scores)))
        semantic: dict[int, float] = {}
        sims = self.semantic_scores(query)
        if sims is not None:
            floor = w.semantic_floor
            for idx in np.nonzero(sims > floor)[0].tolist():
                semantic[idx] = min((float(sims[idx]) - floor) / (1.0 - floor), 1.0)
        scope = self.scope(query, region)
        candidates = set(word_scores) | set(bigram_scores) | set(fuzzy) | set(semantic)
        for idx in candidates:
            passage = self.data.passages[idx]
            coverage = word_scores.get(idx, 0.0) / q.word_weight
            if passage.kind == "faq":
                q_cov = question_scores.get(idx, 0.0) / question_weight
                coverage = w.faq_question_share * q_cov + (1 - w.faq_question_share) * coverage
            out[idx] = Signals(
                words=min(coverage, 1.0),
                bigrams=min(bigram_scores.get(idx, 0.0) / q.bigram_weight, 1.0),
                fuzzy=fuzzy.get(idx, 0.0),
                region=self._region_factor(passage, scope),
                phrase=phrase.get(idx, 0.0),
                semantic=semantic.get(idx, 0.0),
            )
        return out

    def _region_factor(self, passage: Passage, scope: Scope) -> float:
        """Multiplier for place preference and redacted figures (1.0 = neutral)."""
        w = self.weights
        factor = 1.0
        if passage.has_redacted_figures:
            factor *= w.redacted_figure if scope.figure else w.redacted
        city = scope.city
        bonus = w.region_named if scope.named else w.region_match
        if city == NATIONAL:
            if passage.region in NATIONAL_REGIONS and passage.kind == "document":
                factor *= bonus
        elif city and passage.region not in NATIONAL_REGIONS:
            factor *= bonus if passage.region == city else w.region_other_city
        elif city and scope.named and passage.kind == "faq":
            factor *= w.faq_when_city_named
        return factor

    def combine(self, s: Signals) -> float:
        """The single ranking score of one passage."""
        w = self.weights
        lexical = w.words * s.words + w.bigrams * s.bigrams + w.fuzzy * s.fuzzy
        return (lexical + w.phrase * s.phrase + w.semantic * s.semantic) * s.region

    # --- answer selection for figure questions ---------------------------------------------

    def _figure_sentence_terms(self, idx: int) -> list[tuple[frozenset[str], frozenset[str]]]:
        """(terms, character bigrams) of each figure-stating sentence of a passage."""
        cached = self._figure_sentences.get(idx)
        if cached is None:
            cached = []
            for sent in sentences(self.data.passages[idx].text):
                if states_figure(sent):
                    terms = self.tokenizer.index_terms(sent)
                    grams = char_bigrams(sent) + char_bigrams(
                        "".join(self.tokenizer.synonyms.to_canonical(terms))
                    )
                    cached.append((frozenset(terms), frozenset(grams)))
            self._figure_sentences[idx] = cached
        return cached

    def figure_match(self, idx: int, query: str) -> float:
        """Share of the question's weight found in one figure-stating sentence of a passage."""
        q = self._query(query)
        return self._figure_match(idx, q)

    def _figure_match(self, idx: int, q: _Query) -> float:
        idf = self.data.words.idf
        gram_idf = self.data.bigrams.idf
        best = 0.0
        for terms, grams in self._figure_sentence_terms(idx):
            got = 0.0
            for alts, weight in q.groups:
                if terms.intersection(alts):
                    got += weight * max(idf.get(a, 0.0) for a in alts)
            got_grams = sum(gram_idf.get(g, 0.0) for g in q.canonical_bigrams if g in grams)
            best = max(best, got / q.word_weight, got_grams / q.bigram_weight)
        return best

    def _local_figure_first(self, ranked: list[Hit], query: str, scope: Scope) -> list[Hit]:
        """Move the place's own figure passage to the front (see the module docstring)."""
        w = self.weights
        if not ranked or not scope.figure or scope.city is None:
            return ranked
        top = ranked[0]
        if self._states_local(top.passage, scope):
            return ranked
        q = self._query(query)
        for pos, hit in enumerate(ranked[1 : w.figure_window], start=1):
            if hit.score < w.figure_promote_ratio * top.score:
                break
            if not self._states_local(hit.passage, scope):
                continue
            if self._figure_match(self._index_of(hit.passage), q) >= w.figure_min_match:
                promoted = Hit(hit.passage, max(hit.score, top.score))
                return [promoted, *ranked[:pos], *ranked[pos + 1 :]]
        return ranked

    def _states_local(self, passage: Passage, scope: Scope) -> bool:
        if passage.kind != "document" or passage.has_redacted_figures:
            return False
        if scope.city == NATIONAL:
            in_place = passage.region in NATIONAL_REGIONS
        else:
            in_place = passage.region == scope.city
        return in_place and any(states_figure(s) for s in sentences(passage.text))

    def _index_of(self, passage: Passage) -> int:
        return self._positions[passage.id]

    def search(
        self,
        query: str,
        top_k: int = 5,
        region: str | None = None,
        where: Callable[[Passage], bool] | None = None,
    ) -> list[Hit]:
        """Best ``top_k`` passages, highest combined score first (after answer selection);
        ``where`` keeps only the passages it accepts."""
        passages = self.data.passages
        scored = [
            (self.combine(s), idx)
            for idx, s in self.signals(query, region).items()
            if where is None or where(passages[idx])
        ]
        scored.sort(key=lambda x: (-x[0], x[1]))
        window = max(top_k, self.weights.figure_window)
        ranked = [Hit(self.data.passages[i], round(score, 4)) for score, i in scored[:window]]
        ranked = self._local_figure_first(ranked, query, self.scope(query, region))
        return ranked[: max(top_k, 0)]
