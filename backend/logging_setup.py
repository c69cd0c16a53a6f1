"""Logging that never carries a full ID number or mobile number.

Records are masked twice over: a record factory masks the message, its arguments and any
traceback as the record is created (so every handler, including pytest's caplog, sees masked
text), and :class:`MaskingFilter` on the handlers also masks ``extra`` fields such as Sanic's
access-log ``request`` line.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from civic.masking import mask_text

_MARK = "_civic_masking"


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
    record.msg = mask_text(message)
    record.args = None
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = mask_text(_format_exception(record.exc_info))
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = mask_text(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_text(record.stack_info)
    for name, value in list(vars(record).items()):
        if isinstance(value, str) and name not in {"msg", "name", "levelname", "pathname"}:
            setattr(record, name, mask_text(value))
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
