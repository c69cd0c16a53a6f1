"""``python -m integrations.web``: serve the demo portal and the agent console."""

from __future__ import annotations

import sys

from integrations.web.server import main
from integrations.web.settings import SettingsError

if __name__ == "__main__":
    try:
        main()
    except SettingsError as exc:
        sys.exit(f"page server settings: {exc}")
