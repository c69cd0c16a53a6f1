"""``python -m devstack run``: start the stack, print the URLs, stop everything on Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import time

from devstack.stack import StackConfig, running_stack


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``make run``."""
    parser = argparse.ArgumentParser(prog="python -m devstack")
    parser.add_argument("command", choices=["run"])
    parser.parse_args(argv)
    config = StackConfig.from_env()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(
        "Starting backend, action server, WeChat API stand-in, Rasa server and demo pages "
        "(logs in var/logs/) …",
        flush=True,
    )
    try:
        with running_stack(config) as services:
            print(
                "\n民政智能助手 is running:\n"
                f"  civil-affairs API   {config.backend_url}  (OpenAPI: /openapi.json)\n"
                f"  action server       {config.action_url}\n"
                f"  Rasa server         {config.rasa_url}"
                f"  (CORS: {', '.join(config.allowed_origins())})\n"
                f"  demo portal         {config.public_pages_url}/  (chat widget)\n"
                f"  agent console       {config.public_pages_url}/agent\n\n"
                "Chat through the REST channel, e.g.:\n"
                f"  curl -s {config.rasa_url}/webhooks/rest/webhook "
                "-H 'Content-Type: application/json' "
                '-d \'{"sender": "demo", "message": "我想预约结婚登记"}\'\n'
                "  (or 冬至带三个人去福田公墓, 我家能吃低保吗, 低保怎么申请,\n"
                "   深圳市春雨助学公益基金会是正规的吗, 群里转发的看病筹款链接能信吗)\n"
                "or in a terminal: make shell\n\nCtrl-C stops everything.",
                flush=True,
            )
            while all(s.process is not None and s.process.poll() is None for s in services):
                time.sleep(1)
            print("A service stopped unexpectedly; see var/logs/.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nStopped.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
