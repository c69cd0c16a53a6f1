"""Composing a short answer from the best passage.

* FAQ entry: its first sentences (at most three, about 160 characters), followed by the entry's
  note that the explanation is general and local rules prevail.
* Document passage: the one to three sentences sharing most query terms (IDF-weighted), in
  their original order; for a question asking for a figure, sentences that state one come
  first. Sentences with redaction placeholders (``xxx元``, ``x市``) are never used as they are:
  their placeholder-free clauses may be (``持续推进…身后“一件事”…协同高效办理``), and the answer
  then says the figures are not given. An answer from a city's document to a question about
  another place (or none) starts with that city's name, e.g. ``【广州】``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .cleaning import has_placeholder
from .figures import states_figure
from .messages import REDACTED_FIGURE_TEXT
from .models import Answer, Hit, Passage
from .splitting import sentences

_CLAUSE = re.compile(r"[^，；：]+[，；：]?")

MAX_ANSWER_CHARS = 160
MAX_SENTENCES = 3


def _trim(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = max(text.rfind(p, 0, limit) for p in "，；、")
    return (text[:cut] if cut > limit // 2 else text[:limit]) + "……"


def short_faq_answer(passage: Passage) -> str:
    """First sentences of an FAQ answer plus its note."""
    picked: list[str] = []
    for sent in sentences(passage.text):
        if picked and len("".join(picked)) + len(sent) > MAX_ANSWER_CHARS:
            break
        picked.append(sent)
        if len(picked) == MAX_SENTENCES:
            break
    text = _trim("".join(picked))
    return f"{text}（{passage.note}）" if passage.note else text


def clean_clauses(sentence: str) -> str:
    """The placeholder-free clauses of a sentence, as one sentence (``""`` if none is left)."""
    kept = [c for c in _CLAUSE.findall(sentence) if c.strip() and not has_placeholder(c)]
    if not kept:
        return ""
    text = "".join(kept).rstrip("，；：、 ")
    return text + ("" if text.endswith(("。", "！", "？")) else "。")


def short_document_answer(
    passage: Passage,
    query_terms: Sequence[str],
    terms_of: Callable[[str], list[str]],
    idf: Callable[[str], float],
    figure: bool = False,
) -> str:
    """The most relevant placeholder-free sentences of a document passage.

    ``figure``: the question asks for a figure, so relevant sentences stating one come first.
    """
    wanted = set(query_terms)
    candidates: list[tuple[float, int, str]] = []
    dropped = False
    for pos, sent in enumerate(sentences(passage.text)):
        if has_placeholder(sent):
            dropped = True
            sent = clean_clauses(sent)
            if not sent:
                continue
        overlap = wanted.intersection(terms_of(sent))
        score = sum(idf(t) for t in overlap)
        if figure and score > 0 and states_figure(sent):
            score += 100.0  # a relevant sentence with the figure asked for goes first
        candidates.append((score, pos, sent))
    if not candidates:
        return REDACTED_FIGURE_TEXT
    ranked = sorted(candidates, key=lambda c: (-c[0], c[1]))
    if ranked[0][0] <= 0:
        ranked = sorted(candidates, key=lambda c: c[1])
    chosen: list[tuple[int, str]] = []
    length = 0
    for score, pos, sent in ranked:
        if chosen and (length + len(sent) > MAX_ANSWER_CHARS or score <= 0):
            break
        chosen.append((pos, sent))
        length += len(sent)
        if len(chosen) == MAX_SENTENCES:
            break
    text = _trim("".join(s for _, s in sorted(chosen)))
    if dropped:
        text += REDACTED_FIGURE_TEXT
    return text


def compose(
    hit: Hit,
    query_terms: Sequence[str],
    terms_of: Callable[[str], list[str]],
    idf: Callable[[str], float],
    figure: bool = False,
    label: str = "",
) -> Answer:
    """Build the :class:`Answer` for the best hit.

    ``figure``: the question asks for a figure; ``label``: text put before the answer (the
    city whose document it comes from, when the question is not about that city).
    """
    passage = hit.passage
    if passage.kind == "faq":
        text = short_faq_answer(passage)
    else:
        text = short_document_answer(passage, query_terms, terms_of, idf, figure)
    return Answer(text=label + text, passage=passage, score=hit.score)
