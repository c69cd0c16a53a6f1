"""Which days take reservations, which are peak days, and with what quota: pure rules.

Cemeteries are open every day, public holidays included; a day is closed for booking only
when it lies outside the booking window (tomorrow .. today + TOMB_BOOKING_DAYS). Peak periods
(清明, 重阳, 冬至, 春节) come from :mod:`civic.festivals`, computed for any year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from backend.tomb_sweeping import messages
from backend.tomb_sweeping.sample_data import ScheduleConfig
from backend.window import BookingWindow
from civic.festivals import PeakPeriod, peak_on

ClosedReason = Literal["outside_window"]


@dataclass(frozen=True)
class DayInfo:
    """Whether a day takes reservations (and why not), and the peak period it is in."""

    day: date
    open: bool
    closed_reason: ClosedReason | None
    message: str | None
    peak: PeakPeriod | None


class Schedule:
    """Booking window, daily time windows and peak periods of the tomb-sweeping service."""

    def __init__(self, config: ScheduleConfig, booking_days: int) -> None:
        self.config = config
        self.booking_days = booking_days

    @property
    def window_times(self) -> tuple[tuple[str, str], ...]:
        """(start, end) of every time window of a day."""
        return self.config.windows

    def end_time(self, start: str) -> str | None:
        """The end of the window starting at ``start`` (None when there is none)."""
        return dict(self.config.windows).get(start)

    def window(self, today: date) -> BookingWindow:
        """Tomorrow .. today + booking_days."""
        return BookingWindow.ahead(today, self.booking_days)

    def peak(self, day: date) -> PeakPeriod | None:
        """The configured peak period ``day`` falls in, or None on an ordinary day."""
        try:
            return peak_on(day, self.config.peaks)
        except ValueError:  # a year lunar-python does not cover: no known peak
            return None

    def day_info(self, day: date, today: date) -> DayInfo:
        """Decide whether ``day`` takes reservations when asked on ``today``."""
        peak = self.peak(day)
        window = self.window(today)
        if window.contains(day):
            return DayInfo(day, True, None, None, peak)
        if day < window.first:
            message = messages.too_early(window.first, window.last)
        else:
            message = messages.not_yet_open(
                day, peak, window.opens_on(day), window.first, window.last
            )
        return DayInfo(day, False, "outside_window", message, peak)


def window_quota(peak_quota: int, off_peak_quota: int, peak: PeakPeriod | None) -> int:
    """People per time window: the peak quota on a peak day, else the ordinary one."""
    return peak_quota if peak is not None else off_peak_quota


def reservation_required(reservation: str, peak: PeakPeriod | None) -> bool:
    """``always`` cemeteries need a reservation every day, ``peak_only`` ones in peaks only."""
    return reservation == "always" or peak is not None
