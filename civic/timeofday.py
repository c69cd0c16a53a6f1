"""Time-of-day preferences in citizens' messages, and picking a one-hour slot for them.

``parse_time_preference`` reads a part of the day (上午/早上/早点 = morning, 下午/午后/晚点 =
afternoon) and a clock time (9点, 九点半, 十点一刻, 10点15分, 14:00, 14：00, 下午3点, the first
end of 9:00-10:00 or 9点到10点). Rules:

* A clock hour of 1–7 without a part of the day is read as afternoon (2点 -> 14:00): offices
  are closed at 2 am. 下午/晚上 add 12 hours to hours 1–11; 中午 1/2 点 -> 13:00/14:00.
* When only a clock time is given, ``period`` is inferred from it (before 12:00 morning,
  12:00–17:59 afternoon, else None).
* 中午 alone means ``clock=12:00`` with no period (lunch break; usually no slot fits), 晚上/
  傍晚 alone mean ``clock=18:00`` with no period. 凌晨 keeps the hour as said.
* 一点 after 早/晚/快/多 is "a bit", not one o'clock (早一点 = morning, 晚一点 = afternoon).

``pick_slot`` chooses among slot start times ("09:00", "14:00"; slots last one hour): the slot
that contains the clock time, else (no clock) the first slot in the period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import Literal

from civic.text import normalize_user_text

__all__ = ["TimePreference", "parse_time_preference", "pick_slot"]

Period = Literal["morning", "afternoon"]

_MAX_CHARS = 300
_CN_NUM = "零〇一二两三四五六七八九十"
_HOUR = rf"(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})"
_COLON_TIME = re.compile(r"(?<![\d.])(?P<h>\d{1,2})\s*:\s*(?P<m>\d{2})(?!\d)")
_CN_TIME = re.compile(
    rf"(?P<h>{_HOUR})\s*(?:点|时)(?:钟)?"
    rf"(?P<min>半|一刻|三刻|整|(?P<mm>\d{{1,2}}|[{_CN_NUM}]{{1,3}})分?)?"
)
_MORNING = re.compile(
    r"上午|早上|早晨|清早|一早|早点|早些|早一点|上半天|上班前|(?<![a-z])am(?![a-z])"
)
_AFTERNOON = re.compile(r"下午|午后|晚点|晚些|晚一点|下半天|(?<![a-z])pm(?![a-z])")
_NOON = re.compile(r"中午|正午|午饭|午休")
_EVENING = re.compile(r"晚上|傍晚|夜里|夜间|下班后")
_DAWN = re.compile(r"凌晨")
# "一点" meaning "a bit": 早一点, 快一点, 差一点...
_A_BIT_BEFORE = re.compile(r"[早晚快慢多少好近远差有]$")


@dataclass(frozen=True)
class TimePreference:
    """What the citizen said about the time of day.

    Attributes:
        period: ``"morning"`` or ``"afternoon"`` when said or implied by the clock time.
        clock: the exact time when one was given (24-hour).
    """

    period: Period | None
    clock: time | None


def parse_time_preference(text: str) -> TimePreference | None:
    """Read a time-of-day preference from ``text``; None when it names no time of day."""
    if not isinstance(text, str):
        return None
    norm = normalize_user_text(text[:_MAX_CHARS]).lower()
    if not norm:
        return None
    said: Period | None = None
    if _MORNING.search(norm):
        said = "morning"
    elif _AFTERNOON.search(norm):
        said = "afternoon"
    noon, evening = bool(_NOON.search(norm)), bool(_EVENING.search(norm))
    hm = _clock(norm)
    if hm is None:
        if said:
            return TimePreference(said, None)
        if noon:
            return TimePreference(None, time(12, 0))
        if evening:
            return TimePreference(None, time(18, 0))
        return None
    hour, minute = hm
    later = said == "afternoon" or evening
    bare_small = said is None and not noon and not _DAWN.search(norm) and 1 <= hour <= 7
    if (hour < 12 and later) or (noon and 1 <= hour <= 2) or bare_small:
        hour += 12
    if hour == 24 and minute == 0:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return TimePreference(said, None) if said else None
    clock = time(hour, minute)
    return TimePreference(said or _period_of(clock), clock)


def pick_slot(pref: TimePreference, starts: list[str], ends: list[str] | None = None) -> str | None:
    """The slot (start time string from ``starts``) that suits ``pref``, or None.

    With a clock time: the slot containing it (slots last one hour unless ``ends`` gives
    each slot's end, e.g. two-hour tomb-sweeping windows). Otherwise the earliest slot in
    the period (morning: before 12:00; afternoon: 12:00 to 17:59). Unreadable entries are
    skipped.
    """
    lengths = {
        s: _minutes(e) - _minutes(s)
        for s, e in zip(starts, ends or [], strict=False)
        if _slot_time(s) and _slot_time(e)
    }
    slots = sorted((t, s) for s in starts if (t := _slot_time(s)) is not None)
    if pref.clock is not None:
        wanted = pref.clock.hour * 60 + pref.clock.minute
        for start, label in slots:
            begin = start.hour * 60 + start.minute
            if begin <= wanted < begin + lengths.get(label, 60):
                return label
        return None
    if pref.period is None:
        return None
    for start, label in slots:
        if _period_of(start) == pref.period:
            return label
    return None


def _clock(text: str) -> tuple[int, int] | None:
    """(hour, minute) of the first clock time in ``text``, as written (not yet 24-hour)."""
    found: list[tuple[int, int, int]] = []  # (position, hour, minute)
    colon = _COLON_TIME.search(text)
    if colon:
        found.append((colon.start(), int(colon["h"]), int(colon["m"])))
    for m in _CN_TIME.finditer(text):
        if m["h"] == "一" and (
            _A_BIT_BEFORE.search(text[: m.start()]) or text.startswith(("儿", "点"), m.end())
        ):
            continue  # 早一点, 一点点: "a bit"
        hour, minute = _small_int(m["h"]), _minute(m["min"], m["mm"])
        if hour is not None and minute is not None:
            found.append((m.start(), hour, minute))
            break
    if not found:
        return None
    _, hour, minute = min(found)
    return hour, minute


def _minute(word: str | None, digits: str | None) -> int | None:
    if not word or word == "整":
        return 0
    if word == "半":
        return 30
    if word in ("一刻", "三刻"):
        return 15 if word == "一刻" else 45
    return _small_int(digits or "")


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}


def _small_int(token: str) -> int | None:
    """0–59 in digits or Chinese (九, 十, 十二, 二十, 三十五, 零五)."""
    if token.isdigit():
        return int(token)
    if not token:
        return None
    if "十" not in token:
        if all(ch in _DIGITS for ch in token) and len(token) <= 2:
            return int("".join(str(_DIGITS[ch]) for ch in token))
        return None
    tens, _, ones = token.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _DIGITS):
        return None
    if ones and ones not in _DIGITS:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _minutes(label: str) -> int:
    clock = _slot_time(label)
    return clock.hour * 60 + clock.minute if clock else 0


def _slot_time(label: str) -> time | None:
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*", label or "")
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return None
    return time(int(m[1]), int(m[2]))


def _period_of(clock: time) -> Period | None:
    if clock.hour < 12:
        return "morning"
    if clock.hour < 18:
        return "afternoon"
    return None
