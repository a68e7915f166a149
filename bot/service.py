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

import asyncio
import functools
import hashlib
import logging
import math
import time
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, TypeVar, cast

from anyio.to_thread import run_sync
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from bot import metrics
from bot.dialogue import Advisor
from bot.message import UserMessage
from bot.privacy import redact, redact_value
from bot.schemas import ChatReply
from bot.settings import Settings
from bot.store import Conversation, ConversationStore, NonBlockingStore, StoreError, WouldBlock

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
        self.local = storage_uri is None  # counted in this process: no network round trip per hit
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
    def __init__(self, advisor: Advisor, *, limiter: RateLimiter, encode_pool: Executor | None = None) -> None:
        self.advisor = advisor
        self.limiter = limiter
        self.encode_pool = encode_pool  # where turn_async runs the model (None: the event loop's default pool)
        # Whether turns may run on the event loop (a Protocol isinstance check is slow: decided once).
        self._inline = limiter.local and isinstance(advisor.store, NonBlockingStore)

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
        clean_text, clean_metadata = self._admit(session_id, text, metadata, client)
        started = time.perf_counter()
        message = self.advisor.read(clean_text)
        reply = self._answer(session_id, message, clean_metadata, now=now, issued_only=issued_only)
        return self._record(channel, reply, clean_text, started)

    async def turn_async(
        self,
        *,
        channel: str,
        session_id: str | None,
        text: str,
        metadata: dict[str, Any] | None = None,
        client: str | None = None,
        issued_only: bool = False,
    ) -> ChatReply:
        """``turn`` for the event loop, which it never blocks on the model or on a wait.

        The message's embedding is computed in ``encode_pool``. The rest of the turn (rules, search, the store: about
        a millisecond of Python) runs on the loop itself when the store and the rate limits are on this machine:
        handing it to a worker thread cost more than the work (thread wake-ups and GIL handoffs, ~1.8 ms of CPU per
        turn against ~1 ms run inline). Should the store have to wait (the conversation's lock is held, another
        process is writing), nothing is written and the turn runs again in a worker thread, where waiting is fine.
        A Redis store or Redis rate limits make every call a network round trip: then the whole turn is threaded."""
        if not self._inline:
            return await run_sync(
                functools.partial(
                    self.turn,
                    channel=channel,
                    session_id=session_id,
                    text=text,
                    metadata=metadata,
                    client=client,
                    issued_only=issued_only,
                )
            )
        clean_text, clean_metadata = self._admit(session_id, text, metadata, client)
        started = time.perf_counter()
        message = self.advisor.read(clean_text)  # once; every later stage takes this value
        if message.needs_embedding:
            loop = asyncio.get_running_loop()
            message = message.with_vector(await loop.run_in_executor(self.encode_pool, self.advisor.embed, message))
        answer = functools.partial(
            self._answer, session_id, message, clean_metadata, now=None, issued_only=issued_only
        )
        try:
            with cast("NonBlockingStore", self.store).nonblocking():  # _inline: the store has it
                reply = answer()
        except WouldBlock as exc:
            logger.debug("turn waits in a worker thread (%s)", exc)
            reply = await run_sync(answer)
        return self._record(channel, reply, clean_text, started)

    def _admit(
        self, session_id: str | None, text: str, metadata: dict[str, Any] | None, client: str | None
    ) -> tuple[str, dict[str, Any] | None]:
        """Rate limits, then the person's text and metadata with personal data redacted."""
        if client:
            self.limiter.hit("client", client)
        if session_id:
            self.limiter.hit("conversation", session_id)
        return redact(text), (redact_value(metadata) if metadata else None)

    def _answer(
        self,
        session_id: str | None,
        message: UserMessage,
        metadata: dict[str, Any] | None,
        *,
        now: float | None,
        issued_only: bool,
    ) -> ChatReply:
        adopt = not issued_only
        return self._store_call(
            lambda: self.advisor.handle(session_id, message, metadata, now=now, adopt_unknown=adopt)
        )

    def _record(self, channel: str, reply: ChatReply, clean_text: str, started: float) -> ChatReply:
        """Metrics and one log line (without the text) for a turn that was answered."""
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

    def _admit_reader(self, session_id: str, client: str | None) -> None:
        """The client's rate limit, then whether ``session_id`` may be read or erased by id at all."""
        if client:
            self.limiter.hit("client", client)
        if not readable_by_id(session_id):
            raise ConversationNotFound(session_id)

    def transcript(self, session_id: str, *, client: str | None = None) -> Conversation:
        """The stored conversation, for the person holding its id."""
        self._admit_reader(session_id, client)
        conversation = self._store_call(lambda: self.store.load(session_id))
        if conversation is None:
            raise ConversationNotFound(session_id)
        return conversation

    def erase(self, session_id: str, *, client: str | None = None) -> None:
        """Delete the conversation (the person's right to withdraw); under its lock so no turn re-saves it."""
        self._admit_reader(session_id, client)

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
