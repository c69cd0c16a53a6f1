"""The journeys the assistant offers, as each journey module declares itself.

A journey module calls :func:`register` at import (rasa-sdk imports every module of the
``actions`` package), so the greeting, the "not understood" reply and the hand-off summary
list every service without a shared list naming them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from civic.masking import mask_name, mask_text
from civic.text import normalize_user_text


@dataclass(frozen=True)
class Journey:
    """What the shared actions need to know about one journey.

    Attributes:
        key: the service key (``marriage``, ``tomb_sweeping``…), as in agent assist.
        order: position among the starter buttons.
        buttons: (title, payload) pairs offered by the greeting and the fallback.
        slot_labels: slot -> label shown (masked) in a hand-off summary.
        name_slots: slots that hold a person's name (masked as 张*).
        topic: words one of which a message about this journey contains (墓, 清明 … for
            tomb-sweeping); a question with none, that the knowledge base cannot answer either,
            is "not understood" rather than the start of this journey's form.
        asks_for_itself: for a journey whose own intent is a question ("我家能吃低保吗",
            "XX基金会正规吗"), true when a message asks for the journey itself; other
            question-shaped messages of its intent go to the knowledge base first.
    """

    key: str
    order: int
    buttons: tuple[tuple[str, str], ...]
    slot_labels: dict[str, str] = field(default_factory=dict)
    name_slots: frozenset[str] = frozenset()
    asks_for_itself: Callable[[str], bool] | None = None
    topic: re.Pattern[str] | None = None

    def is_about(self, text: str) -> bool:
        """True unless the journey has topic words and ``text`` holds none of them."""
        return self.topic is None or bool(self.topic.search(normalize_user_text(text)))


_JOURNEYS: dict[str, Journey] = {}


def register(journey: Journey) -> Journey:
    """Add (or replace) a journey; returns it."""
    _JOURNEYS[journey.key] = journey
    return journey


def journeys() -> list[Journey]:
    """Every registered journey, in button order."""
    return sorted(_JOURNEYS.values(), key=lambda j: (j.order, j.key))


def service_buttons() -> list[dict[str, str]]:
    """The starter buttons of every journey."""
    return [{"title": t, "payload": p} for j in journeys() for t, p in j.buttons]


def journey_of(name: str | None) -> Journey | None:
    """The journey a form or an intent belongs to, by the first word of its name.

    Forms and intents start with their journey's first word (``tomb_form``, ``tomb_book``
    and ``tomb_sweeping``; ``marriage_manage_form`` and ``marriage``), as
    :func:`actions.questions.belongs_to_active_form` relies on too. None when no journey
    owns the name (``ask_human``, ``greet``, ``ask_policy``).
    """
    if not name:
        return None
    word = name.split("_", 1)[0]
    return next((j for j in journeys() if j.key.split("_", 1)[0] == word), None)


def handoff_summary(slots: dict[str, object]) -> list[str]:
    """``label：value`` lines for every filled slot a journey labels, masked."""
    lines = []
    for journey in journeys():
        for slot, label in journey.slot_labels.items():
            value = slots.get(slot)
            if value in (None, ""):
                continue
            shown = mask_name(str(value)) if slot in journey.name_slots else str(value)
            lines.append(f"{label}：{mask_text(shown)}")
    return lines
