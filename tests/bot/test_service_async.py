"""``ChatService.turn_async``: the model in the encode pool, the rest on the loop, and never a wait on the loop."""

from __future__ import annotations

import asyncio
import copy
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.dialogue.engine import Advisor
from bot.runtime import Runtime
from bot.service import ChatService, RateLimiter
from bot.store.base import Conversation, MemoryStore
from bot.store.sqlite import SQLiteStore

LIMITS = {"session_limit": "1000/minute", "client_limit": "1000/minute"}


class ThreadRecordingEmbedder:
    """The runtime's embedder, noting the thread of every encode."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name, self.dimension = inner.name, inner.dimension
        self.threads: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.threads.append(threading.current_thread().name)
        return np.asarray(self.inner.encode(texts))


class ThreadRecordingStore(MemoryStore):
    """A store without ``nonblocking()`` (like Redis: every call a round trip), noting the thread of each save."""

    nonblocking = None  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[str] = []

    def save(self, conversation: Conversation, turn: dict[str, Any] | None = None) -> None:
        self.threads.append(threading.current_thread().name)
        super().save(conversation, turn)


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode") as executor:
        yield executor


def make_service(runtime: Runtime, store: Any, pool: ThreadPoolExecutor) -> tuple[ChatService, ThreadRecordingEmbedder]:
    embedder = ThreadRecordingEmbedder(runtime.embedder)
    searcher = copy.copy(runtime.searcher)  # the session's searcher, with the recording embedder
    searcher.embedder = embedder
    advisor = Advisor(kb=runtime.kb, searcher=searcher, store=store)
    advisor.warm_up()
    embedder.threads.clear()  # the intent examples were embedded here, at start
    return ChatService(advisor, limiter=RateLimiter(**LIMITS), encode_pool=pool), embedder


def turn(service: ChatService, text: str, session_id: str | None = None) -> Any:
    return service.turn_async(channel="chat", session_id=session_id, text=text, client="127.0.0.1")


def test_the_model_runs_in_the_encode_pool_and_the_rest_on_the_loop(
    fake_runtime: Runtime, pool: ThreadPoolExecutor, tmp_path: Path
) -> None:
    store = SQLiteStore(tmp_path / "c.sqlite3")
    service, embedder = make_service(fake_runtime, store, pool)
    saves: list[str] = []
    original = store.save

    def save(conversation: Conversation, turn: dict[str, Any] | None = None) -> None:
        saves.append(threading.current_thread().name)
        original(conversation, turn)

    store.save = save  # type: ignore[method-assign]

    async def main() -> Any:
        first = await turn(service, "courses in cybersecurity near oshawa")
        second = await turn(service, "hello", first.session_id)  # a rule: no embedding at all
        return first, second

    first, second = asyncio.run(main())
    assert first.results and second.intent.name == "greet"
    assert embedder.threads and all(name.startswith("encode") for name in embedder.threads)
    assert saves == [threading.current_thread().name] * 2  # asyncio.run's loop runs in this thread
    assert [t["user"] for t in store.turns(first.session_id)] == [
        "courses in cybersecurity near oshawa",
        "hello",
    ]
    store.close()


def test_a_held_conversation_lock_moves_the_turn_to_a_thread_and_the_loop_keeps_serving(
    fake_runtime: Runtime, pool: ThreadPoolExecutor, tmp_path: Path
) -> None:
    store = SQLiteStore(tmp_path / "c.sqlite3")
    service, _ = make_service(fake_runtime, store, pool)
    first = asyncio.run(turn(service, "free courses in health sciences"))
    held, release = threading.Event(), threading.Event()

    def hold() -> None:  # e.g. a Telegram turn of the same conversation in a worker thread
        with store.lock(first.session_id):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(5)

    async def main() -> tuple[Any, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        running = asyncio.create_task(ticker())
        loop = asyncio.get_running_loop()
        loop.call_later(0.3, release.set)
        started = time.monotonic()
        reply = await turn(service, "show me more", first.session_id)
        assert time.monotonic() - started >= 0.25  # it waited for the lock...
        running.cancel()
        return reply, ticks

    reply, ticks = asyncio.run(main())
    holder.join()
    assert ticks >= 10  # ...in a thread: the loop went on ticking meanwhile
    assert reply.session_id == first.session_id and reply.intent.name == "more_results"
    turns = store.turns(first.session_id)
    assert [t["user"] for t in turns] == ["free courses in health sciences", "show me more"]  # once, in order
    store.close()


def test_a_store_that_cannot_be_called_from_the_loop_gets_the_whole_turn_in_a_thread(
    fake_runtime: Runtime, pool: ThreadPoolExecutor
) -> None:
    store = ThreadRecordingStore()
    service, _ = make_service(fake_runtime, store, pool)
    reply = asyncio.run(turn(service, "cybersecurity"))
    assert reply.results
    assert store.threads and store.threads[0] != threading.current_thread().name


def test_redis_rate_limits_also_keep_the_turn_off_the_loop(
    fake_runtime: Runtime, pool: ThreadPoolExecutor, redis_url: str
) -> None:
    store = ThreadRecordingStore()
    store.nonblocking = MemoryStore.nonblocking.__get__(store)  # type: ignore[method-assign]  # a local store...
    service, _ = make_service(fake_runtime, store, pool)
    service = ChatService(service.advisor, limiter=RateLimiter(**LIMITS, storage_uri=redis_url), encode_pool=pool)
    reply = asyncio.run(turn(service, "cybersecurity"))  # ...but every rate-limit hit is a round trip to Redis
    assert reply.results
    assert store.threads and store.threads[0] != threading.current_thread().name
    assert RateLimiter(**LIMITS).local and not service.limiter.local


class AnnouncingEmbedder(ThreadRecordingEmbedder):
    """Announces its model run (as the ONNX embedder does), then takes a while, noting when the loop went on."""

    announces_run = True

    def __init__(self, inner: Any) -> None:
        super().__init__(inner)
        self.model_started = threading.Event()
        self.loop_went_on_during_run = False

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        from index.embedder import model_run_starts

        model_run_starts()
        self.model_started.set()
        time.sleep(0.05)  # the model's run, without the GIL
        return super().encode(texts)


def test_the_rest_of_the_reading_runs_while_the_model_does(
    fake_runtime: Runtime, pool: ThreadPoolExecutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no other encode under way the loop waits for the model to start, then reads the rest of the message
    during the run; with another one under way (a loaded server) it never waits."""
    service, _ = make_service(fake_runtime, MemoryStore(), pool)
    embedder = AnnouncingEmbedder(fake_runtime.embedder)
    service.advisor.embedder = embedder
    finish = service.advisor.finish_reading

    def finish_reading(opening: Any) -> Any:
        embedder.loop_went_on_during_run = embedder.model_started.is_set() and not embedder.threads
        return finish(opening)

    monkeypatch.setattr(service.advisor, "finish_reading", finish_reading)
    monkeypatch.setattr("bot.service.HANDOFF_WAIT_S", 5.0)  # a slow machine starting the pool's first thread
    reply = asyncio.run(turn(service, "welding courses in Oshawa"))
    assert reply.results and embedder.loop_went_on_during_run and embedder.threads == ["encode_0"]
    assert service._encodes == 0

    service._encodes = service.encode_threads  # every encode thread busy: no hand-off to wait for
    assert service._handoff() is None
    service._encodes = 1  # one thread still free, but another turn's encode under way: no wait either
    assert service._handoff() is None
    service._encodes = 0
    assert service._handoff() is not None
    service._encodes = 0


def test_the_onnx_embedder_announces_its_run(onnx_data_dir: Path) -> None:
    """The default backend (int8 ONNX, behind the query cache) calls the hand-off right before its model runs, in
    the thread that encodes; a cached query runs no model and calls nothing."""
    from index.cache import CachedEmbedder
    from index.embedder import announcing_model_run
    from index.onnx_embedder import OnnxEmbedder

    embedder = CachedEmbedder(OnnxEmbedder(onnx_data_dir, quantized=True))
    assert embedder.announces_run
    calls: list[str] = []
    with announcing_model_run(lambda: calls.append(threading.current_thread().name)):
        embedder.encode(["welding after 20 years at the plant"])
        embedder.encode(["welding after 20 years at the plant"])
    embedder.encode(["no hand-off asked for"])
    assert calls == [threading.current_thread().name]
