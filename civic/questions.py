"""Is a message a question, or a request? (Pure; used to send questions to the knowledge base.)"""

from __future__ import annotations

import re

from civic.text import normalize_user_text

__all__ = ["is_question"]

# Words that ask for information: 吗/呢/不 at the end ("能去登记结婚不"), 多大/多少/几/什么/
# 谁/怎么/为什么/哪…, "A不A" / "A没A" / 粤语 "A唔A" (合不合法, 有没有, 可唔可以), and the
# 粤语 question words
_QUESTION = re.compile(
    r"[?？]|[吗么呢嘛不没][。！!~～\s]*$|多大|多少|多久|多长|几[个岁天年月号次种位]|什么|啥|咋|谁|"
    r"怎么|怎样|如何|为什么|哪[里儿个些天]|是否|(.)[不没唔]\1|需不需要|可以吗|"
    r"系咪|係咪|有冇|点样|點樣|点解|几多|幾多|几耐|咩|乜|边度|边个|得唔得|使唔使|"  # 粤语
    r"请问|想问|问一下|问下|咨询|了解一下|想了解|想知道|想搞清楚"  # asking in statement form
)
# Words that ask the assistant to do something: a request, even when phrased as a question.
_REQUEST = re.compile(
    r"预约|约[个一]|约的|帮我(?!问)|给我(?!们)|我要|我想(?!问|了解|知道|咨询|搞清楚)|想要|想约|办一下|"
    r"取消|退掉|查一下|改到|改成"
)
# ...except asking whether a booking is needed at all ("清明扫墓要预约吗").
_ABOUT_BOOKING = re.compile(
    r"(?:要|需要|用|得|必须|一定要)(?:提前|先)?预约[吗么嘛呢]|要不要(?:提前)?预约|"
    r"需不需要(?:提前)?预约|用不用(?:提前)?预约|是否需要(?:提前)?预约|预约了?才能"
)
_CLAUSE_END = re.compile(r"[，,。.！!？?；;、\s]+")
# A clause too short to carry a question of its own: it asks about the request before it
# ("帮我约周五，可以吗").
MIN_OWN_QUESTION = 5


def is_question(text: str) -> bool:
    """True for a question that is not also a request.

    "怎么预约" is a request; so is "帮我约周五，可以吗". A request word in an earlier clause
    is background when a later clause asks a question of its own: "网上预约约满了，还能直接
    去现场办吗" asks whether, it does not ask to book.
    """
    value = normalize_user_text(text or "")
    if not _QUESTION.search(value):
        return False
    if _ABOUT_BOOKING.search(value) or not _REQUEST.search(value):
        return True
    clauses = [c for c in _CLAUSE_END.split(value) if c]
    last_request = max(i for i, c in enumerate(clauses) if _REQUEST.search(c)) if clauses else 0
    return any(
        _QUESTION.search(clause) and len(clause) >= MIN_OWN_QUESTION
        for clause in clauses[last_request + 1 :]
    )
