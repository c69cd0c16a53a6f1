"""The civil-affairs API as a real process for tests: ``python -m backend`` on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from civic.sealing import new_secret
from devstack.stack import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_backend(var_dir: Path, today: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start the API with its own SQLite file in ``var_dir``; return it and its URL once
    it answers ``/health`` (the test fails when it does not within a minute)."""
    port = free_port()
    env = {
        **os.environ,
        "BACKEND_PORT": str(port),
        "BACKEND_HOST": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{var_dir / 'civic.db'}",
        "CIVIC_TODAY": today,
        "CIVIC_DATA_KEY": new_secret(),
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "backend"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return process, url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("backend did not start")
            time.sleep(0.3)
