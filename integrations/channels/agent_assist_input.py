"""Checking what reaches agent assist: the bearer token and the request bodies.

Every refusal is a 4xx JSON error ``{"error": {"code", "message", "field"}}`` with a Chinese
message, like the civil-affairs API's; bad input never causes a 5xx.
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass
from typing import Any, get_args

from sanic.request import Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from contracts.handoff import MAX_AGENT, StatusFilter

from .agent_assist_messages import error_message

MAX_TEXT_CHARS = 500
TOP_K_RANGE = (1, 10)
DEFAULT_TOP_K = 3
LIMIT_RANGE = (1, 100)  # the backend's own bounds
DEFAULT_LIMIT = 50
MAX_BODY_BYTES = 64 * 1024  # 500 characters take 3,000 bytes even as \uXXXX escapes
MAX_REFERENCE_CHARS = 40
STATUSES = frozenset(get_args(StatusFilter))
_SPACES = re.compile(r"\s+")


class Refused(Exception):
    """A request agent assist does not serve; :meth:`response` is what the caller gets."""

    def __init__(self, status: int, code: str, field: str | None = None, **values: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.field = field
        self.values = values

    def response(self) -> HTTPResponse:
        """The JSON error response."""
        return error_response(
            self.status, self.code, error_message(self.code, **self.values), self.field
        )


def error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> HTTPResponse:
    """``{"error": {"code", "message", "field"}}`` with ``status``."""
    body = {"error": {"code": code, "message": message, "field": field}}
    return json_response(body, status=status, headers=headers, ensure_ascii=False)


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or ``None``."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def is_authorized(request: Request, expected: str) -> bool:
    """Whether the request carries ``expected`` as its bearer token (constant-time).

    Sanic decodes header bytes that are not UTF-8 as surrogates: they are encoded back, so a
    strange header is a plain mismatch, never an error.
    """
    given = bearer_token(request)
    if given is None:
        return False
    return hmac.compare_digest(
        given.encode("utf-8", "surrogateescape"), expected.encode("utf-8", "surrogateescape")
    )


def unauthorized() -> HTTPResponse:
    """401 with ``WWW-Authenticate: Bearer``."""
    return error_response(
        401,
        "unauthorized",
        error_message("unauthorized"),
        headers={"WWW-Authenticate": 'Bearer realm="agent_assist"'},
    )


def json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object (an empty body counts as ``{}``)."""
    raw = request.body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise Refused(413, "body_too_large")
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Refused(400, "invalid_json") from exc
    if not isinstance(body, dict):
        raise Refused(400, "invalid_json")
    return body


def _integer(value: Any, default: int, bounds: tuple[int, int], code: str, name: str) -> int:
    if value is None:
        return default
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Refused(400, code, name, low=low, high=high)
    return value


@dataclass(frozen=True)
class SuggestRequest:
    """A checked ``/suggest`` body."""

    text: str
    top_k: int

    @classmethod
    def parse(cls, body: dict[str, Any]) -> SuggestRequest:
        """Check ``{"text", "top_k"}``: text 1–500 characters, top_k an integer 1–10."""
        text = body.get("text")
        if text is None:
            raise Refused(400, "text_required", "text")
        if not isinstance(text, str):
            raise Refused(400, "text_invalid", "text")
        text = text.strip()
        if not text:
            raise Refused(400, "text_required", "text")
        if len(text) > MAX_TEXT_CHARS:
            raise Refused(400, "text_too_long", "text", limit=MAX_TEXT_CHARS)
        top_k = _integer(body.get("top_k"), DEFAULT_TOP_K, TOP_K_RANGE, "top_k_invalid", "top_k")
        return cls(text, top_k)


def list_query(request: Request) -> tuple[str, int]:
    """``status`` (open by default) and ``limit`` of ``GET /handoffs``."""
    status = request.args.get("status", "open").strip()
    if status not in STATUSES:
        raise Refused(400, "status_invalid", "status")
    raw = request.args.get("limit")
    limit: int | None = None
    if raw is not None:
        try:
            limit = int(raw.strip())
        except ValueError as exc:
            low, high = LIMIT_RANGE
            raise Refused(400, "limit_invalid", "limit", low=low, high=high) from exc
    return status, _integer(limit, DEFAULT_LIMIT, LIMIT_RANGE, "limit_invalid", "limit")


def checked_reference(reference: str) -> str:
    """A hand-off reference (``RG…``) without spaces, upper-cased, or :class:`Refused`.

    Only its length is checked here; the backend says whether such a record exists (404).
    """
    reference = _SPACES.sub("", reference).upper()
    if not reference or len(reference) > MAX_REFERENCE_CHARS:
        raise Refused(400, "reference_invalid", "reference")
    return reference


def checked_agent(body: dict[str, Any]) -> str:
    """The ``agent`` (工号 or name) of a take/close body, 1–30 characters.

    The backend checks which characters it accepts (422 ``agent_invalid``, passed through).
    """
    agent = body.get("agent")
    if not isinstance(agent, str) or not agent.strip() or len(agent.strip()) > MAX_AGENT:
        raise Refused(400, "agent_required", "agent", limit=MAX_AGENT)
    return agent.strip()
