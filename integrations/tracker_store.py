"""Rasa's SQL tracker store with every event's content sealed at rest.

``endpoints.yml`` selects it with ``type: integrations.tracker_store.EncryptedSQLTrackerStore``
(same keys as Rasa's ``type: SQL``: dialect, url, port, db, username, password, ...).

What is sealed: the ``events.data`` column, i.e. the whole event as Rasa serialises it (user
text, parse data and entities, slot values, bot text). It is stored as
``sealed:1:<Fernet token>`` of ``{"sender_id": ..., "event": {...}}`` with
``Sealer(TRACKER_ENCRYPTION_KEY, "tracker")``: encrypted and authenticated, and bound to its
conversation, so a row copied into another conversation is refused. What stays plain:
``sender_id``, ``type_name``, ``timestamp``, ``intent_name`` and ``action_name`` (an action,
form or slot NAME, never a value). Rasa's own queries (the latest ``session_started`` by
timestamp, the count of stored events that decides what ``save`` appends) use only those.

Key: ``TRACKER_ENCRYPTION_KEY`` from the environment, checked when the store is built, i.e.
when ``rasa run`` starts; missing or malformed, :class:`~civic.config.SettingsError` stops the
server with a message saying where the key comes from (``make run`` writes a development key
to ``var/keys.env``; with ``CIVIC_ENV=production`` it must come from the secret store).

A row that cannot be opened (another key, tampered, copied from another conversation, not a
tracker row) is never skipped: skipping would rebuild a conversation with a hole in it, and
because ``save`` appends by counting stored rows, every later turn would then silently drop
an event. ``_retrieve`` logs an error naming the conversation and rows and raises
:class:`UnreadableTrackerError`. Inside ``rasa run`` the agent's ``FailSafeTrackerStore``
catches it, logs it again and answers that turn from a fresh tracker: the citizen starts over,
but the operators have two error lines saying why. Restore the right key, or remove the rows.

Legacy rows: rows written by Rasa's plain ``SQLTrackerStore`` before this store was deployed
hold plain JSON. They are read (a warning says so, once per store) so running conversations
survive the switch, but they stay readable at rest until removed (sessions expire; delete old
rows). Set ``TRACKER_ALLOW_PLAIN_ROWS=false`` once none are left: a plain row is then refused
like a tampered one, so nobody with write access to the database can inject unsealed events.
Rows written by this store are always sealed.

Creating the store also installs the API's log masking (:mod:`civic.logmask`) in the Rasa
process, so ID and mobile numbers Rasa echoes at INFO/DEBUG are masked in its logs (names
cannot be recognised in free text; keep Rasa's log level at INFO in production).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, TrackerDeserialisationException
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from civic.config import SettingsError, env_bool, env_str
from civic.logmask import install_log_masking
from civic.sealing import Sealer, SealError

__all__ = [
    "KEY_VARIABLE",
    "EncryptedSQLTrackerStore",
    "TrackerStoreSetupError",
    "UnreadableTrackerError",
    "tracker_sealer",
]

logger = logging.getLogger(__name__)

KEY_VARIABLE = "TRACKER_ENCRYPTION_KEY"
PLAIN_ROWS_VARIABLE = "TRACKER_ALLOW_PLAIN_ROWS"
SEALED_PREFIX = "sealed:1:"
_MAX_ROW_IDS_SHOWN = 10


class UnreadableTrackerError(TrackerDeserialisationException):
    """Stored events of a conversation cannot be opened with this store's key."""


class TrackerStoreSetupError(RuntimeError):
    """The store cannot be built (e.g. a missing database driver).

    Rasa falls back to an in-memory store, with only a warning, when building a custom store
    raises ImportError or AttributeError; this error is neither, so ``rasa run`` stops instead.
    """


class _Unreadable(Exception):
    """One row cannot be opened; the message says why (never its content)."""


def tracker_sealer(environ: Mapping[str, str] | None = None) -> Sealer:
    """The tracker store's sealer, from ``TRACKER_ENCRYPTION_KEY``.

    Raises:
        SettingsError: the key is missing or malformed; the message says how to provide it.
    """
    env = os.environ if environ is None else environ
    mode = env_str(env, "CIVIC_ENV", "development")
    if mode not in ("development", "production"):
        raise SettingsError(f"CIVIC_ENV must be development or production, got {mode!r}")
    secret = env_str(env, KEY_VARIABLE, "")
    if not secret:
        if mode == "production":
            raise SettingsError(
                f"{KEY_VARIABLE} is not set: with CIVIC_ENV=production the Rasa tracker store "
                "does not keep conversations without its encryption key. Provide it from the "
                "secret store (var/keys.env is for development only)."
            )
        raise SettingsError(
            f"{KEY_VARIABLE} is not set: the Rasa tracker store seals conversations with it. "
            "`make run` creates a development key in var/keys.env and passes it to every "
            "process; to start `rasa run` by hand, load that file first "
            "(`set -a; . var/keys.env; set +a`) or generate a key with "
            "`python -m civic.sealing`. In production (CIVIC_ENV=production) it must come "
            "from the secret store."
        )
    try:
        return Sealer(secret, "tracker")
    except SealError as error:
        raise SettingsError(f"{KEY_VARIABLE} is not a valid key: {error}") from None


class EncryptedSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that seals each event's ``data`` column (see the module notes).

    Accepts the arguments of :class:`rasa.core.tracker_store.SQLTrackerStore`.

    Raises:
        SettingsError: ``TRACKER_ENCRYPTION_KEY`` (or ``TRACKER_ALLOW_PLAIN_ROWS``) is missing
            or malformed.
        TrackerStoreSetupError: the database driver cannot be loaded.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The key first: a misconfigured server stops before it touches the database.
        self._sealer = tracker_sealer()
        self._allow_plain_rows = env_bool(os.environ, PLAIN_ROWS_VARIABLE, True)
        self._warned_plain_rows = False
        install_log_masking()
        try:
            super().__init__(*args, **kwargs)
        except (ImportError, AttributeError) as error:
            raise TrackerStoreSetupError(
                f"the encrypted SQL tracker store cannot be created: {error}"
            ) from error

    def _seal(self, sender_id: str, data: dict[str, Any]) -> str:
        envelope = json.dumps({"sender_id": sender_id, "event": data}, ensure_ascii=False)
        return SEALED_PREFIX + self._sealer.seal(envelope)

    def _open(self, sender_id: str, stored: str | None) -> tuple[dict[str, Any], bool]:
        """The event stored in one row, and whether the row was plain (legacy) JSON."""
        if stored and stored.startswith(SEALED_PREFIX):
            try:
                opened = self._sealer.unseal(stored[len(SEALED_PREFIX) :])
            except SealError:
                raise _Unreadable("another key or tampered with") from None
            try:
                envelope = json.loads(opened)
            except ValueError:
                raise _Unreadable("not a tracker event") from None
            if not isinstance(envelope, dict) or not isinstance(envelope.get("event"), dict):
                raise _Unreadable("not a tracker event")
            if envelope.get("sender_id") != sender_id:
                raise _Unreadable("sealed for another conversation")
            return envelope["event"], False
        if not self._allow_plain_rows:
            raise _Unreadable(f"not sealed, and {PLAIN_ROWS_VARIABLE}=false")
        try:
            event = json.loads(stored or "")
        except ValueError:
            raise _Unreadable("neither sealed nor JSON") from None
        if not isinstance(event, dict):
            raise _Unreadable("not a tracker event")
        return event, True

    def _open_rows(self, sender_id: str, rows: Iterable[Any]) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        failures: list[tuple[int, str]] = []
        plain = 0
        for row in rows:
            try:
                event, was_plain = self._open(sender_id, row.data)
            except _Unreadable as reason:
                failures.append((row.id, str(reason)))
                continue
            events.append(event)
            plain += was_plain
        if failures:
            shown = ", ".join(
                f"{row_id} ({reason})" for row_id, reason in failures[:_MAX_ROW_IDS_SHOWN]
            )
            more = (
                f" and {len(failures) - _MAX_ROW_IDS_SHOWN} more"
                if len(failures) > _MAX_ROW_IDS_SHOWN
                else ""
            )
            message = (
                f"{len(failures)} of {len(failures) + len(events)} stored events of "
                f"conversation '{sender_id}' cannot be opened with {KEY_VARIABLE}: rows "
                f"{shown}{more}. The conversation is not rebuilt from a partial history; "
                "check the key or remove these rows."
            )
            logger.error(message)
            raise UnreadableTrackerError(message)
        if plain and not self._warned_plain_rows:
            self._warned_plain_rows = True
            logger.warning(
                f"Conversation '{sender_id}' has {plain} unsealed events written before the "
                "encrypted tracker store; they are read but stay readable at rest until "
                f"removed (set {PLAIN_ROWS_VARIABLE}=false once none are left)."
            )
        return events

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the tracker's new events, each one's ``data`` sealed (as Rasa's ``save``)."""
        await self.stream_events(tracker)

        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                # noinspection PyArgumentList
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=self._seal(tracker.sender_id, data),
                    )
                )
            session.commit()

        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """The conversation rebuilt from its opened events, or None when it has none.

        Raises:
            UnreadableTrackerError: a row cannot be opened (logged as an error too).
        """
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).all()
            events = self._open_rows(sender_id, rows)

        if self.domain and events:
            logger.debug(f"Recreating tracker from sender id '{sender_id}'")
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        logger.debug(f"No stored events for sender id '{sender_id}'; returning None")
        return None
