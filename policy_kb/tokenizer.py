"""Tokenisation for retrieval: a private jieba instance with the project's user dictionaries.

Every ``*.txt`` file in ``data/jieba/`` (jieba format ``词 [频率] [词性]``) is loaded, plus every
term of the synonym groups, so multi-character policy terms (低保边缘, 事实无人抚养儿童) stay
whole. Lines are parsed here rather than with ``jieba.load_userdict`` so that one malformed
line in a file someone else maintains cannot break loading.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jieba

from .normalize import normalize_query
from .synonyms import SynonymTable

_KEEP = re.compile(r"[\w\u3400-\u9fff]")
_DEFAULT_FREQ = 2000


def user_dictionary_files(folder: Path) -> list[Path]:
    """All ``.txt`` user dictionaries in ``folder``, sorted for a deterministic load order."""
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def read_user_dictionary(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Parse a jieba user dictionary into ``(word, freq, tag)``; bad lines are skipped."""
    entries: list[tuple[str, int | None, str | None]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = (
            parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and freq is None else None)
        )
        entries.append((word, freq, tag))
    return entries


def read_stopwords(path: Path) -> frozenset[str]:
    """Whitespace-separated stopwords, ``#`` comments allowed."""
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip().startswith("#"):
            words.update(line.split())
    return frozenset(words)


@lru_cache(maxsize=4)
def _jieba_instance(
    files: tuple[tuple[str, int, int], ...], terms: tuple[str, ...]
) -> jieba.Tokenizer:
    """A private jieba instance with the given dictionaries (shared per process: ~1 s to load)."""
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for name, _, _ in files:
        for word, freq, tag in read_user_dictionary(Path(name)):
            tk.add_word(word, freq or _DEFAULT_FREQ, tag)
    for term in terms:
        tk.add_word(term, _DEFAULT_FREQ)
    return tk


class Tokenizer:
    """jieba segmentation + normalisation + stopwords + synonym canonicalisation."""

    def __init__(
        self,
        dictionary_folder: Path,
        synonyms: SynonymTable,
        stopwords: Iterable[str] = (),
    ) -> None:
        self.dictionary_folder = dictionary_folder
        self.synonyms = synonyms
        self.stopwords = frozenset(stopwords)
        self._lock = threading.Lock()
        self._tk: jieba.Tokenizer | None = None

    @property
    def _jieba(self) -> jieba.Tokenizer:
        if self._tk is None:
            with self._lock:  # a warm-up thread and a first query may race
                if self._tk is None:
                    files = tuple(
                        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in user_dictionary_files(self.dictionary_folder)
                    )
                    self._tk = _jieba_instance(files, tuple(self.synonyms.all_terms()))
        return self._tk

    @property
    def ready(self) -> bool:
        """True once the jieba dictionary is loaded."""
        return self._tk is not None

    def warm_up(self) -> None:
        """Load the jieba dictionary now instead of on the first query."""
        _ = self._jieba

    def warm_up_in_background(self) -> threading.Thread:
        """Start loading the jieba dictionary in a daemon thread (about one second)."""
        thread = threading.Thread(target=self.warm_up, name="policy_kb-jieba", daemon=True)
        thread.start()
        return thread

    def words(self, text: str) -> list[str]:
        """Normalised jieba words of ``text`` without punctuation or stopwords."""
        out: list[str] = []
        for word in self._jieba.lcut(normalize_query(text), HMM=True):
            word = word.strip()
            if word and _KEEP.search(word) and word not in self.stopwords:
                out.append(word)
        return out

    def index_terms(self, text: str) -> list[str]:
        """Terms for indexing: words plus canonical forms of synonyms."""
        return self.synonyms.canonicalize(self.words(text))

    def query_terms(self, text: str) -> list[str]:
        """Terms for querying: like :meth:`index_terms` plus query-side related terms."""
        return self.synonyms.expand_query(self.words(text))


def char_bigrams(text: str) -> list[str]:
    """Character bigrams of the CJK/alphanumeric runs of ``text`` (typo-tolerant matching)."""
    grams: list[str] = []
    for run in re.findall(r"[\w\u3400-\u9fff]+", normalize_query(text)):
        if len(run) == 1:
            grams.append(run)
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams
