"""Policy answers from the knowledge base inside the action server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.policy as policy
from tests.actions.conftest import make_tracker


async def ask(domain: dict[str, Any], question: str) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=question, intent="ask_policy", active_loop="")
    assert await policy.ActionPolicyAnswer().run(dispatcher, tracker, domain) == []
    return dispatcher.messages


async def test_answer_carries_its_source(domain: dict[str, Any]) -> None:
    [message] = await ask(domain, "结婚登记现在还要户口本吗")
    assert message["response"] == "utter_policy_answer"
    assert message["citation"].startswith("来源：")
    assert "户口" in message["answer"]


async def test_unanswerable_question_says_so(domain: dict[str, Any]) -> None:
    messages = await ask(domain, "护照过期了在哪里换新的")
    assert messages[0]["response"] == "utter_policy_no_answer"
    assert all("citation" not in m for m in messages)


def test_a_rebuilt_index_is_picked_up_without_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "kb_index.json"
    index.write_text("{}")
    monkeypatch.setattr(policy, "INDEX_FILE", index)
    first = policy.knowledge_base()
    assert policy.knowledge_base() is first
    stat = index.stat()
    os.utime(index, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert policy.knowledge_base() is not first


def test_the_city_of_the_chosen_office_is_the_region() -> None:
    tracker = make_tracker(slots={"marriage_office_name": "广州市天河区婚姻登记处"})
    assert policy.region_of(tracker) == "广州"
    assert policy.region_of(make_tracker()) is None
