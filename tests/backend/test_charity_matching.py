"""Name and filing-number matching of the charity registry, and its data file (no server)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from backend.charity.matching import (
    filing_key,
    looks_like_filing_number,
    name_key,
    name_score,
    text_key,
)
from backend.charity.runtime import DEFAULT_DATA_FILE
from backend.charity.sample_data import DataFileError, load_data_file

CITIES = ("广州", "深圳")


def score(query: str, name: str) -> float:
    return name_score(name_key(query, CITIES), name_key(name, CITIES))


def test_names_split_into_region_core_and_stem() -> None:
    key = name_key("深圳市春雨助学公益基金会", CITIES)
    assert (key.region, key.core, key.stem, key.canon) == (
        "深圳",
        "春雨助学公益基金会",
        "春雨助学",
        "深圳春雨助学公益基金会",
    )
    assert name_key("广东省深圳市晴川慈善会", CITIES).region == "深圳"
    assert name_key("广东省云帆乡村振兴基金会", CITIES).region == "广东"
    assert name_key("中国星火助残基金会", CITIES).region == "全国"
    assert name_key("东莞市某某协会", CITIES).region == "东莞"  # a city not in the registry
    assert name_key("慈善会", CITIES).stem == "慈善会"  # nothing would be left
    assert text_key(" 深圳市（晴川）慈善會 ") == "深圳市晴川慈善会"


def test_scores() -> None:
    assert score("深圳晴川慈善会", "深圳市晴川慈善会") == 100
    assert score("晴川慈善会", "深圳市晴川慈善会") == 96  # region left out
    assert 75 <= score("晴川慈善汇", "深圳市晴川慈善会") < 96  # and a typo
    assert score("广州晴川慈善会", "深圳市晴川慈善会") == 0  # another region
    assert score("春雨基金会", "深圳市春雨助学公益基金会") == 90  # abbreviation
    assert score("中华星火助残基金会", "中国星火助残基金会") < 100
    assert score("", "深圳市晴川慈善会") == 0
    assert score("基金会", "深圳市春雨助学公益基金会") < 75


@pytest.mark.parametrize(
    "text",
    [
        "粤深慈募备〔2024〕0012号",
        "粤深慈募备[2024]12号",
        "粤深慈募备（2024）0012",
        "粤深慈募备【2024】 012号",
    ],
)
def test_filing_numbers_compare_alike(text: str) -> None:
    assert filing_key(text) == filing_key("粤深慈募备〔2024〕0012号") == "粤深慈募备〔2024〕12"
    assert looks_like_filing_number(text)


def test_keywords_are_not_filing_numbers() -> None:
    assert not looks_like_filing_number("助学")
    assert not looks_like_filing_number("2024 助学")


def test_the_sample_data_file_is_valid_and_marked() -> None:
    data = load_data_file(DEFAULT_DATA_FILE)
    assert data.sample and len(data.organizations) >= 12 and len(data.projects) >= 6
    assert all(o.sample for o in data.organizations) and all(p.sample for p in data.projects)
    assert "SAMPLE DATA" in DEFAULT_DATA_FILE.read_text(encoding="utf-8")


def _broken(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "charity.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change",
    [
        lambda raw: raw["organizations"][0].update(credit_code="53440300MJ00000014"),
        lambda raw: raw["organizations"][0].update(credit_code="91440300708461136T"),
        lambda raw: raw["organizations"][0].update(type="social_group"),
        lambda raw: raw["organizations"][0].update(status="unknown"),
        lambda raw: raw["organizations"][4].update(public_fundraising_since="2020-01-01"),
        lambda raw: raw["organizations"][1].update(
            credit_code=raw["organizations"][0]["credit_code"], type="foundation"
        ),
        lambda raw: raw["projects"][0].update(
            organization="53440300MJ00000039", start="2026-01-01", end="2025-01-01"
        ),
        lambda raw: raw["projects"][0].update(organization="53440300MJ0000099" + "0"),
        lambda raw: raw["projects"][0].update(extra="x"),
    ],
)
def test_a_malformed_data_file_is_refused(tmp_path: Path, change) -> None:
    with pytest.raises(DataFileError):
        load_data_file(_broken(tmp_path, change))
