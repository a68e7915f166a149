"""Keys of the analytics: the daily conversation key and the turn ids that feedback must present.

- The conversation key of an event is a keyed hash (BLAKE2b keyed with the day key, a MAC like HMAC but one pass)
  of the conversation id, where the day key is
  ``HMAC(server secret, "insights-day:" + UTC date)``. Within a day one conversation has one key (so the report can
  count distinct conversation-days); across days the keys are unrelated, and without the secret no key leads back
  to a conversation id.
- A turn id is ``<random nonce>.<HMAC(secret, conversation id + nonce)>``: random, yet the server can check that a
  feedback names a turn of the very conversation that sends it, without storing anything.

The secret is ``ADVISOR_INSIGHTS_SECRET`` (the same on every host); when unset, one is generated once into the data
directory (mode 0600), which every worker of a host shares.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import time
from pathlib import Path

logger = logging.getLogger(__name__)

SECRET_FILE = "secret"
_NONCE_BYTES = 9
_SIG_CHARS = 22


def load_secret(configured: str | None, directory: Path) -> bytes:
    """The configured secret, else the one saved in ``directory`` (created atomically on first use)."""
    if configured:
        return configured.encode()
    path = directory / SECRET_FILE
    directory.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        logger.info("generated the analytics secret in %s (set ADVISOR_INSIGHTS_SECRET on several hosts)", path)
    for _ in range(50):  # another worker may have created the file and not written it yet
        value = path.read_text().strip()
        if value:
            return value.encode()
        time.sleep(0.01)
    raise RuntimeError(f"{path} is empty; delete it or set ADVISOR_INSIGHTS_SECRET")


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class Keys:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret
        self._day_keys: dict[str, bytes] = {}
        self._by_day_number: dict[int, bytes] = {}
        self._turn_key = hmac.new(secret, b"insights-turn", hashlib.sha256).digest()

    def day_key(self, day: str) -> bytes:
        key = self._day_keys.get(day)
        if key is None:
            if len(self._day_keys) > 8:  # only today's (and around midnight yesterday's) are in use
                self._day_keys.clear()
            key = self._day_keys[day] = hmac.new(self._secret, f"insights-day:{day}".encode(), hashlib.sha256).digest()
        return key

    def conversation_key(self, conversation_id: str, *, now: float) -> str:
        """The conversation's key for the UTC day of ``now`` (BLAKE2b in keyed mode: a MAC in one pass)."""
        day_number = int(now // 86400)
        key = self._by_day_number.get(day_number)
        if key is None:
            self._by_day_number = {day_number: self.day_key(time.strftime("%Y-%m-%d", time.gmtime(now)))[:64]}
            key = self._by_day_number[day_number]
        return hashlib.blake2b(conversation_id.encode(), key=key, digest_size=10).hexdigest()

    def _signature(self, conversation_id: str, nonce: str) -> str:
        message = f"turn:{conversation_id}:{nonce}".encode()
        return _b64(hashlib.blake2b(message, key=self._turn_key, digest_size=16).digest())[:_SIG_CHARS]

    def new_turn_id(self, conversation_id: str) -> str:
        nonce = _b64(secrets.token_bytes(_NONCE_BYTES))
        return f"{nonce}.{self._signature(conversation_id, nonce)}"

    def turn_of(self, conversation_id: str, turn_id: str) -> bool:
        """Whether ``turn_id`` was issued for a turn of ``conversation_id``."""
        nonce, sep, signature = turn_id.partition(".")
        if not sep or not nonce:
            return False
        return hmac.compare_digest(signature, self._signature(conversation_id, nonce))
