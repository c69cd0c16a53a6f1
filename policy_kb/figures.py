"""Figures: does a question ask for one, and which sentences of a passage state one?

A *figure question* asks for a number — an amount, a standard, a share, a count or a target:
``广州长者饭堂示范点有多少个``, ``低保标准涨了几多``, ``安葬率要达到百分之几``. For such a
question the knowledge base prefers a passage that states a figure for the place asked about,
and never answers with a redacted one (``xxx元``, ``xx%`` in the x市 document) or with another
city's.

A *figure* in a passage is an Arabic number with a unit or a percent sign (``100个``, ``2200张``,
``3.5%``, ``1000万``), or a Chinese number with a counting unit (``三十日``, ``十个``). Bare years
(``2024年``) and list numbers (``1.``) are not figures.
"""

from __future__ import annotations

import re

from .cleaning import has_placeholder
from .normalize import normalize_query

_FIGURE_QUESTION = re.compile(
    r"多少|几[个张家所项名位岁天日月年元块次人成倍级万千百十多]|几多|百分之几|多大比例|多高|"
    r"标准|比例|比率|[^效]率[是为达有]|人次|数量|规模|金额|涨了|涨多|提高了?多|提高几|目标是"
)
_UNIT = (
    r"(?:%|％|个|张|人次|人|万|亿|元|家|所|户|名|次|项|条|处|间|床|岁|周岁|天|日|倍|平方米|"
    r"公里|小时|分钟|份|场|支|批|类|件|座)"
)
_ARABIC_FIGURE = re.compile(rf"(?<![\d.])\d+(?:[.,]\d+)?\s*{_UNIT}")
_CN_DIGITS = "一二两三四五六七八九"
_CHINESE_FIGURE = re.compile(rf"[{_CN_DIGITS}十百千万]*[十百千万][{_CN_DIGITS}]?{_UNIT}")
_YEAR_ONLY = re.compile(r"^\d{4}\s*年")


_NUMBER_ASKED = re.compile(
    r"多少|(?<!哪)几[个张家所项名位岁天日月年元块次人成倍级万千百十多]|几多|百分之几|多大比例|"
    r"多高|金额|涨了多少|涨多少|提高了?多少"  # 哪几个 asks which ones, not how many
)


def asks_for_number(question: str) -> bool:
    """True when ``question`` wants a number itself (多少, 几个, 百分之几), not only talks
    about a standard ("标准会提高吗" asks whether, not how much)."""
    return bool(_NUMBER_ASKED.search(normalize_query(question)))


def is_figure_question(question: str) -> bool:
    """True when ``question`` asks for a number (多少, 几个, 标准, 比例, 人次 …)."""
    return bool(_FIGURE_QUESTION.search(normalize_query(question)))


def states_figure(text: str) -> bool:
    """True when ``text`` states a real (not redacted) figure: ``100个``, ``3.5%``, ``三十日``."""
    if has_placeholder(text):
        return False
    for m in _ARABIC_FIGURE.finditer(text):
        if not _YEAR_ONLY.match(m.group(0)):
            return True
    return bool(_CHINESE_FIGURE.search(text))
