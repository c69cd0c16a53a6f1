"""What the marriage service loads once per app: settings, the data file and the schedule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from backend.clock import Clock
from backend.marriage.sample_data import MarriageData, load_data_file, seed_offices
from backend.marriage.schedule import Schedule
from backend.marriage.service import MarriageService
from civic.config import env_int, env_str
from civic.sealing import Sealer

DEFAULT_DATA_FILE = Path(__file__).parent / "sample_data.yaml"


@dataclass(frozen=True)
class MarriageRuntime:
    """The marriage service's settings, data and schedule for one app.

    Settings (environment):
        MARRIAGE_BOOKING_DAYS: how many days ahead an appointment may be booked (1–366,
            default 30); the window is tomorrow .. today + this many days.
        MARRIAGE_DATA_FILE: YAML with offices, time slots and special days (default: the
            bundled sample data, marked 示例).
    """

    data: MarriageData
    schedule: Schedule

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> MarriageRuntime:
        """Read the settings and the data file; raise on a bad value."""
        days = env_int(env, "MARRIAGE_BOOKING_DAYS", 30, 1, 366)
        data = load_data_file(Path(env_str(env, "MARRIAGE_DATA_FILE", str(DEFAULT_DATA_FILE))))
        return cls(data=data, schedule=Schedule(data.schedule, days))

    def seed(self, session: Session) -> int:
        """Insert or update the data file's offices."""
        return seed_offices(session, self.data)

    def service(self, session: Session, clock: Clock, sealer: Sealer) -> MarriageService:
        """The rules over one unit of work."""
        return MarriageService(session, clock, self.schedule, sealer)
