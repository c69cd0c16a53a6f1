"""Personal names as citizens type them ("我叫张伟", "女方：李小红", "阿依古丽·买买提")."""

from __future__ import annotations

import re

from civic.text import normalize_user_text

_PREFIX = re.compile(
    r"^(?:(?:我|他|她)?(?:的)?(?:名字|姓名)?(?:叫做|叫|是|为)|(?:我的?|他的?|她的?)?(?:男方|女方|申请人|对方|老公|老婆|"
    r"媳妇|丈夫|妻子|未婚夫|未婚妻|对象)(?:的)?(?:名字|姓名)?(?:叫做|叫|是|为)?|(?:名字|姓名))[:：\s]*"
)
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff·•．.]{1,29}$")
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


def clean_name(text: str) -> str | None:
    """The name in ``text`` with polite prefixes removed, or None when it is not a name.

    Accepts 2–30 Chinese characters (with the middle dot of minority names) or a Latin name.
    """
    value = normalize_user_text(text)
    value = re.sub(r"[。，,！!？?～~]+$", "", value).strip()
    value = _PREFIX.sub("", value).strip()
    value = value.replace("•", "·").replace("．", "·")
    if value in _NOT_NAMES:
        return None
    if _CJK_NAME.match(value) and not re.search(r"\s", value):
        return value
    if _LATIN_NAME.match(value):
        return re.sub(r"\s+", " ", value)
    return None
