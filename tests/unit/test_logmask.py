"""civic.logmask: log records of every process carry no full ID or mobile number."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator

import pytest

from civic.logmask import MaskingFilter, install_log_masking, mask_log_text, mask_record

ID_NUMBER = "11010519491231002X"
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def _restore_record_factory() -> Iterator[None]:
    factory = logging.getLogRecordFactory()
    yield
    logging.setLogRecordFactory(factory)


def record(msg: str, *args: object, **extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("test", logging.INFO, __file__, 1, msg, args or None, None)
    rec.__dict__.update(extra)
    return rec


@pytest.mark.parametrize(
    "text",
    [
        f"身份证{ID_NUMBER}，电话{PHONE}",
        f"号码：\n{ID_NUMBER}\t{PHONE}",
        f'他说"{ID_NUMBER}"',
        f"路径 C:\\{ID_NUMBER}",
    ],
)
def test_json_log_lines_are_masked_and_stay_valid_json(text: str) -> None:
    """Rasa's structlog JSON escapes Chinese text: ``\\u8bc1110105…`` must still be masked."""
    line = json.dumps({"event": "processor.message.parse", "parse_data_text": text})
    masked = mask_log_text(line)
    assert ID_NUMBER not in masked and PHONE not in masked
    assert json.loads(masked)["parse_data_text"] == mask_log_text(text)
    assert "110***********002X" in json.loads(masked)["parse_data_text"]


def test_plain_text_with_backslashes_is_masked_as_before() -> None:
    assert (
        mask_log_text(f"C:\\{ID_NUMBER} and \\{PHONE}")
        == "C:\\110***********002X and \\138****5678"
    )
    # An ID-like run inside a longer token stays as civic.masking leaves it.
    token = f"sha=ab{ID_NUMBER}cd \\n done"
    assert mask_log_text(token) == token


def test_message_and_arguments_are_masked() -> None:
    rec = mask_record(record("id %s phone %s", ID_NUMBER, PHONE))
    assert rec.getMessage() == "id 110***********002X phone 138****5678"
    assert rec.args is None


def test_traceback_and_string_extras_are_masked() -> None:
    try:
        raise ValueError(f"bad phone {PHONE}")
    except ValueError:
        rec = record("failed", request=f"GET /?id={ID_NUMBER}")
        rec.exc_info = sys.exc_info()
    mask_record(rec)
    assert rec.exc_info is None
    assert "138****5678" in rec.exc_text and PHONE not in rec.exc_text
    assert rec.request == "GET /?id=110***********002X"


def test_filter_masks_extras_added_after_creation_and_keeps_the_record() -> None:
    rec = mask_record(record("plain"))
    rec.request = f"POST /book phone={PHONE}"
    assert MaskingFilter().filter(rec) is True
    assert rec.request == "POST /book phone=138****5678"


def test_install_masks_every_logger_once(caplog: pytest.LogCaptureFixture) -> None:
    install_log_masking()
    factory = logging.getLogRecordFactory()
    install_log_masking()
    assert logging.getLogRecordFactory() is factory, "installing twice wraps once"

    caplog.set_level(logging.DEBUG)
    logging.getLogger("rasa.core.processor").debug("Received user message '%s'", ID_NUMBER)
    logging.getLogger("backend.app").info(f"phone {PHONE}")
    assert [r.getMessage() for r in caplog.records] == [
        "Received user message '110***********002X'",
        "phone 138****5678",
    ]


def test_backend_module_re_exports_the_shared_masking() -> None:
    import backend.logging_setup as backend_logging

    assert backend_logging.install_log_masking is install_log_masking
    assert backend_logging.MaskingFilter is MaskingFilter
