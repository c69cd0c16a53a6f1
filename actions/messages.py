"""Text pieces the shared actions assemble (list formatting, button titles, echoes).

Whole replies live in the domain's responses; each journey keeps its own labels in its
``*_messages`` module, so that no Chinese text is scattered through the actions.
"""

from __future__ import annotations

import re
from typing import Any

from civic.masking import mask_text

ECHO_LIMIT = 20

STATUS_LABELS = {"booked": "已预约", "cancelled": "已取消"}
SAMPLE_NOTE = "（注：当前为示例数据，地址和名额仅供演示，请以官方公布为准。）"
SLOT_BUTTON = "{start}-{end}（余{available}）"
DAY_BUTTON = "{day}（余{available}）"


def echo(value: Any) -> str:
    """A citizen's own words made safe to repeat: masked, no markup, at most 20 characters."""
    text = mask_text(re.sub(r"[<>{}]", "", str(value))).strip()
    return text if len(text) <= ECHO_LIMIT else text[:ECHO_LIMIT] + "…"


def bullet_list(items: list[str]) -> str:
    """Numbered lines: ``1. …``."""
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))
