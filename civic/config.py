"""Reading typed settings from environment variables, for every process of the project.

Each process (the API, the action server, the Rasa server's tracker store, the dev stack)
keeps one frozen settings object; these helpers parse one variable each and raise
:class:`SettingsError` with a message that names the variable, so a bad value stops the
process at start instead of failing on the first citizen's request.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

__all__ = ["SettingsError", "env_bool", "env_date", "env_float", "env_int", "env_str"]


class SettingsError(ValueError):
    """An environment variable holds a value the process cannot run with."""


def env_str(env: Mapping[str, str], name: str, default: str) -> str:
    """``env[name]`` stripped, or ``default`` when unset or blank."""
    return (env.get(name) or "").strip() or default


def env_bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    """true/false, yes/no, on/off, 1/0 (any case); ``default`` when unset or blank."""
    value = (env.get(name) or "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, got {value!r}")


def env_int(env: Mapping[str, str], name: str, default: int, minimum: int, maximum: int) -> int:
    """A whole number within ``minimum..maximum``; ``default`` when unset or blank."""
    value = (env.get(name) or "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {value!r}") from None
    if not minimum <= number <= maximum:
        raise SettingsError(f"{name} must be between {minimum} and {maximum}, got {number}")
    return number


def env_float(
    env: Mapping[str, str], name: str, default: float, minimum: float, maximum: float
) -> float:
    """A number within ``minimum..maximum``; ``default`` when unset or blank."""
    value = (env.get(name) or "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {value!r}") from None
    if not minimum <= number <= maximum:
        raise SettingsError(f"{name} must be between {minimum} and {maximum}, got {number}")
    return number


def env_date(env: Mapping[str, str], name: str) -> date | None:
    """An ISO date (YYYY-MM-DD), or None when unset or blank."""
    value = (env.get(name) or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SettingsError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None
