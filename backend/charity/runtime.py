"""What the charity registry service loads once per app: its data file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from backend.charity.sample_data import CharityData, load_data_file, seed_registry
from backend.charity.service import CharityService
from civic.config import env_str

DEFAULT_DATA_FILE = Path(__file__).parent / "sample_data.yaml"


@dataclass(frozen=True)
class CharityRuntime:
    """The charity registry's data for one app.

    Settings (environment):
        CHARITY_DATA_FILE: YAML with organisations and projects (default: the bundled sample
            data, marked 示例).
    """

    data: CharityData

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> CharityRuntime:
        """Read the data file; raise ``DataFileError`` when it is malformed."""
        return cls(load_data_file(Path(env_str(env, "CHARITY_DATA_FILE", str(DEFAULT_DATA_FILE)))))

    def seed(self, session: Session) -> int:
        """Insert or update the data file's organisations and projects."""
        return seed_registry(session, self.data)

    def service(self, session: Session, today: date) -> CharityService:
        """The rules over one unit of work."""
        return CharityService(session, today)
