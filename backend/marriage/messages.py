"""Every Chinese text the marriage service returns, in one place (政务服务 tone)."""

from __future__ import annotations

from datetime import date

from backend.messages import day_text, window_text

TYPE_LABELS = {
    "marriage": "结婚登记",
    "divorce": "离婚登记",
    "reissue": "补领婚姻登记证",
}

# General national requirements of the revised 《婚姻登记条例》 (in force since 2025-05-10:
# the household register (户口簿) is no longer required and registration is possible
# nationwide); local offices may ask for more, which the notice below says.
MATERIALS = {
    "marriage": [
        "男女双方本人有效的居民身份证（2025年5月10日起不再需要户口簿）",
        "3张双方近期2寸半身免冠合影照片",
        "男女双方本人签署的无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的声明"
        "（可在登记处现场签署）",
    ],
    "divorce": [
        "男女双方本人有效的居民身份证",
        "双方的结婚证",
        "双方当事人共同签署的离婚协议书（一式三份）",
        "双方各2张近期2寸单人半身免冠照片",
    ],
    "reissue": [
        "本人有效的居民身份证",
        "3张近期2寸双人半身免冠合影照片（补领离婚证的，为2寸单人照片）",
        "能够证明婚姻关系的材料（如婚姻登记档案查询证明等）",
    ],
}

MATERIALS_NOTE = "以上为全国通用材料，具体要求请以当地婚姻登记机关公布为准。"

DIVORCE_NOTICE = (
    "根据《中华人民共和国民法典》第一千零七十七条，自婚姻登记机关收到离婚登记申请之日起"
    "三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。"
    "期间届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证；未申请的，视为撤回离婚登记申请。"
)

PROVISIONAL_NOTE = "该日期的节假日安排尚未正式公布，开放情况可能调整，请以登记处通知为准。"


def outside_window(first: date, last: date) -> str:
    return f"仅可预约{window_text(first, last)}之间的日期，请重新选择日期。"


def closed_holiday(day: date, holiday: str) -> str:
    return f"{day_text(day)}为{holiday}假期，婚姻登记处不办理业务，请选择其他日期。"


def closed_weekend(day: date) -> str:
    return f"{day_text(day)}为周末，婚姻登记处不办理业务，请选择工作日。"


def closed_not_workday(day: date) -> str:
    return f"{day_text(day)}为非工作日，婚姻登记处不办理业务，请选择其他日期。"


PARTY_LABELS = {
    ("party1", "marriage"): "男方",
    ("party2", "marriage"): "女方",
    ("party1", "divorce"): "男方",
    ("party2", "divorce"): "女方",
    ("party1", "reissue"): "申请人",
}


def party_label(party: str, kind: str) -> str:
    return PARTY_LABELS.get((party, kind), "当事人")


SAME_PERSON = "男女双方的身份证号码相同，请分别填写双方本人的身份证号码。"
PARTY2_REQUIRED = "请填写女方的姓名和身份证号码。"
PARTY2_NOT_ALLOWED = "补领婚姻登记证只需填写申请人本人信息，请不要填写第二位当事人。"


def sex_mismatch(label: str, expected_label: str, other_label: str) -> str:
    return (
        f"{label}的身份证号码显示为{other_label}，与{expected_label}不符，"
        "请确认是否将男女双方的信息填反。"
    )


def underage(label: str, minimum: int, day: date) -> str:
    return (
        f"根据《中华人民共和国民法典》第一千零四十七条，结婚年龄男不得早于二十二周岁、"
        f"女不得早于二十周岁。{label}在{day_text(day)}未满{minimum}周岁，暂不能办理结婚登记。"
    )


OFFICE_NOT_FOUND = "未找到该婚姻登记处，请重新选择登记处。"


def slot_not_found(day: date, start: str) -> str:
    return f"{day_text(day)}没有{start}开始的预约时段，请从可预约时段中选择。"


def slot_full(day: date, start: str, end: str) -> str:
    return f"{day_text(day)} {start}-{end}时段已约满，请选择其他时段或日期。"


def duplicate_active(label: str, type_label: str) -> str:
    return (
        f"{label}已有一个尚未办理的{type_label}预约，同一当事人同类业务只能保留一个有效预约。"
        "如需更改，请先取消或改约原预约。"
    )


CANNOT_CHANGE_CANCELLED = "该预约已经取消，不能改约，请重新预约。"
APPOINTMENT_PAST = "该预约的日期已过，不能取消或改约。"
CONCURRENT_CHANGE = "该预约刚刚被修改，请重新查询后再操作。"
