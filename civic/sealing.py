"""Sealing personal data at rest: Fernet encryption plus keyed hashes for look-ups.

Both the API's database and the Rasa tracker store keep what identifies a citizen (ID
numbers, phone numbers, names, household facts) only in sealed form. One secret per store
(``CIVIC_DATA_KEY`` for the API, ``TRACKER_ENCRYPTION_KEY`` for the tracker store) is
stretched with HKDF into two independent keys:

- a Fernet key (AES-128-CBC + HMAC-SHA256, random IV): :meth:`Sealer.seal` /
  :meth:`Sealer.unseal` for values that must be shown again (masked) or sent on;
- an HMAC-SHA256 key: :meth:`Sealer.digest` for values that are only compared (a phone
  number at look-up, "one active booking per ID number"). A keyed hash, unlike a plain
  SHA-256, cannot be reversed by hashing every possible ID number without the key.

Generate a secret with ``python -m civic.sealing``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = ["SealError", "Sealer", "new_secret"]

MIN_SECRET_BYTES = 32


class SealError(ValueError):
    """A secret is malformed, or a sealed value was not sealed with this key."""


def new_secret() -> str:
    """A fresh random secret (32 bytes, URL-safe base64), e.g. for a development key file."""
    return Fernet.generate_key().decode("ascii")


def _secret_bytes(secret: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(secret.strip().encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise SealError("the key must be URL-safe base64 (python -m civic.sealing)") from None
    if len(raw) < MIN_SECRET_BYTES:
        raise SealError(f"the key must hold at least {MIN_SECRET_BYTES} random bytes")
    return raw


def _derive(raw: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(raw)


class Sealer:
    """Encrypts and hashes values with keys derived from one secret.

    Args:
        secret: URL-safe base64 of at least 32 random bytes.
        scope: names the store (``"backend"``, ``"tracker"``); the same secret used for two
            scopes still yields unrelated keys.
    """

    def __init__(self, secret: str, scope: str) -> None:
        raw = _secret_bytes(secret)
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(raw, f"civic:{scope}:seal")))
        self._mac_key = _derive(raw, f"civic:{scope}:digest")

    def seal(self, value: str) -> str:
        """The encrypted, authenticated form of ``value`` (ASCII, differs on every call)."""
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def unseal(self, token: str) -> str:
        """The original value of a sealed ``token``.

        Raises:
            SealError: the token was tampered with or sealed with another key.
        """
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError, ValueError):
            raise SealError("sealed value cannot be opened with this key") from None

    def digest(self, value: str) -> str:
        """A keyed hash of ``value`` (64 hex characters): equal values, equal digests."""
        return hmac.new(self._mac_key, value.encode("utf-8"), hashlib.sha256).hexdigest()


if __name__ == "__main__":  # pragma: no cover - a one-line key generator for operators
    print(new_secret())
