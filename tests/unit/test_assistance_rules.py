"""Social-assistance pre-screening rules: boundaries, 特困 combinations, missing facts,
residence permits, and wording that never decides (no 符合 without 可能)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from backend.assistance.rules import Household, Prescreen, prescreen
from backend.assistance.standards import Standards, load_standards

DATA = Path(__file__).parents[2] / "backend" / "assistance" / "sample_data.yaml"
LIKELY, UNLIKELY, CHECK = "可能符合", "可能不符合", "需要进一步核实"
BARE_FULFILS = re.compile(r"(?<!可能)(?<!可能不)符合")


@pytest.fixture(scope="module")
def standards() -> Standards:
    return load_standards(DATA)


def household(**changes: object) -> Household:
    """A complete, local 深圳 household of 3 with per-capita income 1,150 (below the standard)."""
    base = Household(
        city="深圳",
        residence="local_hukou",
        household_size=3,
        monthly_income=3450,
        financial_assets_total=0,
        housing="one",
        vehicle="none",
        severe_disability=False,
        serious_illness=False,
        unsupported_child=False,
        elderly_60_plus=False,
        minor_under_16=False,
        no_work_ability=False,
        no_income_source=False,
        no_capable_supporter=False,
        sudden_hardship="none",
        essential_spending="none",
    )
    return replace(base, **changes)


def statuses(result: Prescreen) -> dict[str, str]:
    return {r.programme: r.status for r in result.results}


def all_text(result: Prescreen) -> str:
    parts = [result.notice]
    for r in result.results:
        parts += [r.status, *r.reasons, *r.materials, *r.where_to_apply]
    for rel in result.related:
        parts += [rel.name, rel.reason, rel.where, rel.source]
    return "\n".join(parts)


def test_income_below_the_standard_may_qualify_for_dibao_with_the_figures(
    standards: Standards,
) -> None:
    sz = standards.find("深圳")
    assert sz is not None
    result = prescreen(household(), standards)
    dibao = result.result("dibao")
    assert dibao.status == LIKELY
    assert any(
        f"人均月收入约 1,150 元，低于深圳低保标准 {sz.dibao.amount:,.0f} 元（示例）" in r
        for r in dibao.reasons
    )
    assert result.result("low_income_edge").status == UNLIKELY  # 低保 first
    assert dibao.materials and dibao.where_to_apply and not dibao.missing


def test_income_exactly_at_the_standard_is_not_below_it(standards: Standards) -> None:
    amount = standards.find("深圳").dibao.amount  # type: ignore[union-attr]
    at = prescreen(household(household_size=2, monthly_income=2 * amount), standards)
    assert at.result("dibao").status == UNLIKELY
    assert any("不低于深圳低保标准" in r for r in at.result("dibao").reasons)
    assert at.result("low_income_edge").status == LIKELY
    just_below = prescreen(household(household_size=2, monthly_income=2 * amount - 1), standards)
    assert just_below.result("dibao").status == LIKELY
    assert any("1,399.5" in r for r in just_below.result("dibao").reasons)  # not rounded up


def test_low_income_edge_ends_below_one_and_a_half_times_the_standard(
    standards: Standards,
) -> None:
    sz = standards.find("深圳")
    assert sz is not None and sz.low_income_edge.multiplier == 1.5
    line = sz.edge_line
    below = prescreen(household(household_size=1, monthly_income=line - 0.01), standards)
    assert statuses(below)["dibao"] == UNLIKELY
    assert statuses(below)["low_income_edge"] == LIKELY
    at = prescreen(household(household_size=1, monthly_income=line), standards)
    assert statuses(at)["low_income_edge"] == UNLIKELY
    assert any("1.5倍" in r and "（示例）" in r for r in at.result("low_income_edge").reasons)


def test_financial_assets_at_the_limit_are_within_it(standards: Standards) -> None:
    sz = standards.find("深圳")
    assert sz is not None
    limit = sz.assets_limit
    at = prescreen(household(financial_assets_per_capita=limit), standards)
    assert statuses(at)["dibao"] == LIKELY
    over = prescreen(household(financial_assets_per_capita=limit + 1), standards)
    assert statuses(over)["dibao"] == UNLIKELY
    assert statuses(over)["low_income_edge"] == UNLIKELY
    assert any("超过" in r for r in over.result("dibao").reasons)
    # a total is divided by the household size
    total = prescreen(household(financial_assets_total=3 * limit), standards)
    assert statuses(total)["dibao"] == LIKELY


@pytest.mark.parametrize(
    ("changes", "reason"),
    [({"housing": "more"}, "多套住房"), ({"vehicle": "other"}, "机动车")],
)
def test_housing_and_vehicle_rules(standards: Standards, changes: dict, reason: str) -> None:
    result = prescreen(household(**changes), standards)
    assert statuses(result)["dibao"] == UNLIKELY
    assert any(reason in r for r in result.result("dibao").reasons)
    disability_car = prescreen(household(vehicle="disability", housing="none"), standards)
    assert statuses(disability_car)["dibao"] == LIKELY


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"elderly_60_plus": True, "no_income_source": True, "no_capable_supporter": True}, LIKELY),
        ({"minor_under_16": True, "no_income_source": True, "no_capable_supporter": True}, LIKELY),
        (
            {
                "severe_disability": True,
                "no_work_ability": True,
                "no_income_source": True,
                "no_capable_supporter": True,
            },
            LIKELY,
        ),
        # severely disabled but able to work
        (
            {"severe_disability": True, "no_income_source": True, "no_capable_supporter": True},
            UNLIKELY,
        ),
        # elderly with an able supporter
        ({"elderly_60_plus": True, "no_income_source": True}, UNLIKELY),
        # elderly with an income source
        ({"elderly_60_plus": True, "no_capable_supporter": True}, UNLIKELY),
        # not elderly, disabled or a minor
        (
            {"no_work_ability": True, "no_income_source": True, "no_capable_supporter": True},
            UNLIKELY,
        ),
        # unknown supporter
        (
            {"elderly_60_plus": True, "no_income_source": True, "no_capable_supporter": None},
            CHECK,
        ),
    ],
)
def test_tekun_needs_every_condition(standards: Standards, changes: dict, expected: str) -> None:
    result = prescreen(household(**changes), standards)
    tekun = result.result("tekun")
    assert tekun.status == expected, tekun.reasons
    if expected == CHECK:
        assert tekun.missing == ("no_capable_supporter",)
        assert any("义务人" in r for r in tekun.reasons)


def test_temporary_assistance_for_sudden_hardship_or_essential_spending(
    standards: Standards,
) -> None:
    fire = prescreen(household(sudden_hardship="fire", monthly_income=30000), standards)
    assert statuses(fire)["temporary"] == LIKELY and statuses(fire)["dibao"] == UNLIKELY
    assert any("火灾" in r and "急难型" in r for r in fire.result("temporary").reasons)
    school = prescreen(household(essential_spending="education"), standards)
    assert statuses(school)["temporary"] == LIKELY
    assert any("支出型" in r for r in school.result("temporary").reasons)
    assert statuses(prescreen(household(), standards))["temporary"] == UNLIKELY
    unknown = prescreen(household(essential_spending=None), standards)
    assert unknown.result("temporary").status == CHECK
    assert unknown.result("temporary").missing == ("essential_spending",)
    # a non-local citizen may turn to the place where the emergency happened
    away = prescreen(household(residence="other", sudden_hardship="accident"), standards)
    assert statuses(away)["temporary"] == LIKELY
    assert any("急难发生地" in r for r in away.result("temporary").reasons)


@pytest.mark.parametrize(
    ("missing", "label"),
    [
        ("monthly_income", "每月总收入"),
        ("household_size", "家庭人口"),
        ("residence", "户籍"),
        ("housing", "住房"),
        ("vehicle", "机动车"),
    ],
)
def test_a_missing_fact_is_named_and_needs_checking(
    standards: Standards, missing: str, label: str
) -> None:
    result = prescreen(household(**{missing: None}), standards)
    dibao = result.result("dibao")
    assert dibao.status == CHECK
    assert missing in dibao.missing and missing in result.missing
    assert any(label in r and "还需要了解" in r for r in dibao.reasons)


def test_missing_assets_and_an_empty_household(standards: Standards) -> None:
    result = prescreen(household(financial_assets_total=None), standards)
    assert result.result("dibao").status == CHECK
    assert result.result("dibao").missing == ("financial_assets",)
    nothing = prescreen(Household(), standards)
    assert {r.status for r in nothing.results} == {CHECK}
    assert {"city", "household_size", "monthly_income", "residence"} <= set(nothing.missing)


def test_residence_permit_in_a_city_that_explores_it_and_one_that_does_not(
    standards: Standards,
) -> None:
    sz = prescreen(household(residence="residence_permit"), standards)
    assert sz.result("dibao").status == CHECK
    reason = next(r for r in sz.result("dibao").reasons if "居住证" in r)
    assert "探索推进将持有居住证一定年限的常住人口纳入救助范围" in reason
    assert "深圳市2024年民政工作计划 第2篇（社会救助）（一）" in reason
    gz = prescreen(household(city="广州", residence="residence_permit"), standards)
    assert gz.result("dibao").status == CHECK
    gz_reason = next(r for r in gz.result("dibao").reasons if "居住证" in r)
    assert "探索推进" not in gz_reason and "暂未掌握" in gz_reason
    # where the data allows residence permits, they count like a local hukou
    permitted = standards.find("广州")
    assert permitted is not None
    allowing = Standards(
        cities=(
            permitted.copy(
                update={
                    "residence_permit": permitted.residence_permit.copy(
                        update={"status": "allowed"}
                    )
                }
            ),
        ),
        default=standards.default,
    )
    assert (
        prescreen(household(city="广州", residence="residence_permit"), allowing)
        .result("dibao")
        .status
        == LIKELY
    )
    other = prescreen(household(residence="other"), standards)
    assert other.result("dibao").status == UNLIKELY
    assert any("户籍所在地" in r for r in other.result("dibao").reasons)


def test_a_city_not_listed_uses_the_sample_default_and_says_so(standards: Standards) -> None:
    result = prescreen(household(city="成都"), standards)
    assert result.is_default and result.standard.dibao.sample
    assert any("暂未收录成都" in r for r in result.result("dibao").reasons)
    assert any("示例默认低保标准" in r for r in result.result("dibao").reasons)
    assert prescreen(household(city="深圳市"), standards).standard.city == "深圳"


def test_related_programmes_for_special_groups(standards: Standards) -> None:
    result = prescreen(
        household(severe_disability=True, unsupported_child=True, serious_illness=True),
        standards,
    )
    names = [r.name for r in result.related]
    assert any("两项补贴" in n for n in names)
    assert any("事实无人抚养儿童" in n for n in names)
    assert any("医疗救助" in n for n in names)
    assert prescreen(household(), standards).related == ()


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"monthly_income": 100000, "housing": "more", "vehicle": "other"},
        {"residence": "other"},
        {"elderly_60_plus": True, "no_income_source": True, "no_capable_supporter": True},
        {"sudden_hardship": "serious_illness", "severe_disability": True},
        {"city": None, "monthly_income": None},
        {"residence": "residence_permit", "city": "广州", "minor_under_16": True},
    ],
)
def test_a_result_never_says_fulfils_without_maybe(standards: Standards, changes: dict) -> None:
    result = prescreen(household(**changes), standards)
    text = all_text(result)
    assert not BARE_FULFILS.search(text), BARE_FULFILS.search(text)
    assert "请以当地民政部门公布的标准为准" in result.notice
    assert {r.status for r in result.results} <= {LIKELY, UNLIKELY, CHECK}


def test_bad_facts_are_refused() -> None:
    with pytest.raises(ValueError):
        Household(household_size=0)
    with pytest.raises(ValueError):
        Household(household_size=21)
    with pytest.raises(ValueError):
        Household(monthly_income=-1)
