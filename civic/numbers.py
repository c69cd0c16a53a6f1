"""Chinese and mixed numerals in citizens' answers: head counts and amounts of money.

``parse_count("三个人") == 3`` and ``parse_amount_yuan("月收入三千二") == 3200.0``. Numbers are
read with cn2an's ``smart`` mode, which gets the colloquial forms right (两千五 = 2500,
一万二 = 12000, 三千二 = 3200, 2.5万 = 25000, 3万5 = 35000). This module adds what cn2an lacks:
finding the number inside a sentence, 俩/仨, thousands separators (2,500), approximate pairs
such as 七八个 / 两三个 (cn2an reads them as 78 / 23; here they are None because the answer
is not one number), words that merely contain a numeral (一下, 一起, 万一, 第一), and
``X块Y`` (两块五 = 2.5 yuan).
"""

from __future__ import annotations

import re
import warnings

from civic.text import normalize_user_text

__all__ = ["parse_amount_yuan", "parse_count"]

_MAX_CHARS = 200
_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_UNIT = "十百千万亿"
_NUMBER = re.compile(
    rf"(?:\d+(?:\.\d+)?|[{_CN_DIGIT}{_CN_UNIT}])(?:\d+(?:\.\d+)?|[{_CN_DIGIT}{_CN_UNIT}])*"
)
_CLASSIFIER = re.compile(r"\s*(?:个|人|位|口|名|户|只|号人)")
_CURRENCY = re.compile(r"\s*(?:元|块|圆|rmb|人民币)")
_NOT_MONEY = re.compile(
    r"\s*(?:个|人|位|口|名|户|岁|年|月|天|日|号|次|套|辆|间|亩|平|层|楼|周|星期|小时|点|分|%)"
)
# Words that contain a numeral but are not numbers.
_WORD_BEFORE = re.compile(r"(?:第|万|统|唯|同|逐|初|星期|礼拜|周)$")
_WORD_AFTER = re.compile(r"(?:下|些|起|点儿|点点|般|直|定|样|切|共|共有|致|再|律|旦|边|向|会儿)")
# A single digit right after 块/元 is dimes (毛/角): 两块五 = 2.5.
_JIAO = re.compile(r"\s*(?:元|块)([0-9一二两三四五六七八九])(?:毛|角)?(?![0-9十百千万])")
_PAIR = re.compile(r"[一二两三四五六七八九]{2}")
_CN_VALUE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_CN_VALUE |= {"八": 8, "九": 9}
_FORMAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟萬億", "一二三四五六七八九十百千万亿")


def parse_count(text: str) -> int | None:
    """The head count or quantity in ``text``: ``"三个人"`` -> 3, ``"俩"`` -> 2, ``"3千"`` -> 3000.

    Prefers a number followed by a classifier (个/人/位/口/名/户). Returns None when there is
    no number, it is not a whole non-negative number, or it is an approximate pair (三四个).
    """
    norm = _prepare(text).replace("俩", "2个").replace("仨", "3个")
    numbers = _numbers(norm)
    if not numbers:
        return None
    chosen = next((n for n in numbers if _CLASSIFIER.match(norm, n[1])), numbers[0])
    value = chosen[2]
    if value is None or value < 0 or value != int(value):
        return None
    return int(value)


def parse_amount_yuan(text: str) -> float | None:
    """An amount of money in yuan: ``"两千五百块"`` -> 2500.0, ``"1.2万"`` -> 12000.0.

    Prefers a number followed by 元/块; skips numbers that count people, days, months and the
    like. Returns None when there is no amount.
    """
    norm = _prepare(text)
    numbers = [n for n in _numbers(norm) if n[2] is not None]
    money = [n for n in numbers if _CURRENCY.match(norm, n[1])]
    others = [n for n in numbers if not _NOT_MONEY.match(norm, n[1])]
    chosen = (money or others or [None])[0]
    if chosen is None or chosen[2] is None or chosen[2] < 0:
        return None
    value = float(chosen[2])
    tail = _JIAO.match(norm, chosen[1])  # 两块五 = 2.5
    if tail:
        digit = tail.group(1)
        value += (int(digit) if digit.isdigit() else _CN_VALUE[digit]) / 10
    return value


def _prepare(text: str) -> str:
    if not isinstance(text, str):
        return ""
    norm = normalize_user_text(text[:_MAX_CHARS]).lower().translate(_FORMAL)
    return re.sub(r"(?<=\d),(?=\d{3})", "", norm)  # 2,500 -> 2500


def _numbers(text: str) -> list[tuple[int, int, float | None]]:
    """Every number in ``text`` as (start, end, value); value None when it is not one number."""
    found: list[tuple[int, int, float | None]] = []
    for m in _NUMBER.finditer(text):
        token = m.group(0)
        if all(ch in _CN_UNIT for ch in token) and token != "十":
            continue  # 万, 千万 alone
        if token[0] == "一" and len(token) == 1 and _WORD_AFTER.match(text, m.end()):
            continue  # 一下, 一起, 一些
        if _WORD_BEFORE.search(text[: m.start()]):
            continue  # 第一, 万一, 星期三
        value = _value(token)
        if value is not None and m.start() > 0 and text[m.start() - 1] in "-负":
            value = -value
        found.append((m.start(), m.end(), value))
    return found


def _value(token: str) -> float | None:
    if _PAIR.fullmatch(token) and abs(_CN_VALUE[token[0]] - _CN_VALUE[token[1]]) == 1:
        return None  # 三四 (个), 七八 (个): an estimate, not a number
    import cn2an  # imported on first use: it takes ≈0.4 s

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = cn2an.cn2an(token, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)
