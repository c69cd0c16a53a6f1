"""Evaluation on the dev set (``policy_kb/eval/devset.yml``) and threshold calibration.

Other question sets in the same format live next to it and are chosen by name, e.g. the blind
held-out set ``policy_kb/eval/heldout.yml``: ``python -m policy_kb eval --set heldout`` (or any
file with ``--devset PATH``). The held-out set is for measuring only, never for tuning.

Dev-set format::

    answerable:
      - q: 我爸走了，清明想去看看他，要预约吗
        expect: [tomb-appointment]          # passage or FAQ ids; a document id prefix such as
        region: 深圳                         # "gz-2024:八" also matches "gz-2024:八#2"
    unanswerable:
      - q: 社保卡怎么补办

Figures: top-1 / top-3 hit rate on answerable questions (a hit is any expected id among the
first k results), false-answer rate on unanswerable questions (``answer()`` returned something),
missed-answer rate on answerable ones (``answer()`` returned ``None``), and p50 / p95 latency of
``search()`` in milliseconds.

Calibration (``--calibrate``): for every candidate threshold between the lowest and highest
top-1 score seen, count false answers on unanswerable questions and correct top-1 answers kept
on answerable ones; pick the lowest threshold whose false-answer rate is at most the target
(default 10 %, the goal; see ``config.ANSWER_THRESHOLD``) and report it. The chosen value is then
written into ``config.ANSWER_THRESHOLD`` by hand, so the number in code is the one documented.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import paths
from .kb import KnowledgeBase


@dataclass(frozen=True)
class DevItem:
    """One dev-set question."""

    question: str
    expect: tuple[str, ...] = ()
    region: str | None = None


@dataclass
class EvalReport:
    """Figures printed by ``python -m policy_kb eval``."""

    answerable: int
    unanswerable: int
    top1: float
    top3: float
    false_answer_rate: float
    missed_answer_rate: float
    p50_ms: float
    p95_ms: float
    threshold: float
    set_name: str = "dev set"
    failures: list[str] = field(default_factory=list)
    scores_answerable: list[tuple[float, bool]] = field(default_factory=list)
    scores_unanswerable: list[float] = field(default_factory=list)


def eval_set_path(name: str) -> Path:
    """File of the named question set in ``policy_kb/eval/`` (``dev`` → ``devset.yml``)."""
    path = paths.DEVSET_FILE if name == "dev" else paths.DEVSET_FILE.with_name(f"{name}.yml")
    if not path.is_file():
        raise FileNotFoundError(f"no question set {name!r}: {path} does not exist")
    return path


def load_devset(path: Path) -> tuple[list[DevItem], list[DevItem]]:
    """Answerable and unanswerable dev questions."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def items(key: str) -> list[DevItem]:
        out = []
        for raw in data.get(key) or []:
            expect = raw.get("expect") or []
            expect = [expect] if isinstance(expect, str) else expect
            out.append(DevItem(str(raw["q"]), tuple(str(e) for e in expect), raw.get("region")))
        return out

    return items("answerable"), items("unanswerable")


def matches(passage_id: str, expected: tuple[str, ...]) -> bool:
    """True when ``passage_id`` is an expected id or a child/part of one."""
    return any(
        passage_id == e or passage_id.startswith(e + "#") or passage_id.startswith(e + "/")
        for e in expected
    )


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def evaluate(kb: KnowledgeBase, devset: Path) -> EvalReport:
    """Run every dev question through ``search`` and ``answer``."""
    answerable, unanswerable = load_devset(devset)
    kb.search("预热", top_k=1)  # first call pays for lazy caches
    latencies: list[float] = []
    top1 = top3 = missed = 0
    failures: list[str] = []
    scores_a: list[tuple[float, bool]] = []
    for item in answerable:
        start = time.perf_counter()
        hits = kb.search(item.question, top_k=3, region=item.region)
        latencies.append((time.perf_counter() - start) * 1000)
        ids = [h.passage.id for h in hits]
        ok1 = bool(ids) and matches(ids[0], item.expect)
        top1 += ok1
        top3 += any(matches(i, item.expect) for i in ids)
        scores_a.append((hits[0].score if hits else 0.0, ok1))
        if kb.answer(item.question, region=item.region) is None:
            missed += 1
        if not ok1:
            got = ", ".join(f"{h.passage.id}({h.score:.2f})" for h in hits)
            failures.append(f"  [miss] {item.question} → 期望 {list(item.expect)}；得到 {got}")
    false_answers = 0
    scores_u: list[float] = []
    for item in unanswerable:
        start = time.perf_counter()
        hits = kb.search(item.question, top_k=3, region=item.region)
        latencies.append((time.perf_counter() - start) * 1000)
        scores_u.append(hits[0].score if hits else 0.0)
        ans = kb.answer(item.question, region=item.region)
        if ans is not None:
            false_answers += 1
            failures.append(f"  [false] {item.question} → {ans.passage.id}({ans.score:.2f})")
    n_a, n_u = max(len(answerable), 1), max(len(unanswerable), 1)
    return EvalReport(
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        top1=top1 / n_a,
        top3=top3 / n_a,
        false_answer_rate=false_answers / n_u,
        missed_answer_rate=missed / n_a,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p95_ms=_percentile(latencies, 95),
        threshold=kb.threshold,
        set_name="dev set" if devset.name == paths.DEVSET_FILE.name else devset.stem,
        failures=failures,
        scores_answerable=scores_a,
        scores_unanswerable=scores_u,
    )


def calibrate(report: EvalReport, max_false_rate: float = 0.10) -> tuple[float, float, float]:
    """Lowest threshold with false-answer rate ≤ ``max_false_rate``.

    Returns ``(threshold, false_answer_rate, share of correct top-1 answers still answered)``.
    """
    unans = report.scores_unanswerable
    candidates = sorted({round(s, 3) for s, _ in report.scores_answerable} | set(unans))
    correct = [s for s, ok in report.scores_answerable if ok]
    for t in candidates:
        false_rate = sum(s >= t for s in unans) / max(len(unans), 1)
        if false_rate <= max_false_rate:
            kept = sum(s >= t for s in correct) / max(len(report.scores_answerable), 1)
            return t, false_rate, kept
    return (candidates[-1] if candidates else 1.0), 0.0, 0.0


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """Human-readable figures."""
    lines = [
        f"{report.set_name}: {report.answerable} answerable, {report.unanswerable} unanswerable",
        f"top-1 hit rate:      {report.top1:.1%}",
        f"top-3 hit rate:      {report.top3:.1%}",
        f"false-answer rate:   {report.false_answer_rate:.1%}  (unanswerable questions answered)",
        f"missed-answer rate:  {report.missed_answer_rate:.1%}  (answerable questions refused)",
        f"retrieval latency:   p50 {report.p50_ms:.2f} ms, p95 {report.p95_ms:.2f} ms",
        f"answer threshold:    {report.threshold:.3f}",
    ]
    if verbose and report.failures:
        lines.append("failures:")
        lines.extend(report.failures)
    return "\n".join(lines)
