"""``python -m policy_kb ask`` as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from policy_kb import NO_ANSWER_TEXT

REPO = Path(__file__).resolve().parents[2]


def _ask(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "policy_kb", "ask", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_cli_ask_prints_passages_answer_and_source() -> None:
    out = _ask("離婚冷靜期多久", "--top-k", "2")
    assert "1. [" in out and "2. [" in out and "3. [" not in out
    assert "marriage-divorce-cooling-off" in out
    assert "答复：" in out
    assert "来源：婚姻登记常见问题 · 离婚冷静期" in out


def test_cli_ask_with_region(tmp_path: Path) -> None:
    out = _ask("长者饭堂示范点有多少个", "--region", "广州")
    assert "gz-2024:二/擦亮长者饭堂招牌" in out.split("答复")[0].splitlines()[1]


def test_cli_ask_out_of_scope_prints_no_answer_text() -> None:
    out = _ask("护照怎么办理")
    assert NO_ANSWER_TEXT in out
    assert "来源：" not in out
