"""Settings of the API and the action server: bad values stop the process with a clear line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from actions.settings import ActionSettings
from backend.settings import Settings
from civic.config import SettingsError
from civic.sealing import new_secret
from devstack.stack import ROOT


def test_action_settings_defaults_and_overrides() -> None:
    assert ActionSettings.from_env({}) == ActionSettings()
    custom = ActionSettings.from_env(
        {"BACKEND_URL": "http://10.0.0.5:9000/", "BACKEND_TIMEOUT_SECONDS": "1.5"}
    )
    assert custom.backend_url == "http://10.0.0.5:9000" and custom.timeout == 1.5


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"BACKEND_TIMEOUT_SECONDS": "soon"}, "BACKEND_TIMEOUT_SECONDS"),
        ({"BACKEND_TIMEOUT_SECONDS": "0"}, "BACKEND_TIMEOUT_SECONDS"),
        ({"BACKEND_RETRIES": "9"}, "BACKEND_RETRIES"),
        ({"BACKEND_URL": "localhost:8000"}, "BACKEND_URL"),
        ({"CIVIC_TODAY": "2026-13-01"}, "CIVIC_TODAY"),
        ({"BOOKING_CONFIRM_SECONDS": "-1"}, "BOOKING_CONFIRM_SECONDS"),
    ],
)
def test_bad_action_settings_name_the_variable(env: dict[str, str], names: str) -> None:
    with pytest.raises(SettingsError, match=names):
        ActionSettings.from_env(env)


def test_action_server_refuses_to_start_with_a_bad_setting() -> None:
    """rasa-sdk's plugin hook checks the settings before the server binds its port."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pluggy, rasa_sdk_plugins as p; p.init_hooks(pluggy.PluginManager('rasa_sdk'))",
        ],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "BACKEND_RETRIES": "many"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "action server settings: BACKEND_RETRIES must be a whole number" in result.stderr
    assert "Traceback" not in result.stderr


def test_api_needs_its_data_key() -> None:
    with pytest.raises(SettingsError, match="make run"):
        Settings.from_env({})
    with pytest.raises(SettingsError, match="production"):
        Settings.from_env({"CIVIC_ENV": "production"})
    key = new_secret()
    assert Settings.from_env({"CIVIC_DATA_KEY": key}).data_key == key


def test_production_refuses_a_pinned_date_and_skips_sample_data() -> None:
    key = new_secret()
    with pytest.raises(SettingsError, match="CIVIC_TODAY"):
        Settings.from_env(
            {"CIVIC_ENV": "production", "CIVIC_DATA_KEY": key, "CIVIC_TODAY": "2026-01-01"}
        )
    settings = Settings.from_env({"CIVIC_ENV": "production", "CIVIC_DATA_KEY": key})
    assert settings.production and not settings.load_sample_data


@pytest.mark.parametrize(
    "env",
    [{"BACKEND_PORT": "70000"}, {"CIVIC_ENV": "staging"}, {"LOAD_SAMPLE_DATA": "perhaps"}],
)
def test_bad_api_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        Settings.from_env({"CIVIC_DATA_KEY": new_secret(), **env})
