"""Request parsing and response helpers shared by every service's routes."""

from __future__ import annotations

import asyncio
import json as jsonlib
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

from backend.errors import ApiError
from backend.idempotency import is_valid_key

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

IDEMPOTENCY_HEADER = "Idempotency-Key"


def parse_body(request: Request, model: type[M], field_codes: dict[str, tuple[str, str]]) -> M:
    """Parse the JSON object body into ``model``.

    Args:
        request: the request.
        model: the pydantic model.
        field_codes: top-level field name -> (error code, Chinese message) for fields with
            their own error code (e.g. ``type`` -> ``type_invalid``).

    Raises:
        ApiError: 400 for an empty or non-JSON body, 422 for a missing or mistyped field.
    """
    if not request.body or not request.body.strip():
        raise ApiError(400, "empty_body", "请求内容为空，请提交JSON格式的预约信息。")
    try:
        payload = jsonlib.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "请求内容不是有效的JSON，请检查后重试。") from None
    if not isinstance(payload, dict):
        raise ApiError(400, "invalid_json", "请求内容应为JSON对象。")
    try:
        return model.parse_obj(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"] if part != "__root__")
        top = str(first["loc"][0]) if first["loc"] else ""
        if first["type"] == "value_error.missing":
            message = f"缺少必填项“{field}”，请补充后重试。"
            raise ApiError(422, "field_missing", message, field) from None
        if top in field_codes:
            code, message = field_codes[top]
            raise ApiError(422, code, message, field) from None
        raise ApiError(
            422, "field_invalid", f"“{field}”的格式不正确，请检查后重试。", field
        ) from None


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
    """JSON with Chinese kept readable."""
    data = body.dict() if isinstance(body, BaseModel) else body
    return json(data, status=status, ensure_ascii=False)


async def run_sync(app: Sanic, function: Callable[..., T], *args: Any) -> T:
    """Run blocking database work on the app's worker threads, off the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(app.ctx.executor, partial(function, *args))
