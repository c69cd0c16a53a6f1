"""What the tomb-sweeping service loads once per app: settings, the data file, the schedule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from backend.clock import Clock
from backend.tomb_sweeping.sample_data import (
    MAX_VISITORS_LIMIT,
    TombData,
    load_data_file,
    seed_cemeteries,
)
from backend.tomb_sweeping.schedule import Schedule
from backend.tomb_sweeping.service import TombService
from civic.config import env_int, env_str
from civic.sealing import Sealer

DEFAULT_DATA_FILE = Path(__file__).parent / "sample_data.yaml"


@dataclass(frozen=True)
class TombRuntime:
    """The tomb-sweeping service's settings, data and schedule for one app.

    Settings (environment):
        TOMB_BOOKING_DAYS: how many days ahead a visit may be reserved (1–366, default 30);
            the window is tomorrow .. today + this many days.
        TOMB_MAX_VISITORS: people per reservation where a cemetery sets no limit of its own
            (1–20, default 5).
        TOMB_DATA_FILE: YAML with cemeteries, time windows and peak periods (default: the
            bundled sample data, marked 示例).
    """

    data: TombData
    schedule: Schedule
    max_visitors: int

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> TombRuntime:
        """Read the settings and the data file; raise on a bad value."""
        days = env_int(env, "TOMB_BOOKING_DAYS", 30, 1, 366)
        max_visitors = env_int(env, "TOMB_MAX_VISITORS", 5, 1, MAX_VISITORS_LIMIT)
        data = load_data_file(Path(env_str(env, "TOMB_DATA_FILE", str(DEFAULT_DATA_FILE))))
        return cls(data=data, schedule=Schedule(data.schedule, days), max_visitors=max_visitors)

    def seed(self, session: Session) -> int:
        """Insert or update the data file's cemeteries."""
        return seed_cemeteries(session, self.data)

    def service(self, session: Session, clock: Clock, sealer: Sealer) -> TombService:
        """The rules over one unit of work."""
        return TombService(session, clock, self.schedule, sealer, self.max_visitors)
