"""Legal marriage age (民法典第一千零四十七条): men 22, women 20 full years."""

from __future__ import annotations

from datetime import date

from civic.idcard import IdCardInfo, age_on

MIN_MARRIAGE_AGE = {"male": 22, "female": 20}


def minimum_age_not_reached(info: IdCardInfo, day: date) -> int | None:
    """The legal minimum age when the person is younger than it on ``day``, else None."""
    minimum = MIN_MARRIAGE_AGE[info.sex]
    return minimum if age_on(info.birth_date, day) < minimum else None
