"""What the action server keeps for its whole life: settings, one HTTP session, warm parsers.

Every action is one shared object serving every citizen, so nothing per-user lives here;
this module holds the per-process resources only. The server's start-up hook
(:mod:`actions.lifecycle`) reads the settings, opens the HTTP session and loads the slow
parts (jionlp, the knowledge base) in a thread before the first message; outside the
server (action tests) each piece is created on first use.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp

from actions.settings import ActionSettings
from integrations.http import JsonHttp

logger = logging.getLogger(__name__)

_settings: ActionSettings | None = None
_session: aiohttp.ClientSession | None = None


def settings() -> ActionSettings:
    """The settings, read from the environment on first use."""
    global _settings
    if _settings is None:
        _settings = ActionSettings.from_env()
    return _settings


def _session_for_this_loop() -> aiohttp.ClientSession:
    global _session
    loop = asyncio.get_running_loop()
    if _session is None or _session.closed or _session.loop is not loop:
        _session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=100, enable_cleanup_closed=True)
        )
    return _session


def http() -> JsonHttp:
    """The JSON caller on the process's one HTTP session (connection pooling, keep-alive)."""
    current = settings()
    return JsonHttp(
        _session_for_this_loop(),
        base_url=current.backend_url,
        timeout=current.timeout,
        retries=current.retries,
    )


def warm_up() -> None:
    """Load jionlp, OpenCC, lunar-python and the knowledge base (blocking, ≈2 s)."""
    from actions.policy import knowledge_base
    from civic.dates import warm_up as warm_dates

    warm_dates()
    knowledge_base().respond("低保怎么申请", None)


async def start() -> None:
    """Check the settings, open the session and warm up, off the event loop."""
    settings()
    _session_for_this_loop()
    await asyncio.get_running_loop().run_in_executor(None, warm_up)
    logger.info("action server ready (backend %s)", settings().backend_url)


async def close() -> None:
    """Close the HTTP session."""
    global _session
    if _session is not None and not _session.closed:
        await _session.close()
    _session = None


async def reset() -> None:
    """Forget the settings and close the session (tests change the environment)."""
    global _settings
    await close()
    _settings = None
