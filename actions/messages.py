"""Text pieces the actions assemble (labels of a summary, list formatting).

Whole replies live in the domain's responses; this module holds the few fragments that
are joined in code, so that no Chinese text is scattered through the actions.
"""

from __future__ import annotations

import re
from typing import Any

from civic.masking import mask_text

ECHO_LIMIT = 20

TYPE_LABELS = {"marriage": "结婚登记", "divorce": "离婚登记", "reissue": "补领婚姻登记证"}
PARTY_LABELS = {
    "marriage": ("男方", "女方"),
    "divorce": ("男方", "女方"),
    "reissue": ("申请人", "另一方"),
}
SEX_LABELS = {"male": "男性", "female": "女性"}
STATUS_LABELS = {"booked": "已预约", "cancelled": "已取消"}
MANAGE_VERBS = {"cancel": "取消", "reschedule": "改约"}
# What a human agent sees of a form at hand-off (values are masked before display).
SLOT_LABELS = {
    "marriage_type": "事项",
    "marriage_office_name": "登记处",
    "marriage_date": "日期",
    "marriage_time": "时段",
    "marriage_party1_name": "第一位登记人",
    "marriage_party1_id": "第一位身份证",
    "marriage_party2_name": "第二位登记人",
    "marriage_party2_id": "第二位身份证",
    "marriage_phone": "手机",
    "marriage_reference": "预约号",
}
SAMPLE_NOTE = "（注：当前为示例数据，地址和名额仅供演示，请以登记处官方公布为准。）"
SLOT_BUTTON = "{start}-{end}（余{available}）"
DAY_BUTTON = "{day}（余{available}）"
SUMMARY_LINES = (
    ("事项", "type"),
    ("地点", "office"),
    ("时间", "when"),
    ("{party1_label}", "party1"),
    ("{party2_label}", "party2"),
    ("手机", "phone"),
)


def echo(value: Any) -> str:
    """A citizen's own words made safe to repeat: masked, no markup, at most 20 characters."""
    text = mask_text(re.sub(r"[<>{}]", "", str(value))).strip()
    return text if len(text) <= ECHO_LIMIT else text[:ECHO_LIMIT] + "…"


def bullet_list(items: list[str]) -> str:
    """Numbered lines: ``1. …``."""
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


def summary(fields: dict[str, str], party1_label: str, party2_label: str) -> str:
    """The booking summary shown before confirmation (values already masked)."""
    lines = []
    for label, key in SUMMARY_LINES:
        if fields.get(key):
            name = label.format(party1_label=party1_label, party2_label=party2_label)
            lines.append(f"{name}：{fields[key]}")
    return "\n".join(lines)
