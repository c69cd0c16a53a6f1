"""Development keys for `make run` and the tests: created once, kept in ``var/keys.env``.

Production never uses this file: it sets ``CIVIC_ENV=production`` and provides
``CIVIC_DATA_KEY`` and ``TRACKER_ENCRYPTION_KEY`` from its secret store (both processes
refuse to start without them), ``AGENT_ASSIST_TOKEN`` for the hotline agents' endpoints and
the WeChat mini-program's real ``WECHAT_*`` values (README, "WeChat").
"""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from civic.sealing import new_secret


def _encoding_aes_key() -> str:
    """A WeChat EncodingAESKey: 43 characters of base64 (32 random bytes)."""
    return base64.b64encode(os.urandom(32)).decode()[:43]


GENERATORS: dict[str, Callable[[], str]] = {
    "CIVIC_DATA_KEY": new_secret,
    "TRACKER_ENCRYPTION_KEY": new_secret,
    "AGENT_ASSIST_TOKEN": new_secret,
    # The local WeChat stand-in plays the WeChat server with these (devstack.wechat_standin).
    "WECHAT_APP_SECRET": lambda: secrets.token_hex(16),
    "WECHAT_TOKEN": lambda: secrets.token_hex(12),
    "WECHAT_ENCODING_AES_KEY": _encoding_aes_key,
}
KEY_NAMES = tuple(GENERATORS)


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
        keys.update({name: GENERATORS[name]() for name in missing})
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{k}={v}\n" for k, v in keys.items()), encoding="utf-8")
        os.chmod(path, 0o600)
    return keys
