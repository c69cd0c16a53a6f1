"""Ranking passages for a question: BM25 on words and bigrams, fuzzy FAQ matching, region.

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
* region — a multiplier, so it can reorder relevant passages but never lift an irrelevant one
  over the threshold: when a city is given (parameter, or 深圳/广州 named in the question) that
  city's passages are boosted and other cities' passages damped; national passages are neutral
  (a city named in the question slightly damps the generic FAQ). 民政部/全国 in the question
  boosts national documents. Passages with redacted figures are damped a little so a clean
  passage wins a tie.

Each BM25 query word contributes at most its IDF (``term_cap``), so the normalised word and
bigram signals read as "share of the question's weight this passage covers" (0..1).
The combined score ``(words·w1 + bigrams·w2 + fuzzy·w3) × region`` is what ``answer()``
compares with the calibrated threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .config import Weights
from .index import IndexData
from .models import Hit, Passage
from .normalize import normalize_query
from .tokenizer import Tokenizer, char_bigrams

CITY_ALIASES: dict[str, str] = {
    "深圳": "深圳",
    "深圳市": "深圳",
    "shenzhen": "深圳",
    "sz": "深圳",
    "鹏城": "深圳",
    "广州": "广州",
    "广州市": "广州",
    "guangzhou": "广州",
    "gz": "广州",
    "穗": "广州",
    "羊城": "广州",
}
NATIONAL = {"national", "全国", ""}


def normalize_region(region: str | None) -> str | None:
    """Map a region parameter to a city name the corpus uses (``深圳``/``广州``), else ``None``."""
    if not region:
        return None
    key = normalize_query(region)
    if key in NATIONAL:
        return None
    return CITY_ALIASES.get(key, key.removesuffix("市"))


NATIONAL_MARKERS = ("民政部", "国务院", "全国", "国家")


def region_in_query(query: str) -> str | None:
    """A city named in the question itself (``深圳``/``广州``), or ``national`` for 民政部/全国."""
    text = normalize_query(query)
    for alias in ("深圳", "广州", "鹏城", "羊城"):
        if alias in text:
            return CITY_ALIASES[alias]
    if any(marker in text for marker in NATIONAL_MARKERS):
        return "national"
    return None


@dataclass(frozen=True)
class Signals:
    """Per-passage signal values, for inspection and calibration."""

    words: float
    bigrams: float
    fuzzy: float
    region: float


class Retriever:
    """Scores every passage of an index for a question."""

    def __init__(self, data: IndexData, tokenizer: Tokenizer, weights: Weights | None = None):
        self.data = data
        self.tokenizer = tokenizer
        self.weights = weights or Weights()
        self._choice_joined = [c[1] for c in data.faq_choices]
        self._choice_chars = [c[2] for c in data.faq_choices]

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

    def signals(self, query: str, region: str | None = None) -> dict[int, Signals]:
        """Signal values of every passage that matches the question at all."""
        w = self.weights
        words = [x for x in self.tokenizer.words(query) if x not in CITY_ALIASES]
        groups = self.tokenizer.synonyms.query_groups(words, w.related)
        bigrams = char_bigrams("".join(self.tokenizer.synonyms.to_canonical(words)))
        out: dict[int, Signals] = {}
        if not groups:
            return out
        word_weight = self.data.words.group_weight(groups, w.oov_weight) or 1.0
        bigram_weight = self.data.bigrams.query_weight(bigrams, w.oov_weight) or 1.0
        word_scores = self.data.words.group_scores(groups, cap=w.term_cap)
        question_weight = self.data.questions.group_weight(groups, w.oov_weight) or 1.0
        question_scores = self.data.questions.group_scores(groups, cap=w.term_cap)
        bigram_scores = self.data.bigrams.group_scores(
            [((g,), 1.0) for g in dict.fromkeys(bigrams)], cap=w.term_cap
        )
        fuzzy = self._fuzzy(" ".join(self.tokenizer.synonyms.to_canonical(words)), "".join(words))
        named = region_in_query(query)
        city = named or normalize_region(region)
        for idx in set(word_scores) | set(bigram_scores) | set(fuzzy):
            passage = self.data.passages[idx]
            coverage = word_scores.get(idx, 0.0) / word_weight
            if passage.kind == "faq":
                q_cov = question_scores.get(idx, 0.0) / question_weight
                coverage = w.faq_question_share * q_cov + (1 - w.faq_question_share) * coverage
            out[idx] = Signals(
                words=min(coverage, 1.0),
                bigrams=min(bigram_scores.get(idx, 0.0) / bigram_weight, 1.0),
                fuzzy=fuzzy.get(idx, 0.0),
                region=self._region_factor(passage, city, named is not None),
            )
        return out

    def _region_factor(self, passage: Passage, city: str | None, named: bool) -> float:
        """Multiplier for region preference and redacted figures (1.0 = neutral)."""
        w = self.weights
        factor = w.redacted if passage.has_redacted_figures else 1.0
        bonus = w.region_named if named else w.region_match
        if city == "national":
            if passage.region in NATIONAL and passage.kind == "document":
                factor *= bonus
        elif city and passage.region not in NATIONAL:
            factor *= bonus if passage.region == city else w.region_other_city
        elif city and named and passage.kind == "faq":
            factor *= w.faq_when_city_named
        return factor

    def combine(self, s: Signals) -> float:
        """The single ranking score of one passage."""
        w = self.weights
        return (w.words * s.words + w.bigrams * s.bigrams + w.fuzzy * s.fuzzy) * s.region

    def search(self, query: str, top_k: int = 5, region: str | None = None) -> list[Hit]:
        """Best ``top_k`` passages, highest combined score first."""
        scored = [(self.combine(s), idx) for idx, s in self.signals(query, region).items()]
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [Hit(self.data.passages[i], round(score, 4)) for score, i in scored[: max(top_k, 0)]]
