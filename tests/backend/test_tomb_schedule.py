"""Peak periods, the booking window and the data file of the tomb-sweeping service (pure)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from backend.datafile import DataFileError
from backend.tomb_sweeping.runtime import DEFAULT_DATA_FILE, TombRuntime
from backend.tomb_sweeping.sample_data import load_data_file
from backend.tomb_sweeping.schedule import Schedule, reservation_required, window_quota
from civic.config import SettingsError
from civic.festivals import anchor_day

# 清明 (solar term) and 重阳 (lunar 9/9) as published in the official calendars.
QINGMING = {
    2024: date(2024, 4, 4),
    2025: date(2025, 4, 4),
    2026: date(2026, 4, 5),
    2027: date(2027, 4, 5),
    2028: date(2028, 4, 4),
    2029: date(2029, 4, 4),
    2030: date(2030, 4, 5),
}
CHONGYANG = {
    2024: date(2024, 10, 11),
    2025: date(2025, 10, 29),
    2026: date(2026, 10, 18),
    2027: date(2027, 10, 8),
    2028: date(2028, 10, 26),
    2029: date(2029, 10, 16),
    2030: date(2030, 10, 5),
}


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return Schedule(load_data_file(DEFAULT_DATA_FILE).schedule, 30)


@pytest.mark.parametrize("year", sorted(QINGMING))
def test_qingming_window_is_seven_days_either_side(schedule: Schedule, year: int) -> None:
    festival = QINGMING[year]
    assert anchor_day("qingming", year) == festival
    inside = [festival + timedelta(days=d) for d in range(-7, 8)]
    for day in inside:
        peak = schedule.peak(day)
        assert peak is not None and peak.name == "清明", day
        assert (peak.anchor_day, peak.start, peak.end) == (
            festival,
            festival - timedelta(days=7),
            festival + timedelta(days=7),
        )
    for day in (festival - timedelta(days=8), festival + timedelta(days=8)):
        assert schedule.peak(day) is None, day


@pytest.mark.parametrize("year", sorted(CHONGYANG))
def test_chongyang_follows_the_lunar_calendar(schedule: Schedule, year: int) -> None:
    festival = CHONGYANG[year]
    assert anchor_day("chongyang", year) == festival
    for offset in (-2, 0, 2):
        peak = schedule.peak(festival + timedelta(days=offset))
        assert peak is not None and peak.name == "重阳" and peak.anchor_day == festival
    assert schedule.peak(festival - timedelta(days=3)) is None
    assert schedule.peak(festival + timedelta(days=3)) is None


def test_dongzhi_and_chunjie_periods(schedule: Schedule) -> None:
    dongzhi = schedule.peak(date(2026, 12, 22))
    assert dongzhi is not None and (dongzhi.start, dongzhi.end) == (
        date(2026, 12, 19),
        date(2026, 12, 25),
    )
    assert schedule.peak(date(2026, 12, 26)) is None
    chunjie = schedule.peak(date(2027, 2, 6))  # 春节 2027
    assert chunjie is not None and chunjie.name == "春节"
    assert (chunjie.start, chunjie.end) == (date(2027, 1, 30), date(2027, 2, 13))
    assert schedule.peak(date(2027, 2, 14)) is None
    assert schedule.peak(date(2026, 11, 25)) is None


def test_years_beyond_the_calendar_have_no_peak_instead_of_an_error(schedule: Schedule) -> None:
    assert schedule.peak(date(1850, 4, 5)) is None
    assert schedule.peak(date(9999, 4, 5)) is None
    info = schedule.day_info(date(9999, 4, 5), date(2026, 11, 23))
    assert info.closed_reason == "outside_window" and info.peak is None
    assert "9999年4月5日的预约将于9999年3月6日开放" in (info.message or "")


def test_booking_window_and_day_info(schedule: Schedule) -> None:
    today = date(2026, 11, 23)
    window = schedule.window(today)
    assert (window.first, window.last, window.days) == (date(2026, 11, 24), date(2026, 12, 23), 30)
    assert window.opens_on(date(2027, 4, 5)) == date(2027, 3, 6)
    for day in (date(2026, 11, 24), date(2026, 11, 28), date(2026, 12, 23)):
        info = schedule.day_info(day, today)
        assert info.open is True and info.closed_reason is None and info.message is None
    info = schedule.day_info(date(2027, 4, 5), today)
    assert info.open is False and info.closed_reason == "outside_window"
    assert info.message == (
        "2027年4月5日（清明）的预约将于2027年3月6日开放。"
        "目前可预约2026年11月24日至2026年12月23日的日期。"
    )
    assert schedule.day_info(today, today).message == (
        "祭扫预约需至少提前一天，目前可预约2026年11月24日至2026年12月23日的日期。"
    )
    assert Schedule(schedule.config, 1).day_info(date(2026, 11, 25), today).open is False


def test_quota_and_reservation_required(schedule: Schedule) -> None:
    peak = schedule.peak(date(2026, 12, 22))
    assert window_quota(200, 80, peak) == 200 and window_quota(200, 80, None) == 80
    assert reservation_required("always", None) is True
    assert reservation_required("peak_only", peak) is True
    assert reservation_required("peak_only", None) is False


def test_sample_data_is_marked_and_mixed() -> None:
    data = load_data_file(DEFAULT_DATA_FILE)
    assert data.sample is True and len(data.cemeteries) == 8
    assert DEFAULT_DATA_FILE.read_text(encoding="utf-8").startswith("# SAMPLE DATA (示例数据)")
    for c in data.cemeteries:
        assert "示例" in c.address and "示例" in c.hours and c.phone == "示例"
    flags = {(c.proxy_worship, c.online_worship) for c in data.cemeteries}
    assert {(True, True), (False, False), (False, True), (True, False)} <= flags
    assert {c.reservation for c in data.cemeteries} == {"always", "peak_only"}
    assert {c.kind for c in data.cemeteries} == {"cemetery", "columbarium"}
    assert any(c.parking_spaces == 0 for c in data.cemeteries)
    assert {p.name for p in data.schedule.peaks} == {"清明", "重阳", "冬至", "春节"}


_GOOD = DEFAULT_DATA_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("anchor: dongzhi", "anchor: winter"),
        ("days_before: 7, days_after: 7}", "days_before: -1, days_after: 7}"),
        ("days_after: 2}", "days_after: 200}"),
        ('["09:00", "11:00"]', '["08:00", "11:00"]'),  # overlaps 07:00-09:00
        ('["07:00", "09:00"]', '["07:00", "25:00"]'),
        ("kind: columbarium", "kind: crypt"),
        ("reservation: peak_only", "reservation: sometimes"),
        ("online_worship: false", "online_worship: nope"),
        ("quota: {peak: 200, off_peak: 80}", "quota: {peak: 0, off_peak: 80}"),
        ("parking_spaces: 30", "parking_spaces: -1"),
        ("max_visitors: 6", "max_visitors: 0"),
        ("max_visitors: 4", "max_visitors: 21"),
        ("id: gz-huadu", "id: sz-futian"),  # duplicate id
        ("    phone: 示例\n    kind: cemetery\n    reservation: always\n", "    colour: red\n"),
        ("online_url: https://example.invalid/示例-网络祭扫/gz-panyu", "online_url: null"),
        ("schedule:", "timetable:"),
    ],
)
def test_a_malformed_data_file_stops_the_start(tmp_path: Path, old: str, new: str) -> None:
    assert old in _GOOD
    path = tmp_path / "tomb.yaml"
    path.write_text(_GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError):
        load_data_file(path)


def test_unreadable_data_files(tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        load_data_file(tmp_path / "missing.yaml")
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_data_file(tmp_path / "list.yaml")
    (tmp_path / "bad.yaml").write_text("sample: [\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_data_file(tmp_path / "bad.yaml")


def test_settings(tmp_path: Path) -> None:
    runtime = TombRuntime.from_env({})
    assert (runtime.schedule.booking_days, runtime.max_visitors) == (30, 5)
    custom = tmp_path / "tomb.yaml"
    custom.write_text(_GOOD.replace("sample: true", "sample: false"), encoding="utf-8")
    runtime = TombRuntime.from_env(
        {"TOMB_BOOKING_DAYS": "90", "TOMB_MAX_VISITORS": "8", "TOMB_DATA_FILE": str(custom)}
    )
    assert (runtime.schedule.booking_days, runtime.max_visitors) == (90, 8)
    assert runtime.data.sample is False
    for env in (
        {"TOMB_BOOKING_DAYS": "0"},
        {"TOMB_BOOKING_DAYS": "thirty"},
        {"TOMB_MAX_VISITORS": "21"},
        {"TOMB_MAX_VISITORS": "-1"},
    ):
        with pytest.raises(SettingsError):
            TombRuntime.from_env(env)
    with pytest.raises(DataFileError):
        TombRuntime.from_env({"TOMB_DATA_FILE": str(tmp_path / "nowhere.yaml")})
