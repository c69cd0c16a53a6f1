"""Jieba tokenizer that survives what citizens type.

Rasa 3.6's ``JiebaTokenizer`` passes jieba's whitespace tokens on to the featurizers, and
mixed Chinese/ASCII input ("ok 好的", "约520那天") then yields empty tokens that break DIET
(rasa #7910). This component drops whitespace tokens and tokenizes a normalised copy of the
text (full-width → half-width, traditional → simplified) so "預約" and "预约" share
features. Normalisation is only used when it keeps every character in place, so token
offsets — and the entity spans DIET extracts from the original text — stay exact.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

from civic.text import to_halfwidth, to_simplified


def normalise_in_place(text: str) -> str:
    """Half-width and simplified ``text`` if that keeps its length, else half-width only."""
    halfwidth = to_halfwidth(text)
    simplified = to_simplified(halfwidth)
    return simplified if len(simplified) == len(text) else halfwidth


def tokenize_text(text: str) -> list[Token]:
    """Jieba tokens of ``text`` without whitespace, with offsets into the original text."""
    import jieba

    normalised = normalise_in_place(text)
    tokens = []
    for word, start, _end in jieba.tokenize(normalised):
        stripped = word.strip()
        if not stripped:
            continue
        lead = len(word) - len(word.lstrip())
        tokens.append(Token(stripped, start + lead, end=start + lead + len(stripped)))
    return tokens


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class CivicJiebaTokenizer(JiebaTokenizer):
    """``JiebaTokenizer`` with whitespace-free tokens and traditional/full-width folding."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Same options as Rasa's ``JiebaTokenizer``."""
        return JiebaTokenizer.get_default_config()

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Tokenize one attribute of ``message`` (see module docstring)."""
        text = message.get(attribute) or ""
        return self._apply_token_pattern(tokenize_text(text))
