"""integrations.tracker_store: nothing personal readable at rest; conversations resume."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from civic.config import SettingsError
from civic.masking import mask_id_number, mask_phone
from civic.sealing import new_secret
from integrations.tracker_store import (
    SEALED_PREFIX,
    EncryptedSQLTrackerStore,
    TrackerStoreSetupError,
    UnreadableTrackerError,
)
from tests.support.people import make_id

ROOT = Path(__file__).resolve().parents[2]
CLASS_PATH = "integrations.tracker_store.EncryptedSQLTrackerStore"

ID_NUMBER = make_id("19900307", male=True, region="110105", serial=17)
PHONE = "13912345678"
NAME = "欧阳建国"
TEXT = f"我叫{NAME}，身份证{ID_NUMBER}，电话{PHONE}"
SENDER = "citizen-1"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Each store installs process-wide log masking; undo it after every test."""
    factory = logging.getLogRecordFactory()
    yield
    logging.setLogRecordFactory(factory)


@pytest.fixture()
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    secret = new_secret()
    monkeypatch.setenv("TRACKER_ENCRYPTION_KEY", secret)
    monkeypatch.delenv("CIVIC_ENV", raising=False)
    monkeypatch.delenv("TRACKER_ALLOW_PLAIN_ROWS", raising=False)
    return secret


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


def open_store(db: Path, domain: Domain) -> EncryptedSQLTrackerStore:
    return EncryptedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))


def booking_tracker(domain: Domain, sender: str = SENDER) -> DialogueStateTracker:
    entities = [
        {"entity": "id_number", "value": ID_NUMBER, "start": 12, "end": 30},
        {"entity": "phone", "value": PHONE, "start": 33, "end": 44},
    ]
    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered(
            TEXT,
            intent={"name": "marriage_book", "confidence": 0.97},
            entities=entities,
            parse_data={
                "text": TEXT,
                "intent": {"name": "marriage_book", "confidence": 0.97},
                "entities": entities,
            },
        ),
        ActionExecuted("marriage_form"),
        ActiveLoop("marriage_form"),
        SlotSet("marriage_party1_name", NAME),
        SlotSet("marriage_party1_id", ID_NUMBER),
        SlotSet("marriage_phone", PHONE),
        BotUttered(
            f"已记录：{NAME[0]}***，身份证 {mask_id_number(ID_NUMBER)}，电话 {mask_phone(PHONE)}"
        ),
        ActionExecuted("action_listen"),
    ]
    return DialogueStateTracker.from_events(sender, events, domain.slots)


def leaked(db: Path) -> list[str]:
    """Which raw values (or their JSON-escaped forms) appear in the database files."""
    blobs = b"".join(
        path.read_bytes()
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-journal"))
        if path.exists()
    )
    found = []
    for value in (ID_NUMBER, PHONE, NAME):
        forms = {value.encode("utf-8"), json.dumps(value).strip('"').encode("ascii")}
        if any(form in blobs for form in forms):
            found.append(value)
    return found


def as_dicts(tracker: DialogueStateTracker) -> list[dict]:
    return [event.as_dict() for event in tracker.events]


def latest_session(tracker: DialogueStateTracker) -> list[dict]:
    """What Rasa's ``retrieve`` returns: events from the latest ``session_started`` on."""
    events = as_dicts(tracker)
    starts = [i for i, e in enumerate(events) if e["event"] == "session_started"]
    return events[starts[-1] :] if starts else events


async def test_plain_sql_store_leaks_so_the_check_is_meaningful(db: Path, domain: Domain) -> None:
    store = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
    await store.save(booking_tracker(domain))
    store.engine.dispose()
    assert set(leaked(db)) >= {ID_NUMBER, PHONE, NAME}


async def test_nothing_personal_is_readable_in_the_database_file(
    key: str, db: Path, domain: Domain
) -> None:
    store = open_store(db, domain)
    await store.save(booking_tracker(domain))
    store.engine.dispose()

    assert leaked(db) == []
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT type_name, intent_name, action_name, timestamp, data FROM events ORDER BY id"
        ).fetchall()
    assert rows, "events were stored"
    assert all(data.startswith(SEALED_PREFIX) for *_, data in rows)
    # The columns Rasa queries stay plain: session lookup by type and timestamp still works.
    assert [r[0] for r in rows][:4] == ["action", "session_started", "action", "user"]
    assert ("user", "marriage_book") in {(r[0], r[1]) for r in rows}
    assert ("slot", "marriage_party1_id") in {(r[0], r[2]) for r in rows}
    assert all(isinstance(r[3], float) for r in rows)


async def test_conversation_resumes_and_survives_a_restart(
    key: str, db: Path, domain: Domain
) -> None:
    tracker = booking_tracker(domain)
    store = open_store(db, domain)
    await store.save(tracker)

    restored = await store.retrieve(SENDER)
    assert restored is not None
    assert as_dicts(restored) == latest_session(tracker)
    assert restored.get_slot("marriage_party1_id") == ID_NUMBER
    assert restored.get_slot("marriage_phone") == PHONE
    assert restored.get_slot("marriage_party1_name") == NAME
    assert restored.active_loop_name == "marriage_form"
    assert restored.latest_message.text == TEXT
    store.engine.dispose()

    restarted = open_store(db, domain)  # a new process with the same key
    again = await restarted.retrieve(SENDER)
    assert again is not None
    assert as_dicts(again) == latest_session(tracker)
    full = await restarted.retrieve_full_tracker(SENDER)
    assert full is not None and as_dicts(full) == as_dicts(tracker)
    assert await restarted.keys() == [SENDER]


async def test_later_turns_are_appended_once(key: str, db: Path, domain: Domain) -> None:
    store = open_store(db, domain)
    tracker = booking_tracker(domain)
    await store.save(tracker)

    resumed = await store.retrieve(SENDER)
    assert resumed is not None
    resumed.update(UserUttered("确认", intent={"name": "affirm", "confidence": 1.0}))
    resumed.update(SlotSet("marriage_confirmed", True))
    await store.save(resumed)

    final = await open_store(db, domain).retrieve(SENDER)
    assert final is not None
    assert as_dicts(final) == as_dicts(resumed)
    assert len(final.events) == len(tracker.events) - 1 + 2
    assert leaked(db) == []


async def test_latest_session_only_unless_full_tracker(key: str, db: Path, domain: Domain) -> None:
    store = open_store(db, domain)
    tracker = booking_tracker(domain)
    await store.save(tracker)
    # As Rasa does it: the tracker of the latest session is retrieved, then a new session starts.
    resumed = await store.retrieve(SENDER)
    assert resumed is not None
    new_session = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]
    for event in new_session:
        resumed.update(event)
    await store.save(resumed)

    latest = await store.retrieve(SENDER)
    full = await store.retrieve_full_tracker(SENDER)
    assert latest is not None and full is not None
    assert [e.type_name for e in latest.events] == ["session_started", "action"]
    assert as_dicts(full) == as_dicts(tracker) + [e.as_dict() for e in new_session]


async def test_another_key_gets_no_data_and_says_so(
    key: str, db: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    await open_store(db, domain).save(booking_tracker(domain))

    monkeypatch.setenv("TRACKER_ENCRYPTION_KEY", new_secret())
    other = open_store(db, domain)
    caplog.set_level(logging.ERROR)
    with pytest.raises(UnreadableTrackerError) as raised:
        await other.retrieve(SENDER)
    message = str(raised.value)
    assert "cannot be opened with TRACKER_ENCRYPTION_KEY" in message
    assert "another key or tampered with" in message
    assert all(value not in message for value in (ID_NUMBER, PHONE, NAME))
    assert any("cannot be opened" in r.getMessage() for r in caplog.records)

    # Inside `rasa run` the agent wraps the store: the turn starts from a fresh tracker, but
    # not silently: both the store and the wrapper log an error.
    caplog.clear()
    assert await FailSafeTrackerStore(other).retrieve(SENDER) is None
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("cannot be opened" in m for m in errors)
    assert any("Error happened when trying to retrieve" in m for m in errors)


async def test_a_tampered_row_fails_the_conversation_not_silently(
    key: str, db: Path, domain: Domain
) -> None:
    store = open_store(db, domain)
    await store.save(booking_tracker(domain))
    with sqlite3.connect(db) as connection:
        (row_id, data) = connection.execute(
            "SELECT id, data FROM events WHERE type_name = 'slot' ORDER BY id LIMIT 1"
        ).fetchone()
        flipped = data[:-5] + ("A" if data[-5] != "A" else "B") + data[-4:]
        connection.execute("UPDATE events SET data = ? WHERE id = ?", (flipped, row_id))

    with pytest.raises(UnreadableTrackerError, match=rf"rows {row_id} \(another key or tamper"):
        await store.retrieve(SENDER)


async def test_a_row_copied_into_another_conversation_is_refused(
    key: str, db: Path, domain: Domain
) -> None:
    store = open_store(db, domain)
    await store.save(booking_tracker(domain))
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data)"
            " SELECT 'intruder', type_name, timestamp, intent_name, action_name, data"
            " FROM events WHERE sender_id = ?",
            (SENDER,),
        )
    with pytest.raises(UnreadableTrackerError, match="sealed for another conversation"):
        await store.retrieve("intruder")


async def test_legacy_plain_rows_are_read_and_new_rows_sealed(
    key: str, db: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    legacy = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
    tracker = booking_tracker(domain)
    await legacy.save(tracker)
    legacy.engine.dispose()

    store = open_store(db, domain)
    caplog.set_level(logging.WARNING)
    resumed = await store.retrieve(SENDER)
    assert resumed is not None
    assert as_dicts(resumed) == latest_session(tracker)
    assert any("unsealed events" in r.getMessage() for r in caplog.records)

    resumed.update(SlotSet("marriage_party2_name", "李四"))
    await store.save(resumed)
    with sqlite3.connect(db) as connection:
        (data,) = connection.execute("SELECT data FROM events ORDER BY id DESC LIMIT 1").fetchone()
    assert data.startswith(SEALED_PREFIX)
    assert "李四" not in data

    monkeypatch.setenv("TRACKER_ALLOW_PLAIN_ROWS", "false")
    strict = open_store(db, domain)
    with pytest.raises(UnreadableTrackerError, match="not sealed, and TRACKER_ALLOW_PLAIN_ROWS"):
        await strict.retrieve(SENDER)


async def test_a_sealed_row_that_is_not_an_event_is_unreadable(
    key: str, db: Path, domain: Domain
) -> None:
    store = open_store(db, domain)
    await store.save(booking_tracker(domain))
    junk = SEALED_PREFIX + store._sealer.seal("not json")
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE events SET data = ? WHERE id = 1", (junk,))
    with pytest.raises(UnreadableTrackerError, match=r"rows 1 \(not a tracker event\)"):
        await store.retrieve_full_tracker(SENDER)


async def test_unknown_conversation_is_none(key: str, db: Path, domain: Domain) -> None:
    assert await open_store(db, domain).retrieve("nobody") is None


def test_missing_key_stops_with_how_to_set_it(
    db: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("CIVIC_ENV", raising=False)
    with pytest.raises(SettingsError, match="TRACKER_ENCRYPTION_KEY is not set") as raised:
        open_store(db, domain)
    assert "make run" in str(raised.value) and "var/keys.env" in str(raised.value)
    assert not db.exists(), "no database is touched without a key"

    monkeypatch.setenv("CIVIC_ENV", "production")
    with pytest.raises(SettingsError, match="secret store"):
        open_store(db, domain)


@pytest.mark.parametrize("secret", ["not base64 !", "c2hvcnQ="])
def test_malformed_key_is_a_settings_error(
    secret: str, db: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_ENCRYPTION_KEY", secret)
    with pytest.raises(SettingsError, match="TRACKER_ENCRYPTION_KEY is not a valid key"):
        open_store(db, domain)


def test_creating_the_store_masks_ids_and_phones_in_logs(
    key: str, db: Path, domain: Domain, caplog
) -> None:
    open_store(db, domain)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("rasa.core.processor").debug("Received user message '%s'", TEXT)
    logging.getLogger("rasa.core.actions.action").info(f"phone {PHONE} id {ID_NUMBER}")
    # Rasa's structlog events, rendered as JSON when stderr is not a terminal (dev stack,
    # production): "，110…" becomes "\\uff0c110…".
    logging.getLogger("rasa.core.processor").debug(
        json.dumps({"event": "processor.slots.log", "slot_values": {"id": f"，{ID_NUMBER}"}})
    )

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert mask_id_number(ID_NUMBER) in logged and mask_phone(PHONE) in logged
    assert ID_NUMBER not in logged and PHONE not in logged


async def test_rasa_builds_the_store_from_an_endpoint_config(
    key: str, db: Path, domain: Domain
) -> None:
    config = EndpointConfig(type=CLASS_PATH, dialect="sqlite", db=str(db))
    store = TrackerStore.create(config, domain=domain)
    assert isinstance(store, EncryptedSQLTrackerStore)
    await store.save(booking_tracker(domain))
    assert leaked(db) == []


def test_a_missing_key_is_not_swallowed_by_rasa(
    db: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rasa falls back to memory on ImportError/AttributeError; a missing key must stop it."""
    monkeypatch.delenv("TRACKER_ENCRYPTION_KEY", raising=False)
    config = EndpointConfig(type=CLASS_PATH, dialect="sqlite", db=str(db))
    with pytest.raises(SettingsError, match="TRACKER_ENCRYPTION_KEY"):
        TrackerStore.create(config, domain=domain)


def test_a_missing_driver_stops_rasa_instead_of_falling_back_to_memory(
    key: str, db: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_driver(self: SQLTrackerStore, *args: object, **kwargs: object) -> None:
        raise ImportError("No module named 'psycopg2'")

    monkeypatch.setattr(SQLTrackerStore, "__init__", no_driver)
    config = EndpointConfig(type=CLASS_PATH, dialect="postgresql", db="rasa")
    with pytest.raises(TrackerStoreSetupError, match="psycopg2"):
        TrackerStore.create(config, domain=domain)


async def test_endpoints_yml_selects_the_encrypted_store(
    key: str, db: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
    store = TrackerStore.create(endpoints.tracker_store, domain=domain)
    assert isinstance(store, EncryptedSQLTrackerStore)
    await store.save(booking_tracker(domain))
    assert db.exists() and leaked(db) == []


def test_production_endpoints_select_the_encrypted_store_on_postgresql(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = {
        "ACTION_ENDPOINT_URL": "http://actions:5055/webhook",
        "TRACKER_DB_HOST": "db.internal",
        "TRACKER_DB_PORT": "5432",
        "TRACKER_DB": "rasa",
        "TRACKER_DB_USER": "rasa",
        "TRACKER_DB_PASSWORD": "from-the-secret-store",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    config = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.production.yml")).tracker_store
    assert config.type == CLASS_PATH
    assert config.url == "db.internal"
    assert config.kwargs == {
        "dialect": "postgresql",
        "port": "5432",  # Rasa's validate_port makes it a number
        "db": "rasa",
        "username": "rasa",
        "password": "from-the-secret-store",
    }
