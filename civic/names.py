"""Personal names as citizens type them ("我叫张伟", "女方：李小红", "阿依古丽·买买提")."""

from __future__ import annotations

import re

from civic.text import normalize_user_text

_PREFIX = re.compile(
    r"^(?:(?:我|他|她)?(?:的)?(?:名字|姓名)?(?:叫做|叫|是|为)|(?:我的?|他的?|她的?)?(?:男方|女方|申请人|对方|老公|老婆|"
    r"媳妇|丈夫|妻子|未婚夫|未婚妻|对象)(?:的)?(?:名字|姓名)?(?:叫做|叫|是|为)?|(?:名字|姓名))[:：\s]*"
)
# CJK ideographs incl. extension A and compatibility forms (rare characters in names).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NAME_CHARS = re.compile(rf"^[{_CJK}A-Za-z .'\-·・•]{{2,30}}$")
_HAS_LETTER = re.compile(rf"[{_CJK}A-Za-z]")
_CJK_NAME = re.compile(rf"^[{_CJK}][{_CJK}·]{{1,29}}$")
# Replies that look like two-character names but are not ("好的", "是的", "没有").
_NOT_NAMES = frozenset(
    {
        "好的",
        "好滴",
        "是的",
        "对的",
        "可以",
        "不是",
        "没有",
        "不对",
        "确认",
        "算了",
        "你好",
        "谢谢",
        "知道",
        "不知道",
        "不用",
        "不要",
        "修改",
        "继续",
        "嗯嗯",
        "哈哈",
        "什么",
        "为什么",
        "怎么",
        "转人工",
    }
)
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]{1,29}$")


def is_valid_name(name: str) -> bool:
    """2–30 CJK characters, Latin letters, spaces, middle dots or ``.'-``, with a letter.

    The one rule both the assistant (early, friendly check) and the backend (authoritative
    check) apply, so a name the assistant accepts is never refused at booking.
    """
    return bool(_NAME_CHARS.match(name) and _HAS_LETTER.search(name))


def clean_name(text: str) -> str | None:
    """The name in ``text`` with polite prefixes removed, or None when it is not a name.

    Accepts 2–30 Chinese characters (with the middle dot of minority names) or a Latin name.
    """
    value = normalize_user_text(text)
    value = re.sub(r"[。，,！!？?～~]+$", "", value).strip()
    value = _PREFIX.sub("", value).strip()
    value = value.replace("•", "·").replace("・", "·").replace("．", "·")
    if value in _NOT_NAMES or not is_valid_name(value):
        return None
    if _CJK_NAME.match(value) and not re.search(r"\s", value):
        return value
    if _LATIN_NAME.match(value):
        return re.sub(r"\s+", " ", value)
    return None
