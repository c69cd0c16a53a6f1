"""Normalisation of text before matching: full-width to half-width, traditional to simplified.

Only used for *matching* (queries and index tokens); passage text shown to users keeps its
original punctuation. Mirrors ``civic.text`` but stays local so the KB has no import-time
dependency on a package that is still moving.
"""

from __future__ import annotations

from functools import lru_cache

from opencc import OpenCC


def to_halfwidth(text: str) -> str:
    """Turn full-width ASCII forms (１２３ＡＢＣ？) and the ideographic space into half-width."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            out.append(" ")
        elif 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional Chinese characters to simplified ones (OpenCC ``t2s``)."""
    return _t2s().convert(text) if text else text


@lru_cache(maxsize=4096)
def normalize_query(text: str) -> str:
    """Half-width, simplified, lower-cased and trimmed form of a user's question."""
    return to_simplified(to_halfwidth(text or "")).lower().strip()
