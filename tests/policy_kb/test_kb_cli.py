"""``python -m policy_kb ask`` as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policy_kb import NO_ANSWER_TEXT

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.usefixtures("real_index")  # one index build, not one per subprocess


def _run(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "policy_kb", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def _ask(*args: str) -> str:
    return _run("ask", *args)


def test_cli_ask_prints_passages_answer_and_source() -> None:
    out = _ask("離婚冷靜期多久", "--top-k", "2")
    assert "1. [" in out and "2. [" in out and "3. [" not in out
    assert "marriage-divorce-cooling-off" in out
    assert "答复：" in out
    assert "来源：婚姻登记常见问题 · 离婚冷静期" in out


def test_cli_ask_with_region(tmp_path: Path) -> None:
    out = _ask("长者饭堂示范点有多少个", "--region", "广州")
    assert "gz-2024:二/擦亮长者饭堂招牌" in out.split("答复")[0].splitlines()[1]


def test_cli_ask_out_of_scope_names_who_handles_it() -> None:
    out = _ask("护照怎么办理")
    assert "不属于民政业务" in out and "出入境" in out
    assert "来源：" not in out


def test_cli_ask_nothing_found_prints_no_answer_text() -> None:
    out = _ask("今天晚上吃什么好呢")
    assert NO_ANSWER_TEXT in out
    assert "来源：" not in out


def test_cli_ask_other_city_says_so() -> None:
    out = _ask("北京低保一个月多少钱", "--region", "深圳")
    assert "没有北京的本地规定" in out
    assert "来源：" not in out


def test_cli_bench_prints_latency_and_memory() -> None:
    out = _run("bench", "--rounds", "1", "--limit", "10")
    assert "lexical only:" in out and "with embeddings:" in out
    assert "p95" in out and "MiB" in out
