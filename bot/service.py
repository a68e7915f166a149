"""The one entry point every channel uses: ``/chat``, the Rasa REST channel and the messaging channels.

A turn goes: rate limits (per client address, per conversation) -> redaction of the person's text -> the dialogue
(``Advisor.handle``, which locks the conversation, runs the turn and stores it before returning) -> metrics and one
log line without the text. The dialogue only ever sees redacted text: the advisor never asks for personal data, and
this way neither the store nor a log nor an action can receive it.

Conversation ids: ``/chat`` issues unguessable ids (no colon). Every other channel's id is namespaced
``<channel>:<its user id>`` (``conversation_id``), because those user ids are chosen by the client or the platform
and must never reach another channel's conversation.

Plain Python: no FastAPI here; ``bot.web.errors`` maps the exceptions below to HTTP.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, TypeVar, cast

from anyio import CapacityLimiter
from anyio.to_thread import run_sync
from limits import RateLimitItem, parse
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from bot import metrics
from bot.dialogue.engine import Advisor
from bot.dialogue.message import Opening, UserMessage
from bot.insights.recorder import Insights
from bot.keys import keyed_hash, sender_proves_ownership
from bot.privacy import redact, redact_value
from bot.ratelimit import SweptMemoryStorage
from bot.schemas import ChatReply
from bot.settings import Settings
from bot.store.base import Conversation, ConversationStore, NonBlockingStore, StoreError, WouldBlock
from bot.store.redis_client import limits_uri
from index.embedder import announcing_model_run

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

logger = logging.getLogger(__name__)
T = TypeVar("T")
# How long the event loop waits at most for a free encode thread to start its model (see ChatService._handoff)
HANDOFF_WAIT_S = 0.002


class RateLimited(Exception):
    """Too many requests for one client address or one conversation; retry after ``retry_after`` seconds."""

    def __init__(self, scope: str, retry_after: int) -> None:
        what = "new conversations from this address" if scope == "new conversation" else f"requests for this {scope}"
        super().__init__(f"too many {what}; try again in {retry_after} s")
        self.scope = scope
        self.retry_after = retry_after


class ConversationNotFound(Exception):
    """No conversation with that id (or not one the conversation API may show)."""


def conversation_id(channel: str, user_id: str) -> str:
    """The store id of a channel's conversation: ``<channel>:<id>`` (the id is a keyed hash for every channel but
    ``/chat``, whose ids are issued by the server)."""
    return f"{channel}:{user_id}"


def fingerprint(session_id: str, *, key: bytes) -> str:
    """A short, stable tag for logs: the id itself is a bearer secret and never logged. Keyed, so a dictionary of
    likely ids (phone numbers, e-mail senders) cannot be matched against the logs."""
    return keyed_hash(key, "log:" + session_id, hex_chars=12)


class RateLimiter:
    """Moving-window limits from the ``limits`` package; in Redis when a Redis URL is set (shared by workers)."""

    def __init__(
        self,
        *,
        session_limit: str,
        client_limit: str,
        new_conversation_limit: str = "300/hour",
        storage_uri: str | None = None,
    ) -> None:
        storage = storage_from_string(storage_uri) if storage_uri else SweptMemoryStorage()
        assert isinstance(storage, Storage)  # the synchronous API (not limits.aio)
        self.storage = storage
        self.local = storage_uri is None  # counted in this process: no network round trip per hit
        self.strategy = MovingWindowRateLimiter(self.storage)
        self.limits: dict[str, RateLimitItem] = {
            "conversation": parse(session_limit),
            "client": parse(client_limit),
            "new conversation": parse(new_conversation_limit),  # per client address: bounds the rows one can create
        }

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimiter:
        return cls(
            session_limit=settings.rate_limit_session,
            client_limit=settings.rate_limit_client,
            new_conversation_limit=settings.rate_limit_new_conversations,
            storage_uri=limits_uri(settings),
        )

    def hit(self, scope: str, key: str) -> None:
        """Count one request against ``scope`` (``client``, ``conversation`` or ``new conversation``) for ``key``;
        raise when over."""
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
    def __init__(
        self,
        advisor: Advisor,
        *,
        limiter: RateLimiter,
        encode_pool: Executor | None = None,
        encode_threads: int = 2,
        turn_threads: int = 4,
        insights: Insights | None = None,
        id_key: bytes | None = None,
    ) -> None:
        self.advisor = advisor
        # bot.keys: names REST conversations and keys log fingerprints (a random one when a test passes none).
        self.id_key = id_key or secrets.token_bytes(32)
        self.limiter = limiter
        self.insights = insights or Insights.off()  # analytics events (off: the outcome label only)
        self.encode_pool = encode_pool  # where turn_async runs the model (None: the event loop's default pool)
        self.encode_threads = encode_threads  # the pool's threads
        self._encodes = 0  # encodes submitted and not done (all of them run in encode_pool)
        self._encodes_lock = threading.Lock()
        self.turn_threads = turn_threads
        self._turn_limiter: CapacityLimiter | None = None
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
        admit_new = self._new_conversation_admission(client)
        reply = self._answer(session_id, message, clean_metadata, now=now, issued_only=issued_only, admit_new=admit_new)
        return self._record(channel, reply, clean_text, clean_metadata, started)

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
            return await self._in_thread(
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
        # The message is read once, and every later stage takes that value. The encode starts as soon as the first
        # part of the reading says it is needed, and the rest of the reading runs while the model does.
        opening = self.advisor.start_reading(clean_text)
        encoding = None
        if opening.needs_embedding:
            handoff = self._handoff()
            encoding = asyncio.get_running_loop().run_in_executor(self.encode_pool, self._encode, opening, handoff)
            if handoff is not None:  # the model starting (a few tens of µs): then both run at once
                handoff.wait(HANDOFF_WAIT_S)
        message = self.advisor.finish_reading(opening)
        if encoding is not None:
            message = message.with_vector(await encoding)
        answer = functools.partial(  # may run twice (again in a thread): the admission counts once
            self._answer,
            session_id,
            message,
            clean_metadata,
            now=None,
            issued_only=issued_only,
            admit_new=self._new_conversation_admission(client),
        )
        try:
            with cast("NonBlockingStore", self.store).nonblocking():  # _inline: the store has it
                reply = answer()
        except WouldBlock as exc:
            logger.debug("turn waits in a worker thread (%s)", exc)
            reply = await self._in_thread(answer)
        return self._record(channel, reply, clean_text, clean_metadata, started)

    def _handoff(self) -> threading.Event | None:
        """An event the encode sets when its model starts, when the loop should wait for that: no other encode is
        under way and the embedder announces its runs (ONNX Runtime, which runs without the GIL).

        Python lets a thread that wants the GIL wait up to the switch interval (5 ms) while another runs Python: left
        alone, the encode thread would start only once this thread had read the rest of the message, and the two
        would never overlap. Waiting until the model has started lets the rest of the reading run beside the model:
        ~0.2 ms off a turn on an idle server. Under load (another encode under way) the loop does not wait: the
        other turns' work keeps both cores busy anyway, and waiting cost ~6% of the CPU per turn at 16 concurrent
        turns here (the loop idles, then the reading beside a model run is slowed by it)."""
        with self._encodes_lock:
            idle = self._encodes == 0
            self._encodes += 1
        if idle and self.encode_pool is not None and getattr(self.advisor.embedder, "announces_run", False):
            return threading.Event()
        return None

    def _encode(self, opening: Opening, handoff: threading.Event | None) -> NDArray[np.float32]:
        """The message's vector, in ``encode_pool``; ``handoff`` set when the model starts (or the encode ends)."""
        try:
            if handoff is None:
                return self.advisor.embed(opening)
            with announcing_model_run(handoff.set):
                return self.advisor.embed(opening)
        finally:
            if handoff is not None:
                handoff.set()
            with self._encodes_lock:
                self._encodes -= 1

    async def _in_thread(self, call: Callable[[], T]) -> T:
        """Run a turn in a worker thread of the turns' own limiter: turns waiting on a conversation's lock never take
        the threads other routes use (L3 of the security review)."""
        if self._turn_limiter is None:
            self._turn_limiter = CapacityLimiter(self.turn_threads)
        return await run_sync(call, limiter=self._turn_limiter)

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
        admit_new: Callable[[], None] | None = None,
    ) -> ChatReply:
        adopt = not issued_only
        return self._store_call(
            lambda: self.advisor.handle(session_id, message, metadata, now=now, adopt_unknown=adopt, on_new=admit_new)
        )

    def _new_conversation_admission(self, client: str | None) -> Callable[[], None]:
        """Counts a new conversation against ``client``'s limit (raises when over), once per turn: a turn that had to
        wait runs again in a worker thread, and must not be counted twice."""
        counted = False

        def admit() -> None:
            nonlocal counted
            if client and not counted:
                self.limiter.hit("new conversation", client)
                counted = True

        return admit

    def _record(
        self, channel: str, reply: ChatReply, clean_text: str, metadata: dict[str, Any] | None, started: float
    ) -> ChatReply:
        """The analytics event, metrics and one log line (without the text) for a turn that was answered."""
        reply.user_text = clean_text  # front ends keep the stored, redacted text, never what was typed
        intent = reply.intent.name
        elapsed_ms = (time.perf_counter() - started) * 1000
        outcome = self.insights.after_turn(
            channel=channel, reply=reply, text=clean_text, metadata=metadata, latency_ms=elapsed_ms
        )
        metrics.TURNS.labels(channel=channel, intent=intent, outcome=outcome).inc()
        if intent in metrics.FALLBACK_INTENTS:
            metrics.FALLBACKS.labels(channel=channel).inc()
        if logger.isEnabledFor(logging.INFO):  # the fingerprint is a keyed hash: only for a line that is written
            logger.info(
                "turn channel=%s conversation=%s intent=%s results=%d duration_ms=%.1f",
                channel,
                fingerprint(reply.session_id, key=self.id_key),
                intent,
                len(reply.results),
                elapsed_ms,
            )
        logger.debug("turn text (redacted): %r", clean_text)
        return reply

    def rest_conversation_id(self, sender: str) -> str:
        """The store id of a REST sender's conversation: a keyed hash, never the sender (bot.keys)."""
        return conversation_id("rest", keyed_hash(self.id_key, "rest:" + sender))

    def _admit_reader(self, session_id: str, client: str | None) -> str:
        """The client's rate limit, then the store id of the conversation ``session_id`` names, if knowing that id
        is proof enough to read or erase it: ids issued by ``/chat`` are unguessable; ``rest:<sender>`` only when
        the sender is a random UUID or a token the server issued; messaging-channel conversations never."""
        if client:
            self.limiter.hit("client", client)
        channel, sep, rest = session_id.partition(":")
        if not sep:
            return session_id
        if channel == "rest" and sender_proves_ownership(self.id_key, rest):
            return self.rest_conversation_id(rest)
        raise ConversationNotFound(session_id)

    def transcript(
        self, session_id: str, *, client: str | None = None, after: int = 0, limit: int = 50
    ) -> tuple[Conversation, list[dict[str, Any]], int | None]:
        """The stored conversation and a page of its turns (up to ``limit`` after the turn numbered ``after``), for
        the person holding its id; the last element is the cursor of the next page (None: this was the last)."""
        session_id = self._admit_reader(session_id, client)
        conversation = self._store_call(lambda: self.store.load(session_id))
        if conversation is None:
            raise ConversationNotFound(session_id)
        turns = self._store_call(lambda: self.store.turns(session_id, after=after, limit=limit + 1))
        more = len(turns) > limit
        turns = turns[:limit]
        return conversation, turns, (int(turns[-1]["seq"]) if more else None)

    def erase(self, session_id: str, *, client: str | None = None) -> None:
        """Delete the conversation (the person's right to withdraw); under its lock so no turn re-saves it."""
        if not self.forget(self._admit_reader(session_id, client)):
            raise ConversationNotFound(session_id)

    def forget(self, store_id: str) -> bool:
        """Delete the conversation stored as ``store_id`` (True if there was one). For callers that identified the
        person themselves, such as a messaging channel answering "delete my data"; under the conversation's lock so
        no turn re-saves it."""

        def delete() -> bool:
            with self.store.lock(store_id):
                return bool(self.store.delete(store_id))

        erased = self._store_call(delete)
        if erased:
            logger.info("conversation erased conversation=%s", fingerprint(store_id, key=self.id_key))
        return erased

    def _store_call(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except StoreError as exc:
            metrics.STORE_ERRORS.labels(kind=type(exc).__name__).inc()
            raise

    def close(self) -> None:
        self.insights.close()
        self.store.close()
