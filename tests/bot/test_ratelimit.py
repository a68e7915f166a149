"""The in-process rate-limit storage: limits still hold, old events are swept, and a hit starts no thread."""

from __future__ import annotations

import threading
import time
from unittest.mock import patch

import pytest
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from bot import ratelimit
from bot.ratelimit import EXPIRE, SCHEDULE, SweptMemoryStorage
from bot.service import RateLimited, RateLimiter


def test_the_installed_limits_still_has_the_hooks_this_storage_replaces() -> None:
    assert callable(getattr(MemoryStorage, SCHEDULE)), "limits changed: SweptMemoryStorage no longer saves the threads"
    assert callable(getattr(MemoryStorage, EXPIRE))


def test_a_hit_starts_no_thread_and_the_limit_still_holds() -> None:
    storage = SweptMemoryStorage()
    strategy = MovingWindowRateLimiter(storage)
    item = parse("5/minute")
    with patch.object(threading.Thread, "start", side_effect=AssertionError("a thread started during a hit")):
        allowed = [strategy.hit(item, "t", "client", "a") for _ in range(7)]
        time.sleep(0.05)  # past the library's 10 ms timer: a plain MemoryStorage would start a new one now
        allowed.append(strategy.hit(item, "t", "client", "b"))
    assert allowed == [True] * 5 + [False, False, True]


def test_a_plain_memory_storage_does_start_threads() -> None:
    """The cost this module removes (if limits fixes it, SweptMemoryStorage can go)."""
    storage = MemoryStorage()
    strategy = MovingWindowRateLimiter(storage)
    time.sleep(0.05)
    with patch.object(threading.Thread, "start", autospec=True, side_effect=threading.Thread.start) as start:
        strategy.hit(parse("5/minute"), "t", "client", "a")
    assert start.call_count == 1


def test_expired_events_are_swept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ratelimit, "SWEEP_SECONDS", 0.05)
    storage = SweptMemoryStorage()
    strategy = MovingWindowRateLimiter(storage)
    assert strategy.hit(parse("1/second"), "t", "client", "a")
    deadline = time.monotonic() + 5
    while any(storage.events.values()):
        assert time.monotonic() < deadline, "the sweeper never removed the expired event"
        time.sleep(0.05)


def test_the_service_limiter_uses_it_and_refuses_with_a_retry_time() -> None:
    limiter = RateLimiter(session_limit="2/minute", client_limit="100/minute")
    assert isinstance(limiter.storage, SweptMemoryStorage)
    limiter.hit("conversation", "c1")
    limiter.hit("conversation", "c1")
    with pytest.raises(RateLimited) as refused:
        limiter.hit("conversation", "c1")
    assert 1 <= refused.value.retry_after <= 60
