"""One error type and one renderer: every error is ``{"error": {"code", "message", "field"}}``.

Sanic's own errors (404, 405, 413, bad request) and unexpected exceptions are rendered the
same way; an unexpected exception is logged (masked, see :mod:`backend.logging_setup`) and
the citizen sees only a generic Chinese message.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from sanic.exceptions import SanicException
from sanic.handlers import ErrorHandler
from sanic.request import Request
from sanic.response import HTTPResponse, json

logger = logging.getLogger("backend.errors")


class DomainError(Exception):
    """A service's rule refused the request: stable ``code``, Chinese ``message``, ``field``.

    Each service subclasses it and lists the codes that are not input-validation errors
    (422) in ``STATUS``, e.g. ``{"slot_full": 409, "not_found": 404}``.
    """

    STATUS: ClassVar[dict[str, int]] = {}

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field

    @property
    def status(self) -> int:
        """The HTTP status of this error (422 unless the service lists the code)."""
        return self.STATUS.get(self.code, 422)

    def api_error(self, status: int | None = None) -> ApiError:
        """This error as the API's error response."""
        return ApiError(status or self.status, self.code, self.message, self.field)


class ApiError(Exception):
    """An error to show to the client: HTTP status, stable code, Chinese message, field."""

    def __init__(self, status: int, code: str, message_zh: str, field: str | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message_zh = message_zh
        self.field = field


_SANIC_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求格式不正确，请检查后重试。"),
    404: ("route_not_found", "请求的接口不存在。"),
    405: ("method_not_allowed", "该接口不支持此请求方法。"),
    408: ("request_timeout", "请求超时，请稍后重试。"),
    413: ("payload_too_large", "请求内容过大。"),
    416: ("range_not_satisfiable", "请求的范围无效。"),
    503: ("service_unavailable", "服务暂时不可用，请稍后重试。"),
}
INTERNAL_MESSAGE = "系统繁忙，请稍后再试。如需帮助，请拨打当地民政服务热线。"


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """The JSON body of an error."""
    return {"error": {"code": code, "message": message, "field": field}}


def error_response(status: int, code: str, message: str, field: str | None = None) -> HTTPResponse:
    """An error as an HTTP response."""
    return json(error_body(code, message, field), status=status, ensure_ascii=False)


class JsonErrorHandler(ErrorHandler):
    """Renders every exception as the API's JSON error."""

    def default(self, request: Request, exception: Exception) -> HTTPResponse:
        """Map ``exception`` to a JSON error response."""
        if isinstance(exception, ApiError):
            return error_response(
                exception.status, exception.code, exception.message_zh, exception.field
            )
        if isinstance(exception, SanicException) and 400 <= exception.status_code < 500:
            code, message = _SANIC_ERRORS.get(
                exception.status_code, ("bad_request", "请求无法处理，请检查后重试。")
            )
            response = error_response(exception.status_code, code, message)
            if exception.status_code == 405 and getattr(exception, "headers", None):
                response.headers.update(exception.headers)
            return response
        status = getattr(exception, "status_code", 500)
        status = status if isinstance(status, int) and 500 <= status < 600 else 500
        logger.error(
            "Unhandled error on %s %s",
            getattr(request, "method", "?"),
            getattr(request, "path", "?"),
            exc_info=exception,
        )
        if status == 503:
            return error_response(503, *_SANIC_ERRORS[503])
        return error_response(500, "internal_error", INTERNAL_MESSAGE)
