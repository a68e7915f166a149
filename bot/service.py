"""The one entry point every channel uses: ``/chat``, the Rasa REST channel and the messaging channels.

A turn goes: rate limits (per client address, per conversation) -> redaction of the person's text -> the dialogue
(``Advisor.handle``, which locks the conversation, runs the turn and stores it before returning) -> metrics and one
log line without the text. The dialogue only ever sees redacted text: the advisor never asks for personal data, and
this way neither the store nor a log nor an action can receive it.

Conversation ids: ``/chat`` issues unguessable ids (no colon). Every other channel's id is namespaced
``<channel>:<its user id>`` (``conversation_id``), because those user ids are chosen by the client or the platform
and must never reach another channel's conversation.

Plain Python: no FastAPI here; ``bot.errors`` maps the exceptions below to HTTP.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from bot import metrics
from bot.dialogue import Advisor
from bot.privacy import redact, redact_value
from bot.schemas import ChatReply
from bot.settings import Settings
from bot.store import Conversation, ConversationStore, StoreError

logger = logging.getLogger(__name__)
T = TypeVar("T")

# A REST sender shorter than this is too easy to guess to let its transcript be read through the conversation API.
MIN_READABLE_SENDER = 16


class RateLimited(Exception):
    """Too many requests for one client address or one conversation; retry after ``retry_after`` seconds."""

    def __init__(self, scope: str, retry_after: int) -> None:
        super().__init__(f"too many requests for this {scope}; try again in {retry_after} s")
        self.scope = scope
        self.retry_after = retry_after


class ConversationNotFound(Exception):
    """No conversation with that id (or not one the conversation API may show)."""


def conversation_id(channel: str, user_id: str) -> str:
    """The store id of a channel's conversation: ``rest:alice``, ``telegram:123``."""
    return f"{channel}:{user_id}"


def readable_by_id(session_id: str) -> bool:
    """Whether knowing the id is proof enough to read or erase the conversation.

    Ids issued by ``/chat`` are unguessable. A REST sender is chosen by the front end (Rasa widgets use a random
    UUID); a short one could be guessed. Messaging-channel ids (phone numbers, Telegram user ids) are guessable, so
    those conversations are never served here.
    """
    channel, sep, rest = session_id.partition(":")
    if not sep:
        return True
    return channel == "rest" and len(rest) >= MIN_READABLE_SENDER


def fingerprint(session_id: str) -> str:
    """A short, stable tag for logs: the id itself is a bearer secret and never logged."""
    return hashlib.sha256(session_id.encode()).hexdigest()[:12]


class RateLimiter:
    """Moving-window limits from the ``limits`` package; in Redis when a Redis URL is set (shared by workers)."""

    def __init__(self, *, session_limit: str, client_limit: str, storage_uri: str | None = None) -> None:
        storage = storage_from_string(storage_uri) if storage_uri else MemoryStorage()
        assert isinstance(storage, Storage)  # the synchronous API (not limits.aio)
        self.storage = storage
        self.strategy = MovingWindowRateLimiter(self.storage)
        self.limits: dict[str, RateLimitItem] = {"conversation": parse(session_limit), "client": parse(client_limit)}

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimiter:
        return cls(
            session_limit=settings.rate_limit_session,
            client_limit=settings.rate_limit_client,
            storage_uri=settings.redis_url,
        )

    def hit(self, scope: str, key: str) -> None:
        """Count one request against ``scope`` (``client`` or ``conversation``) for ``key``; raise when over."""
        item = self.limits[scope]
        try:
            allowed = self.strategy.hit(item, "advisor", scope, key)
            if allowed:
                return
            stats = self.strategy.get_window_stats(item, "advisor", scope, key)
        except Exception as exc:  # the limiter's storage is down: serve rather than refuse everyone
            metrics.STORE_ERRORS.labels(kind="rate_limit").inc()
            logger.warning("rate limiter unavailable (%s); request allowed", type(exc).__name__)
            return
        metrics.RATE_LIMITED.labels(scope=scope).inc()
        raise RateLimited(scope, max(1, math.ceil(stats.reset_time - time.time())))


class ChatService:
    def __init__(self, advisor: Advisor, *, limiter: RateLimiter) -> None:
        self.advisor = advisor
        self.limiter = limiter

    @property
    def store(self) -> ConversationStore:
        return self.advisor.store

    def turn(
        self,
        *,
        channel: str,
        session_id: str | None,
        text: str,
        metadata: dict[str, Any] | None = None,
        client: str | None = None,
        now: float | None = None,
        issued_only: bool = False,
    ) -> ChatReply:
        """One turn of the conversation ``session_id`` (None starts one), stored before this returns.

        With ``issued_only`` an id the server never issued (or has purged) starts a new conversation under a fresh,
        unguessable id instead of adopting the client's choice, so web transcripts stay behind unguessable ids."""
        if client:
            self.limiter.hit("client", client)
        if session_id:
            self.limiter.hit("conversation", session_id)
        clean_text = redact(text)
        clean_metadata = redact_value(metadata) if metadata else None
        started = time.perf_counter()
        try:
            reply = self.advisor.handle(session_id, clean_text, clean_metadata, now=now, adopt_unknown=not issued_only)
        except StoreError as exc:
            metrics.STORE_ERRORS.labels(kind=type(exc).__name__).inc()
            raise
        intent = reply.intent.name
        metrics.TURNS.labels(channel=channel, intent=intent).inc()
        if intent in metrics.FALLBACK_INTENTS:
            metrics.FALLBACKS.labels(channel=channel).inc()
        logger.info(
            "turn channel=%s conversation=%s intent=%s results=%d duration_ms=%.1f",
            channel,
            fingerprint(reply.session_id),
            intent,
            len(reply.results),
            (time.perf_counter() - started) * 1000,
        )
        logger.debug("turn text (redacted): %r", clean_text)
        return reply

    def transcript(self, session_id: str, *, client: str | None = None) -> Conversation:
        """The stored conversation, for the person holding its id."""
        if client:
            self.limiter.hit("client", client)
        if not readable_by_id(session_id):
            raise ConversationNotFound(session_id)
        conversation = self._store_call(lambda: self.store.load(session_id))
        if conversation is None:
            raise ConversationNotFound(session_id)
        return conversation

    def erase(self, session_id: str, *, client: str | None = None) -> None:
        """Delete the conversation (the person's right to withdraw); under its lock so no turn re-saves it."""
        if client:
            self.limiter.hit("client", client)
        if not readable_by_id(session_id):
            raise ConversationNotFound(session_id)

        def delete() -> bool:
            with self.store.lock(session_id):
                return bool(self.store.delete(session_id))

        if not self._store_call(delete):
            raise ConversationNotFound(session_id)
        logger.info("conversation erased conversation=%s", fingerprint(session_id))

    def _store_call(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except StoreError as exc:
            metrics.STORE_ERRORS.labels(kind=type(exc).__name__).inc()
            raise

    def close(self) -> None:
        self.store.close()
