"""After real conversations of every journey, no raw personal value is readable at rest."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests.dialogue import test_assistance_dialogue as assistance
from tests.dialogue import test_marriage_dialogue as marriage
from tests.dialogue import test_tomb_sweeping_dialogue as tomb
from tests.dialogue.conftest import Stack
from tests.support.people import make_id

pytestmark = pytest.mark.slow


def forms_of(value: str) -> list[bytes]:
    """The ways a value can be written: UTF-8, JSON-escaped (\\uXXXX), both cases."""
    escaped = json.dumps(value)[1:-1]
    return sorted({value.encode(), escaped.encode(), escaped.lower().encode()})


def files_at_rest(var_dir: Path) -> list[Path]:
    """Both databases (with their write-ahead logs) and every process's log file."""
    return [p for p in var_dir.rglob("*") if p.is_file() and p.suffix in {".db", ".log", ".db-wal"}]


INCOME = "每月三千一百九十八元"
ASSETS = "存款两万三千四百五十六元"


def test_no_raw_id_phone_name_plate_or_household_fact_in_databases_or_logs(
    stack: Stack,
) -> None:
    man = make_id("19891111", male=True, serial=51)
    woman = make_id("19910202", male=False, serial=52)
    booker = make_id("19660303", male=False, serial=53)
    chat = stack.chat(f"privacy-{uuid.uuid4().hex[:8]}")
    marriage.book_until_summary(chat, man_id=man, woman_id=woman)
    assert "预约成功" in chat.text("确认")
    chat = stack.chat(f"privacy-{uuid.uuid4().hex[:8]}")
    tomb.reserve_until_summary(chat, booker_id=booker, phone="13566667777")
    assert "预约成功" in chat.text("确认")
    chat = stack.chat(f"privacy-{uuid.uuid4().hex[:8]}")
    first = assistance.start(chat, "我家困难，想看看能不能吃低保")
    answers = {**assistance.HOUSEHOLD, "income": INCOME, "assets": ASSETS}
    assistance.answer_until_result(chat, first, answers)
    chat.text("请街道联系我")
    chat.text("欧阳秀芬")
    chat.text("13700001357")
    assert "登记号" in chat.text("同意提交")

    # Household facts are typed in words: sealed bytes (base64) can never contain them.
    typed = [
        INCOME,
        ASSETS,
        "欧阳秀芬",
        "13700001357",
        man,
        woman,
        booker,
        marriage.MAN_ID,
        marriage.WOMAN_ID,
        tomb.BOOKER_ID,
        marriage.PHONE,
        tomb.PHONE,
        "13566667777",
        "张伟",
        "李娜",
        "王秀英",
        "李建国",
        "粤B12345",
    ]
    files = files_at_rest(stack.config.var_dir)
    names = {p.name for p in files}
    assert {"tracker.db", "civic.db", "rasa.log", "actions.log", "backend.log"} <= names, names
    leaks = [
        f"{path.name}: {value}"
        for path in files
        for value in typed
        if any(form in path.read_bytes() for form in forms_of(value))
    ]
    assert not leaks, leaks
