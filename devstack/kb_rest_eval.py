"""Policy questions asked in conversation, the way a citizen asks them: through Rasa's REST
channel, one fresh conversation per question, on the real trained model and action server.

``python -m devstack.kb_rest_eval --set blind6`` (or ``blind2`` … ``blind5``, ``dev``, ``heldout``,
``--file``) starts the stack on its own ports, asks every question and judges the reply:

- an answerable question is *correct* when the reply cites a source (``来源：``) and, for
  the keyword format, contains every keyword group; for the passage-id format, cites one of
  the expected passages; *refused* when no source is cited; else *wrong*;
- an unanswerable question is a *false answer* when the reply cites a source.

It also times the policy turns against greeting turns (``你好``) on the same stack and prints
p50/p95 of both (the policy turn's p95 should stay within 1.5× of the greeting's).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from devstack.stack import ROOT, StackConfig, running_stack
from policy_kb import KnowledgeBase
from policy_kb.evaluate import eval_set_path, judge_text, load_devset, load_keyword_set, matches

CITED = "来源："


@dataclass
class Tally:
    """Outcomes and latencies of one run."""

    outcomes: dict[str, list[str]] = field(default_factory=dict)
    policy_ms: list[float] = field(default_factory=list)
    greeting_ms: list[float] = field(default_factory=list)

    def add(self, outcome: str, question: str) -> None:
        self.outcomes.setdefault(outcome, []).append(question)

    def share(self, outcome: str, total: int) -> str:
        count = len(self.outcomes.get(outcome, []))
        return f"{count}/{total} ({100 * count / max(total, 1):.1f} %)"


def ask(rasa_url: str, text: str) -> tuple[str, float]:
    """The bot's whole reply to ``text`` in a new conversation, and the turn's latency (ms)."""
    body = json.dumps({"sender": f"kb-{uuid.uuid4().hex[:12]}", "message": text}).encode()
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        payload = json.loads(response.read())
    elapsed = (time.perf_counter() - started) * 1000
    return "\n".join(m.get("text", "") for m in payload), elapsed


def percentile(values: list[float], pct: float) -> float:
    """The ``pct``-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def citations_for(expected: tuple[str, ...], kb: KnowledgeBase) -> list[str]:
    """The citation lines of the passages an id-format question expects."""
    found = []
    for passage in kb.retriever.data.passages:
        if matches(passage.id, expected):
            found.append(f"{CITED}{passage.title} · {passage.section}")
    return found


def run(rasa_url: str, path: Path, tally: Tally, verbose: bool) -> tuple[int, int]:
    """Ask every question of ``path``; returns (answerable, unanswerable) counts."""
    text = path.read_text(encoding="utf-8")
    if "keywords:" in text:
        answerable, unanswerable = load_keyword_set(path)
        checks = [(item.question, item.keywords, None) for item in answerable]
    else:
        kb = KnowledgeBase.load(warm="sync")
        answerable, unanswerable = load_devset(path)
        checks = [(item.question, (), citations_for(item.expect, kb)) for item in answerable]
    for question, keywords, citations in checks:
        reply, ms = ask(rasa_url, question)
        tally.policy_ms.append(ms)
        if CITED not in reply:
            outcome = "refused"
        elif citations is not None:
            outcome = "correct" if any(c in reply for c in citations) else "wrong"
        else:
            outcome = judge_text(reply, keywords)
        tally.add(outcome, question)
        if verbose and outcome != "correct":
            print(f"[{outcome}] {question}\n    -> {reply[:160]!r}")
    for item in unanswerable:
        reply, ms = ask(rasa_url, item.question)
        tally.policy_ms.append(ms)
        outcome = "false_answer" if CITED in reply else "honest"
        tally.add(outcome, item.question)
        if verbose and outcome == "false_answer":
            print(f"[false answer] {item.question}\n    -> {reply[:160]!r}")
    return len(answerable), len(unanswerable)


def main(argv: list[str] | None = None) -> int:
    """Entry point: see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m devstack.kb_rest_eval")
    parser.add_argument("--set", default="blind6", help="dev, heldout or blind2 … blind6")
    parser.add_argument("--file", type=Path, default=None, help="a question file instead")
    parser.add_argument("--rasa-url", default=None, help="use a running stack instead")
    parser.add_argument("--greetings", type=int, default=30, help="greeting turns to time")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the misses")
    args = parser.parse_args(argv)
    path = args.file or eval_set_path(args.set)
    tally = Tally()

    def measure(rasa_url: str) -> tuple[int, int]:
        for _ in range(3):  # warm the stack up before timing anything
            ask(rasa_url, "你好")
        counts = run(rasa_url, path, tally, args.verbose)
        tally.greeting_ms.extend(ask(rasa_url, "你好")[1] for _ in range(args.greetings))
        return counts

    if args.rasa_url:
        answerable, unanswerable = measure(args.rasa_url)
    else:
        with tempfile.TemporaryDirectory(prefix="kb-rest-") as tmp:
            config = StackConfig(
                backend_port=18300,
                action_port=15355,
                rasa_port=15305,
                pages_port=18380,
                wechat_port=18390,
                var_dir=Path(tmp),
                model=ROOT / "models" / "civic.tar.gz",
                extra_env={
                    "DATABASE_URL": f"sqlite:///{Path(tmp) / 'civic.db'}",
                    "PUBLIC_MESSAGES_PER_MINUTE": "600",  # a scripted evaluation, not a person
                    "PUBLIC_MESSAGE_BURST": "100",
                },
            )
            with running_stack(config, timeout=300):
                answerable, unanswerable = measure(config.rasa_url)
    print(f"\n{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} through REST")
    print(f"  answerable {answerable}: correct with a source {tally.share('correct', answerable)}")
    refused, wrong = tally.share("refused", answerable), tally.share("wrong", answerable)
    print(f"    refused {refused}, wrong {wrong}")
    print(f"  unanswerable {unanswerable}: answered {tally.share('false_answer', unanswerable)}")
    for name, values in (("policy turn", tally.policy_ms), ("greeting turn", tally.greeting_ms)):
        print(
            f"  {name}: p50 {statistics.median(values):.0f} ms, "
            f"p95 {percentile(values, 95):.0f} ms ({len(values)} turns)"
        )
    ratio = percentile(tally.policy_ms, 95) / percentile(tally.greeting_ms, 95)
    print(f"  policy p95 / greeting p95 = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
