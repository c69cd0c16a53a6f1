"""Settings of the page server, read once from the environment at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from civic.config import SettingsError, env_bool, env_int, env_str

__all__ = ["PagesSettings", "SettingsError"]


@dataclass(frozen=True)
class PagesSettings:
    """Where the page server listens and what it tells the browser.

    Attributes:
        host: interface to listen on (``PAGES_HOST``).
        port: TCP port (``PAGES_PORT``).
        public_rasa_url: the Rasa server as the *browser* reaches it (``PUBLIC_RASA_URL``);
            the widget and the console connect there, and the pages' CSP allows it.
        agent_token: the agent-assist token written into the console's ``/config.js`` so a
            local demo needs no typing; only with ``AGENT_CONSOLE_PREFILL_TOKEN=1`` and
            ``AGENT_ASSIST_TOKEN`` set, and never with ``CIVIC_ENV=production``.
    """

    host: str = "127.0.0.1"
    port: int = 8080
    public_rasa_url: str = "http://localhost:5005"
    agent_token: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> PagesSettings:
        """Read the settings from ``environ`` (default ``os.environ``); fail fast on bad values."""
        env = dict(os.environ if environ is None else environ)
        url = env_str(env, "PUBLIC_RASA_URL", cls.public_rasa_url).rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SettingsError(f"PUBLIC_RASA_URL must be an http(s) URL, got {url!r}")
        prefill = env_bool(env, "AGENT_CONSOLE_PREFILL_TOKEN", False)
        production = env_str(env, "CIVIC_ENV", "development") == "production"
        if prefill and production:
            raise SettingsError(
                "AGENT_CONSOLE_PREFILL_TOKEN is for the local demo only; unset it in production"
            )
        token = env_str(env, "AGENT_ASSIST_TOKEN", "") if prefill else ""
        return cls(
            host=env_str(env, "PAGES_HOST", cls.host),
            port=env_int(env, "PAGES_PORT", cls.port, 1, 65535),
            public_rasa_url=url,
            agent_token=token or None,
        )

    @property
    def rasa_origin(self) -> str:
        """``scheme://host[:port]`` of the Rasa server, for the pages' CSP."""
        parts = urlsplit(self.public_rasa_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def rasa_socket_origin(self) -> str:
        """The same origin with the WebSocket scheme (``ws``/``wss``)."""
        parts = urlsplit(self.public_rasa_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        return f"{scheme}://{parts.netloc}"
