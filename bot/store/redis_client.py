"""The one place that turns the Redis settings into clients: one server, Sentinel (the primary found through
``ADVISOR_REDIS_SENTINELS``) or Redis Cluster (``ADVISOR_REDIS_CLUSTER``). The conversation store, the rate limits
and the channels' state all connect through here, so they follow the same topology."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import redis
    from redis.cluster import RedisCluster

    from bot.settings import Settings

    RedisClient = redis.Redis | RedisCluster
else:
    RedisClient = Any

_TIMEOUTS: dict[str, Any] = {"socket_timeout": 5, "socket_connect_timeout": 5, "health_check_interval": 30}


def sentinel_addresses(settings: Settings) -> list[tuple[str, int]]:
    addresses = []
    for item in settings.redis_sentinels:
        host, _, port = item.rpartition(":")
        addresses.append((host, int(port)))
    return addresses


def connect(settings: Settings, **options: Any) -> RedisClient:
    """A client for the configured Redis; ``options`` (e.g. ``decode_responses``) pass to redis-py."""
    import redis
    from redis.backoff import ExponentialBackoff
    from redis.retry import Retry

    kwargs = {**_TIMEOUTS, **options}
    if settings.redis_sentinels:
        from redis.sentinel import Sentinel

        url = urlsplit(settings.redis_url or "redis://")
        sentinel = Sentinel(  # type: ignore[no-untyped-call]
            sentinel_addresses(settings),
            socket_timeout=1,
            socket_connect_timeout=1,
            sentinel_kwargs={"socket_timeout": 1, "socket_connect_timeout": 1},
        )
        # Reads and writes go to whichever server the Sentinels call primary now; a connection to the old one is
        # dropped and the primary looked up again, a few times with backoff (a failover takes a few seconds).
        primary: redis.Redis = sentinel.master_for(  # type: ignore[no-untyped-call]
            settings.redis_sentinel_service,
            password=url.password,
            db=int(url.path.lstrip("/") or 0),
            retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), 3),
            **kwargs,
        )
        return primary
    assert settings.redis_url is not None  # Settings refuses store=redis without a URL or Sentinels
    if settings.redis_cluster:
        from redis.cluster import RedisCluster

        kwargs.pop("health_check_interval")
        return RedisCluster.from_url(settings.redis_url, **kwargs)
    return redis.Redis.from_url(settings.redis_url, **kwargs)


def is_cluster(client: Any) -> bool:
    from redis.cluster import RedisCluster

    return isinstance(client, RedisCluster)


def limits_uri(settings: Settings) -> str | None:
    """The storage URI the ``limits`` package understands for the same Redis (None: no Redis configured)."""
    if settings.redis_sentinels:
        url = urlsplit(settings.redis_url or "redis://")
        auth = f":{url.password}@" if url.password else ""
        hosts = ",".join(settings.redis_sentinels)
        return f"redis+sentinel://{auth}{hosts}/{settings.redis_sentinel_service}"
    if settings.redis_url and settings.redis_cluster:
        return "redis+cluster://" + settings.redis_url.split("://", 1)[1]
    return settings.redis_url
