"""The hand-off API (转人工): records, the agent queue, take/close transitions, bad input."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Running

PATH = "/api/handoffs"
REFERENCE = re.compile(r"^RG261123[2-9A-HJ-NP-Z]{5}$")
SENDER = "wx-o6_bmjrPTlm6_2sgVt7hMZOPfL2M"
ID_NUMBER = "110105199003078816"
PHONE = "13812345678"


def body(**overrides: Any) -> dict[str, Any]:
    return {
        "service": "marriage",
        "channel": "rest",
        "reason": "asked",
        "summary": "事项：结婚登记；登记处：深圳市南山区婚姻登记处；手机：139****5678",
        "conversation": SENDER,
        **overrides,
    }


async def create(api: Running, **overrides: Any) -> dict[str, Any]:
    status, data = await api.post(PATH, json=body(**overrides))
    assert status == 201, data
    return data["handoff"]


async def change(api: Running, reference: str, verb: str, agent: str) -> tuple[int, dict[str, Any]]:
    return await api.post(f"{PATH}/{reference}/{verb}", json={"agent": agent})


async def test_create_returns_a_waiting_record_with_the_conversation_masked(
    api: Running,
) -> None:
    handoff = await create(api)
    assert REFERENCE.match(handoff["reference"]), handoff
    assert handoff["status"] == "waiting" and handoff["agent"] is None
    assert handoff["taken_at"] is None and handoff["closed_at"] is None
    assert handoff["created_at"].startswith("2026-11-23T")
    assert handoff["created_at"].endswith("+08:00")
    assert (handoff["service"], handoff["channel"], handoff["reason"]) == (
        "marriage",
        "rest",
        "asked",
    )
    assert handoff["summary"] == body()["summary"]
    assert handoff["conversation_masked"] == "wx-o***fL2M"
    assert SENDER not in str(handoff)


async def test_raw_id_numbers_and_phones_are_masked_even_when_the_caller_forgot(
    api: Running,
) -> None:
    summary = (
        f"身份证：{ID_NUMBER}；手机：{PHONE}；另一个：+86 139-1234-0000；"
        "全角：１１０１０５１９９００３０７８８１６"
    )
    handoff = await create(api, summary=summary)
    stored = api.scalar("SELECT summary FROM handoff")
    for text in (handoff["summary"], stored):
        assert ID_NUMBER not in text and PHONE not in text and "13912340000" not in text
        assert "139-1234-0000" not in text and "１１０１０５１９９００３０７８８１６" not in text
        assert "110***********8816" in text and "138****5678" in text


async def test_the_conversation_is_sealed_at_rest(api: Running) -> None:
    secret = "socketio-4f1c2a9e7b3d4e5f8a6b"
    await create(api, conversation=secret, channel="socketio")
    stored = api.scalar("SELECT conversation_sealed FROM handoff")
    assert secret not in stored
    if api.db_url.startswith("sqlite:///"):  # also the raw file, its WAL and SHM
        database = Path(api.db_url.removeprefix("sqlite:///"))
        for path in database.parent.glob(database.name + "*"):
            assert secret.encode() not in path.read_bytes(), path
    _, listed = await api.get(PATH)
    assert listed["handoffs"][0]["conversation_masked"] == "sock***8a6b"


async def test_the_same_idempotency_key_replays_the_first_record(api: Running) -> None:
    headers = {"Idempotency-Key": "handoff-7f3a"}
    first = await api.post(PATH, json=body(), headers=headers)
    again = await api.post(PATH, json=body(), headers=headers)
    assert first[0] == again[0] == 201 and first[1] == again[1]
    assert api.scalar("SELECT COUNT(*) FROM handoff") == 1
    status, data = await api.post(PATH, json=body(reason="upset"), headers=headers)
    assert status == 422 and data["error"]["code"] == "idempotency_conflict"
    assert api.scalar("SELECT COUNT(*) FROM handoff") == 1


async def test_lists_filter_by_status_newest_first(api: Running) -> None:
    first = await create(api, service="tomb_sweeping")
    second = await create(api, service="charity", reason="fallbacks")
    third = await create(api, service="other", reason="upset")
    assert (await change(api, second["reference"], "take", "A1024"))[0] == 200
    assert (await change(api, third["reference"], "close", "A1024"))[0] == 200

    async def listed(**params: str) -> list[str]:
        status, data = await api.get(PATH, params=params)
        assert status == 200, data
        return [h["reference"] for h in data["handoffs"]]

    assert await listed() == [second["reference"], first["reference"]]  # open by default
    assert await listed(status="open") == [second["reference"], first["reference"]]
    assert await listed(status="waiting") == [first["reference"]]
    assert await listed(status="taken") == [second["reference"]]
    assert await listed(status="closed") == [third["reference"]]
    assert await listed(status="open", limit="1") == [second["reference"]]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"status": "done"}, "status_invalid"),
        ({"limit": "0"}, "limit_invalid"),
        ({"limit": "101"}, "limit_invalid"),
        ({"limit": "ten"}, "limit_invalid"),
    ],
)
async def test_bad_list_parameters_are_refused(
    api: Running, params: dict[str, str], code: str
) -> None:
    status, data = await api.get(PATH, params=params)
    assert status == 400 and data["error"]["code"] == code, data


async def test_take_and_close_move_the_record_once(api: Running) -> None:
    reference = (await create(api))["reference"]
    status, data = await change(api, reference.lower(), "take", " A1024王敏 ")
    assert status == 200, data
    taken = data["handoff"]
    assert taken["status"] == "taken" and taken["agent"] == "A1024王敏" and taken["taken_at"]
    # the same agent again: fine, nothing changes
    again = await change(api, reference, "take", "A1024王敏")
    assert again == (200, {"handoff": taken})
    # another agent: refused with who has it
    status, data = await change(api, reference, "take", "B2048")
    assert status == 409 and data["error"]["code"] == "already_taken"
    assert "A1024王敏" in data["error"]["message"]
    status, data = await change(api, reference, "close", "B2048")
    assert status == 409 and data["error"]["code"] == "already_taken"
    # the agent who took it closes it; closing again changes nothing
    status, data = await change(api, reference, "close", "A1024王敏")
    closed = data["handoff"]
    assert status == 200 and closed["status"] == "closed" and closed["closed_at"]
    assert closed["taken_at"] == taken["taken_at"]
    assert await change(api, reference, "close", "B2048") == (200, {"handoff": closed})
    status, data = await change(api, reference, "take", "A1024王敏")
    assert status == 409 and data["error"]["code"] == "closed"
    assert re.search(r"[\u4e00-\u9fff]", data["error"]["message"])


async def test_a_waiting_record_can_be_closed_by_the_agent_who_closes_it(api: Running) -> None:
    reference = (await create(api))["reference"]
    status, data = await change(api, reference, "close", "C3072")
    assert status == 200
    assert data["handoff"]["status"] == "closed" and data["handoff"]["agent"] == "C3072"
    assert data["handoff"]["taken_at"] is None


@pytest.mark.parametrize("reference", ["RG261123ZZZZZ", "HY261123K7Q2M", "nothing", "RG"])
async def test_an_unknown_reference_is_404(api: Running, reference: str) -> None:
    await create(api)
    for verb in ("take", "close"):
        status, data = await change(api, reference, verb, "A1024")
        assert status == 404 and data["error"]["code"] == "not_found", data


async def test_concurrent_takes_exactly_one_agent_wins(api: Running) -> None:
    reference = (await create(api))["reference"]
    agents = [f"A{1000 + i}" for i in range(30)]
    results = await asyncio.gather(*(change(api, reference, "take", a) for a in agents))
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [409] * 29, statuses
    winner = next(data["handoff"]["agent"] for status, data in results if status == 200)
    assert all(
        data["error"]["code"] == "already_taken" for status, data in results if status == 409
    )
    assert api.scalar("SELECT agent FROM handoff WHERE reference = :r", r=reference) == winner


async def test_concurrent_takes_and_closes_leave_one_consistent_record(api: Running) -> None:
    reference = (await create(api))["reference"]
    calls = [change(api, reference, "take", f"A{i}") for i in range(10)]
    calls += [change(api, reference, "close", f"A{i}") for i in range(10)]
    results = await asyncio.gather(*calls)
    assert all(status in (200, 409) for status, _ in results), results
    status = api.scalar("SELECT status FROM handoff WHERE reference = :r", r=reference)
    agent = api.scalar("SELECT agent FROM handoff WHERE reference = :r", r=reference)
    assert status in ("taken", "closed") and agent is not None
    winners = {data["handoff"]["agent"] for code, data in results if code == 200}
    assert winners == {agent}


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"service": "weather"}, "service_invalid", "service"),
        ({"reason": "bored"}, "reason_invalid", "reason"),
        ({"summary": "啊" * 601}, "summary_too_long", "summary"),
        ({"summary": 5}, "summary_invalid", "summary"),
        ({"channel": ""}, "channel_invalid", "channel"),
        ({"channel": "微信"}, "channel_invalid", "channel"),
        ({"channel": "rest\n"}, "channel_invalid", "channel"),
        ({"conversation": ""}, "conversation_invalid", "conversation"),
        ({"conversation": "   "}, "conversation_invalid", "conversation"),
        ({"conversation": "x" * 129}, "conversation_invalid", "conversation"),
        ({"conversation": "a\tb"}, "conversation_invalid", "conversation"),
        ({"summary": "含\x00字符"}, "field_invalid", "summary"),
        ({"conversation": "bad\ud800"}, "field_invalid", "conversation"),
        ({"extra": 1}, "field_unknown", "extra"),
    ],
)
async def test_bad_create_input_is_refused_and_nothing_is_stored(
    api: Running, overrides: dict[str, Any], code: str, field: str
) -> None:
    status, data = await api.post(PATH, json=body(**overrides))
    assert status == 422, data
    assert data["error"]["code"] == code and data["error"]["field"] == field, data
    assert re.search(r"[\u4e00-\u9fff]", data["error"]["message"])
    assert api.scalar("SELECT COUNT(*) FROM handoff") == 0


async def test_missing_fields_and_broken_bodies_are_refused(api: Running) -> None:
    partial = body()
    del partial["conversation"]
    status, data = await api.post(PATH, json=partial)
    assert status == 422 and data["error"]["code"] == "field_missing"
    status, data = await api.post(PATH, data=b"{not json", headers={"Content-Type": "x"})
    assert status == 400 and data["error"]["code"] == "invalid_json"
    status, data = await api.post(PATH, json=body(), headers={"Idempotency-Key": "有 空格"})
    assert status == 400 and data["error"]["code"] == "idempotency_key_invalid"


@pytest.mark.parametrize(
    ("agent", "code"),
    [
        ("", "agent_invalid"),
        ("   ", "agent_invalid"),
        ("A" * 31, "agent_invalid"),
        ("<b>A1</b>", "agent_invalid"),
        ("王😀", "agent_invalid"),
        ("A1\x00", "field_invalid"),
        ("A1\udc80", "field_invalid"),
        (12, "agent_invalid"),
    ],
)
async def test_bad_agents_are_refused(api: Running, agent: Any, code: str) -> None:
    reference = (await create(api))["reference"]
    for verb in ("take", "close"):
        status, data = await api.post(f"{PATH}/{reference}/{verb}", json={"agent": agent})
        assert status == 422 and data["error"]["code"] == code, data
    assert api.scalar("SELECT status FROM handoff") == "waiting"


async def test_every_route_is_in_the_openapi_document(api: Running) -> None:
    _, doc = await api.get("/openapi.json")
    assert set(doc["paths"][PATH]) == {"get", "post"}
    assert doc["paths"][f"{PATH}/{{reference}}/take"]["post"]["responses"].keys() >= {
        "200",
        "404",
        "409",
    }
    assert "example" in doc["components"]["schemas"]["HandoffIn"]
    assert "example" in doc["components"]["schemas"]["AgentIn"]
