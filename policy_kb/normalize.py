"""Normalisation of questions before matching (``civic.text`` plus lower-casing).

Only used for *matching* (queries and index tokens); passage text shown to users keeps its
original punctuation. Quotation marks and title marks are dropped, so a phrase matches whether
or not it was quoted: ``身后“一件事”`` in a document and ``身后一件事`` in a question are the
same five characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from civic.text import normalize_user_text

from . import paths

_QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉﹁﹂﹃﹄]")


@lru_cache(maxsize=1)
def _dialect() -> tuple[re.Pattern[str], dict[str, str]]:
    table = yaml.safe_load(paths.DIALECT_FILE.read_text(encoding="utf-8"))["phrases"]
    forms = {str(k): str(v or "") for k, v in table.items()}
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    return pattern, forms


def to_mandarin(text: str) -> str:
    """粤语 written forms in ``text`` replaced by Mandarin ones (``data/dialect.yml``):
    "屋企有冇人可以申请" → "家里有没有人可以申请"."""
    pattern, forms = _dialect()
    return pattern.sub(lambda m: forms[m.group(0)], text)


@lru_cache(maxsize=4096)
def normalize_query(text: str) -> str:
    """Half-width, simplified, Mandarin, lower-cased, quote-free and trimmed form of a user's
    question (and of indexed text, so both match alike)."""
    return to_mandarin(_QUOTES.sub("", normalize_user_text(text))).lower()
