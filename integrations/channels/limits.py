"""Limits on the public channels: messages per sender and message length.

Each public channel hands every incoming message to Rasa through ``on_new_message``;
:func:`limited` wraps that callable. A message over the limits is not passed on: the sender
gets a polite reply on the same channel saying why and what to do, so nothing is dropped
silently. The rate is a token bucket per sender (a short burst is fine, a flood is not).
"""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from rasa.core.channels.channel import UserMessage

from civic.config import env_int
from integrations.channels import messages

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[None]]


@dataclass(frozen=True)
class MessageLimits:
    """How much one sender may send.

    Attributes:
        per_minute: sustained messages per minute (``PUBLIC_MESSAGES_PER_MINUTE``).
        burst: messages that may arrive at once (``PUBLIC_MESSAGE_BURST``).
        max_chars: longest message accepted (``PUBLIC_MAX_MESSAGE_CHARS``).
        max_senders: senders remembered at once (the oldest are forgotten first).
    """

    per_minute: int = 20
    burst: int = 8
    max_chars: int = 500
    max_senders: int = 10_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MessageLimits:
        """Read the limits; raises ``SettingsError`` naming a bad variable."""
        env = os.environ if environ is None else environ
        return cls(
            per_minute=env_int(env, "PUBLIC_MESSAGES_PER_MINUTE", cls.per_minute, 1, 600),
            burst=env_int(env, "PUBLIC_MESSAGE_BURST", cls.burst, 1, 100),
            max_chars=env_int(env, "PUBLIC_MAX_MESSAGE_CHARS", cls.max_chars, 50, 5000),
        )


class SenderRateLimiter:
    """A token bucket per sender: ``burst`` tokens, refilled at ``per_minute`` a minute."""

    def __init__(self, limits: MessageLimits, clock: Callable[[], float] = time.monotonic):
        self._limits = limits
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, sender: str) -> bool:
        """Take one token for ``sender``; False when the bucket is empty."""
        now = self._clock()
        rate = self._limits.per_minute / 60.0
        tokens, then = self._buckets.pop(sender, (float(self._limits.burst), now))
        tokens = min(float(self._limits.burst), tokens + (now - then) * rate)
        allowed = tokens >= 1.0
        self._buckets[sender] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._buckets) > self._limits.max_senders:
            self._buckets.popitem(last=False)
        return allowed


def limited(
    on_new_message: OnNewMessage,
    limits: MessageLimits,
    limiter: SenderRateLimiter | None = None,
) -> OnNewMessage:
    """``on_new_message`` that answers over-long messages and floods itself, politely."""
    bucket = limiter or SenderRateLimiter(limits)

    async def handle(message: UserMessage) -> None:
        text = message.text or ""
        reply = None
        if len(text) > limits.max_chars:
            reply = messages.TOO_LONG.format(limit=limits.max_chars)
        elif not bucket.allow(str(message.sender_id)):
            logger.info("rate limit reached on %s", message.input_channel)
            reply = messages.TOO_FAST
        if reply is None:
            await on_new_message(message)
        elif message.output_channel is not None:
            await message.output_channel.send_text_message(str(message.sender_id), reply)

    return handle
