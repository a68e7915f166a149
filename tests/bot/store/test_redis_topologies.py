"""Redis as operators run it, with real servers started here: the whole service on a 3-primary Redis Cluster (store,
rate limits, channel state), and a Sentinel failover that kills the primary mid-conversation."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis

from bot.channels.state import RedisChannelState, make_channel_state
from bot.store.base import StoreError
from bot.store.redis import RedisStore
from bot.store.redis_client import connect
from tests.bot.conftest import MakeClient
from tests.bot.store.redis_servers import Servers, start_sentinel_set, wait_for
from tests.conftest import make_settings

pytestmark = pytest.mark.real


def test_the_service_runs_on_redis_cluster(make_client: MakeClient, redis_cluster_url: str, tmp_path: Path) -> None:
    started = time.monotonic()
    cluster = {"store": "redis", "redis_url": redis_cluster_url, "redis_cluster": True}
    api = make_client(**cluster, rate_limit_session="5/minute")
    ids = []
    for _ in range(12):  # conversations all over the slots, so over all three primaries
        reply = api.post("/chat", json={"message": "cybersecurity"})
        assert reply.status_code == 200, reply.text
        ids.append(reply.json()["session_id"])
    session_id = ids[0]
    for text in ("more", "thanks", "hello", "thanks", "more"):
        assert api.post("/chat", json={"session_id": session_id, "message": text}).status_code == 200
    limited = api.post("/chat", json={"session_id": session_id, "message": "more"})
    assert limited.status_code == 429  # the 6th turn of the conversation in a minute: the limits live in the cluster
    transcript = api.get("/conversations", headers={"X-Session-Id": session_id}, params={"limit": 4}).json()
    assert [t["user"] for t in transcript["turns"]] == ["cybersecurity", "more", "thanks", "hello"]
    assert transcript["next_cursor"] == "4"
    assert api.delete(f"/conversations/{session_id}").status_code == 204
    assert api.get(f"/conversations/{session_id}").status_code == 404

    client = redis.RedisCluster.from_url(redis_cluster_url)
    holders = {client.get_node_from_key(f"advisor:{{{i}}}:conv").port for i in ids}
    assert len(holders) >= 2  # really spread over the cluster
    client.close()

    state = make_channel_state(make_settings(tmp_path, **cluster))
    assert isinstance(state, RedisChannelState)
    assert state.claim("update:1", ttl=60) is True and state.claim("update:1", ttl=60) is False
    state.put("menu:abc", "payload", ttl=60)
    assert state.get("menu:abc") == "payload"
    print(f"cluster test {time.monotonic() - started:.1f} s (after the cluster started)")


def test_sentinel_failover_keeps_every_acknowledged_turn(make_client: MakeClient, tmp_path: Path) -> None:
    started = time.monotonic()
    servers = Servers()
    try:
        found = start_sentinel_set(tmp_path, servers)
        sentinel = {"store": "redis", "redis_sentinels": [f"127.0.0.1:{found.sentinel}"],
                    "redis_sentinel_service": found.service, "redis_wait_timeout_ms": 300}  # fmt: skip
        api = make_client(**sentinel, redis_wait_replicas=1)
        session_id = api.post("/chat", json={"message": "hello"}).json()["session_id"]
        acknowledged = ["hello"]
        for number in range(20):
            text = f"thanks {number}"
            assert api.post("/chat", json={"session_id": session_id, "message": text}).status_code == 200
            acknowledged.append(text)

        # WAIT is really asked for: two replicas cannot be had from one, so such a save is refused.
        settings = make_settings(tmp_path, **sentinel)
        strict = RedisStore(connect(settings), retention_days=1, wait_replicas=2, wait_timeout_ms=100)
        conversation = strict.load(session_id)
        assert conversation is not None
        with pytest.raises(StoreError):
            strict.save(conversation)

        # A lock held on the primary when it dies (replicated, as every write is within milliseconds).
        # (Taken as the store takes it - the key it uses, a 2 s timeout - and never released: its holder is gone too.)
        holder = connect(settings)
        assert holder.lock("advisor:{held-conversation}:lock", timeout=2.0).acquire(blocking=False)
        locked_at = time.monotonic()
        replica = redis.Redis(port=found.replica)
        wait_for(lambda: bool(replica.exists("advisor:{held-conversation}:lock")), timeout=5, what="replication")
        assert any(True for _ in replica.scan_iter("LIMITS*"))  # the rate limits are kept through the Sentinel too

        servers.kill(found.primary)  # mid-conversation: no shutdown, no failover command
        killed_at = time.monotonic()
        watcher = redis.Redis(port=found.sentinel, decode_responses=True)

        def promoted() -> bool:
            address = watcher.execute_command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", found.service)
            return int(address[1]) == found.replica

        wait_for(promoted, timeout=20, what="the Sentinel to promote the replica")
        failover = time.monotonic() - killed_at

        def transcript() -> list[str]:
            response = api.get(f"/conversations/{session_id}", params={"limit": 100})
            assert response.status_code in (200, 503), response.text
            return [t["user"] for t in response.json()["turns"]] if response.status_code == 200 else []

        wait_for(lambda: bool(transcript()), timeout=10, what="the new primary to serve reads")
        assert transcript() == acknowledged  # every turn acknowledged before the kill is there

        # With its only replica gone, the new primary cannot replicate a turn: it is refused, never acknowledged.
        assert api.post("/chat", json={"session_id": session_id, "message": "thanks"}).status_code == 503

        other = RedisStore(connect(settings), retention_days=1)
        with other.lock("held-conversation"):  # the dead primary's lock expires within its stated 2 s
            assert time.monotonic() - locked_at <= 2.0 + 1.0
        for client in (other, strict, holder, replica, watcher):
            client.close()
        print(f"sentinel: failover {failover:.1f} s; test {time.monotonic() - started:.1f} s")
    finally:
        servers.stop()
