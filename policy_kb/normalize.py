"""Normalisation of questions before matching (``civic.text`` plus lower-casing).

Only used for *matching* (queries and index tokens); passage text shown to users keeps its
original punctuation.
"""

from __future__ import annotations

from functools import lru_cache

from civic.text import normalize_user_text


@lru_cache(maxsize=4096)
def normalize_query(text: str) -> str:
    """Half-width, simplified, lower-cased and trimmed form of a user's question."""
    return normalize_user_text(text).lower()
