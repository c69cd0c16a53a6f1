"""Alembic environment: run by :func:`backend.migrate.upgrade` with a connection in
``config.attributes["connection"]`` (no alembic.ini, no logging configuration)."""

from __future__ import annotations

from alembic import context

import backend.idempotency  # noqa: F401 - registers its table
from backend.db import Base
from backend.registry import services

services()  # importing every service package registers its tables on Base.metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` CLI use without our runner
    raise RuntimeError("run migrations through backend.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
