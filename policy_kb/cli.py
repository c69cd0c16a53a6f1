"""Command line of the knowledge base.

``python -m policy_kb build`` · ``ask "问题" [--region 深圳]`` · ``eval [--set NAME | --file PATH]
[--calibrate] [-v]`` · ``bench``. ``--no-embeddings`` (or ``POLICY_KB_EMBEDDINGS=off``) ranks
lexically only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .evaluate import (
    calibrate,
    eval_set_path,
    evaluate,
    evaluate_keywords,
    format_keyword_report,
    format_report,
    is_keyword_set,
    keyword_scores,
    pooled,
)
from .index import build_index
from .kb import KnowledgeBase
from .messages import RELATED_LABEL


def _build(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    embedder = None if args.no_embeddings else "default"
    out = build_index(Path(args.output) if args.output else None, embedder=embedder)
    kb = KnowledgeBase.load(out, embeddings=not args.no_embeddings)
    faq = sum(p.kind == "faq" for p in kb.passages)
    vectors = kb.retriever.data.vectors
    kind = f"含 {len(vectors.owners)} 个向量" if vectors is not None else "无向量，仅词匹配"
    print(
        f"索引已生成：{out}（{len(kb.passages)} 个段落，其中FAQ {faq} 条；{kind}；"
        f"用时 {time.perf_counter() - start:.2f} 秒）"
    )
    return 0


def _load(args: argparse.Namespace) -> KnowledgeBase:
    index = Path(args.index) if getattr(args, "index", None) else None
    return KnowledgeBase.load(index, embeddings=False if args.no_embeddings else None)


def _ask(args: argparse.Namespace) -> int:
    kb = _load(args)
    hits = kb.search(args.question, top_k=args.top_k, region=args.region)
    print("相关段落：")
    if not hits:
        print("  （无）")
    for rank, hit in enumerate(hits, start=1):
        p = hit.passage
        flag = " [含隐去数字]" if p.has_redacted_figures else ""
        print(f"  {rank}. [{hit.score:.3f}] {p.id}  {p.title} · {p.section}（{p.region}）{flag}")
        print(f"     {p.text[:80]}{'…' if len(p.text) > 80 else ''}")
    response = kb.respond(args.question, context_region=args.region)
    print()
    print(f"答复：{response.text}")
    if response.citation:
        print(response.citation)
    if response.related:
        print(f"{RELATED_LABEL}：{response.related}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    kb = _load(args)
    chosen = args.file or args.devset
    devset = Path(chosen) if chosen else eval_set_path(args.set)
    if is_keyword_set(devset):
        if args.calibrate:
            print("calibration needs passage ids (the dev set); ignored for a keyword set")
        print(format_keyword_report(evaluate_keywords(kb, devset), verbose=args.verbose))
        return 0
    report = evaluate(kb, devset)
    print(format_report(report, verbose=args.verbose))
    if args.calibrate:
        pool = [keyword_scores(kb, eval_set_path(name)) for name in args.pool]
        data = pooled(report, pool)
        t, false_rate, kept = calibrate(data, args.max_false_rate)
        sets = " + ".join(["dev", *args.pool])
        print(
            f"calibration on {sets} ({len(data.scores_answerable)} answerable, "
            f"{len(data.scores_unanswerable)} unanswerable): threshold {t:.3f} → "
            f"false answers {false_rate:.1%}, answered correctly {kept:.1%}"
        )
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import run

    index = Path(args.index) if args.index else None
    print(run(rounds=args.rounds, index=index, limit=args.limit))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m policy_kb``."""
    parser = argparse.ArgumentParser(prog="python -m policy_kb", description="民政政策知识库")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the index from docs/ and faq/")
    p_build.add_argument("--output", help="index file (default policy_kb/index/kb_index.json)")
    p_build.add_argument(
        "--no-embeddings", action="store_true", help="lexical index only (no passage vectors)"
    )
    p_build.set_defaults(func=_build)
    p_ask = sub.add_parser("ask", help="ask a question")
    p_ask.add_argument("question")
    p_ask.add_argument("--region", default=None, help="city, e.g. 深圳 or 广州")
    p_ask.add_argument("--top-k", type=int, default=5)
    p_ask.add_argument("--index", default=None)
    p_ask.add_argument("--no-embeddings", action="store_true", help="lexical ranking only")
    p_ask.set_defaults(func=_ask)
    p_eval = sub.add_parser("eval", help="run a question set (dev set by default)")
    p_eval.add_argument(
        "--file",
        default=None,
        help="question file (passage-id or keyword format, detected by the 'keywords' key)",
    )
    p_eval.add_argument("--devset", default=None, help="same as --file (kept for scripts)")
    p_eval.add_argument(
        "--set", default="dev", help="question set in policy_kb/eval/: dev (default) or heldout"
    )
    p_eval.add_argument("--index", default=None)
    p_eval.add_argument("--verbose", "-v", action="store_true", help="list failures")
    p_eval.add_argument("--calibrate", action="store_true", help="suggest an answer threshold")
    p_eval.add_argument("--max-false-rate", type=float, default=0.10)
    p_eval.add_argument(
        "--pool",
        nargs="*",
        default=[],
        help="retired keyword sets added to the calibration data (e.g. blind2 blind3)",
    )
    p_eval.add_argument("--no-embeddings", action="store_true", help="lexical ranking only")
    p_eval.set_defaults(func=_eval)
    p_bench = sub.add_parser("bench", help="search latency with and without embeddings, memory")
    p_bench.add_argument("--rounds", type=int, default=3)
    p_bench.add_argument("--limit", type=int, default=None, help="use the first N questions")
    p_bench.add_argument("--index", default=None)
    p_bench.set_defaults(func=_bench)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
