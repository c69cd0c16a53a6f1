"""Loading the corpus: source documents (text + YAML metadata) and FAQ files into passages.

Layout (see also ``policy_kb/docs`` and ``policy_kb/faq``):

* ``docs/<name>.txt`` — a source text kept exactly as published; ``docs/<name>.yml`` — its
  metadata: ``id`` (short, used in passage ids), ``title``, ``region`` (national / 深圳 / 广州 /
  …), ``publisher``, ``source``, ``date``, ``notes`` and optional ``part_titles``;
* ``faq/<journey>.yml`` — ``journey``, ``title`` (collection title used in citations) and
  ``entries``: each with ``id``, ``title``, ``question``, ``alt_questions``, ``answer``,
  ``region``, ``source``, ``date`` and ``note``.

Dropping a new pair of files in ``docs/`` or a new YAML in ``faq/`` and running
``python -m policy_kb build`` is all it takes to make it searchable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .cleaning import clean_text, has_placeholder
from .messages import FAQ_NOTE_DEFAULT, REDACTED_FIGURE_TEXT
from .models import Passage
from .splitting import split_document


@dataclass(frozen=True)
class FaqEntry:
    """One FAQ entry with the fields retrieval needs beyond its passage."""

    passage: Passage
    question: str
    alt_questions: tuple[str, ...] = field(default_factory=tuple)


class CorpusError(ValueError):
    """A document or FAQ file is malformed (missing metadata, duplicate id, …)."""


def _require(data: dict, keys: tuple[str, ...], where: Path) -> None:
    missing = [k for k in keys if not data.get(k)]
    if missing:
        raise CorpusError(f"{where}: missing {', '.join(missing)}")


def load_document(text_path: Path) -> list[Passage]:
    """Clean, split and wrap one source document (``.txt`` with a sibling ``.yml``)."""
    meta_path = text_path.with_suffix(".yml")
    if not meta_path.exists():
        raise CorpusError(f"{text_path}: metadata file {meta_path.name} is missing")
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    _require(meta, ("id", "title", "region"), meta_path)
    cleaned = clean_text(text_path.read_text(encoding="utf-8"))
    passages = []
    for chunk in split_document(cleaned, meta.get("part_titles")):
        redacted = has_placeholder(chunk.text)
        passages.append(
            Passage(
                id=f"{meta['id']}:{chunk.key}",
                doc_id=str(meta["id"]),
                title=str(meta["title"]),
                section=chunk.section,
                text=chunk.text,
                region=str(meta["region"]),
                source=str(meta.get("source") or meta.get("publisher") or ""),
                date=str(meta.get("date") or ""),
                kind="document",
                note=REDACTED_FIGURE_TEXT if redacted else "",
                has_redacted_figures=redacted,
            )
        )
    return passages


def load_faq_file(path: Path) -> list[FaqEntry]:
    """Read one FAQ YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    collection = str(data.get("title") or path.stem)
    entries: list[FaqEntry] = []
    for raw in data.get("entries") or []:
        _require(raw, ("id", "question", "answer", "title"), path)
        passage = Passage(
            id=str(raw["id"]),
            doc_id=f"faq:{data.get('journey') or path.stem}",
            title=collection,
            section=str(raw["title"]),
            text=" ".join(str(raw["answer"]).split()),
            region=str(raw.get("region") or "national"),
            source=str(raw.get("source") or ""),
            date=str(raw.get("date") or ""),
            kind="faq",
            note=str(raw.get("note") or FAQ_NOTE_DEFAULT),
            has_redacted_figures=has_placeholder(str(raw["answer"])),
        )
        alts = tuple(str(q) for q in raw.get("alt_questions") or [])
        entries.append(FaqEntry(passage, str(raw["question"]), alts))
    return entries


def load_corpus(docs_dir: Path, faq_dir: Path) -> tuple[list[Passage], list[FaqEntry]]:
    """All document passages and FAQ entries, checked for duplicate ids."""
    passages: list[Passage] = []
    for text_path in sorted(docs_dir.glob("*.txt")):
        passages.extend(load_document(text_path))
    faqs: list[FaqEntry] = []
    for faq_path in sorted(faq_dir.glob("*.yml")) + sorted(faq_dir.glob("*.yaml")):
        faqs.extend(load_faq_file(faq_path))
    seen: set[str] = set()
    for pid in [p.id for p in passages] + [f.passage.id for f in faqs]:
        if pid in seen:
            raise CorpusError(f"duplicate passage id {pid!r}")
        seen.add(pid)
    return passages, faqs


def source_files(docs_dir: Path, faq_dir: Path, extra: list[Path] | None = None) -> list[Path]:
    """Every file whose content affects the index (for staleness checks)."""
    files = sorted(docs_dir.glob("*.txt")) + sorted(docs_dir.glob("*.yml"))
    files += sorted(faq_dir.glob("*.yml")) + sorted(faq_dir.glob("*.yaml"))
    return files + list(extra or [])
