"""'Today' is the date in China, or the pinned CIVIC_TODAY."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from civic import clock


def test_today_is_the_date_in_china(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIVIC_TODAY", raising=False)
    china = datetime.now(timezone.utc) + timedelta(hours=8)
    assert clock.today() in (china.date(), (china - timedelta(seconds=5)).date())


def test_civic_today_pins_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVIC_TODAY", "2027-04-05")
    assert clock.today() == date(2027, 4, 5)


def test_a_malformed_civic_today_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVIC_TODAY", "下周三")
    with pytest.raises(ValueError):
        clock.today()
