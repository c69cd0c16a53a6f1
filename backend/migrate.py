"""Apply the Alembic migrations in ``backend/migrations`` programmatically."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from civic.sealing import Sealer

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    """An Alembic config built in code (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head", sealer: Sealer | None = None) -> None:
    """Bring the database behind ``engine`` to ``revision``.

    ``sealer`` is handed to data migrations that seal personal data already stored.
    """
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["sealer"] = sealer
        command.upgrade(config, revision)
