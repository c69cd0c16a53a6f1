"""``python -m backend``: serve the civil-affairs API (one worker) on BACKEND_HOST:BACKEND_PORT."""

from __future__ import annotations

from backend.app import create_app
from backend.settings import Settings


def main() -> None:
    """Read the settings from the environment and serve until interrupted."""
    settings = Settings.from_env()
    app = create_app(settings)
    # Phone numbers and ID numbers only ever travel in request bodies, so the access log
    # (method, path, query) carries none; log records are masked anyway.
    app.run(host=settings.host, port=settings.port, workers=1, access_log=True, motd=False)


if __name__ == "__main__":
    main()
