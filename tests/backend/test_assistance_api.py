"""The social-assistance API: pre-screening (stores nothing), standards with sources and 示例
flags, contact requests (consent, sealed name and phone) and the set-standard command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Running, ServerFactory

from contracts.assistance import PrescreenOut, ReferralEnvelope, StandardsOut

API = "/api/assistance"
ROOT = Path(__file__).parents[2]
DATA = ROOT / "backend" / "assistance" / "sample_data.yaml"
BARE_FULFILS = re.compile(r"(?<!可能)(?<!可能不)符合")
LOCAL = {
    "city": "深圳",
    "residence": "local_hukou",
    "household_size": 3,
    "monthly_income": 3450,
    "financial_assets_total": 20000,
    "housing": "one",
    "vehicle": "none",
    "elderly_60_plus": False,
    "severe_disability": False,
    "minor_under_16": False,
    "sudden_hardship": "none",
    "essential_spending": "none",
}
NAME, PHONE = "欧阳秀兰", "13912345678"


def statuses(body: dict) -> dict[str, str]:
    return {r["programme"]: r["status"] for r in body["results"]}


def stored(api: Running) -> int:
    return api.scalar("SELECT count(*) FROM assistance_referral") + api.scalar(
        "SELECT count(*) FROM idempotency_key"
    )


async def prescreen(api: Running, **changes: object) -> dict:
    status, body = await api.post(f"{API}/prescreen", json={**LOCAL, **changes})
    assert status == 200, body
    PrescreenOut.parse_obj(body)
    assert not BARE_FULFILS.search(str(body))
    assert "请以当地民政部门公布的标准为准" in body["notice"]
    return body


async def test_prescreen_households(api: Running) -> None:
    eligible = await prescreen(api)
    assert statuses(eligible)["dibao"] == "可能符合"
    dibao = eligible["results"][0]
    assert any("1,150 元，低于深圳低保标准 1,400 元（示例）" in r for r in dibao["reasons"])
    assert dibao["materials"] and dibao["where_to_apply"]
    assert eligible["sample_data"] and eligible["standard"]["dibao"]["source"] == "示例"

    edge = await prescreen(api, monthly_income=3 * 1800)
    assert statuses(edge)["dibao"] == "可能不符合"
    assert statuses(edge)["low_income_edge"] == "可能符合"

    tekun = await prescreen(
        api,
        household_size=1,
        monthly_income=0,
        elderly_60_plus=True,
        no_income_source=True,
        no_capable_supporter=True,
        severe_disability=True,
    )
    assert statuses(tekun)["tekun"] == "可能符合"
    assert any("两项补贴" in r["name"] for r in tekun["related"])

    fire = await prescreen(api, monthly_income=60000, sudden_hardship="fire")
    assert statuses(fire)["temporary"] == "可能符合"
    assert statuses(fire)["dibao"] == "可能不符合"

    unknown = await prescreen(api, monthly_income=None)
    assert statuses(unknown)["dibao"] == "需要进一步核实"
    assert "monthly_income" in unknown["missing"]

    permit = await prescreen(api, residence="residence_permit")
    assert statuses(permit)["dibao"] == "需要进一步核实"
    assert any("探索推进" in r for r in permit["results"][0]["reasons"])
    assert stored(api) == 0  # pre-screening stores nothing


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        ({"monthly_income": -100}, "income_invalid", "不小于0"),
        ({"monthly_income": "三千"}, "income_invalid", "数字"),
        ({"monthly_income": True}, "income_invalid", "数字"),
        ({"household_size": 0}, "household_size_invalid", "1至20"),
        ({"household_size": 99}, "household_size_invalid", "1至20"),
        ({"household_size": "三"}, "household_size_invalid", "整数"),
        ({"financial_assets_total": "很多"}, "assets_invalid", "数字"),
        ({"city": "<script>"}, "city_invalid", "汉字"),
        ({"housing": "两套"}, "field_invalid", "格式"),
        ({"spouse": "x"}, "field_unknown", "不支持"),
    ],
)
async def test_bad_prescreen_input_is_refused_in_chinese_and_nothing_is_stored(
    api: Running, changes: dict, code: str, words: str
) -> None:
    status, body = await api.post(f"{API}/prescreen", json={**LOCAL, **changes})
    assert status == 422, body
    assert body["error"]["code"] == code
    assert words in body["error"]["message"]
    assert stored(api) == 0


async def test_standards_carry_sources_and_sample_flags(api: Running) -> None:
    status, body = await api.get(f"{API}/standards")
    assert status == 200
    StandardsOut.parse_obj(body)
    assert body["sample_data"] and "示例" in body["notice"]
    by_city = {s["city"]: s for s in body["standards"]}
    assert set(by_city) >= {"深圳", "广州"} and any(s["is_default"] for s in body["standards"])
    for standard in body["standards"]:
        for key in ("dibao", "tekun", "low_income_edge", "financial_assets"):
            figure = standard[key]
            assert figure["source"] and figure["sample"] == (figure["source"] == "示例")
    sz = by_city["深圳"]
    assert sz["residence_permit"]["status"] == "exploring"
    assert "第2篇" in sz["residence_permit"]["source"] and not sz["residence_permit"]["sample"]
    assert "全城通办" in sz["apply"]["online"]
    assert any("3.5%" in n["text"] for n in by_city["广州"]["notes"])
    status, one = await api.get(f"{API}/standards", params={"city": "广州市"})
    assert [s["city"] for s in one["standards"]] == ["广州"]
    status, other = await api.get(f"{API}/standards", params={"city": "成都"})
    assert status == 200 and other["standards"][0]["is_default"]


async def test_referral_requires_consent(api: Running) -> None:
    body = {"name": NAME, "phone": PHONE, "city": "深圳", "programmes": ["dibao"]}
    for consent in ({}, {"consent": False}, {"consent": "yes"}):
        status, answer = await api.post(f"{API}/referrals", json={**body, **consent})
        assert status == 422, answer
        assert answer["error"]["code"] in {"consent_required", "field_missing"}
        assert re.search(r"[\u4e00-\u9fff]", answer["error"]["message"])
    for bad, code in (({"phone": "12345"}, "phone_invalid"), ({"name": "1"}, "name_invalid")):
        status, answer = await api.post(f"{API}/referrals", json={**body, "consent": True, **bad})
        assert (status, answer["error"]["code"]) == (422, code)
    assert stored(api) == 0


async def test_referral_is_sealed_and_never_echoed(api: Running) -> None:
    request = {
        "name": NAME,
        "phone": PHONE,
        "city": "深圳",
        "district": "南山区",
        "consent": True,
        "programmes": ["dibao", "temporary"],
    }
    key = {"Idempotency-Key": "referral-1"}
    status, body = await api.post(f"{API}/referrals", json=request, headers=key)
    assert status == 201, body
    referral = ReferralEnvelope.parse_obj(body).referral
    assert re.fullmatch(r"JZ261123[2-9A-HJ-NP-Z]{5}", referral.reference)
    assert referral.phone_masked == "139****5678" and referral.name_masked == "欧***"
    assert NAME not in str(body) and PHONE not in str(body)
    again = await api.post(f"{API}/referrals", json=request, headers=key)
    assert again == (201, body)  # replayed, not stored twice
    assert api.scalar("SELECT count(*) FROM assistance_referral") == 1
    row = api.scalar(
        "SELECT name_sealed || '|' || phone_sealed || '|' || phone_digest FROM assistance_referral"
    )
    assert PHONE not in row and NAME not in row
    assert api.scalar("SELECT consent_at FROM assistance_referral") is not None
    assert api.scalar("SELECT programmes FROM assistance_referral") == "dibao,temporary"
    sealer = api.app.ctx.sealer
    name_sealed = api.scalar("SELECT name_sealed FROM assistance_referral")
    assert sealer.unseal(name_sealed) == NAME
    assert api.scalar("SELECT phone_digest FROM assistance_referral") == sealer.digest(PHONE)


async def test_set_standard_command_updates_a_city(
    start_server: ServerFactory, tmp_path: Path
) -> None:
    data = tmp_path / "standards.yaml"
    shutil.copy(DATA, data)
    source = "深圳市民政局关于调整最低生活保障标准的通知（测试）"
    command = [
        sys.executable,
        "-m",
        "backend.assistance",
        "set-standard",
        "--city",
        "深圳",
        "--dibao",
        "1500",
        "--effective",
        "2026-07-01",
        "--source",
        source,
        "--file",
        str(data),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text = data.read_text(encoding="utf-8")
    assert "SAMPLE DATA (示例数据)" in text  # comments kept
    refused = subprocess.run(
        [*command[:7], "-5", "--file", str(data)], cwd=ROOT, capture_output=True, timeout=60
    )
    assert refused.returncode != 0 and data.read_text(encoding="utf-8") == text

    api = await start_server(env={"ASSISTANCE_DATA_FILE": str(data)})
    status, body = await api.get(f"{API}/standards", params={"city": "深圳"})
    assert status == 200
    dibao = body["standards"][0]["dibao"]
    assert dibao == {
        "value": 1500,
        "unit": "元/人/月",
        "effective": "2026-07-01",
        "source": source,
        "sample": False,
    }
    assert body["standards"][0]["low_income_edge_line"] == 2250
    result = await prescreen(api, monthly_income=3 * 1450)
    reason = result["results"][0]["reasons"][1]
    assert "低于深圳低保标准 1,500 元" in reason and source in reason and "2026年7月1日" in reason
    _, gz = await api.get(f"{API}/standards", params={"city": "广州"})
    assert gz["standards"][0]["dibao"]["sample"]  # the other cities are untouched
