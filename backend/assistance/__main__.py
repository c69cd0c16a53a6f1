"""``python -m backend.assistance set-standard``: update one city's 低保 standard in the data file.

Example::

    python -m backend.assistance set-standard --city 深圳 --dibao 1500 \\
        --effective 2026-07-01 --source "深圳市民政局关于调整最低生活保障标准的通知"

Writes ``ASSISTANCE_DATA_FILE`` (default: the bundled file) unless ``--file`` is given; the
file's comments are kept and it is replaced only when the result loads. Without ``--source``
the amount is recorded as sample data (示例). The API reads the file at start: restart it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from backend.assistance.runtime import data_file
from backend.assistance.standards import MAX_AMOUNT, DataFileError, set_standard


def _amount(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= MAX_AMOUNT:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most {MAX_AMOUNT}")
    return value


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m backend.assistance")
    commands = root.add_subparsers(dest="command", required=True)
    command = commands.add_parser("set-standard", help="set a city's 低保 amount (元/人/月)")
    command.add_argument("--city", required=True, help="e.g. 深圳")
    command.add_argument("--dibao", required=True, type=_amount, help="低保标准, 元/人/月")
    command.add_argument("--tekun", type=_amount, help="特困人员基本生活标准, 元/人/月")
    command.add_argument("--effective", type=_day, help="YYYY-MM-DD from which it applies")
    command.add_argument(
        "--source", help="the published document (and section); omitted: recorded as 示例"
    )
    command.add_argument("--file", type=Path, help="data file (default: ASSISTANCE_DATA_FILE)")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    path = args.file or data_file(os.environ)
    try:
        standard = set_standard(
            path, args.city, args.dibao, args.effective, args.source, tekun=args.tekun
        )
    except DataFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    flag = "示例 (sample)" if standard.dibao.sample else standard.dibao.source
    print(f"{standard.city}: 低保 {standard.dibao.amount:g} 元/人/月, {flag} -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
