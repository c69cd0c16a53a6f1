"""Every Chinese text the tomb-sweeping service returns, in one place (政务服务 tone)."""

from __future__ import annotations

from datetime import date

from backend.messages import day_text, window_text
from civic.festivals import PeakPeriod

KIND_LABELS = {"cemetery": "陵园", "columbarium": "骨灰堂"}

# General rules shown with every reservation unless the cemetery's data lists its own.
# Deliberately general: each cemetery's notice on site is what applies.
ENTRY_RULES = (
    "请在预约的日期和时段内入园，逾时可能需要重新预约。",
    "入园时请携带预约人本人的有效身份证件，以备现场核验。",
    "请文明祭扫：园内禁止明火，请勿焚烧纸钱、燃放鞭炮，提倡鲜花祭扫。",
    "请服从现场工作人员的引导和安排，注意安全。",
)
ENTRY_RULES_NOTE = "具体要求以现场公告为准。"


def parking_rule(plate_masked: str) -> str:
    return f"已为车牌{plate_masked}预留本时段1个停车位，请驾驶登记的车辆前往。"


def peak_label(day: date, peak: PeakPeriod | None) -> str:
    """``（清明）`` on the festival itself, ``（清明祭扫高峰期）`` in its period, else empty."""
    if peak is None:
        return ""
    return f"（{peak.name}）" if day == peak.anchor_day else f"（{peak.name}祭扫高峰期）"


def too_early(first: date, last: date) -> str:
    return f"祭扫预约需至少提前一天，目前可预约{window_text(first, last)}的日期。"


def not_yet_open(day: date, peak: PeakPeriod | None, opens: date, first: date, last: date) -> str:
    return (
        f"{day_text(day)}{peak_label(day, peak)}的预约将于{day_text(opens)}开放。"
        f"目前可预约{window_text(first, last)}的日期。"
    )


CEMETERY_NOT_FOUND = "未找到该陵园或骨灰堂，请重新选择。"


def window_not_found(day: date, start: str) -> str:
    return f"{day_text(day)}没有{start}开始的祭扫时段，请从可预约时段中选择。"


def visitors_invalid(limit: int) -> str:
    return f"祭扫人数应为1至{limit}人（含预约人），请重新填写。"


VISITORS_NOT_A_NUMBER = "祭扫人数应填写整数（含预约人），例如3。"


def visitors_over_limit(limit: int) -> str:
    return (
        f"每个预约最多可登记{limit}人（含预约人），请减少人数；"
        "人数较多的，可由其他家属以本人身份另行预约。"
    )


PLOT_NUMBER_INVALID = (
    "墓位（格位）号最多40个字，只能包含汉字、字母、数字、空格和“-#/·()”等常用符号，"
    "请核对后重新填写。"
)

PLATE_REASONS = {
    "empty": "未填写",
    "province": "的第一个字应为省份简称（如“粤”），暂不支持港澳台号牌及使馆、警用等特殊号牌",
    "format": (
        "格式不对：省份简称后应为发牌机关字母和5位号码（新能源车为6位），不含字母I和O，"
        "例如粤B12345、粤BD12345"
    ),
}


def plate_invalid(code: str) -> str:
    return f"车牌号码{PLATE_REASONS.get(code, '无法识别')}，请核对后重新填写。"


def _alternatives(proxy_worship: bool, online_worship: bool) -> str:
    offered = [name for name, ok in (("网络祭扫", online_worship), ("代祭", proxy_worship)) if ok]
    return f"该陵园也提供{'和'.join(offered)}服务，可供选择。" if offered else ""


def slot_full(day: date, start: str, end: str, available: int, proxy: bool, online: bool) -> str:
    if available <= 0:
        text = f"{day_text(day)} {start}-{end}时段已约满，请选择其他时段或日期。"
    else:
        text = (
            f"{day_text(day)} {start}-{end}时段剩余名额不足，仅可再约{available}人，"
            "请减少人数或选择其他时段、日期。"
        )
    return text + _alternatives(proxy, online)


def parking_full(day: date, start: str, end: str) -> str:
    return (
        f"{day_text(day)} {start}-{end}时段的停车位已约满，请选择其他时段，"
        "或不填写车牌号码、改乘公共交通前往。"
    )


def no_parking(name: str) -> str:
    return f"{name}不提供预约停车位，请不填写车牌号码，建议乘坐公共交通前往。"


def duplicate_active(name: str, day: date) -> str:
    return (
        f"该预约人在{day_text(day)}已有{name}的有效祭扫预约，同一预约人同一天在同一陵园"
        "只能保留一个预约。如需更改，请先取消原预约。"
    )


RESERVATION_PAST = "该预约的日期已过，不能取消。"
