"""Conversations in Redis, for several workers or hosts sharing one conversation.

Each conversation is one JSON value (``<prefix>conv:<id>``) that expires after the retention period; a sorted set
(``<prefix>active``, scored by last activity) lets ``purge`` find old conversations without scanning. The turns of
one conversation are serialised with a ``redis.lock.Lock`` per conversation: a turn answered by any worker waits
for the previous one, and a lock held by a killed worker expires after ``LOCK_TIMEOUT_SECONDS``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from redis.exceptions import LockError, RedisError

from bot.store import LOCK_TIMEOUT_SECONDS, LOCK_WAIT_SECONDS, Conversation, ConversationBusy, StoreError

logger = logging.getLogger(__name__)

_PURGE_BATCH = 500


class RedisStore:
    def __init__(self, url: str, *, retention_days: int, prefix: str = "advisor:") -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5, health_check_interval=30)
        self.prefix = prefix
        self.ttl_seconds = retention_days * 86400

    def _key(self, session_id: str) -> str:
        return f"{self.prefix}conv:{session_id}"

    @property
    def _active(self) -> str:
        return f"{self.prefix}active"

    @contextmanager
    def _errors(self, operation: str) -> Iterator[None]:
        try:
            yield
        except RedisError as exc:
            logger.error("redis store: %s failed: %s", operation, type(exc).__name__)
            raise StoreError(f"conversation store unavailable ({operation})") from exc

    def load(self, session_id: str) -> Conversation | None:
        with self._errors("load"):
            raw = self.client.get(self._key(session_id))
        if raw is None:
            return None
        assert isinstance(raw, bytes | str)
        return Conversation.from_dict(json.loads(raw))

    def save(self, conversation: Conversation) -> None:
        data = json.dumps(conversation.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self._errors("save"), self.client.pipeline(transaction=True) as pipe:
            pipe.set(self._key(conversation.session_id), data, ex=self.ttl_seconds)
            pipe.zadd(self._active, {conversation.session_id: conversation.updated_at})
            pipe.execute()

    def delete(self, session_id: str) -> bool:
        with self._errors("delete"), self.client.pipeline(transaction=True) as pipe:
            pipe.delete(self._key(session_id))
            pipe.zrem(self._active, session_id)
            deleted, _ = pipe.execute()
        return bool(deleted)

    def purge(self, older_than: float) -> int:
        removed = 0
        with self._errors("purge"):
            while True:
                old = self.client.zrangebyscore(self._active, "-inf", f"({older_than}", start=0, num=_PURGE_BATCH)
                if not old:
                    return removed
                ids = [o.decode() if isinstance(o, bytes) else str(o) for o in old]
                with self.client.pipeline(transaction=True) as pipe:
                    pipe.delete(*(self._key(i) for i in ids))
                    pipe.zrem(self._active, *ids)
                    deleted, _ = pipe.execute()
                removed += int(deleted)

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        lock = self.client.lock(
            f"{self.prefix}lock:{session_id}",
            timeout=LOCK_TIMEOUT_SECONDS,
            blocking_timeout=LOCK_WAIT_SECONDS,
            sleep=0.01,
            thread_local=False,
        )
        with self._errors("lock"):
            acquired = lock.acquire()
        if not acquired:
            raise ConversationBusy("another message of this conversation is still being answered")
        try:
            yield
        finally:
            try:
                lock.release()
            except LockError:  # held longer than its timeout: another turn may have started meanwhile
                logger.warning("redis store: a conversation lock expired before its turn finished")
            except RedisError as exc:
                logger.error("redis store: unlock failed: %s", type(exc).__name__)

    def close(self) -> None:
        self.client.close()
