"""Reading a service's YAML data file (places, time windows, ...): the parts every service
shares. A malformed file raises :class:`DataFileError` and the API does not start."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class DataFileError(ValueError):
    """The data file is malformed."""


def read_yaml(path: Path) -> dict[str, Any]:
    """The YAML mapping at ``path``.

    Raises:
        DataFileError: unreadable, not YAML, or not a mapping.
    """
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level")
    return raw


def time_windows(raw: Any, where: str) -> tuple[tuple[str, str], ...]:
    """``[["09:00", "10:00"], ...]`` -> ``(("09:00", "10:00"), ...)``: HH:MM, start < end,
    in order, not overlapping, at least one.

    Raises:
        DataFileError: naming ``where``.
    """
    windows: list[tuple[str, str]] = []
    for pair in raw or []:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise DataFileError(f"{where}: bad window {pair!r}")
        start, end = (str(x) for x in pair)
        if not (_TIME.match(start) and _TIME.match(end) and start < end):
            raise DataFileError(f"{where}: bad window {pair!r}")
        if windows and start < windows[-1][1]:
            raise DataFileError(f"{where}: {pair!r} overlaps or is out of order")
        windows.append((start, end))
    if not windows:
        raise DataFileError(f"{where}: at least one window is needed")
    return tuple(windows)
