"""Chinese texts every booking service shares (政务服务 tone); each service adds its own."""

from __future__ import annotations

from datetime import date


def day_text(day: date) -> str:
    """``2026-10-01`` -> ``2026年10月1日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def window_text(first: date, last: date) -> str:
    """The bookable window in words."""
    return f"{day_text(first)}至{day_text(last)}"


ID_REASONS = {
    "empty": "未填写",
    "length": "位数不对，应为18位",
    "format": "格式不对，前17位应为数字，最后一位为数字或X",
    "region": "地区码不对",
    "birth_date": "出生日期不对",
    "checksum": "校验位错误（可能有数字输错）",
}


def id_invalid(label: str, reason_code: str) -> str:
    reason = ID_REASONS.get(reason_code, "无法识别")
    return f"{label}的身份证号码{reason}，请核对后重新填写。"


def name_invalid(label: str) -> str:
    return f"{label}的姓名应为2至30个字，只能包含汉字、字母、空格或“·”，请核对后重新填写。"


PHONE_INVALID = "手机号码应为11位中国大陆手机号，请核对后重新填写。"
DATE_INVALID = "日期格式不对，请使用“年-月-日”格式，例如2026-12-01。"
TIME_INVALID = "时间格式不对，请使用“时:分”格式，例如09:00。"
NOT_FOUND = "未查询到该预约，请核对预约号和预约时填写的手机号码。"
ALREADY_CANCELLED = "该预约已经取消，无需重复操作。"
