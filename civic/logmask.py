"""Logging that never carries a full ID number or mobile number, for every process.

Both the civil-affairs API (:mod:`backend.app`) and the Rasa server (installed when
:class:`integrations.tracker_store.EncryptedSQLTrackerStore` is created) call
:func:`install_log_masking`; the module lives here so the backend need not import
``integrations`` (nor the reverse).

Records are masked twice over: a record factory masks the message, its arguments and any
traceback as the record is created (so every handler, including pytest's caplog, sees masked
text), and :class:`MaskingFilter` on the handlers also masks ``extra`` fields such as Sanic's
access-log ``request`` line.

Log lines may be JSON (Rasa renders its structlog events as JSON whenever stderr is not a
terminal, i.e. under the dev stack and in production), where ``身份证110105…`` becomes
``\u8bc1110105…``: the escape's hex digits run into the number and hide it from
:func:`~civic.masking.mask_text`. :func:`mask_log_text` therefore masks the text between
escape sequences piece by piece.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

from civic.masking import mask_text

__all__ = ["MaskingFilter", "install_log_masking", "mask_log_text", "mask_record"]

_MARK = "_civic_masking"
# A JSON string escape. None ends in a digit that belongs to the text: a backslash before a
# digit in plain text (C:\110105…) is left alone, so the number stays whole and is masked.
_ESCAPE = re.compile(r"(\\(?:u[0-9a-fA-F]{4}|[\\\"/bfnrt]))")


def mask_log_text(text: str) -> str:
    """:func:`~civic.masking.mask_text`, also where escapes (JSON log lines) touch a number."""
    if "\\" not in text:
        return mask_text(text)
    parts = _ESCAPE.split(text)  # odd items are the escapes themselves
    return "".join(part if i % 2 else mask_text(part) for i, part in enumerate(parts))


def _format_exception(exc_info: Any) -> str:
    return "".join(traceback.format_exception(*exc_info)).rstrip("\n")


def mask_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask IDs and phones in ``record``'s message, traceback and string attributes."""
    if getattr(record, _MARK, False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # a malformed format string: keep what we have
        message = str(record.msg)
    record.msg = mask_log_text(message)
    record.args = None
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = mask_log_text(_format_exception(record.exc_info))
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = mask_log_text(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_log_text(record.stack_info)
    for name, value in list(vars(record).items()):
        if isinstance(value, str) and name not in {"msg", "name", "levelname", "pathname"}:
            setattr(record, name, mask_log_text(value))
    setattr(record, _MARK, True)
    return record


class MaskingFilter(logging.Filter):
    """A handler filter that masks every record passing through it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask in place; never drops a record."""
        setattr(record, _MARK, False)  # extras were added after the factory ran
        mask_record(record)
        return True


def install_log_masking() -> None:
    """Mask every log record of this process (idempotent)."""
    current = logging.getLogRecordFactory()
    if getattr(current, _MARK, False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return mask_record(current(*args, **kwargs))

    setattr(factory, _MARK, True)
    logging.setLogRecordFactory(factory)
    masking_filter = MaskingFilter()
    for logger in (logging.getLogger(), *_sanic_loggers()):
        for handler in logger.handlers:
            if not any(isinstance(f, MaskingFilter) for f in handler.filters):
                handler.addFilter(masking_filter)


def _sanic_loggers() -> list[logging.Logger]:
    return [logging.getLogger(name) for name in ("sanic.root", "sanic.error", "sanic.access")]
