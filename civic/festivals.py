"""Festival days and the peak periods around them, for tomb-sweeping (祭扫) reservations.

Cemeteries are busiest around four days: 清明 and 冬至 (solar terms), 重阳 (lunar 9/9) and
春节 (lunar 1/1). ``anchor_day("qingming", 2026)`` gives the day itself; a :class:`PeakRule`
configures a window around it (``days_before``/``days_after``, both inclusive), and
``peak_on(day, rules)`` tells whether a day falls in one of those windows, including a window
anchored in the neighbouring year (a 冬至 window running into January, a 春节 window starting
in December).

The calendar arithmetic (solar terms, lunar to solar dates) is computed with lunar-python, so
it works for every year in :data:`SUPPORTED_YEARS`, also far beyond the years chinese-calendar
has the State Council's holiday tables for. ``civic.dates`` uses the same functions to resolve
festival names in citizens' messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, get_args

__all__ = [
    "ANCHORS",
    "MAX_WINDOW_DAYS",
    "SOLAR_TERMS",
    "SUPPORTED_YEARS",
    "Anchor",
    "PeakPeriod",
    "PeakRule",
    "anchor_day",
    "lunar_to_solar",
    "lunar_year_of",
    "peak_on",
    "peak_period",
    "solar_term_day",
]

# Before 1582 lunar-python counts in the Julian calendar while ``datetime.date`` is Gregorian;
# far ahead the astronomy is meaningless for bookings. A typed year such as 0000 or 9999 gets a
# clean ValueError instead of a wrong day.
SUPPORTED_YEARS = range(1900, 3000)

# Each side of a window is capped so that the windows of one anchor in consecutive years never
# overlap (春节 moves by up to 30 days; two anchors are at least 353 days apart).
MAX_WINDOW_DAYS = 90

Anchor = Literal["qingming", "chongyang", "dongzhi", "chunjie"]
ANCHORS: tuple[Anchor, ...] = get_args(Anchor)

# The 24 solar terms in the order they fall in a Gregorian year.
SOLAR_TERMS = (
    "小寒", "大寒", "立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至",
    "小暑", "大暑", "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至",
)  # fmt: skip

# lunar-python's 节气 table spans more than a year; the terms of the next cycle are keyed in
# pinyin (the Chinese key is the earlier occurrence).
_TERM_KEYS = {
    "DA_XUE": "大雪",
    "DONG_ZHI": "冬至",
    "XIAO_HAN": "小寒",
    "DA_HAN": "大寒",
    "LI_CHUN": "立春",
    "YU_SHUI": "雨水",
    "JING_ZHE": "惊蛰",
}


def _check_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or year not in SUPPORTED_YEARS:
        raise ValueError(
            f"year {year!r} outside {SUPPORTED_YEARS.start}-{SUPPORTED_YEARS.stop - 1}"
        )


# --------------------------------------------------------------------------- calendars


@lru_cache(maxsize=512)
def solar_term_day(year: int, name: str) -> date:
    """The day (China time) on which solar term ``name`` falls in Gregorian ``year``.

    Every term falls exactly once in a Gregorian year: ``solar_term_day(2026, "清明")`` ->
    2026-04-05, ``solar_term_day(2026, "冬至")`` -> 2026-12-22.

    Args:
        year: a Gregorian year in :data:`SUPPORTED_YEARS`.
        name: one of :data:`SOLAR_TERMS` in simplified Chinese (清明, 冬至...).

    Raises:
        ValueError: unknown term name or unsupported year.
    """
    _check_year(year)
    if name not in SOLAR_TERMS:
        raise ValueError(f"unknown solar term {name!r}")
    from lunar_python import Solar  # imported on first use, like civic.dates does

    for probe_year in (year, year + 1):
        table = Solar.fromYmd(probe_year, 6, 1).getLunar().getJieQiTable()
        for key, solar in table.items():
            if _TERM_KEYS.get(key, key) == name and solar.getYear() == year:
                return date(solar.getYear(), solar.getMonth(), solar.getDay())
    raise ValueError(f"no {name} found in {year}")  # pragma: no cover - lunar-python gap


@lru_cache(maxsize=512)
def lunar_to_solar(lunar_year: int, month: int, day: int) -> date | None:
    """The Gregorian day of ``day`` in ordinary (non-leap) lunar ``month`` of ``lunar_year``.

    ``lunar_to_solar(2026, 1, 1)`` -> 2026-02-17 (春节). ``day`` 0 means the month's last day
    (29th or 30th): ``lunar_to_solar(2026, 12, 0)`` is 除夕 of lunar year 2026, 2027-02-05.

    Returns:
        The day, or None when that lunar month has no such day (the 30th of a 29-day month).

    Raises:
        ValueError: ``lunar_year`` outside :data:`SUPPORTED_YEARS`, ``month`` outside 1-12 or
            ``day`` outside 0-30.
    """
    _check_year(lunar_year)
    if not 1 <= month <= 12 or not 0 <= day <= 30:
        raise ValueError(f"no lunar month/day {month}/{day}")
    from lunar_python import Lunar, LunarYear

    try:
        if day == 0:
            day = LunarYear.fromYear(lunar_year).getMonth(month).getDayCount()
        solar = Lunar.fromYmd(lunar_year, month, day).getSolar()
    except Exception:  # lunar-python raises bare Exception for days a month lacks
        return None
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=256)
def lunar_year_of(day: date) -> int:
    """The lunar year ``day`` belongs to: it starts on 春节 (2026-02-16 -> 2025, 02-17 -> 2026).

    Raises:
        ValueError: ``day`` outside :data:`SUPPORTED_YEARS`.
    """
    _check_year(day.year)
    from lunar_python import Solar

    return int(Solar.fromYmd(day.year, day.month, day.day).getLunar().getYear())


def anchor_day(anchor: Anchor, year: int) -> date:
    """The day of ``anchor`` in Gregorian ``year``.

    ``qingming`` (清明, solar term, 4-6 April), ``chongyang`` (重阳, lunar 9/9, October or
    November), ``dongzhi`` (冬至, solar term, 21-23 December), ``chunjie`` (春节, lunar 1/1,
    21 January - 20 February). Each falls exactly once in every Gregorian year.

    Raises:
        ValueError: unknown anchor or unsupported year.
    """
    if anchor == "qingming":
        return solar_term_day(year, "清明")
    if anchor == "dongzhi":
        return solar_term_day(year, "冬至")
    if anchor in ("chongyang", "chunjie"):
        month_day = (9, 9) if anchor == "chongyang" else (1, 1)
        # Lunar year N starts within Gregorian year N, so its 1/1 and 9/9 both fall in it.
        solar = lunar_to_solar(year, *month_day)
        if solar is None:  # pragma: no cover - every lunar month has a 1st and a 9th
            raise ValueError(f"no {anchor} in {year}")
        return solar
    raise ValueError(f"unknown anchor {anchor!r}; expected one of {', '.join(ANCHORS)}")


# --------------------------------------------------------------------------- peak periods


@dataclass(frozen=True)
class PeakRule:
    """A configured peak window around an anchor day.

    Attributes:
        name: what citizens and staff see, e.g. ``"清明祭扫高峰"``.
        anchor: ``qingming``, ``chongyang``, ``dongzhi`` or ``chunjie``.
        days_before: days before the anchor day that belong to the period (0 to
            :data:`MAX_WINDOW_DAYS`).
        days_after: days after the anchor day that belong to it (same bounds).

    Raises:
        ValueError: empty name, unknown anchor, or a window that is negative, not a whole
            number of days or longer than :data:`MAX_WINDOW_DAYS`.
    """

    name: str
    anchor: Anchor
    days_before: int
    days_after: int

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a peak rule needs a name")
        if self.anchor not in ANCHORS:
            raise ValueError(f"unknown anchor {self.anchor!r}; expected one of {ANCHORS}")
        for field_name in ("days_before", "days_after"):
            days = getattr(self, field_name)
            if isinstance(days, bool) or not isinstance(days, int):
                raise ValueError(f"{field_name} must be a whole number of days, not {days!r}")
            if not 0 <= days <= MAX_WINDOW_DAYS:
                raise ValueError(f"{field_name} must be 0-{MAX_WINDOW_DAYS}, not {days}")


@dataclass(frozen=True)
class PeakPeriod:
    """One year's peak period: ``start`` to ``end``, both days included.

    Attributes:
        name: the rule's name.
        anchor_day: the festival day the period is built around.
        start: first day of the period.
        end: last day of the period.
    """

    name: str
    anchor_day: date
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        """``day in period``: True when ``day`` lies between ``start`` and ``end``."""
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day <= self.end


def peak_period(rule: PeakRule, year: int) -> PeakPeriod:
    """The period of ``rule`` around its anchor day in Gregorian ``year``.

    The period may begin or end in a neighbouring year: 冬至 2026 with ``days_after=14`` ends
    on 2027-01-05.

    Raises:
        ValueError: ``year`` outside :data:`SUPPORTED_YEARS`.
    """
    anchor = anchor_day(rule.anchor, year)
    return PeakPeriod(
        name=rule.name,
        anchor_day=anchor,
        start=anchor - timedelta(days=rule.days_before),
        end=anchor + timedelta(days=rule.days_after),
    )


def peak_on(day: date, rules: Iterable[PeakRule]) -> PeakPeriod | None:
    """The peak period ``day`` falls in, or None on an ordinary day.

    Periods anchored in the year before or after ``day`` count too (2027-01-03 is in the 冬至
    2026 period when it runs 14 days after). When the periods of several rules contain the day,
    the first rule in ``rules`` wins.

    Raises:
        ValueError: ``day`` outside :data:`SUPPORTED_YEARS`.
    """
    if isinstance(day, datetime):
        day = day.date()
    _check_year(day.year)
    for rule in rules:
        for year in (day.year - 1, day.year, day.year + 1):
            if year not in SUPPORTED_YEARS:
                continue
            period = peak_period(rule, year)
            if day in period:
                return period
    return None
