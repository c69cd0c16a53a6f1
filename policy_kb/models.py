"""Dataclasses at the boundary of the knowledge base: passages, search hits and answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Passage:
    """One retrievable unit: a section of a source document or one FAQ entry.

    ``id`` is stable: ``<doc_id>:<heading labels>`` (plus ``#n`` when a long section is cut
    into several passages), so evaluation data survives re-splitting.
    """

    id: str
    doc_id: str
    title: str
    section: str
    text: str
    region: str
    source: str
    date: str
    kind: str  # "document" | "faq"
    note: str
    has_redacted_figures: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form used in the JSON index."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        """Inverse of :meth:`to_dict`."""
        return cls(**data)


@dataclass(frozen=True)
class Hit:
    """A passage with its combined retrieval score (higher is better, roughly 0..1.2)."""

    passage: Passage
    score: float


@dataclass(frozen=True)
class Answer:
    """A short answer composed from the best passage, with the passage it came from."""

    text: str
    passage: Passage
    score: float

    @property
    def citation(self) -> str:
        """``来源：<title> · <section>``, naming the legal basis of an FAQ entry when known."""
        base = f"来源：{self.passage.title} · {self.passage.section}"
        if self.passage.kind == "faq" and self.passage.source:
            base += f"（依据：{self.passage.source}）"
        return base
