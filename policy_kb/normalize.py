"""Normalisation of questions before matching (``civic.text`` plus lower-casing).

Only used for *matching* (queries and index tokens); passage text shown to users keeps its
original punctuation. Quotation marks and title marks are dropped, so a phrase matches whether
or not it was quoted: ``身后“一件事”`` in a document and ``身后一件事`` in a question are the
same five characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from civic.text import normalize_user_text

_QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉﹁﹂﹃﹄]")


@lru_cache(maxsize=4096)
def normalize_query(text: str) -> str:
    """Half-width, simplified, lower-cased, quote-free and trimmed form of a user's question."""
    return _QUOTES.sub("", normalize_user_text(text)).lower()
