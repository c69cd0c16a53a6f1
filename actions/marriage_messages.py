"""婚姻登记预约: labels the marriage actions join into replies, and its catalogue entry."""

from __future__ import annotations

import re

from actions.catalogue import Journey, register

TYPE_LABELS = {"marriage": "结婚登记", "divorce": "离婚登记", "reissue": "补领婚姻登记证"}
PARTY_LABELS = {
    "marriage": ("男方", "女方"),
    "divorce": ("男方", "女方"),
    "reissue": ("申请人", "另一方"),
}
SEX_LABELS = {"male": "男性", "female": "女性"}
MANAGE_VERBS = {"cancel": "取消", "reschedule": "改约"}
SUMMARY_LINES = (
    ("事项", "type"),
    ("地点", "office"),
    ("时间", "when"),
    ("{party1_label}", "party1"),
    ("{party2_label}", "party2"),
    ("手机", "phone"),
)

JOURNEY = register(
    Journey(
        key="marriage",
        order=10,
        buttons=(("预约婚姻登记", "/marriage_book"), ("查询婚姻登记预约", "/marriage_query")),
        slot_labels={
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
        },
        name_slots=frozenset({"marriage_party1_name", "marriage_party2_name"}),
        topic=re.compile(
            r"婚|领证|扯证|登记|红本|对象|老婆|老公|男朋友|女朋友|男友|女友|配偶|伴侣|预约|约的|"
            r"号|改期|改约|取消|民政"
        ),
    )
)


def summary(fields: dict[str, str], party1_label: str, party2_label: str) -> str:
    """The booking summary shown before confirmation (values already masked)."""
    lines = []
    for label, key in SUMMARY_LINES:
        if fields.get(key):
            name = label.format(party1_label=party1_label, party2_label=party2_label)
            lines.append(f"{name}：{fields[key]}")
    return "\n".join(lines)
