"""What the social-assistance service loads once per app: the standards data file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from backend.assistance.service import ReferralService
from backend.assistance.standards import Standards, load_standards
from backend.clock import Clock
from civic.config import env_str
from civic.sealing import Sealer

DEFAULT_DATA_FILE = Path(__file__).parent / "sample_data.yaml"
DATA_FILE_VARIABLE = "ASSISTANCE_DATA_FILE"


def data_file(env: Mapping[str, str]) -> Path:
    """The standards file: ``ASSISTANCE_DATA_FILE`` or the bundled one (figures 示例)."""
    return Path(env_str(env, DATA_FILE_VARIABLE, str(DEFAULT_DATA_FILE)))


@dataclass(frozen=True)
class AssistanceRuntime:
    """The social-assistance standards for one app.

    Settings (environment):
        ASSISTANCE_DATA_FILE: YAML with per-city standards and the national default
            (default: the bundled file, whose unsourced figures are marked 示例). Read at
            start; ``python -m backend.assistance set-standard`` updates it, restart to apply.
    """

    standards: Standards

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> AssistanceRuntime:
        """Read the data file; raise ``DataFileError`` on a bad value."""
        return cls(standards=load_standards(data_file(env)))

    def seed(self, session: Session) -> int:
        """Nothing to seed: the standards are read from the data file, not the database."""
        return 0

    def referrals(self, session: Session, clock: Clock, sealer: Sealer) -> ReferralService:
        return ReferralService(session, clock, sealer)
