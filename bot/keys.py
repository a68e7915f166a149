"""The server's id key: keyed hashes that name REST conversations and tag log lines, and REST sender tokens.

A REST sender is chosen by the front end and may be personal data (an e-mail address, a user name). It is never a
store key or a log field: the conversation is ``rest:<HMAC-SHA256(id key, sender)>`` and logs carry a keyed
fingerprint. Without the key, neither can be reversed by trying likely senders.

The key is ``ADVISOR_ID_KEY``; every worker and host serving the same conversations must have the same one. When it is
unset, the first start writes a random key to ``<data dir>/id.key`` (mode 0600) and every later start and worker on
that machine reads it: enough for one host; several hosts (Redis) must set ``ADVISOR_ID_KEY``. Changing the key makes
every REST conversation unreachable (they expire with the retention period).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from pathlib import Path

from bot.settings import Settings

logger = logging.getLogger(__name__)

KEY_FILE = "id.key"
# The canonical text of a random (version 4) UUID, as Rasa's web widgets make their senders.
_UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
SENDER_PREFIX = "s1."


def load_id_key(settings: Settings) -> bytes:
    """``ADVISOR_ID_KEY``, or the key file in the data directory (created once, race-free across workers)."""
    if settings.id_key is not None:
        return settings.id_key.get_secret_value().encode()
    if settings.store == "redis":
        logger.warning(
            "ADVISOR_ID_KEY is not set: REST conversation ids use this host's key file; hosts sharing Redis "
            "must share one key (set ADVISOR_ID_KEY on every host)"
        )
    path = Path(settings.data_dir) / KEY_FILE
    Path(settings.data_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text().strip()
        if len(key) < 32:
            raise RuntimeError(f"{path} holds no usable key; delete it to make a new one") from None
        return key.encode()
    with os.fdopen(fd, "w") as file:
        file.write(secrets.token_urlsafe(32))
        file.flush()
        os.fsync(file.fileno())
    return path.read_text().strip().encode()


def keyed_hash(key: bytes, value: str, *, hex_chars: int = 32) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:hex_chars]


def issue_sender(key: bytes) -> str:
    """A REST sender the server can later recognise as its own: ``s1.<128 random bits>.<tag>``."""
    nonce = secrets.token_urlsafe(16)
    return f"{SENDER_PREFIX}{nonce}.{keyed_hash(key, 'rest-sender:' + nonce, hex_chars=24)}"


def is_issued_sender(key: bytes, sender: str) -> bool:
    prefix, _, rest = sender.partition(SENDER_PREFIX)
    nonce, dot, tag = rest.partition(".")
    if prefix or not dot or len(nonce) != 22:
        return False
    return hmac.compare_digest(tag, keyed_hash(key, "rest-sender:" + nonce, hex_chars=24))


def is_uuid4(sender: str) -> bool:
    return _UUID4.match(sender) is not None


def sender_proves_ownership(key: bytes, sender: str) -> bool:
    """Whether knowing this sender is proof enough to read or erase its conversation: a random UUID (v4) in its
    canonical form, or a sender token the server issued. Never by length: ``alice.smith@example.com`` is long."""
    return is_uuid4(sender) or is_issued_sender(key, sender)
