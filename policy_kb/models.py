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


@dataclass(frozen=True)
class Response:
    """What the chatbot says to one policy question (see :meth:`KnowledgeBase.respond`).

    ``kind``:

    * ``"answer"`` — ``text`` is a short answer (1–3 sentences) and ``citation`` its
      ``来源：<文档> · <章节>``; ``answer`` holds the passage and score;
    * ``"other_region"`` — the question is about a city (or, for a figure, a province) the
      knowledge base has no documents for; ``region`` names it and ``text`` says so honestly and
      where to ask (当地民政部门 / 12345). No other city's figure is ever given;
    * ``"no_answer"`` — nothing is reliable enough; ``text`` is :data:`NO_ANSWER_TEXT`;
    * ``"personal_case"`` — the question asks to predict, judge or look up one person's own
      case ("你觉得能通过不", "怎么还没轮到"); ``text`` says that only the office handling it can;
    * ``"elsewhere"`` — another department's service and nothing of civil affairs ("身份证丢了
      去哪里补"); ``department`` names who handles it and ``text`` says so.

    ``related`` (for every kind but ``"answer"``): ``"<title> · <section>"`` of the
    closest passage when it is near the threshold — to show as "possibly related", never as an
    answer; ``None`` otherwise.
    """

    kind: str
    text: str
    citation: str = ""
    region: str | None = None
    related: str | None = None
    answer: Answer | None = None
    department: str | None = None
    local: Answer | None = None

    @property
    def answered(self) -> bool:
        """True for ``kind == "answer"``."""
        return self.kind == "answer"

    @property
    def conclusive(self) -> bool:
        """Something definite to tell (an answer, or whom to ask and why), unlike "no_answer"."""
        return self.kind != "no_answer"
