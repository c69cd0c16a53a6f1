"""Domain errors of the social-assistance service (every code is a 422 input error)."""

from __future__ import annotations

from typing import ClassVar

from backend.errors import DomainError


class AssistanceError(DomainError):
    """A pre-screening or referral request cannot be accepted (codes not listed are 422)."""

    STATUS: ClassVar[dict[str, int]] = {}
