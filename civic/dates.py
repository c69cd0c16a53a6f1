"""Chinese day expressions in citizens' messages, resolved to one calendar day.

``parse_day(text, today)`` finds the first day expression in ``text`` and resolves it against
``today`` (always passed in, never read from the clock); ``find_day`` does the same but returns
``None`` instead of raising. Input is normalised first (full-width to half-width, traditional
to simplified characters, spaces next to Chinese characters removed), so ``下週三``,
``１２月１号`` and ``12 月 1 号`` work; ``matched`` is the expression as normalised.

Supported expressions (resolved by this module's own rules):

* relative days: 今天/今日, 明天/明日, 后天, 大后天, 大大后天; 昨天/前天/大前天 (-> ``past``);
  ``N天后`` / ``N周后`` (三天后, 2个星期以后).
* weekdays (weeks start on Monday): 下周三, 下星期五, 下个礼拜一, 下下周一, 这周五/本周五
  (this week; already gone -> ``past``), 上周三 (-> ``past``), and a bare 周一/星期天, which
  means the next such day *strictly after* today (said on a Monday, 周一 is a week later).
* solar dates: 2026-12-08, 2026/12/08, 2026.12.08, 20261208, 2026年12月8日, 二〇二六年十二月八日,
  明年5月20号; without a year: 12月1号/12月1日/十二月八号, 12/1, 12.1, 5.20, and a bare
  520 / 0520 / 1201 (month + day digits, only when the message is essentially that number or
  it is followed by 那天/当天/领证/登记). Days of the month: 3号/三号 (this month if not yet gone,
  else the next month that has that day), 下个月3号, 这个月15号.
* lunar dates (农历/阴历/旧历, or a lunar-only month name 正月/冬月/腊月, or a day 初X/廿X):
  农历九月初九, 农历七月初七, 正月十五, 腊月二十三.
* festivals (``festival`` is set to the canonical name): 元旦, 情人节, 劳动节, 520, 国庆节,
  春节, 元宵节, 端午节, 七夕, 中元节, 中秋节, 重阳节, 寒衣节, 腊八节, 小年, 除夕 (lunar ones via
  lunar-python), 清明节 and 冬至 (solar terms from lunar-python's 节气 table). A year prefix
  is allowed: 明年清明, 2027年七夕. ``520`` and ``5.20`` carry festival ``"520"``;
  ``5月20号`` carries none.
* anything else dated that jionlp understands (e.g. 12月第一个周一, 下下个星期三) through
  ``jionlp.ner.extract_time`` as a fallback, with the same roll-forward rule.

A day given without a year that has already passed this year moves to its next occurrence
(``rolled_forward=True`` when that lands in a later year; for lunar days: a later lunar year).
A day with an explicit year, or a relative one, that lies before ``today`` is ``past``.
Periods (下周, 这周, 周末, 下个月, 月底, 月初, 12月份, 上旬, 明年, "12月1号到3号") raise ``range``;
days more than two years ahead raise ``too_far``. When a message names several days, the one
after 改成/改到/换成 wins, then the first one not negated (明天不行，后天吧 -> 后天).
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from civic.festivals import SUPPORTED_YEARS, lunar_to_solar, lunar_year_of, solar_term_day
from civic.text import normalize_user_text

__all__ = [
    "DateParseError",
    "ParsedDay",
    "find_day",
    "format_day",
    "parse_day",
    "warm_up",
    "weekday_zh",
]

# Only the start of a message is scanned; jionlp sees short texts only.
_MAX_CHARS = 500
_JIONLP_MAX_CHARS = 60
_MAX_YEARS_AHEAD = 2

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class DateParseError(ValueError):
    """No single bookable day could be read; ``code`` says why.

    Codes: ``empty`` (nothing typed), ``not_a_date`` (no day expression, or an impossible day
    such as 2月30日), ``past`` (the day is before today), ``range`` (a period such as 下周,
    下个月, 月底 rather than one day), ``too_far`` (more than two years ahead).
    """

    def __init__(self, code: str, matched: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.matched = matched


@dataclass(frozen=True)
class ParsedDay:
    """One resolved day.

    Attributes:
        day: the calendar day.
        matched: the expression found (after normalisation), e.g. ``"下周三"``.
        rolled_forward: True when no year was given and this year's occurrence had passed, so
            the day was moved to a later year.
        festival: the festival's canonical name when the citizen named one (``"七夕"``,
            ``"520"``, ``"清明节"``, ``"重阳节"``, ``"冬至"``...), else None.
    """

    day: date
    matched: str
    rolled_forward: bool = False
    festival: str | None = None


def weekday_zh(day: date) -> str:
    """``date(2026, 11, 24)`` -> ``"星期二"``."""
    return _WEEKDAYS_ZH[day.weekday()]


def format_day(day: date) -> str:
    """``date(2026, 11, 24)`` -> ``"2026年11月24日（星期二）"``."""
    return f"{day.year}年{day.month}月{day.day}日（{weekday_zh(day)}）"


def find_day(text: str, today: date) -> ParsedDay | None:
    """The day named inside a longer message, or None when there is no usable one.

    Past days, periods and days too far ahead also give None; call :func:`parse_day` to learn
    which of those it was.
    """
    try:
        return parse_day(text, today)
    except DateParseError:
        return None


def parse_day(text: str, today: date) -> ParsedDay:
    """Resolve the day named in ``text`` relative to ``today``.

    Raises:
        DateParseError: ``code`` is ``empty``, ``not_a_date``, ``past``, ``range`` or
            ``too_far``.
    """
    if not isinstance(text, str):
        raise DateParseError("empty")
    if isinstance(today, datetime):
        today = today.date()
    norm = _normalise(text[:_MAX_CHARS])
    if not norm:
        raise DateParseError("empty")
    cand = _pick(list(_scan(norm, today)), norm)
    if cand is None:
        weekend = _WEEKEND.search(norm)  # jionlp reads 周末 as Sunday
        if weekend:
            raise DateParseError("range", weekend.group(0))
        cand = _jionlp_candidate(norm, today)
    if cand is None:
        period = _RANGE.search(norm)
        if period:
            raise DateParseError("range", period.group(0))
        raise DateParseError("not_a_date")
    if cand.error:
        raise DateParseError(cand.error, cand.matched)
    if _RANGE_CONNECTOR.match(norm, cand.end):
        raise DateParseError("range", cand.matched)
    if cand.day is None:
        raise DateParseError("not_a_date", cand.matched)
    if cand.day < today:
        raise DateParseError("past", cand.matched)
    if cand.day > _add_years(today, _MAX_YEARS_AHEAD):
        raise DateParseError("too_far", cand.matched)
    return ParsedDay(cand.day, cand.matched, cand.rolled, cand.festival)


def warm_up() -> None:
    """Load jionlp, OpenCC and lunar-python now (≈1 s) so a citizen's first message is fast.

    Optional: a long-running process (action server, backend) may call it at start-up.
    """
    for phrase in ("七夕", "清明", "12月第一个周一"):
        find_day(phrase, date(2026, 1, 1))


# --------------------------------------------------------------------------- normalisation

_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")
_FORMAL_DIGITS = str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")


def _normalise(text: str) -> str:
    norm = normalize_user_text(text).lower().translate(_FORMAL_DIGITS)
    return _SPACE_NEAR_CJK.sub("", norm)


_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}


def _cn_int(token: str) -> int | None:
    """Small numbers as written in dates: 12, 十二, 廿三, 三十一, 二〇二六 (read digit-wise)."""
    if token.isdigit():
        return int(token)
    if token.startswith("初"):
        token = token[1:]
    token = token.replace("廿", "二十").replace("卅", "三十")
    if token and all(ch in _CN_DIGITS for ch in token):
        if len(token) == 1 or len(token) == 4:
            return int("".join(str(_CN_DIGITS[ch]) for ch in token))
        return None
    if token.count("十") == 1:
        tens, _, ones = token.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        high = _CN_DIGITS.get(tens, -1) if tens else 1
        low = _CN_DIGITS.get(ones, -1) if ones else 0
        if high < 1 or low < 0:
            return None
        return high * 10 + low
    return None


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    matched: str
    day: date | None = None
    rolled: bool = False
    festival: str | None = None
    error: str | None = None


_NUM_D = r"(?:\d{1,2}|[一二三四五六七八九十廿卅]{1,3})"
_NUM_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR = r"(?:(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年|(?P<ry>今|明|后|去|前)年)"

_REL_DAYS = {
    "大大后天": 4, "大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明儿": 1,
    "今天": 0, "今日": 0, "今儿": 0, "昨天": -1, "昨日": -1, "前天": -2, "大前天": -3,
}  # fmt: skip
_REL_DAY_RE = re.compile("|".join(sorted(_REL_DAYS, key=len, reverse=True)))
_AFTER_N_RE = re.compile(rf"(?P<n>{_NUM_D}|两)(?P<unit>天|日|个?(?:周|星期|礼拜))(?:以后|之后|后)")
_WEEKDAY_RE = re.compile(
    r"(?<![0-9一二两三四五六七八九十每个第])"
    r"(?P<rel>下下个?|下个?|上上个?|上个?|这个?|本)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])"
)
_WD_INDEX = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_YMD_RE = re.compile(
    r"(?<![\d.])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.])"
)
_YMD8_RE = re.compile(r"(?<!\d)(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_MONTH_DAY_RE = re.compile(
    rf"{_YEAR}?(?<![\d十])(?P<m>{_NUM_M})月份?(?P<d>{_NUM_D})(?:日|号)?(?![\d十])"
)
_SLASH_MD_RE = re.compile(
    r"(?<![\d./:-])(?P<m>\d{1,2})(?P<sep>[/.])(?P<d>\d{1,2})"
    r"(?![\d./:%]|\s*(?:万|千|百|元|块|个|人|岁|斤|公斤|米|小时|点|分|倍|年))"
)
_BARE_MD_RE = re.compile(r"(?<![\d.])(?P<num>\d{3,4})(?=那天|这天|当天|那日|领证|登记)")
_BARE_MD_WHOLE_RE = re.compile(
    r"(?:就|选|定|约|要|改成|改到|我想|我要)*(?P<num>\d{3,4})(?:号|日)?(?:那天|这天|当天)?"
    r"(?:吧|的|啊|呀)?[\s,，。.!！?？~]*"
)
_DAY_ONLY = re.compile(rf"{_NUM_D}(?:号|日)")
_PLACE_SUFFIX = r"楼|线|窗|门|馆|厅|房|室|院|车|位|床|游|栋|单元|号?口"
_MONTH_DAY_ONLY_RE = re.compile(
    rf"(?<![\d月])(?P<rel>下下个?月|下个?月|这个?月|本月|上个?月)?(?P<d>{_NUM_D})(?:号|日)"
    rf"(?!{_PLACE_SUFFIX})"
)
_LUNAR_RE = re.compile(
    r"(?:(?P<ry>今|明|后|去)年)?(?P<pre>农历|阴历|旧历)?"
    r"(?<![\d十])(?P<m>正|腊|冬|1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
    r"(?P<d>初[一二三四五六七八九十]|廿[一二三四五六七八九]?|[二三]?十[一二三四五六七八九]?"
    r"|[一二三四五六七八九]|\d{1,2})(?:日|号)?(?![\d十])"
)

# Festivals: alias -> (canonical name, kind, data). Kinds: solar (month, day), lunar
# (month, day; day 0 = last day of the month), term (solar-term name, see civic.festivals).
_FESTIVALS: dict[str, tuple[str, str, tuple[Any, ...]]] = {
    "元旦节": ("元旦", "solar", (1, 1)),
    "元旦": ("元旦", "solar", (1, 1)),
    "情人节": ("情人节", "solar", (2, 14)),
    "五一劳动节": ("劳动节", "solar", (5, 1)),
    "劳动节": ("劳动节", "solar", (5, 1)),
    "国庆节": ("国庆节", "solar", (10, 1)),
    "国庆": ("国庆节", "solar", (10, 1)),
    "春节": ("春节", "lunar", (1, 1)),
    "大年初一": ("春节", "lunar", (1, 1)),
    "元宵节": ("元宵节", "lunar", (1, 15)),
    "元宵": ("元宵节", "lunar", (1, 15)),
    "端午节": ("端午节", "lunar", (5, 5)),
    "端午": ("端午节", "lunar", (5, 5)),
    "七夕节": ("七夕", "lunar", (7, 7)),
    "七夕": ("七夕", "lunar", (7, 7)),
    "中元节": ("中元节", "lunar", (7, 15)),
    "中秋节": ("中秋节", "lunar", (8, 15)),
    "中秋": ("中秋节", "lunar", (8, 15)),
    "重阳节": ("重阳节", "lunar", (9, 9)),
    "重阳": ("重阳节", "lunar", (9, 9)),
    "寒衣节": ("寒衣节", "lunar", (10, 1)),
    "腊八节": ("腊八节", "lunar", (12, 8)),
    "腊八": ("腊八节", "lunar", (12, 8)),
    "小年": ("小年", "lunar", (12, 23)),
    "除夕": ("除夕", "lunar", (12, 0)),
    "大年三十": ("除夕", "lunar", (12, 0)),
    "年三十": ("除夕", "lunar", (12, 0)),
    "清明节": ("清明节", "term", ("清明",)),
    "清明": ("清明节", "term", ("清明",)),
    "冬至": ("冬至", "term", ("冬至",)),
}
_FESTIVAL_RE = re.compile(
    rf"{_YEAR}?(?P<name>{'|'.join(sorted(_FESTIVALS, key=len, reverse=True))})"
)
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}

_RANGE = re.compile(
    r"(?:下下|下|这|本|上)?个?(?:周|星期|礼拜)末?|(?:下下|下|这|本|上)个?月|"
    r"月[底初中末]|年[底初中末]|[上中下]旬|(?:今|明|后)年|过几天|改天|最近|近期|这几天|"
    r"节假日|"
    rf"(?<![\d十]){_NUM_M}月份?(?!第)"
)
_WEEKEND = re.compile(r"(?:下下|下|这|本|上)?个?(?:周|星期|礼拜)末")
_RANGE_CONNECTOR = re.compile(r"\s*(?:到|至|~|-|—|－)\s*[\d一二三四五六七八九十廿下这本周星礼明后]")
_PREFERRED = re.compile(r"(?:改成|改到|改为|换成|换到|调到|调整到|推到|定在|约在)$")
_NEGATED_BEFORE = re.compile(r"(?:不是|不要|不在|别)$")
_NEGATED_AFTER = re.compile(
    r"(?:的话)?(?:不行|不可以|不方便|没空|没时间|不要|不去|不太行|不合适|有事)"
)
_DATEISH = re.compile(r"[天日号周期拜月年节夕旦]|\d+[-/.]\d+")


def _pick(cands: list[_Cand], text: str) -> _Cand | None:
    """Choose among the expressions found: an explicit change target, else the first one
    not negated, else the first."""
    if not cands:
        return None
    for cand in cands:
        if _PREFERRED.search(text[max(0, cand.start - 3) : cand.start]):
            return cand
    for cand in cands:
        negated = _NEGATED_BEFORE.search(text[max(0, cand.start - 2) : cand.start])
        if not negated and not _NEGATED_AFTER.match(text, cand.end):
            return cand
    return cands[0]


def _scan(text: str, today: date) -> Iterator[_Cand]:
    """Every day expression in ``text``, left to right, non-overlapping (longest wins)."""
    found: list[_Cand] = []
    for finder in _FINDERS:
        found.extend(finder(text, today))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    last_end = -1
    for cand in found:
        if cand.start >= last_end:
            last_end = cand.end
            yield cand


def _err(m: re.Match[str], code: str) -> _Cand:
    return _Cand(m.start(), m.end(), m.group(0), error=code)


def _ok(m: re.Match[str], day: date, rolled: bool = False, festival: str | None = None) -> _Cand:
    return _Cand(m.start(), m.end(), m.group(0), day=day, rolled=rolled, festival=festival)


def _find_relative(text: str, today: date) -> Iterator[_Cand]:
    for m in _REL_DAY_RE.finditer(text):
        yield _ok(m, today + timedelta(days=_REL_DAYS[m.group(0)]))
    for m in _AFTER_N_RE.finditer(text):
        n = 2 if m.group("n") == "两" else _cn_int(m.group("n"))
        if n is None:
            continue
        per = 1 if m.group("unit") in ("天", "日") else 7
        yield _ok(m, today + timedelta(days=n * per))


def _find_weekday(text: str, today: date) -> Iterator[_Cand]:
    monday = today - timedelta(days=today.weekday())
    for m in _WEEKDAY_RE.finditer(text):
        wd_char = m.group("wd")
        wd = int(wd_char) - 1 if wd_char.isdigit() else _WD_INDEX[wd_char]
        rel = (m.group("rel") or "").rstrip("个")
        if not rel:
            ahead = (wd - today.weekday()) % 7 or 7  # strictly after today
            yield _ok(m, today + timedelta(days=ahead))
            continue
        weeks = {"下下": 2, "下": 1, "这": 0, "本": 0, "上": -1, "上上": -2}[rel]
        yield _ok(m, monday + timedelta(weeks=weeks, days=wd))


def _year_from(m: re.Match[str], today: date) -> int | None:
    """The year a match names explicitly (2026年, 明年...), or None."""
    if m.group("ry"):
        return today.year + {"今": 0, "明": 1, "后": 2, "去": -1, "前": -2}[m.group("ry")]
    if "y" in m.re.groupindex and m.group("y"):
        return _cn_int(m.group("y"))
    return None


def _solar_cand(
    m: re.Match[str], today: date, year: int | None, month: int | None, day: int | None,
    festival: str | None = None,
) -> _Cand:  # fmt: skip
    if month is None or day is None:
        return _err(m, "not_a_date")
    if year is not None:
        try:
            return _ok(m, date(year, month, day), festival=festival)
        except ValueError:
            return _err(m, "not_a_date")
    nxt = _next_month_day(today, month, day)
    if nxt is None:
        return _err(m, "not_a_date")
    return _ok(m, nxt, rolled=nxt.year > today.year, festival=festival)


def _find_solar(text: str, today: date) -> Iterator[_Cand]:
    for regex in (_YMD_RE, _YMD8_RE):
        for m in regex.finditer(text):
            yield _solar_cand(m, today, int(m["y"]), int(m["m"]), int(m["d"]))
    for m in _MONTH_DAY_RE.finditer(text):
        yield _solar_cand(m, today, _year_from(m, today), _cn_int(m["m"]), _cn_int(m["d"]))
    for m in _SLASH_MD_RE.finditer(text):
        festival = "520" if (m["m"], m["sep"], m["d"]) == ("5", ".", "20") else None
        yield _solar_cand(m, today, None, int(m["m"]), int(m["d"]), festival)
    bare = list(_BARE_MD_RE.finditer(text))
    whole = _BARE_MD_WHOLE_RE.fullmatch(text)
    if whole:
        bare.append(whole)
    for m in bare:
        month_day = _bare_month_day(m["num"])
        if month_day is None:
            yield _Cand(m.start("num"), m.end("num"), m["num"], error="not_a_date")
            continue
        festival = "520" if m["num"] == "520" else None
        cand = _solar_cand(m, today, None, *month_day, festival=festival)
        yield _Cand(m.start("num"), m.end("num"), m["num"], cand.day, cand.rolled, festival,
                    cand.error)  # fmt: skip


def _bare_month_day(num: str) -> tuple[int, int] | None:
    """520 -> (5, 20); 0520/1201 -> MMDD; 3 digits must read one way only (121 is ambiguous)."""
    options: list[tuple[int, int]] = []
    if len(num) == 4:
        options.append((int(num[:2]), int(num[2:])))
    else:
        if num[1] != "0":
            options.append((int(num[0]), int(num[1:])))
        options.append((int(num[:2]), int(num[2])))
    valid = [(mo, d) for mo, d in options if _is_month_day(mo, d)]
    return valid[0] if len(valid) == 1 else None


def _is_month_day(month: int, day: int) -> bool:
    try:
        date(2028, month, day)  # a leap year: 2月29日 is a real day
    except ValueError:
        return False
    return True


def _find_month_day_only(text: str, today: date) -> Iterator[_Cand]:
    for m in _MONTH_DAY_ONLY_RE.finditer(text):
        day = _cn_int(m["d"])
        if day is None or not 1 <= day <= 31:
            yield _err(m, "not_a_date")
            continue
        rel = (m["rel"] or "").replace("个", "")
        if rel:
            offset = {"下下月": 2, "下月": 1, "这月": 0, "本月": 0, "上月": -1}[rel]
            year, month = _shift_month(today.year, today.month, offset)
            try:
                yield _ok(m, date(year, month, day))
            except ValueError:
                yield _err(m, "not_a_date")
            continue
        year, month = today.year, today.month
        for _ in range(13):
            try:
                candidate = date(year, month, day)
            except ValueError:
                candidate = None
            if candidate is not None and candidate >= today:
                yield _ok(m, candidate, rolled=candidate.year > today.year)
                break
            year, month = _shift_month(year, month, 1)


def _find_lunar(text: str, today: date) -> Iterator[_Cand]:
    for m in _LUNAR_RE.finditer(text):
        month_txt, day_txt = m["m"], m["d"]
        lunar = m["pre"] or month_txt in _LUNAR_MONTHS or day_txt[0] in "初廿"
        if not lunar:
            continue
        month = _LUNAR_MONTHS.get(month_txt) or _cn_int(month_txt)
        day = _cn_int(day_txt)
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 30):
            yield _err(m, "not_a_date")
            continue
        yield _lunar_cand(m, today, _year_from(m, today), month, day, None)


def _find_festival(text: str, today: date) -> Iterator[_Cand]:
    for m in _FESTIVAL_RE.finditer(text):
        name, kind, data = _FESTIVALS[m["name"]]
        year = _year_from(m, today)
        if kind == "solar":
            yield _solar_cand(m, today, year, data[0], data[1], festival=name)
        elif kind == "lunar":
            yield _lunar_cand(m, today, year, data[0], data[1], name)
        else:
            yield _term_cand(m, today, year, data[0], name)


_FINDERS: tuple[Callable[[str, date], Iterator[_Cand]], ...] = (
    _find_relative,
    _find_weekday,
    _find_solar,
    _find_month_day_only,
    _find_lunar,
    _find_festival,
)


# --------------------------------------------------------------------------- calendars


def _lunar_cand(
    m: re.Match[str], today: date, year: int | None, month: int, day: int, festival: str | None
) -> _Cand:
    """Lunar ``month``/``day`` (day 0 = the month's last day): in solar ``year`` when given,
    else the next occurrence on or after ``today``."""
    if year is not None:
        if year not in SUPPORTED_YEARS:
            return _unsupported_year(m, year)
        for lunar_year in (year - 1, year):
            if lunar_year not in SUPPORTED_YEARS:
                continue
            solar = lunar_to_solar(lunar_year, month, day)
            if solar is not None and solar.year == year:
                return _ok(m, solar, festival=festival)
        return _err(m, "not_a_date")
    this_lunar_year = lunar_year_of(today)
    for lunar_year in range(this_lunar_year, this_lunar_year + 4):
        solar = lunar_to_solar(lunar_year, month, day)
        if solar is not None and solar >= today:
            return _ok(m, solar, rolled=lunar_year > this_lunar_year, festival=festival)
    return _err(m, "not_a_date")


def _term_cand(m: re.Match[str], today: date, year: int | None, term: str, festival: str) -> _Cand:
    """A solar term (清明, 冬至): in ``year`` when given, else the next on or after today."""
    if year is not None and year not in SUPPORTED_YEARS:
        return _unsupported_year(m, year)
    years = [year] if year is not None else list(range(today.year, today.year + 3))
    for y in years:
        solar = solar_term_day(y, term)
        if year is not None or solar >= today:
            return _ok(m, solar, rolled=year is None and y > today.year, festival=festival)
    return _err(m, "not_a_date")


def _unsupported_year(m: re.Match[str], year: int) -> _Cand:
    """A lunar day or solar term in a year civic.festivals cannot compute (9999年清明)."""
    if year >= SUPPORTED_YEARS.stop:
        return _err(m, "too_far")
    return _err(m, "past" if year >= 1 else "not_a_date")


def _next_month_day(today: date, month: int, day: int) -> date | None:
    """The next ``month``/``day`` on or after ``today`` (2月29日 waits for a leap year)."""
    for year in range(today.year, today.year + 5):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 Feb
        return day.replace(year=day.year + years, day=28)


# --------------------------------------------------------------------------- jionlp fallback

_JIO_LOCK = threading.Lock()
_jio_module: Any = None
_jio_failed = False


def _jionlp() -> Any:
    """Import jionlp on first use (≈0.5 s; it prints a banner, which is swallowed)."""
    global _jio_module, _jio_failed
    with _JIO_LOCK:
        if _jio_module is None and not _jio_failed:
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    import jionlp

                _jio_module = jionlp
            except Exception:
                _jio_failed = True
        return _jio_module


def _jionlp_candidate(text: str, today: date) -> _Cand | None:
    """Ask jionlp for a dated expression this module's rules do not know."""
    if len(text) > _JIONLP_MAX_CHARS or not _DATEISH.search(text):
        return None
    jio = _jionlp()
    if jio is None:
        return None
    base = {"year": today.year, "month": today.month, "day": today.day, "hour": 12}
    try:
        with _JIO_LOCK, contextlib.redirect_stdout(io.StringIO()):
            entities = jio.ner.extract_time(text, time_base=base, with_parsing=True)
    except Exception:  # jionlp raises ValueError and others on odd input
        return None
    for ent in entities or []:
        matched = str(ent.get("text", ""))
        detail = ent.get("detail") or {}
        if not _DATEISH.search(matched) or detail.get("type") not in ("time_point", "time_span"):
            continue
        start_end = detail.get("time") or []
        try:
            start = datetime.strptime(start_end[0], "%Y-%m-%d %H:%M:%S").date()
            end = datetime.strptime(start_end[1], "%Y-%m-%d %H:%M:%S").date()
        except (IndexError, TypeError, ValueError):  # 'inf' ends and the like
            return _Cand(0, len(text), matched, error="range")
        offset = max(text.find(matched), 0)
        if re.match(_PLACE_SUFFIX, text[offset + len(matched) :]) or _DAY_ONLY.fullmatch(matched):
            continue  # 3号楼, or a 1号 the rules above refused (13月1号)
        if start != end:
            return _Cand(offset, offset + len(matched), matched, error="range")
        rolled = False
        yearless = not re.search(r"年|昨|前天|上个?(?:周|星期|礼拜|月)", matched)
        if start < today and yearless and re.search(r"月|节|夕|旦", matched):
            nxt = _next_month_day(today, start.month, start.day)
            if nxt is not None:
                start, rolled = nxt, nxt.year > today.year
        return _Cand(offset, offset + len(matched), matched, day=start, rolled=rolled)
    return None
