"""Development keys for `make run` and the tests: created once, kept in ``var/keys.env``.

Production never uses this file: it sets ``CIVIC_ENV=production`` and provides
``CIVIC_DATA_KEY`` and ``TRACKER_ENCRYPTION_KEY`` from its secret store (both processes
refuse to start without them), and ``AGENT_ASSIST_TOKEN`` for the hotline agents' endpoints.
"""

from __future__ import annotations

import os
from pathlib import Path

from civic.sealing import new_secret

KEY_NAMES = ("CIVIC_DATA_KEY", "TRACKER_ENCRYPTION_KEY", "AGENT_ASSIST_TOKEN")


def dev_keys(var_dir: Path) -> dict[str, str]:
    """The development keys in ``var_dir/keys.env``, generating missing ones (mode 0600)."""
    path = var_dir / "keys.env"
    keys: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition("=")
            if name.strip() in KEY_NAMES and value.strip():
                keys[name.strip()] = value.strip()
    missing = [name for name in KEY_NAMES if name not in keys]
    if missing:
        keys.update({name: new_secret() for name in missing})
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{k}={v}\n" for k, v in keys.items()), encoding="utf-8")
        os.chmod(path, 0o600)
    return keys
