"""Command line: ``python -m policy_kb build | ask "问题" [--region 深圳] | eval [--set NAME]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .evaluate import calibrate, eval_set_path, evaluate, format_report
from .index import build_index
from .kb import KnowledgeBase
from .messages import NO_ANSWER_TEXT


def _build(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    out = build_index(Path(args.output) if args.output else None)
    kb = KnowledgeBase.load(out)
    faq = sum(p.kind == "faq" for p in kb.passages)
    print(
        f"索引已生成：{out}（{len(kb.passages)} 个段落，其中FAQ {faq} 条；"
        f"用时 {time.perf_counter() - start:.2f} 秒）"
    )
    return 0


def _ask(args: argparse.Namespace) -> int:
    kb = KnowledgeBase.load(Path(args.index) if args.index else None)
    hits = kb.search(args.question, top_k=args.top_k, region=args.region)
    print("相关段落：")
    if not hits:
        print("  （无）")
    for rank, hit in enumerate(hits, start=1):
        p = hit.passage
        flag = " [含隐去数字]" if p.has_redacted_figures else ""
        print(f"  {rank}. [{hit.score:.3f}] {p.id}  {p.title} · {p.section}（{p.region}）{flag}")
        print(f"     {p.text[:80]}{'…' if len(p.text) > 80 else ''}")
    answer = kb.answer(args.question, region=args.region)
    print()
    if answer is None:
        print(f"答复：{NO_ANSWER_TEXT}")
    else:
        print(f"答复：{answer.text}")
        print(answer.citation)
    return 0


def _eval(args: argparse.Namespace) -> int:
    kb = KnowledgeBase.load(Path(args.index) if args.index else None)
    devset = Path(args.devset) if args.devset else eval_set_path(args.set)
    report = evaluate(kb, devset)
    print(format_report(report, verbose=args.verbose))
    if args.calibrate:
        t, false_rate, kept = calibrate(report, args.max_false_rate)
        print(
            f"calibration: threshold {t:.3f} → false answers {false_rate:.1%}, "
            f"correct top-1 still answered {kept:.1%}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m policy_kb``."""
    parser = argparse.ArgumentParser(prog="python -m policy_kb", description="民政政策知识库")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the index from docs/ and faq/")
    p_build.add_argument("--output", help="index file (default policy_kb/index/kb_index.json)")
    p_build.set_defaults(func=_build)
    p_ask = sub.add_parser("ask", help="ask a question")
    p_ask.add_argument("question")
    p_ask.add_argument("--region", default=None, help="city, e.g. 深圳 or 广州")
    p_ask.add_argument("--top-k", type=int, default=5)
    p_ask.add_argument("--index", default=None)
    p_ask.set_defaults(func=_ask)
    p_eval = sub.add_parser("eval", help="run a question set (dev set by default)")
    p_eval.add_argument("--devset", default=None, help="question file (overrides --set)")
    p_eval.add_argument(
        "--set", default="dev", help="question set in policy_kb/eval/: dev (default) or heldout"
    )
    p_eval.add_argument("--index", default=None)
    p_eval.add_argument("--verbose", "-v", action="store_true", help="list failures")
    p_eval.add_argument("--calibrate", action="store_true", help="suggest an answer threshold")
    p_eval.add_argument("--max-false-rate", type=float, default=0.10)
    p_eval.set_defaults(func=_eval)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
