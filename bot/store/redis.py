"""Conversations in Redis, for several workers or hosts: one server, Sentinel, or Redis Cluster.

A conversation is two keys in one hash slot (``{hash tags}``): ``<prefix>{<id>}:conv``, its slots as JSON, and
``<prefix>{<id>}:turns``, a list of its last ``KEPT_TURNS`` turns (``RPUSH`` + ``LTRIM``). A turn writes both in one
Lua script, atomic and on one node even in a cluster, and never rewrites the history. Both keys expire after the
retention period, so Redis forgets an idle conversation by itself; ``purge`` (which can be stricter) finds old ones in
``PURGE_BUCKETS`` sorted sets (``<prefix>{active:<n>}``, scored by last activity), each in its own slot and written
after the conversation: a conversation missing from them still expires.

With ``wait_replicas`` set (Sentinel or a primary with replicas), every save is followed by ``WAIT`` on the same
connection and fails unless that many replicas have it: a turn acknowledged to the person survives the primary's
death. Turns of one conversation are serialised with a ``redis.lock.Lock`` (``<prefix>{<id>}:lock``); a lock held by
a killed worker, or left on a primary that died, expires after ``LOCK_TIMEOUT_SECONDS``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from redis.exceptions import LockError, RedisError

from bot.store.base import (
    KEPT_TURNS,
    LOCK_TIMEOUT_SECONDS,
    LOCK_WAIT_SECONDS,
    Conversation,
    ConversationBusy,
    StoreError,
    dumps,
)
from bot.store.redis_client import RedisClient, connect, is_cluster

if TYPE_CHECKING:
    from bot.settings import Settings

logger = logging.getLogger(__name__)

PURGE_BUCKETS = 16
_PURGE_BATCH = 500
PURGE_LOCK_SECONDS = 600.0  # a purge holder that died stops blocking the others after this

# KEYS: conv, turns. ARGV: conversation JSON, ttl seconds, turn JSON ('' for none), turns kept, '1' to clear the
# turns first (the first turn of a conversation restarted after idling).
_SAVE = """
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
if ARGV[5] == '1' then redis.call('DEL', KEYS[2]) end
if ARGV[3] ~= '' then
  redis.call('RPUSH', KEYS[2], ARGV[3])
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
end
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
"""
# KEYS: conv, turns. ARGV: older_than. Deletes the conversation only if it is still old (a turn may have come since).
_PURGE_ONE = """
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw)['updated_at'] >= tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
if raw then return 1 end
return 0
"""


class RedisStore:
    def __init__(
        self,
        client: RedisClient,
        *,
        retention_days: int,
        prefix: str = "advisor:",
        wait_replicas: int = 0,
        wait_timeout_ms: int = 1000,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.ttl_seconds = retention_days * 86400
        self.wait_replicas = wait_replicas
        self.wait_timeout_ms = wait_timeout_ms
        self.lock_timeout = lock_timeout
        self.cluster = is_cluster(client)

    @classmethod
    def from_settings(cls, settings: Settings) -> RedisStore:
        return cls(
            connect(settings),
            retention_days=settings.retention_days,
            wait_replicas=settings.redis_wait_replicas,
            wait_timeout_ms=settings.redis_wait_timeout_ms,
        )

    @classmethod
    def from_url(cls, url: str, *, retention_days: int, **options: Any) -> RedisStore:
        """A store on one Redis server (tests and scripts)."""
        import redis

        client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5, health_check_interval=30)
        return cls(client, retention_days=retention_days, **options)

    def _keys(self, session_id: str) -> tuple[str, str]:
        tag = f"{self.prefix}{{{session_id}}}"
        return f"{tag}:conv", f"{tag}:turns"

    def _bucket(self, session_id: str) -> str:
        return f"{self.prefix}{{active:{zlib.crc32(session_id.encode()) % PURGE_BUCKETS}}}"

    @contextmanager
    def _errors(self, operation: str) -> Iterator[None]:
        try:
            yield
        except RedisError as exc:
            logger.error("redis store: %s failed: %s", operation, type(exc).__name__)
            raise StoreError(f"conversation store unavailable ({operation})") from exc

    def load(self, session_id: str) -> Conversation | None:
        conv, _ = self._keys(session_id)
        with self._errors("load"):
            raw = self.client.get(conv)
            if raw is None and not self.cluster:
                raw = self._migrate(session_id)
        if raw is None:
            return None
        assert isinstance(raw, bytes | str)
        return Conversation.from_dict(json.loads(raw))

    def _migrate(self, session_id: str) -> bytes | str | None:
        """Move a conversation stored by an earlier version (one JSON value holding every turn) to the new keys, when
        it is first read. Only outside a cluster: the old version's transactions never ran on one (CROSSSLOT)."""
        import redis

        legacy = f"{self.prefix}conv:{session_id}"
        conv, turns = self._keys(session_id)
        with self.client.pipeline(transaction=True) as pipe:
            try:
                pipe.watch(legacy)  # another worker migrating it at the same time makes this EXEC fail
                raw = pipe.get(legacy)
                if raw is None:
                    return None
                data = json.loads(raw)
                old_turns = data.pop("turns", None) or []
                data["turn_count"] = len(old_turns)
                first = len(old_turns) - min(len(old_turns), KEPT_TURNS) + 1
                kept = [dumps({**t, "seq": first + i}) for i, t in enumerate(old_turns[-KEPT_TURNS:])]
                pipe.multi()
                pipe.delete(turns)
                if kept:
                    pipe.rpush(turns, *kept)
                    pipe.expire(turns, self.ttl_seconds)
                pipe.set(conv, dumps(data), ex=self.ttl_seconds)
                pipe.delete(legacy)
                pipe.execute()
            except redis.WatchError:
                pass
        found: bytes | str | None = self.client.get(conv)
        return found

    def save(self, conversation: Conversation, turn: dict[str, Any] | None = None) -> None:
        conv, turns = self._keys(conversation.session_id)
        data = dumps(conversation.to_dict())
        first = "1" if turn is not None and turn["seq"] == 1 else "0"
        body = "" if turn is None else dumps(turn)
        args = (_SAVE, 2, conv, turns, data, self.ttl_seconds, body, KEPT_TURNS, first)
        with self._errors("save"):
            if self.wait_replicas:
                self._save_and_wait(conv, args)
            else:
                self.client.eval(*args)
            # The purge index, in its own slot: a conversation missing from it still expires after the retention.
            self.client.zadd(self._bucket(conversation.session_id), {conversation.session_id: conversation.updated_at})

    def _save_and_wait(self, key: str, args: tuple[Any, ...]) -> None:
        """The save and ``WAIT`` on one connection (WAIT counts the writes of its own connection)."""
        client: Any = self.client
        node = client.get_redis_connection(client.get_node_from_key(key)) if self.cluster else client
        with node.pipeline(transaction=False) as pipe:
            pipe.eval(*args)
            pipe.execute_command("WAIT", self.wait_replicas, self.wait_timeout_ms)
            _, acked = pipe.execute()
        if int(acked) < self.wait_replicas:
            logger.error("redis store: a save reached %s of %d replicas in time", acked, self.wait_replicas)
            raise StoreError("conversation store could not replicate the turn (WAIT)")

    def turns(self, session_id: str, *, after: int = 0, limit: int = KEPT_TURNS) -> list[dict[str, Any]]:
        _, turns = self._keys(session_id)
        with self._errors("turns"):
            raw = self.client.lrange(turns, 0, -1)
        parsed = [json.loads(item) for item in raw]
        return [t for t in parsed if int(t.get("seq", 0)) > after][:limit]

    def delete(self, session_id: str) -> bool:
        conv, turns = self._keys(session_id)
        with self._errors("delete"):
            existed = bool(self.client.delete(conv, turns))  # one slot: one DEL, even in a cluster
            self.client.zrem(self._bucket(session_id), session_id)
            if not self.cluster:
                self.client.delete(f"{self.prefix}conv:{session_id}")  # an earlier version's copy, if never read
        return existed

    def purge(self, older_than: float) -> int:
        removed = 0
        with self._errors("purge"):
            for number in range(PURGE_BUCKETS):
                bucket = f"{self.prefix}{{active:{number}}}"
                while True:
                    old = self.client.zrangebyscore(bucket, "-inf", f"({older_than}", start=0, num=_PURGE_BATCH)
                    if not old:
                        break
                    ids = [o.decode() if isinstance(o, bytes) else str(o) for o in old]
                    for session_id in ids:
                        removed += int(self.client.eval(_PURGE_ONE, 2, *self._keys(session_id), older_than))
                    self.client.zrem(bucket, *ids)
            if not self.cluster:  # earlier versions' conversations, indexed in one sorted set
                removed += self._purge_legacy(older_than)
        return removed

    def _purge_legacy(self, older_than: float) -> int:
        legacy = f"{self.prefix}active"
        old = self.client.zrangebyscore(legacy, "-inf", f"({older_than}")
        if not old:
            return 0
        ids = [o.decode() if isinstance(o, bytes) else str(o) for o in old]
        deleted = int(self.client.delete(*(f"{self.prefix}conv:{i}" for i in ids)))
        self.client.zrem(legacy, *ids)
        return deleted

    @contextmanager
    def claim_purge(self, every: float) -> Iterator[bool]:
        """Two keys in one slot: ``running`` (``SET NX``, expiring after ``PURGE_LOCK_SECONDS`` should its holder die)
        lets one worker or host purge at a time; ``done``, kept ``every`` seconds after a purge, skips the others."""
        running, done = f"{self.prefix}{{purge}}:running", f"{self.prefix}{{purge}}:done"
        with self._errors("claim purge"):
            claimed = not self.client.exists(done) and bool(
                self.client.set(running, "1", nx=True, px=int(PURGE_LOCK_SECONDS * 1000))
            )
        if not claimed:
            yield False
            return
        try:
            yield True
            if every > 0:
                with self._errors("claim purge"):
                    self.client.set(done, str(time.time()), px=int(every * 1000))
        finally:
            with contextlib.suppress(RedisError):
                self.client.delete(running)

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        lock = self.client.lock(
            f"{self.prefix}{{{session_id}}}:lock",
            timeout=self.lock_timeout,
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
            except LockError:  # held longer than its timeout (or lost in a failover): another turn may have started
                logger.warning("redis store: a conversation lock expired before its turn finished")
            except RedisError as exc:
                logger.error("redis store: unlock failed: %s", type(exc).__name__)

    def close(self) -> None:
        self.client.close()
