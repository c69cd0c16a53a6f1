"""Composing a short answer from the best passage.

* FAQ entry: its first sentences (at most three, about 160 characters), followed by the entry's
  note that the explanation is general and local rules prevail.
* Document passage: the one to three sentences sharing most query terms (IDF-weighted), in
  their original order. Sentences with redaction placeholders (``xxx元``, ``x市``) are never
  used; if the passage has them, the answer says the figures are not given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .cleaning import has_placeholder
from .messages import REDACTED_FIGURE_TEXT
from .models import Answer, Hit, Passage
from .splitting import sentences

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


def short_document_answer(
    passage: Passage,
    query_terms: Sequence[str],
    terms_of: Callable[[str], list[str]],
    idf: Callable[[str], float],
) -> str:
    """The most relevant placeholder-free sentences of a document passage."""
    wanted = set(query_terms)
    candidates: list[tuple[float, int, str]] = []
    dropped = False
    for pos, sent in enumerate(sentences(passage.text)):
        if has_placeholder(sent):
            dropped = True
            continue
        overlap = wanted.intersection(terms_of(sent))
        candidates.append((sum(idf(t) for t in overlap), pos, sent))
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
) -> Answer:
    """Build the :class:`Answer` for the best hit."""
    passage = hit.passage
    if passage.kind == "faq":
        text = short_faq_answer(passage)
    else:
        text = short_document_answer(passage, query_terms, terms_of, idf)
    return Answer(text=text, passage=passage, score=hit.score)
