"""Latency and throughput of agent assist's ``POST /webhooks/agent_assist/suggest``.

Against a running Rasa server (the agent-assist channel configured in credentials.yml)::

    python -m devstack.bench_suggest --url http://127.0.0.1:5005 --token "$AGENT_ASSIST_TOKEN" \
        --n 200 --concurrency 4

or against a server started in this process, the way the tests start it (the trained model
loaded in-process, the channel mounted by Rasa's own ``register``; about 35 s to load)::

    python -m devstack.bench_suggest --self-start --n 200 --concurrency 1

Prints p50/p95/max latency, requests per second, the status codes and the services found.
Every request carries a different text (one run per ``--concurrency`` value, each with new
texts, up to 2,304 in all); to run again against the same server without repeating texts
(the knowledge base caches query vectors), pass ``--offset`` past the texts already sent.
:class:`LocalServer` is also what ``tests/channels/test_agent_assist.py`` uses.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import resource
import secrets
import socket
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "civic.tar.gz"
PATH = "/webhooks/agent_assist/suggest"

# What hotline agents type while a caller talks: short, third person, often with a detail.
# Every request's text is different (caller × question × detail), as in real use: the
# knowledge base caches query vectors, so repeating a few texts would flatter the figures.
CALLERS = ("", "来电人问", "老人问", "有位阿姨问", "市民咨询", "对方想知道", "家属问", "来电人说")
QUESTIONS = (
    "结婚登记要带什么",
    "低保怎么申请",
    "一个基金会是不是真的",
    "清明扫墓要不要预约",
    "离婚冷静期多久",
    "想约下周三去南山婚姻登记处",
    "殡葬补贴怎么领",
    "老公出车祸了家里有啥补助能领",
    "群里转发的看病筹款链接能信吗",
    "想捐旧衣服去哪里捐",
    "冬至带三个人去福田公墓要预约吗",
    "身份证110105199003078816要查结婚预约",
    "电话13812345678要取消扫墓预约",
    "春雨助学基金会有没有公开募捐资格",
    "特困人员供养标准是多少",
    "广州长者饭堂示范点有多少个",
    "残疾人两项补贴怎么申请",
    "补领结婚证需要什么材料",
    "低保边缘家庭是什么意思",
    "网络祭扫怎么弄",
    "深圳养老服务有什么新政策",
    "事实无人抚养儿童能领多少钱",
    "举报假慈善打哪个电话",
    "情绪激动要投诉",
)
DETAILS = (
    "",
    "，比较着急",
    "，人在深圳",
    "，家在广州",
    "，第二次来电",
    "，家里有老人",
    "，户口在外地",
    "，说得不太清楚",
    "，是替父母问的",
    "，要我们回电",
    "，普通话不太好",
    "，刚才断线了",
)


def texts(n: int, offset: int = 0) -> list[str]:
    """``n`` agent texts from the ``offset``-th on, all different up to the 2,304th."""
    c, q = len(CALLERS), len(QUESTIONS)
    return [
        CALLERS[i % c] + QUESTIONS[i // c % q] + DETAILS[i // (c * q) % len(DETAILS)]
        for i in range(offset, offset + n)
    ]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_agent(model: Path = MODEL) -> Any:
    """The trained Rasa agent (NLU and dialogue model), loaded in this process."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    from rasa.core.agent import Agent

    return Agent.load(str(model))


class LocalServer:
    """A channel served in a background thread, mounted the way ``rasa run`` mounts it.

    The Sanic app gets Rasa's CORS set-up (``rasa.server.configure_cors``, as with
    ``--cors``), ``app.ctx.agent`` and the channel's blueprint through
    ``rasa.core.channels.channel.register`` under ``/webhooks/``. Use as a context manager;
    ``url`` is the server's base URL.
    """

    _count = 0

    def __init__(self, channel: Any, agent: Any | None, cors: str = "*") -> None:
        self.channel = channel
        self.agent = agent
        self.cors = cors
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._serve, name="agent-assist-local", daemon=True)

    def _app(self) -> Any:
        from rasa.core.channels.channel import register
        from rasa.server import configure_cors
        from sanic import Sanic

        # Several apps in one process (tests): Sanic's start-up "touch-up" rewrites its
        # protocol classes unless test mode keeps the originals.
        Sanic.test_mode = True
        LocalServer._count += 1
        app = Sanic(f"agent_assist_local_{LocalServer._count}", configure_logging=False)
        configure_cors(app, self.cors)
        app.ctx.agent = self.agent
        register([self.channel], app, route="/webhooks/")
        return app

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            app = self._app()
            server = loop.run_until_complete(
                app.create_server(
                    host="127.0.0.1", port=self.port, return_asyncio_server=True, access_log=False
                )
            )
            loop.run_until_complete(server.startup())
            loop.run_until_complete(server.before_start())
            loop.run_until_complete(server.after_start())
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        loop.run_forever()
        loop.run_until_complete(server.before_stop())
        closing = server.close()
        if closing is not None:
            loop.run_until_complete(closing)
        loop.run_until_complete(server.after_stop())
        loop.close()

    def __enter__(self) -> LocalServer:
        self._thread.start()
        self._ready.wait(timeout=60)
        if self._error is not None:
            raise RuntimeError("agent assist server did not start") from self._error
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)


@dataclass
class Results:
    """Latencies (seconds), status codes and services of one benchmark run."""

    latencies: list[float] = field(default_factory=list)
    statuses: collections.Counter[int] = field(default_factory=collections.Counter)
    services: collections.Counter[str] = field(default_factory=collections.Counter)
    elapsed: float = 0.0


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def run(
    url: str, token: str, n: int, concurrency: int, top_k: int = 3, offset: int = 0
) -> Results:
    """Send ``n`` suggest requests (:func:`texts` from ``offset``), ``concurrency`` at a time."""
    results = Results()
    headers = {"Authorization": f"Bearer {token}"}
    bodies = iter([{"text": text, "top_k": top_k} for text in texts(n, offset)])
    timeout = aiohttp.ClientTimeout(total=60)

    async def worker(http: aiohttp.ClientSession) -> None:
        for body in bodies:
            started = time.perf_counter()
            async with http.post(url.rstrip("/") + PATH, json=body, headers=headers) as response:
                payload = await response.json(content_type=None)
            results.latencies.append(time.perf_counter() - started)
            results.statuses[response.status] += 1
            if response.status == 200:
                results.services[payload["service"]] += 1

    async with aiohttp.ClientSession(timeout=timeout) as http:
        # one untimed request first: connection set-up and the knowledge base's warm-up
        async with http.post(
            url.rstrip("/") + PATH, json={"text": "你好"}, headers=headers
        ) as response:
            await response.read()
        started = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
        results.elapsed = time.perf_counter() - started
    return results


def report(results: Results, concurrency: int) -> str:
    """The figures as printed lines."""
    ms = [s * 1000 for s in results.latencies]
    lines = [
        f"concurrency {concurrency}: {len(ms)} requests in {results.elapsed:.2f} s "
        f"= {len(ms) / results.elapsed:.1f} req/s",
        f"  latency p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
        f"max {max(ms):.1f} ms, mean {statistics.fmean(ms):.1f} ms",
        f"  status {dict(results.statuses)}",
        f"  services {dict(results.services.most_common())}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m devstack.bench_suggest")
    parser.add_argument("--url", help="base URL of a running Rasa server")
    parser.add_argument("--token", default=os.environ.get("AGENT_ASSIST_TOKEN", ""))
    parser.add_argument("--n", type=int, default=200, help="requests per run")
    parser.add_argument(
        "--concurrency", type=int, nargs="+", default=[1], help="one run per value, e.g. 1 4"
    )
    parser.add_argument("--top-k", type=int, default=3)
    parser.add_argument("--offset", type=int, default=0, help="index of the first text")
    parser.add_argument(
        "--self-start", action="store_true", help="serve the channel in this process"
    )
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument(
        "--no-model", action="store_true", help="with --self-start: no NLU (knowledge base only)"
    )
    args = parser.parse_args(argv)
    if not args.self_start:
        if not args.url or not args.token:
            parser.error("--url and --token (or AGENT_ASSIST_TOKEN) are needed, or --self-start")
        for i, concurrency in enumerate(args.concurrency):
            results = asyncio.run(
                run(
                    args.url,
                    args.token,
                    args.n,
                    concurrency,
                    args.top_k,
                    offset=args.offset + i * args.n,
                )
            )
            print(report(results, concurrency))
        return 0

    from integrations.channels.agent_assist import AgentAssistInput, AgentAssistSettings

    token = secrets.token_urlsafe(24)
    started = time.perf_counter()
    agent = None if args.no_model else load_agent(args.model)
    print(f"model loaded in {time.perf_counter() - started:.1f} s" if agent else "no model")
    channel = AgentAssistInput(AgentAssistSettings(token=token))
    with LocalServer(channel, agent) as server:
        for i, concurrency in enumerate(args.concurrency):
            results = asyncio.run(
                run(
                    server.url,
                    token,
                    args.n,
                    concurrency,
                    args.top_k,
                    offset=args.offset + i * args.n,
                )
            )
            print(report(results, concurrency))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process (model + knowledge base): {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
