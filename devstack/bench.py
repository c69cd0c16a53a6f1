"""Per-turn latency, throughput and memory of the whole stack (real model, real HTTP).

``python -m devstack.bench [--conversations 20] [--concurrency 4]`` starts the stack on its
own ports and a throw-away database, runs complete conversations through the REST channel
(marriage bookings and tomb-sweeping reservations in turn; first one at a time, then
several at once), and prints p50/p95/max turn latency, turns per second, bookings made,
and each process's resident memory.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from civic.idcard import check_digit
from devstack.stack import ROOT, Service, StackConfig, running_stack

DAYS = ("明天", "后天", "下周一", "下周二", "下周三", "下周四", "下周五")
TIMES = ("9点", "10点", "11点", "下午2点", "下午3点", "下午4点")
OFFICES = ("南山", "福田", "天河", "海珠", "宝安")


def person_id(birth: str, male: bool, serial: int) -> str:
    """A checksum-valid ID number (GB 11643) for benchmark traffic."""
    sequence = (serial % 500) * 2 + (1 if male else 0)  # odd = male (GB 11643)
    first17 = f"440305{birth}{sequence:03d}"
    return first17 + check_digit(first17)


CEMETERIES = ("福田公墓", "番禺思源园", "龙岗福安园", "天河骨灰堂")
VISITORS = ("就我自己", "两个人", "三个人", "一家四口")


def script(n: int) -> list[str]:
    """The messages of one complete booking, distinct people per conversation (even n:
    marriage, odd n: tomb-sweeping)."""
    if n % 2:
        return [
            "我想预约扫墓",
            CEMETERIES[n // 2 % len(CEMETERIES)],
            VISITORS[n // 2 % len(VISITORS)],
            DAYS[n // 2 % len(DAYS)],
            "上午",
            "王秀英",
            "李建国",
            person_id("19700101", True, n),
            f"137{n:08d}",
            "不开车",
            "确认",
        ]
    return [
        "我想预约结婚登记",
        OFFICES[n % len(OFFICES)],
        DAYS[n % len(DAYS)],
        TIMES[n // len(DAYS) % len(TIMES)],
        "张伟",
        person_id("19900307", True, n),
        "李娜",
        person_id("19920815", False, n),
        f"139{n:08d}",
        "确认",
    ]


def say(url: str, sender: str, message: str) -> tuple[float, str]:
    """One turn: seconds taken and the bot's text."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        replies = json.loads(response.read())
    return time.perf_counter() - started, "\n".join(r.get("text", "") for r in replies)


def conversation(url: str, n: int) -> tuple[list[float], bool]:
    """Run one booking; turn latencies and whether it ended with a booking."""
    latencies, text = [], ""
    for message in script(n):
        seconds, text = say(url, f"bench-{n}", message)
        latencies.append(seconds)
    return latencies, "预约成功" in text


def rss_mb(service: Service) -> float:
    """Resident memory of a service's process in MiB."""
    assert service.process is not None
    for line in Path(f"/proc/{service.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def report(label: str, latencies: list[float], elapsed: float, booked: int, total: int) -> None:
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(
        f"{label}: {len(ms)} turns, p50 {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, "
        f"max {ms[-1]:.0f} ms, {len(ms) / elapsed:.1f} turns/s, {booked}/{total} booked"
    )


def main() -> None:
    """Entry point (see module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m devstack.bench")
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = StackConfig(
            backend_port=18200,
            action_port=15255,
            rasa_port=15205,
            pages_port=18280,
            wechat_port=18290,
            var_dir=Path(tmp),
            model=ROOT / "models" / "civic.tar.gz",
            extra_env={
                # Scripted conversations type faster than people: the limits have their own tests.
                "PUBLIC_MESSAGES_PER_MINUTE": "600",
                "PUBLIC_MESSAGE_BURST": "100",
                "CIVIC_TODAY": "2026-11-23",
                "DATABASE_URL": f"sqlite:///{tmp}/civic.db",
                "TRACKER_DB": f"{tmp}/tracker.db",
            },
        )
        with running_stack(config, timeout=300) as services:
            url = f"{config.rasa_url}/webhooks/rest/webhook"
            say(url, "warm-up", "你好")
            half = args.conversations // 2
            started = time.perf_counter()
            results = [conversation(url, n) for n in range(half)]
            report(
                "sequential",
                [x for lat, _ in results for x in lat],
                time.perf_counter() - started,
                sum(ok for _, ok in results),
                half,
            )
            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                results = list(
                    pool.map(lambda n: conversation(url, n), range(half, args.conversations))
                )
            report(
                f"concurrency {args.concurrency}",
                [x for lat, _ in results for x in lat],
                time.perf_counter() - started,
                sum(ok for _, ok in results),
                args.conversations - half,
            )
            print("memory: " + ", ".join(f"{s.name} {rss_mb(s):.0f} MiB" for s in services))


if __name__ == "__main__":
    main()
