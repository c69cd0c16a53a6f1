"""A small sparse BM25 with a non-negative IDF.

Why not ``rank_bm25.BM25Okapi``: its IDF ``log((N - df + 0.5) / (df + 0.5))`` is zero or
negative for a term found in half or more of the passages, which on a corpus of a few hundred
civil-affairs passages hits exactly the words citizens use (救助, 服务, 民政); BM25Okapi then
patches negatives with ``epsilon * average_idf`` which flattens them further. We use the
Lucene/BM25+ style IDF ``log(1 + (N - df + 0.5) / (df + 0.5))``: always positive, monotone in
df, and equal to Okapi's ordering for rare terms. (``rank_bm25.BM25Plus`` would also do; it adds
a constant ``delta`` per matched term but scores every passage in Python for every query and
cannot be saved as plain JSON.) This implementation keeps an inverted index so a query only
touches passages that contain its terms, and it reports the query's maximum attainable weight
so scores can be normalised to roughly 0..1 for a calibrated no-answer threshold.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

K1 = 1.2
B = 0.75


class BM25:
    """Okapi BM25 term weighting with IDF ``log(1 + (N - df + 0.5) / (df + 0.5))``."""

    def __init__(
        self,
        postings: dict[str, list[tuple[int, int]]],
        doc_lengths: list[int],
        k1: float = K1,
        b: float = B,
    ) -> None:
        self.postings = postings
        self.doc_lengths = doc_lengths
        self.k1 = k1
        self.b = b
        n = len(doc_lengths)
        self.avgdl = (sum(doc_lengths) / n) if n else 1.0
        self.idf = {
            term: math.log(1.0 + (n - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in postings.items()
        }
        self.max_idf = math.log(1.0 + (n + 0.5) / 0.5)

    @classmethod
    def from_documents(cls, docs: Sequence[Sequence[str]]) -> BM25:
        """Index tokenised documents."""
        postings: dict[str, list[tuple[int, int]]] = {}
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                postings.setdefault(term, []).append((i, tf))
        return cls(postings, [len(d) for d in docs])

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable state."""
        return {"postings": self.postings, "doc_lengths": self.doc_lengths}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BM25:
        """Inverse of :meth:`to_dict` (JSON turns tuples into lists; that is fine here)."""
        postings = {t: [(int(d), int(f)) for d, f in p] for t, p in data["postings"].items()}
        return cls(postings, [int(x) for x in data["doc_lengths"]])

    def query_weight(self, terms: Sequence[str], oov_weight: float = 0.5) -> float:
        """Sum of IDFs of the distinct query terms; unknown terms count ``oov_weight * max_idf``.

        A passage containing every query term once at average length scores about this much,
        so ``score / query_weight`` is a length-independent match ratio.
        """
        return sum(self.idf.get(t, oov_weight * self.max_idf) for t in dict.fromkeys(terms))

    def group_idf(self, alts: Sequence[str]) -> float:
        """IDF of a synonym group: that of its most frequent known form (0.0 if none is known).

        Indexing adds every synonym's canonical form, so the canonical form's document frequency
        counts the passages using any member of the group: its (lowest) IDF is the group's.
        """
        known = [self.idf[t] for t in alts if t in self.idf]
        return min(known) if known else 0.0

    def group_weight(
        self, groups: Sequence[tuple[Sequence[str], float]], oov_weight: float = 0.5
    ) -> float:
        """Attainable weight of grouped query terms (only full-weight groups count)."""
        total = 0.0
        for alts, weight in groups:
            if weight < 1.0:
                continue
            known = [self.idf[t] for t in alts if t in self.idf]
            total += self.group_idf(alts) if known else oov_weight * self.max_idf
        return total

    def group_scores(
        self,
        groups: Sequence[tuple[Sequence[str], float]],
        cap: float | None = None,
        shared_idf: bool = True,
    ) -> dict[int, float]:
        """BM25 where each group scores its best-matching alternative, times the group weight.

        With ``shared_idf`` every alternative of a group is weighted with the group's IDF (see
        :meth:`group_idf`): synonyms count alike, so a passage saying 低保 is not worth less
        than one saying 最低生活保障 for a question using either. With ``cap``, one group
        contributes at most ``cap * idf``: repeating a word many times in a passage cannot make
        up for query words the passage lacks.
        """
        out: dict[int, float] = {}
        for alts, weight in groups:
            group_idf = self.group_idf(alts)
            best: dict[int, float] = {}
            for term in alts:
                idf = group_idf if shared_idf else self.idf.get(term, 0.0)
                limit = cap * idf if cap is not None else None
                for doc, score in self._term_scores(term, idf).items():
                    if limit is not None:
                        score = min(score, limit)
                    if score > best.get(doc, 0.0):
                        best[doc] = score
            for doc, score in best.items():
                out[doc] = out.get(doc, 0.0) + weight * score
        return out

    def _term_scores(self, term: str, idf: float) -> dict[int, float]:
        out: dict[int, float] = {}
        k1, b, avgdl, lengths = self.k1, self.b, self.avgdl, self.doc_lengths
        for doc, tf in self.postings.get(term, ()):
            out[doc] = idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * lengths[doc] / avgdl))
        return out

    def scores(self, terms: Sequence[str]) -> dict[int, float]:
        """Sparse BM25 scores ``{doc_index: score}`` for the distinct query terms."""
        out: dict[int, float] = {}
        k1, b, avgdl, lengths = self.k1, self.b, self.avgdl, self.doc_lengths
        for term in dict.fromkeys(terms):
            plist = self.postings.get(term)
            if not plist:
                continue
            idf = self.idf[term]
            for doc, tf in plist:
                denom = tf + k1 * (1.0 - b + b * lengths[doc] / avgdl)
                out[doc] = out.get(doc, 0.0) + idf * tf * (k1 + 1.0) / denom
        return out
