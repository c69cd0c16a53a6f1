"""Is a message a question, or a request? (Pure; used to send questions to the knowledge base.)"""

from __future__ import annotations

import re

from civic.text import normalize_user_text

__all__ = ["is_question"]

# Words that ask for information: 吗/呢/不 at the end ("能去登记结婚不"), 多大/多少/几/什么/
# 谁/怎么/为什么/哪/能不能…, and their 粤语 forms
_QUESTION = re.compile(
    r"[?？]|[吗么呢嘛不没][。！!~～\s]*$|多大|多少|多久|多长|几[个岁天年月号次种位]|什么|啥|咋|谁|"
    r"怎么|怎样|如何|为什么|哪[里儿个些天]|是不是|能不能|可不可以|会不会|要不要|有没有|"
    r"需不需要|可以吗|行不行|算不算|"
    r"系唔系|系咪|係唔係|係咪|有冇|点样|點樣|几多|幾多|咩|得唔得"  # 粤语
)
# Words that ask the assistant to do something: a request, even when phrased as a question.
_REQUEST = re.compile(
    r"预约|约[个一]|约的|帮我|给我(?!们)|我要|我想|想要|想约|办一下|取消|退掉|查一下|改到|改成"
)
# ...except asking whether a booking is needed at all ("清明扫墓要预约吗").
_ABOUT_BOOKING = re.compile(
    r"(?:要|需要|用|得|必须|一定要)(?:提前|先)?预约[吗么嘛呢]|要不要(?:提前)?预约|"
    r"需不需要(?:提前)?预约|用不用(?:提前)?预约|是否需要(?:提前)?预约|预约了?才能"
)


def is_question(text: str) -> bool:
    """True for a question that is not also a request ("怎么预约" is a request)."""
    value = normalize_user_text(text or "")
    if not _QUESTION.search(value):
        return False
    return bool(_ABOUT_BOOKING.search(value)) or not _REQUEST.search(value)
