"""Process management for the local stack (see package docstring)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from devstack.keys import dev_keys

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class StackConfig:
    """Ports, files and the model the stack runs with; every value has an env default."""

    backend_port: int = 8000
    action_port: int = 5055
    rasa_port: int = 5005
    pages_port: int = 8080
    wechat_port: int = 8090  # the local stand-in of the WeChat API server
    host: str = "127.0.0.1"
    var_dir: Path = ROOT / "var"
    model: Path = ROOT / "models"
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> StackConfig:
        """Read ``BACKEND_PORT``, ``ACTION_PORT``, ``RASA_PORT``, ``PAGES_PORT``,
        ``WECHAT_STANDIN_PORT``, ``VAR_DIR``, ``RASA_MODEL``."""
        return cls(
            backend_port=int(os.environ.get("BACKEND_PORT", cls.backend_port)),
            action_port=int(os.environ.get("ACTION_PORT", cls.action_port)),
            rasa_port=int(os.environ.get("RASA_PORT", cls.rasa_port)),
            pages_port=int(os.environ.get("PAGES_PORT", cls.pages_port)),
            wechat_port=int(os.environ.get("WECHAT_STANDIN_PORT", cls.wechat_port)),
            host=os.environ.get("STACK_HOST", cls.host),
            var_dir=Path(os.environ.get("VAR_DIR", str(cls.var_dir))),
            model=Path(os.environ.get("RASA_MODEL", str(cls.model))),
        )

    @property
    def backend_url(self) -> str:
        return f"http://{self.host}:{self.backend_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://{self.host}:{self.action_port}"

    @property
    def wechat_url(self) -> str:
        return f"http://{self.host}:{self.wechat_port}"

    @property
    def pages_url(self) -> str:
        return f"http://{self.host}:{self.pages_port}"

    @property
    def public_pages_url(self) -> str:
        """The demo pages as a browser on this machine opens them."""
        return f"http://localhost:{self.pages_port}"

    def setting(self, name: str) -> str:
        """``name`` from ``extra_env``, else from the environment; blank when unset."""
        return (self.extra_env.get(name) or os.environ.get(name) or "").strip()

    def public_rasa_url(self) -> str:
        """The Rasa server as the browser reaches it (``PUBLIC_RASA_URL``)."""
        return self.setting("PUBLIC_RASA_URL") or f"http://localhost:{self.rasa_port}"

    def allowed_origins(self) -> list[str]:
        """Origins Rasa's ``--cors`` allows (``ALLOWED_ORIGINS``, comma-separated); by
        default only the demo pages' own origins."""
        value = self.setting("ALLOWED_ORIGINS")
        origins = [o.strip().rstrip("/") for o in value.split(",") if o.strip()]
        return origins or [
            f"http://localhost:{self.pages_port}",
            f"http://127.0.0.1:{self.pages_port}",
        ]

    def environment(self) -> dict[str, str]:
        """The environment every process of the stack gets."""
        env = {**dev_keys(self.var_dir), **os.environ}
        env.update(
            {
                "RASA_TELEMETRY_ENABLED": "false",
                "BACKEND_HOST": self.host,
                "BACKEND_PORT": str(self.backend_port),
                "BACKEND_URL": self.backend_url,
                "DATABASE_URL": env.get("DATABASE_URL", f"sqlite:///{self.var_dir / 'civic.db'}"),
                "ACTION_ENDPOINT_URL": f"{self.action_url}/webhook",
                "TRACKER_DB": env.get("TRACKER_DB", str(self.var_dir / "tracker.db")),
                "PYTHONPATH": str(ROOT),
                "PAGES_HOST": self.host,
                "PAGES_PORT": str(self.pages_port),
                "PUBLIC_RASA_URL": self.public_rasa_url(),
                "ALLOWED_ORIGINS": ",".join(self.allowed_origins()),
                # WeChat: the real app's values when set, else the local stand-in's.
                "WECHAT_APP_ID": env.get("WECHAT_APP_ID") or "wxstandin000000001",
                "WECHAT_API_BASE": env.get("WECHAT_API_BASE") or self.wechat_url,
                "WECHAT_STANDIN_HOST": self.host,
                "WECHAT_STANDIN_PORT": str(self.wechat_port),
            }
        )
        env.update(self.extra_env)
        return env


@dataclass
class Service:
    """One process of the stack and how to tell it is ready."""

    name: str
    command: list[str]
    health_url: str
    process: subprocess.Popen[bytes] | None = None


def services(config: StackConfig) -> list[Service]:
    """Backend, action server, WeChat stand-in, Rasa server and the demo pages, in order."""
    rasa = str(VENV_BIN / "rasa")
    return [
        Service(
            "backend",
            [sys.executable, "-m", "backend"],
            f"{config.backend_url}/health",
        ),
        Service(
            "actions",
            [rasa, "run", "actions", "--actions", "actions", "--port", str(config.action_port)],
            f"{config.action_url}/health",
        ),
        Service(
            "wechat-standin",
            [sys.executable, "-m", "devstack.wechat_standin"],
            f"{config.wechat_url}/health",
        ),
        Service(
            "rasa",
            [
                rasa,
                "run",
                "--model",
                str(config.model),
                "--port",
                str(config.rasa_port),
                "--interface",
                config.host,
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--endpoints",
                str(ROOT / "endpoints.yml"),
                "--cors",
                *config.allowed_origins(),
            ],
            f"{config.rasa_url}/webhooks/rest/",
        ),
        Service(
            "pages",
            [sys.executable, "-m", "integrations.web"],
            f"{config.pages_url}/health",
        ),
    ]


def wait_until_healthy(service: Service, timeout: float) -> None:
    """Poll the service's health URL; raise if it exits or does not answer in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process is not None and service.process.poll() is not None:
            raise RuntimeError(f"{service.name} exited with {service.process.returncode}")
        try:
            with urllib.request.urlopen(service.health_url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{service.name} not healthy after {timeout:.0f}s ({service.health_url})")


def start(service: Service, config: StackConfig, timeout: float) -> None:
    """Start one service with the stack's environment and wait until it is healthy."""
    logs = config.var_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / f"{service.name}.log").open("ab") as log:
        service.process = subprocess.Popen(
            service.command,
            cwd=ROOT,
            env=config.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    wait_until_healthy(service, timeout)


def restart(service: Service, config: StackConfig, timeout: float = 180.0) -> None:
    """Stop one service and start it again (e.g. to show state survives a restart)."""
    stop([service])
    start(service, config, timeout)


@contextmanager
def running_stack(config: StackConfig, timeout: float = 180.0) -> Iterator[list[Service]]:
    """Start every service, wait until each is healthy, and stop them all on exit."""
    config.var_dir.mkdir(parents=True, exist_ok=True)
    started: list[Service] = []
    try:
        for service in services(config):
            started.append(service)
            start(service, config, timeout)
        yield started
    finally:
        stop(started)


def stop(started: list[Service]) -> None:
    """Terminate the services (newest first), killing any that ignore SIGTERM."""
    for service in reversed(started):
        if service.process is None or service.process.poll() is not None:
            continue
        os.killpg(service.process.pid, signal.SIGTERM)
    for service in reversed(started):
        if service.process is None:
            continue
        try:
            service.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(service.process.pid, signal.SIGKILL)
            service.process.wait()
