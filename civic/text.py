"""Text normalisation for what citizens type: full-width forms and traditional characters."""

from __future__ import annotations

from functools import lru_cache

from opencc import OpenCC


def to_halfwidth(text: str) -> str:
    """Turn full-width ASCII (１２３ＡＢＣ，ideographic space) into half-width."""
    out = []
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
    """Convert traditional Chinese characters to simplified (OpenCC t2s)."""
    return _t2s().convert(text) if text else text


def normalize_user_text(text: str) -> str:
    """Half-width, simplified, trimmed: what parsers should see of a citizen's message."""
    return to_simplified(to_halfwidth(text or "")).strip()
