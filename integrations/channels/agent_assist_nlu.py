"""Intent, entities and service of an agent's text, from the running Rasa model's NLU.

The text is only parsed (``Agent.parse_message``): nothing is written to a tracker and no
dialogue policy runs. Entity values that identify a person come back masked.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from civic.masking import mask_id_number, mask_name, mask_phone, mask_plate, mask_text

logger = logging.getLogger(__name__)

# Below this intent confidence the service is taken from the knowledge base's best passage.
MIN_CONFIDENCE = 0.5
LOW_CONFIDENCE_INTENTS = frozenset({"nlu_fallback"})

_PREFIXES = (
    ("marriage_", "marriage"),
    ("tomb_", "tomb_sweeping"),
    ("assistance_", "assistance"),
    ("charity_", "charity"),
)
_EXACT = {"ask_policy": "policy"}
_SEPARATORS = re.compile(r"[\s\-]")


class Parser(Protocol):
    """What agent assist needs of Rasa's ``Agent``."""

    async def parse_message(self, message_data: str) -> dict[str, Any]:
        """Rasa's parse data: ``intent``, ``entities`` …"""
        ...


@dataclass(frozen=True)
class Understanding:
    """The NLU result agent assist shows: intent (name, confidence) and masked entities."""

    intent: str | None = None
    confidence: float = 0.0
    entities: list[dict[str, Any]] = field(default_factory=list)

    def intent_json(self) -> dict[str, Any] | None:
        """``{"name", "confidence"}``, or ``None`` when the text was not parsed."""
        if self.intent is None:
            return None
        return {"name": self.intent, "confidence": round(self.confidence, 3)}


def service_of_intent(intent: str | None) -> str:
    """The service an intent belongs to by its name (``other`` for shared intents)."""
    if not intent:
        return "other"
    if intent in _EXACT:
        return _EXACT[intent]
    for prefix, service in _PREFIXES:
        if intent.startswith(prefix):
            return service
    return "other"


def decide_service(understanding: Understanding, kb_topic: str | None) -> str:
    """The service: the intent's when NLU is confident, else the knowledge base's topic.

    ``kb_topic`` is the service of the best knowledge-base passage when that passage is
    reliable (``None`` otherwise).
    """
    confident = (
        understanding.intent is not None
        and understanding.intent not in LOW_CONFIDENCE_INTENTS
        and understanding.confidence >= MIN_CONFIDENCE
    )
    if confident:
        return service_of_intent(understanding.intent)
    return kb_topic or "other"


def mask_entity_value(entity: str, value: Any) -> Any:
    """An entity's value as agent assist shows it: IDs, phones, names and plates masked."""
    if not isinstance(value, str):
        if value is None or isinstance(value, (bool, int, float)):
            return value
        value = str(value)
    compact = _SEPARATORS.sub("", value)
    if entity == "id_number":
        return mask_id_number(compact)
    if entity == "phone":
        digits = compact.removeprefix("+86")
        return mask_phone(digits) if len(digits) == 11 else mask_text(value)
    if entity == "person_name":
        return mask_name(value)
    if entity == "plate":
        return mask_plate(compact)
    return mask_text(value)


def entities_of(parse_data: dict[str, Any]) -> list[dict[str, Any]]:
    """``[{"entity", "value"}]`` from Rasa's parse data, masked, without duplicates.

    DIET and the regex extractor often find the same span: it is listed once.
    """
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for raw in parse_data.get("entities") or []:
        name = str(raw.get("entity") or "")
        if not name:
            continue
        value = mask_entity_value(name, raw.get("value"))
        key = (name, repr(value))
        if key in seen:
            continue
        seen.add(key)
        out.append({"entity": name, "value": value})
    return out


async def understand(parser: Parser | None, text: str) -> Understanding:
    """Parse ``text`` with the running model; an empty result when no model is loaded.

    A leading ``/`` would make Rasa read the text as an intent payload (``/greet``): it is
    dropped so every text goes through the NLU model.
    """
    text = text.lstrip("/ \t")
    if parser is None or not text:
        return Understanding()
    is_ready = getattr(parser, "is_ready", None)
    if callable(is_ready) and not is_ready():
        logger.warning("agent assist: the Rasa model is not loaded; no intent given")
        return Understanding()
    parse_data = await parser.parse_message(text)
    intent = parse_data.get("intent") or {}
    name = intent.get("name")
    return Understanding(
        intent=str(name) if name else None,
        confidence=float(intent.get("confidence") or 0.0),
        entities=entities_of(parse_data),
    )
