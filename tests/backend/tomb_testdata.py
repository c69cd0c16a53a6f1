"""Test data for the tomb-sweeping API: checksum-valid bookers and request bodies."""

from __future__ import annotations

from datetime import date
from typing import Any

from marriage_testdata import make_id

PATH = "/api/tomb-sweeping"
RESERVATIONS = f"{PATH}/reservations"
DAY = "2026-11-25"  # an ordinary (off-peak) day inside the window of today = 2026-11-23
DONGZHI = "2026-12-22"  # 冬至 2026, inside the 30-day window


def booker_id(i: int) -> str:
    """A distinct, checksum-valid ID number for booker ``i``."""
    return make_id(date(1960 + i % 40, 1 + i % 12, 1 + i % 28), i % 2 == 0, serial=3000 + i)


def phone_for(i: int) -> str:
    """A distinct valid mobile number."""
    return f"136{i:08d}"


def reservation_body(
    i: int = 1,
    day: str = DAY,
    start: str = "09:00",
    cemetery_id: str = "sz-futian",
    visitors: int = 2,
    plate: str | None = None,
    plot_number: str | None = "A区3排12号",
) -> dict[str, Any]:
    """A valid create request for booker ``i``."""
    return {
        "cemetery_id": cemetery_id,
        "date": day,
        "start_time": start,
        "visitors": visitors,
        "booker": {"name": "陈建华", "id_number": booker_id(i)},
        "phone": phone_for(i),
        "deceased_name": "陈德明",
        "plot_number": plot_number,
        "plate": plate,
    }
