"""What the hand-off service loads once per app: nothing but its rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backend.clock import Clock
from backend.handoff.service import HandoffService
from civic.sealing import Sealer


@dataclass(frozen=True)
class HandoffRuntime:
    """The hand-off service for one app (no settings, no data file, no sample data)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> HandoffRuntime:
        """Nothing to read: hand-offs need no settings."""
        return cls()

    def seed(self, session: Session) -> int:
        """Nothing to seed: hand-offs come only from conversations."""
        return 0

    def service(self, session: Session, clock: Clock, sealer: Sealer) -> HandoffService:
        """The rules over one unit of work."""
        return HandoffService(session, clock, sealer)
