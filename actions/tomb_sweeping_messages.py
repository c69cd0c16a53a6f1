"""祭扫预约: labels the tomb-sweeping actions join into replies, and its catalogue entry."""

from __future__ import annotations

import re

from actions.catalogue import Journey, register

NO_CAR = "none"  # tomb_plate when the citizen comes without a car
NO_CAR_WORDS = (
    "不开车",
    "没车",
    "没有车",
    "无车",
    "不需要",
    "不用",
    "没有",
    "无",
    "不停车",
    "坐地铁",
    "坐公交",
    "打车",
)
PLATE_ERRORS = {
    "empty": "utter_tomb_plate_invalid",
    "province": "utter_tomb_plate_province",
    "format": "utter_tomb_plate_invalid",
}
SUMMARY_LABELS = (
    ("地点", "cemetery"),
    ("时间", "when"),
    ("人数", "visitors"),
    ("祭扫对象", "deceased"),
    ("预约人", "booker"),
    ("手机", "phone"),
    ("车牌", "plate"),
)
VISITORS = "{count}人（含您本人）"
NO_PLATE = "不开车"

JOURNEY = register(
    Journey(
        topic=re.compile(
            r"墓|扫|祭|清明|冬至|重阳|陵园|骨灰|拜山|上坟|坟|先人|过世|去世|走了|走咗|不在了|"
            r"祖|纪念|寄存|预约|约的|号|取消|退|公墓|殡"
        ),
        key="tomb_sweeping",
        order=20,
        buttons=(("预约祭扫", "/tomb_book"), ("查询祭扫预约", "/tomb_query")),
        slot_labels={
            "tomb_cemetery_name": "公墓/骨灰堂",
            "tomb_date": "祭扫日期",
            "tomb_time": "祭扫时段",
            "tomb_visitors": "人数",
            "tomb_deceased_name": "祭扫对象",
            "tomb_booker_name": "预约人",
            "tomb_booker_id": "预约人身份证",
            "tomb_phone": "手机",
            "tomb_reference": "祭扫预约号",
        },
        name_slots=frozenset({"tomb_deceased_name", "tomb_booker_name"}),
    )
)


def summary(fields: dict[str, str]) -> str:
    """The reservation summary shown before confirmation (values already masked)."""
    return "\n".join(f"{label}：{fields[key]}" for label, key in SUMMARY_LABELS if fields.get(key))
