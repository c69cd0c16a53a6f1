"""Request parsing and response helpers shared by every service's routes."""

from __future__ import annotations

import asyncio
import json as jsonlib
import re
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from backend.errors import ApiError
from backend.idempotency import is_valid_key

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

IDEMPOTENCY_HEADER = "Idempotency-Key"
# Dates a query may ask about: far enough for any booking, near enough that date arithmetic
# (a day plus a window of days) can never overflow.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)
# How many days one open-days request may list, and how many by default.
MAX_OPEN_DAYS = 62
DEFAULT_OPEN_DAYS = 14
# Lone surrogates are not text, and PostgreSQL refuses NUL in any string.
_NOT_TEXT = re.compile(r"[\ud800-\udfff\x00]")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _first_bad_string(value: Any, path: str = "") -> str | None:
    """The path of the first string holding a lone surrogate or a NUL (not storable text)."""
    if isinstance(value, str):
        return path or "body" if _NOT_TEXT.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            bad = _first_bad_string(key, path) or _first_bad_string(
                item, f"{path}.{key}" if path else str(key)
            )
            if bad:
                return bad
    if isinstance(value, list):
        for index, item in enumerate(value):
            bad = _first_bad_string(item, f"{path}.{index}" if path else str(index))
            if bad:
                return bad
    return None


def parse_body(request: Request, model: type[M], field_codes: dict[str, tuple[str, str]]) -> M:
    """Parse the JSON object body into ``model``.

    Args:
        request: the request.
        model: the pydantic model.
        field_codes: top-level field name -> (error code, Chinese message) for fields with
            their own error code (e.g. ``type`` -> ``type_invalid``).

    Raises:
        ApiError: 400 for an empty, non-JSON or absurdly nested body, 422 for a missing,
            unknown or mistyped field or text that is not valid Unicode.
    """
    if not request.body or not request.body.strip():
        raise ApiError(400, "empty_body", "请求内容为空，请提交JSON格式的信息。")
    try:
        payload = jsonlib.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ApiError(400, "invalid_json", "请求内容不是有效的JSON，请检查后重试。") from None
    if not isinstance(payload, dict):
        raise ApiError(400, "invalid_json", "请求内容应为JSON对象。")
    bad = _first_bad_string(payload)
    if bad:
        raise ApiError(422, "field_invalid", f"“{bad}”含有无效字符，请检查后重试。", bad)
    try:
        return model.parse_obj(payload)
    except RecursionError:
        raise ApiError(400, "invalid_json", "请求内容层级过深。") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"] if part != "__root__")
        top = str(first["loc"][0]) if first["loc"] else ""
        if first["type"] == "value_error.missing":
            message = f"缺少必填项“{field}”，请补充后重试。"
            raise ApiError(422, "field_missing", message, field) from None
        if first["type"] == "value_error.extra":
            raise ApiError(422, "field_unknown", f"不支持的字段“{field}”。", field) from None
        if top in field_codes:
            code, message = field_codes[top]
            raise ApiError(422, code, message, field) from None
        raise ApiError(
            422, "field_invalid", f"“{field}”的格式不正确，请检查后重试。", field
        ) from None


def query_day(request: Request, name: str, *, required: bool) -> date | None:
    """An ISO date query parameter between 2000 and 2099; None when absent and optional.

    Raises:
        ApiError: 400 ``date_invalid`` for a missing, malformed or out-of-range date.
    """
    text = request.args.get(name)
    if text is None and not required:
        return None
    message = f"{name} 应为2000至2099年之间的日期，格式为YYYY-MM-DD。"
    if not text or not _ISO_DAY.match(text):
        raise ApiError(400, "date_invalid", message, name)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ApiError(400, "date_invalid", message, name) from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ApiError(400, "date_invalid", message, name)
    return day


def query_int(request: Request, name: str, default: int, minimum: int, maximum: int) -> int:
    """A whole-number query parameter within bounds.

    Raises:
        ApiError: 400 ``<name>_invalid`` when it is not a whole number in range.
    """
    text = request.args.get(name)
    if text is None:
        return default
    if re.fullmatch(r"\d{1,6}", text) and minimum <= int(text) <= maximum:
        return int(text)
    raise ApiError(400, f"{name}_invalid", f"{name} 应为{minimum}至{maximum}之间的整数。", name)


def open_days_query(request: Request) -> tuple[date | None, int]:
    """The ``from`` (None when absent) and ``days`` parameters of an open-days request.

    Raises:
        ApiError: 400 ``date_invalid`` or ``days_invalid``.
    """
    start = query_day(request, "from", required=False)
    return start, query_int(request, "days", DEFAULT_OPEN_DAYS, 1, MAX_OPEN_DAYS)


def idempotency_key(request: Request) -> str | None:
    """The ``Idempotency-Key`` header, validated; None when absent."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return None
    if not is_valid_key(key):
        raise ApiError(
            400,
            "idempotency_key_invalid",
            "Idempotency-Key 应为1至255个可见ASCII字符。",
            IDEMPOTENCY_HEADER,
        )
    return key


def json_response(body: dict[str, Any] | BaseModel, status: int = 200) -> HTTPResponse:
    """JSON with Chinese kept readable; models are rendered by pydantic (dates as ISO)."""
    text = (
        body.json(ensure_ascii=False)
        if isinstance(body, BaseModel)
        else jsonlib.dumps(body, ensure_ascii=False)
    )
    return HTTPResponse(text, status=status, content_type="application/json")


async def run_sync(app: Sanic, function: Callable[..., T], *args: Any) -> T:
    """Run blocking database work on the app's worker threads, off the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(app.ctx.executor, partial(function, *args))
