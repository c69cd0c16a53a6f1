"""Questions about one person's own case: will it pass, where is it, was it decided right.

"我申请的临时救助你觉得能通过不", "适老化改造排了半年还没轮到", "街道给我批的低保是不是算错了":
the knowledge base knows the rules, not anyone's file, and the decision belongs to the office
handling it. Answering with the general rule reads as a verdict on the case, so such a question
gets an honest "I cannot judge or look up your case", with the rule named as possibly related.
"""

from __future__ import annotations

import re

from .normalize import normalize_query

# Predicting or judging the outcome of one application.
_OUTCOME = re.compile(
    r"会不会被(?:拒|驳回|退回|取消|停|顶)|能不能(?:通过|批下来|批准|赢|成功|批)|"
    r"能(?:通过|批下来|批准|赢|成功|批)[吗不么没啊呀]|通过得了|批得下来|有没有希望|有希望吗|"
    r"希望大不大|几率|概率|有戏|你觉得|你看我|你直接说|帮我判断|判断一下|判错|算错|"
    r"能不能(?:认定|评上)|能评上|评得上|评上几级|"
    r"是不是(?:弄|搞|判|算)错|是不是被.{0,8}(?:顶|拒|卡|换|冒领)|能批多少|会批多少|给我批多少"
)
# Asking where one application stands.
_STATUS = re.compile(
    r"进度|到哪一?步|审核到哪|审到哪|怎么还没|为什么还没|咋还没|还没(?:到账|下来|轮到|批|通过|消息|结果)|"
    r"结果出来没|批了没|到账没|排到第几|"
    # "我阿妈嘅护理补贴今个月几时到账", "骨灰寄存到期没有", "交上去三个月都没消息"
    r"(?:这个月|这月|今个月|本月|上个月|上月)[^，。？?]{0,8}到账|到期(?:了)?(?:没有|没|未|吗)|"
    r"没(?:有)?消息|冇消息|没(?:有)?回音|没(?:有)?动静|卡在(?:哪|什么|边)|我的?编号"
)


# What has happened to one application or payment, asked by the person it belongs to
# ("我家低保怎么突然停了", "为什么我的申请被拒了", "我老婆的低保批咗未"): only with a first person.
_FIRST_PERSON = re.compile(r"我|俺|咱|屋企|(?:递|交|提交)(?:咗|了)")  # "上礼拜递咗申请"
_HAPPENED = re.compile(
    r"批了(?:没|吗|未)|批咗(?:未|没|吗)|通过了(?:没|吗)|审核通过(?:了)?(?:没|吗)|有结果|"
    r"结果出来|去到边|突然停|停(?:发)?了|断了|被(?:拒|驳回|退回)|退回来|驳回了|"
    r"(?:这个月|今个月|本月|上个月)[^，。？?]{0,6}(?:少了|多了|扣了)|"
    r"(?:什么时候|几时|啥时候)(?:能|可以|会)?(?:下来|批下来|有结果|到账|发下来)|交到(?:哪|几)|"
    r"(?:仲|还)?(?:未|没)有?(?:回复|回音|答复)|是不是到期|我的[^，。？?]{0,10}(?:少了|不见了|被扣|扣了)"
)
# A record's own number ("编号A-1023", "受理号…"): only its owner asks about it.
_RECORD_NUMBER = re.compile(r"(?:编号|单号|受理号|证号|档案号)\s*[:：是]?\s*[A-Za-z0-9-]{3,}")


def asks_about_own_case(question: str) -> bool:
    """True when ``question`` asks to predict, judge or look up one person's own case."""
    text = normalize_query(question)
    if _OUTCOME.search(text) or _STATUS.search(text) or _RECORD_NUMBER.search(text):
        return True
    return bool(_FIRST_PERSON.search(text) and _HAPPENED.search(text))
