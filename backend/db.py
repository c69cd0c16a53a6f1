"""Database engine, declarative base and units of work.

SQLite (the default) gets WAL, a busy timeout and foreign keys on every connection. Write
units of work start with ``BEGIN IMMEDIATE`` on SQLite so that writers queue on the busy
timeout instead of failing on a stale snapshot; the booking rules themselves never rely on
that serialisation (capacity is one conditional UPDATE, uniqueness is a constraint), so the
same code is correct on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000
_WRITE_OPTION = "civic_write"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Base: Any = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


def is_sqlite(engine: Engine) -> bool:
    """True when ``engine`` talks to SQLite."""
    return engine.dialect.name == "sqlite"


def make_engine(database_url: str) -> Engine:
    """Create a 2.0-style engine; for a SQLite file, create its folder and tune the connection."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, future=True, pool_pre_ping=True)

    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        future=True,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass(frozen=True)
class Database:
    """An engine with one session factory for reads and one for writes."""

    engine: Engine
    _reader: Callable[[], Session]
    _writer: Callable[[], Session]

    @classmethod
    def connect(cls, database_url: str) -> Database:
        """Create the engine and session factories for ``database_url``."""
        engine = make_engine(database_url)
        write_engine = engine.execution_options(**{_WRITE_OPTION: True})
        return cls(
            engine=engine,
            _reader=sessionmaker(bind=engine, future=True, expire_on_commit=False),
            _writer=sessionmaker(bind=write_engine, future=True, expire_on_commit=False),
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for one read-only unit of work (rolled back at the end)."""
        session = self._reader()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one unit of work: committed on success, rolled back on any error."""
        session = self._writer()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
