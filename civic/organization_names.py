"""Organisation names in what citizens type, and whether they ask to check one. (Pure.)

"春晖基金会靠谱吗" names 春晖基金会 and asks whether it is genuine; "慈善机构" names none;
"刚成立的基金会多久能公开募捐" mentions a kind of organisation and asks about a rule.
"""

from __future__ import annotations

import re

from civic.credit_code import find_credit_code
from civic.text import normalize_user_text

__all__ = ["GENERIC_NAME", "MIN_NAME", "asks_to_check", "name_in"]

MIN_NAME = 2

# An organisation's name ends with one of these words.
_NAME = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9（）()·]{1,40}"
    r"(?:慈善总会|慈善会|基金会|基金|促进会|联合会|协会|学会|研究会|商会|服务中心|中心|"
    r"救援队|服务社|服务队|社工站|公益|志愿者?队|机构|组织|会|社)"
)
# Where the name ends: the question about it starts ("…是正规的吗", "…靠谱吗", "…，").
_QUESTION_STARTS = re.compile(
    r"是不是|是否|是正规|正规|靠谱|靠不靠谱|靠得住|可信|可靠|合法|真的|真假|假的|骗|有没有|"
    r"有公募|有资格|有资质|能不能|会不会|在不在|怎么样|咋样|吗|呢|么|系咪|系唔系|有冇|[？?，,。！!；;]"
)
# What people say before a name: "帮我查一下…", "这个…", "群里在传…", "有个叫…".
_LEADING = re.compile(
    r"^(?:请问|请|帮我|帮忙|麻烦|你|能不能|可以|想|我想|查一下|查下|查查|查询|查|核实一下|核实|"
    r"看看|看一下|问一下|问问|这个|那个|一个|有个|个|叫做|名叫|叫|的|一家)+"
)
# Not a name: a bare kind of organisation, a question about how to check one, or a name left
# out ("中华XX协会", "某基金会").
GENERIC_NAME = re.compile(
    r"^(?:慈善|公益|社会|民间|爱心|正规)?(?:基金会|基金|慈善会|协会|机构|组织|中心|会|社)$|"
    r"怎么|如何|什么|哪|啥|点样|点查|咩|边个|边间|[Xx]{2}|某"
)
_INTRODUCED = re.compile(r"^.*(?:在传|在转|转发的?|推荐的?|介绍的?|看到的?|听说的?|叫做|名叫|叫)")
# Doubting a named organisation ("…正规吗"), or asking to have one checked.
_DOUBT = re.compile(
    r"正规|靠谱|靠得住|可信|可靠|合法|真的|真假|假的|骗|有没有公募|有公募|有资格|有资质|"
    r"登记了?吗|注册了?吗"
)
_CHECK_REQUEST = re.compile(r"帮我查|帮忙查|查一下|查下|查查|查询一下|核实")


def name_in(text: str) -> str | None:
    """The organisation name in a sentence ("春晖基金会靠谱吗" -> "春晖基金会"), or None."""
    value = normalize_user_text(text).strip()
    cut = _QUESTION_STARTS.search(value)
    match = _NAME.search(value[: cut.start()] if cut else value)
    if match is None:
        return None
    name = _LEADING.sub("", _INTRODUCED.sub("", match.group(0)))
    return name if len(name) >= MIN_NAME and not GENERIC_NAME.search(name) else None


def asks_to_check(text: str) -> bool:
    """True when ``text`` asks to check an organisation: a credit code, a named organisation
    with a doubt about it ("…基金会是正规的吗"), or "帮我查一下" — not a question about
    charity rules that mentions a kind of organisation."""
    value = normalize_user_text(text or "")
    if find_credit_code(value) or _CHECK_REQUEST.search(value):
        return True
    return bool(_DOUBT.search(value)) and name_in(value) is not None
