"""Evaluation of question sets and threshold calibration.

Two formats, told apart by the ``keywords`` key (``python -m policy_kb eval --file PATH``
detects which one a file uses):

**Passage-id format** — the dev set ``policy_kb/eval/devset.yml`` and the old held-out set
``heldout.yml`` (``--set heldout``)::

    answerable:
      - q: 我爸走了，清明想去看看他，要预约吗
        expect: [tomb-appointment]          # passage or FAQ ids; a document id prefix such as
        region: 深圳                         # "gz-2024:八" also matches "gz-2024:八#2"
    unanswerable:
      - q: 社保卡怎么补办

Figures: top-1 / top-3 hit rate of ``search()`` on answerable questions (a hit is any expected
id among the first k results), false-answer rate on unanswerable questions (``respond()`` gave an
answer), missed-answer rate on answerable ones (``respond()`` gave none), answered-correctly
rate (an answer from an expected passage), and p50 / p95 latency of ``search()`` in ms.

**Keyword format** — for sets judged by the words of the answer, e.g. a blind set written by
someone who does not know the passage ids::

    answerable:
      - q: 广州长者饭堂示范点要建多少个
        region: 广州                         # optional: the conversation's city
        source: 广州市2024年全市民政工作       # optional, informational
        keywords: [[100个, 一百个], [长者饭堂]]
    unanswerable:
      - q: 北京低保一个月多少钱
        why: 知识库没有北京的文件            # optional, informational

An answerable question is *answered correctly* when ``respond()`` gives an answer (not a
refusal, not "other region"), the answer carries a source (``来源：…``), and for EVERY inner
keyword list the answer text or its citation contains at least one of the alternatives
(compared after normalisation: simplified, half-width, lower-case, no quotation marks or
spaces). It is *refused* when no answer is given, and a *wrong answer* otherwise. An
unanswerable question is failed when the knowledge base gives an answer (a false answer).
``source``, when given, is reported as "expected source cited" (a substring of the citation or
the passage id) but does not decide correctness.

Calibration (``--calibrate``, dev set only): for every candidate threshold, count false answers
on unanswerable questions and correct answers kept on answerable ones (using the passage
``respond()`` would answer with, before the threshold); pick the lowest threshold whose
false-answer rate is at most the target (default 10 %) and report it. ``--pool blind2 …`` adds
retired keyword-format sets (sets already seen, whose blind figures were reported) to the
calibration data: their questions are scored by the answer ``respond()`` gives with the
threshold off. The current blind set never goes into the pool. The chosen value is then
written into ``config.py`` by hand (``ANSWER_THRESHOLD`` for lexical ranking,
``HYBRID_ANSWER_THRESHOLD`` with embeddings), so the number in code is the one documented.
"""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from . import paths
from .kb import KnowledgeBase
from .models import Response
from .normalize import normalize_query


@dataclass(frozen=True)
class DevItem:
    """One question of the passage-id format."""

    question: str
    expect: tuple[str, ...] = ()
    region: str | None = None


@dataclass
class EvalReport:
    """Figures printed by ``python -m policy_kb eval`` for the passage-id format."""

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
    answered_correct: float = 0.0
    embeddings: bool = False
    failures: list[str] = field(default_factory=list)
    scores_answerable: list[tuple[float, bool]] = field(default_factory=list)
    scores_unanswerable: list[float] = field(default_factory=list)


def eval_set_path(name: str) -> Path:
    """File of the named question set in ``policy_kb/eval/`` (``dev`` → ``devset.yml``,
    ``heldout`` → ``heldout.yml``, ``blind3`` → ``blind3/questions.yml``)."""
    folder = paths.DEVSET_FILE.parent
    if name == "dev":
        path = paths.DEVSET_FILE
    elif (folder / name / "questions.yml").is_file():
        path = folder / name / "questions.yml"
    else:
        path = folder / f"{name}.yml"
    if not path.is_file():
        raise FileNotFoundError(f"no question set {name!r}: {path} does not exist")
    return path


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def is_keyword_set(path: Path) -> bool:
    """True when the file uses the keyword format (an answerable item has ``keywords``)."""
    data = _read(path)
    return any(isinstance(i, dict) and "keywords" in i for i in data.get("answerable") or [])


def load_devset(path: Path) -> tuple[list[DevItem], list[DevItem]]:
    """Answerable and unanswerable questions of the passage-id format."""
    data = _read(path)

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
    """Run every question of a passage-id set through ``search`` and ``respond``."""
    answerable, unanswerable = load_devset(devset)
    kb.search("预热", top_k=1)  # first call pays for lazy caches
    latencies: list[float] = []
    top1 = top3 = missed = correct = 0
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
        decision = kb.decide(item.question, item.region)
        cand = decision.candidate
        cand_ok = cand is not None and matches(cand.passage.id, item.expect)
        scores_a.append((cand.score if cand else 0.0, cand_ok))
        response = kb.respond(item.question, item.region)
        if not response.answered:
            missed += 1
        elif response.answer is not None and matches(response.answer.passage.id, item.expect):
            correct += 1
        if not ok1:
            got = ", ".join(f"{h.passage.id}({h.score:.2f})" for h in hits)
            failures.append(f"  [miss] {item.question} → 期望 {list(item.expect)}；得到 {got}")
    false_answers = 0
    scores_u: list[float] = []
    for item in unanswerable:
        start = time.perf_counter()
        kb.search(item.question, top_k=3, region=item.region)
        latencies.append((time.perf_counter() - start) * 1000)
        cand = kb.decide(item.question, item.region).candidate
        scores_u.append(cand.score if cand else 0.0)
        response = kb.respond(item.question, item.region)
        if response.answered and response.answer is not None:
            false_answers += 1
            ans = response.answer
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
        answered_correct=correct / n_a,
        embeddings=kb.uses_embeddings,
        failures=failures,
        scores_answerable=scores_a,
        scores_unanswerable=scores_u,
    )


def keyword_scores(kb: KnowledgeBase, path: Path) -> tuple[list[tuple[float, bool]], list[float]]:
    """Calibration data from a keyword-format set: for each answerable question the score of
    the answer ``respond()`` gives with the threshold off (0 when it gives none) and whether
    that answer is correct; for each unanswerable question the score of such an answer."""
    answerable, unanswerable = load_keyword_set(path)
    saved, kb.threshold = kb.threshold, 0.0
    try:
        scored = []
        for item in answerable:
            r = kb.respond(item.question, item.region)
            score = r.answer.score if r.answered and r.answer else 0.0
            scored.append((score, judge(r, item.keywords) == "correct"))
        unscored = []
        for item in unanswerable:
            r = kb.respond(item.question, item.region)
            unscored.append(r.answer.score if r.answered and r.answer else 0.0)
    finally:
        kb.threshold = saved
    return scored, unscored


def pooled(
    report: EvalReport, extra: list[tuple[list[tuple[float, bool]], list[float]]]
) -> EvalReport:
    """``report`` with the calibration data of further sets added (see :func:`keyword_scores`)."""
    scores_a = list(report.scores_answerable)
    scores_u = list(report.scores_unanswerable)
    for answerable, unanswerable in extra:
        scores_a += answerable
        scores_u += unanswerable
    return replace(report, scores_answerable=scores_a, scores_unanswerable=scores_u)


def calibrate(report: EvalReport, max_false_rate: float = 0.10) -> tuple[float, float, float]:
    """Lowest threshold with false-answer rate ≤ ``max_false_rate``.

    Returns ``(threshold, false_answer_rate, share of answerable questions answered correctly
    at that threshold)``.
    """
    unans = report.scores_unanswerable
    candidates = sorted({round(s, 3) for s, _ in report.scores_answerable} | set(unans))
    correct = [s for s, ok in report.scores_answerable if ok]
    for t in candidates:
        if t <= 0:
            continue
        false_rate = sum(s >= t for s in unans) / max(len(unans), 1)
        if false_rate <= max_false_rate:
            kept = sum(s >= t for s in correct) / max(len(report.scores_answerable), 1)
            return t, false_rate, kept
    return (candidates[-1] if candidates else 1.0), 0.0, 0.0


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """Human-readable figures."""
    mode = "lexical + embeddings" if report.embeddings else "lexical only"
    lines = [
        f"{report.set_name}: {report.answerable} answerable, {report.unanswerable} unanswerable"
        f"  [{mode}]",
        f"top-1 hit rate:      {report.top1:.1%}",
        f"top-3 hit rate:      {report.top3:.1%}",
        f"answered correctly:  {report.answered_correct:.1%}  (answer from an expected passage)",
        f"false-answer rate:   {report.false_answer_rate:.1%}  (unanswerable questions answered)",
        f"missed-answer rate:  {report.missed_answer_rate:.1%}  (answerable questions refused)",
        f"retrieval latency:   p50 {report.p50_ms:.2f} ms, p95 {report.p95_ms:.2f} ms",
        f"answer threshold:    {report.threshold:.3f}",
    ]
    if verbose and report.failures:
        lines.append("failures:")
        lines.extend(report.failures)
    return "\n".join(lines)


# --- keyword format ------------------------------------------------------------------------


@dataclass(frozen=True)
class KeywordItem:
    """An answerable question judged by keywords."""

    question: str
    keywords: tuple[tuple[str, ...], ...]
    region: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class UnanswerableItem:
    """A question the knowledge base should not answer."""

    question: str
    region: str | None = None
    why: str | None = None


@dataclass
class KeywordReport:
    """Figures of a keyword-format run."""

    name: str
    answerable: int
    unanswerable: int
    correct: float
    refused: float
    wrong: float
    false_answers: float
    source_cited: float | None
    other_region: int
    p50_ms: float
    p95_ms: float
    threshold: float
    embeddings: bool = False
    failures: list[str] = field(default_factory=list)


def _keyword_groups(raw: Any) -> tuple[tuple[str, ...], ...]:
    """``[[a, b], c]`` → ``(("a", "b"), ("c",))``: every group must be matched."""
    if isinstance(raw, (str, int, float)):
        raw = [raw]
    groups = []
    for group in raw or []:
        alts = [group] if isinstance(group, (str, int, float)) else list(group or [])
        alts = [str(a) for a in alts if str(a).strip()]
        if alts:
            groups.append(tuple(alts))
    return tuple(groups)


def load_keyword_set(path: Path) -> tuple[list[KeywordItem], list[UnanswerableItem]]:
    """Answerable and unanswerable questions of the keyword format."""
    data = _read(path)
    answerable = [
        KeywordItem(
            question=str(raw["q"]),
            keywords=_keyword_groups(raw.get("keywords")),
            region=raw.get("region"),
            source=raw.get("source"),
        )
        for raw in data.get("answerable") or []
    ]
    unanswerable = [
        UnanswerableItem(str(raw["q"]), raw.get("region"), raw.get("why"))
        for raw in data.get("unanswerable") or []
    ]
    return answerable, unanswerable


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", normalize_query(text))


def judge(response: Response, keywords: tuple[tuple[str, ...], ...]) -> str:
    """``"correct"``, ``"refused"`` or ``"wrong"`` for one answerable question."""
    if not response.answered:
        return "refused"
    if not response.citation.strip():
        return "wrong"
    said = f"{response.text}\n{response.citation}"
    if response.local is not None:
        said += f"\n{response.local.text}\n{response.local.citation}"
    return judge_text(said, keywords)


def judge_text(said: str, keywords: tuple[tuple[str, ...], ...]) -> str:
    """``"correct"`` when ``said`` holds an alternative of every keyword group, else ``"wrong"``."""
    text = _norm(said)
    for alts in keywords:
        if not any(_norm(a) in text for a in alts):
            return "wrong"
    return "correct"


def _cites(response: Response, source: str) -> bool:
    want = _norm(source)
    passage = response.answer.passage if response.answer else None
    return bool(want) and (
        want in _norm(response.citation)
        or (passage is not None and (_norm(passage.id).startswith(want) or want in passage.id))
    )


def evaluate_keywords(kb: KnowledgeBase, path: Path) -> KeywordReport:
    """Run a keyword-format set through ``respond``."""
    answerable, unanswerable = load_keyword_set(path)
    kb.respond("预热")
    latencies: list[float] = []
    verdicts = {"correct": 0, "refused": 0, "wrong": 0}
    cited = with_source = other = 0
    failures: list[str] = []
    for item in answerable:
        start = time.perf_counter()
        response = kb.respond(item.question, item.region)
        latencies.append((time.perf_counter() - start) * 1000)
        verdict = judge(response, item.keywords)
        verdicts[verdict] += 1
        other += response.kind == "other_region"
        if item.source and verdict == "correct":
            with_source += 1
            cited += _cites(response, item.source)
        if verdict != "correct":
            said = response.text if response.answered else f"({response.kind})"
            failures.append(
                f"  [{verdict}] {item.question} → {said[:80]} {response.citation}".rstrip()
            )
    false_answers = 0
    for item in unanswerable:
        start = time.perf_counter()
        response = kb.respond(item.question, item.region)
        latencies.append((time.perf_counter() - start) * 1000)
        other += response.kind == "other_region"
        if response.answered:
            false_answers += 1
            failures.append(f"  [false] {item.question} → {response.text[:60]} {response.citation}")
    n_a, n_u = max(len(answerable), 1), max(len(unanswerable), 1)
    return KeywordReport(
        name=path.stem,
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        correct=verdicts["correct"] / n_a,
        refused=verdicts["refused"] / n_a,
        wrong=verdicts["wrong"] / n_a,
        false_answers=false_answers / n_u,
        source_cited=(cited / with_source) if with_source else None,
        other_region=other,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p95_ms=_percentile(latencies, 95),
        threshold=kb.threshold,
        embeddings=kb.uses_embeddings,
        failures=failures,
    )


def format_keyword_report(report: KeywordReport, verbose: bool = False) -> str:
    """Human-readable figures of a keyword-format run."""
    mode = "lexical + embeddings" if report.embeddings else "lexical only"
    lines = [
        f"{report.name}: {report.answerable} answerable, {report.unanswerable} unanswerable"
        f"  [keyword format, {mode}]",
        f"answered correctly:  {report.correct:.1%}  (with a source and every keyword group)",
        f"refused:             {report.refused:.1%}  (no answer, or 'no local data for that city')",
        f"wrong answers:       {report.wrong:.1%}  (answered, but a keyword group is missing)",
        f"unanswerable answered: {report.false_answers:.1%}  (false answers)",
    ]
    if report.source_cited is not None:
        lines.append(f"expected source cited: {report.source_cited:.1%}  (of correct answers)")
    lines += [
        f"'other region' replies: {report.other_region}",
        f"respond latency:     p50 {report.p50_ms:.2f} ms, p95 {report.p95_ms:.2f} ms",
        f"answer threshold:    {report.threshold:.3f}",
    ]
    if verbose and report.failures:
        lines.append("failures:")
        lines.extend(report.failures)
    return "\n".join(lines)
