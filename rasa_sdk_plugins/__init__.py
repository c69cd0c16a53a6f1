"""rasa-sdk's plugin hook: rasa-sdk imports this package by name when the action server starts.

It checks the action server's settings first (a bad value stops the server with one clear
line instead of failing on a citizen's first message) and registers
:mod:`actions.lifecycle`, which opens and closes the shared resources.
"""

from __future__ import annotations

import pluggy

from civic.config import SettingsError


def init_hooks(manager: pluggy.PluginManager) -> None:
    """Mask the process's logs, validate the settings and register the lifecycle hooks."""
    from actions import lifecycle
    from actions.settings import ActionSettings
    from civic.logmask import install_log_masking

    install_log_masking()
    try:
        ActionSettings.from_env()
    except SettingsError as error:
        raise SystemExit(f"action server settings: {error}") from None
    manager.register(lifecycle)
