"""Knowledge reloads without a restart: each worker checks the published generation between turns and swaps.

The check is a stat of ``<data_dir>/generations/CURRENT`` before a request, at most every ``POLL_SECONDS`` (a stat per
request was 8% of a worker's time under load: system calls are not free here). When it moved, the
new knowledge and index load on a background thread while the old ones keep answering; then the runtime, the
advisor and the service's advisor are replaced in one step. A turn already running finishes on the advisor it
started with, so every answer comes wholly from the old or wholly from the new knowledge. A generation that does
not load is logged and skipped; the old one keeps serving."""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from bot.runtime import Runtime, make_document_embedder, query_embedder_id, searcher_options
from index.embedder import Embedder, document_backend
from index.generation import Generation, pointer_stamp, publish_generation, read_current
from index.search import Searcher
from index.store import load_index
from knowledge.loader import load_knowledge

if TYPE_CHECKING:
    from fastapi import FastAPI
    from starlette.types import ASGIApp, Receive, Scope, Send

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5  # a newly published generation is noticed within this long (and loads in the background)


def load_generation(runtime: Runtime, generation: Generation) -> Runtime:
    """The runtime of ``generation``: its knowledge snapshot and its index build, searched with the same model."""
    settings = runtime.settings
    kb = load_knowledge(generation.knowledge_path(settings.data_dir))
    loaded = load_index(settings.data_dir, generation.build_id)
    if loaded.manifest.kb_hash != kb.content_hash:
        raise ValueError(f"generation {generation.id}: index build {generation.build_id} is of other knowledge")
    searcher = Searcher(kb, loaded, runtime.embedder, **searcher_options(settings))
    searcher.warm_up()
    return Runtime(settings=settings, kb=kb, embedder=runtime.embedder, searcher=searcher)


class Reloader:
    """One per worker: notices a new generation and swaps the app's runtime, advisor and service advisor."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.settings = app.state.runtime.settings
        self._stamp = pointer_stamp(self.settings.data_dir)  # what exists at start is what this worker loaded
        self._lock = threading.Lock()
        self._loading = False
        self._documents: Embedder | None = None
        self.generation: Generation | None = None
        self._next_poll = 0.0

    def poll(self) -> None:
        """Before a turn: start loading a newly published generation in the background (never blocks a turn)."""
        now = time.monotonic()
        if now < self._next_poll:
            return
        self._next_poll = now + POLL_SECONDS
        stamp = pointer_stamp(self.settings.data_dir)
        if stamp == self._stamp or self._loading:
            return
        with self._lock:
            if self._loading or stamp == self._stamp:
                return
            self._loading = True
        threading.Thread(target=self._load_current, args=(stamp,), name="knowledge-reload", daemon=True).start()

    def reload_now(self) -> Generation | None:
        """Load the current generation on this thread (the admin route, so its answer shows the new kb_hash)."""
        with self._lock:
            self._loading = True
        return self._load_current(pointer_stamp(self.settings.data_dir))

    def publish(self) -> Generation:
        """Validate and build ADVISOR_KNOWLEDGE_PATH, publish it (KnowledgeError / IndexMissing refuse it), swap."""
        settings = self.settings
        generation = publish_generation(
            settings.knowledge_path,
            settings.data_dir,
            self._document_embedder(),
            hnsw_threshold=settings.hnsw_threshold,
            hnsw_m=settings.hnsw_m,
            hnsw_ef_search=settings.hnsw_ef_search,
        )
        self.reload_now()
        return generation

    def _document_embedder(self) -> Embedder:
        runtime: Runtime = self.app.state.runtime
        if self.settings.embedder == "fake" or document_backend(self.settings.embedder_backend) == (
            self.settings.embedder_backend
        ):
            return getattr(runtime.embedder, "inner", runtime.embedder)  # past the query cache
        if self._documents is None:
            self._documents = make_document_embedder(self.settings)
        return self._documents

    def _load_current(self, stamp: tuple[int, int] | None) -> Generation | None:
        try:
            generation = read_current(self.settings.data_dir)
            if generation is None or (self.generation is not None and generation.id == self.generation.id):
                return self.generation
            runtime = load_generation(self.app.state.runtime, generation)
            self._swap(runtime)
            self.generation = generation
            logger.info("serving generation %s: %d records, kb %s", generation.id, generation.records,
                        generation.kb_hash[:12])  # fmt: skip
            return generation
        except Exception:
            logger.exception("the published knowledge did not load; the previous knowledge keeps serving")
            return self.generation
        finally:
            self._stamp = stamp
            self._loading = False

    def _swap(self, runtime: Runtime) -> None:
        from bot.dialogue.engine import Advisor

        state = self.app.state
        old = state.advisor
        settings = runtime.settings
        advisor = Advisor.from_runtime(runtime, store=old.store, settings=state.settings)
        advisor.warm_up(settings.data_dir / "intents", embedder_id=query_embedder_id(settings))
        # Three assignments between turns: a running turn keeps the advisor it holds.
        state.runtime, state.advisor, state.service.advisor = runtime, advisor, advisor


class ReloadMiddleware:
    """Pure ASGI (no per-request task): polls the worker's Reloader before each HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            reloader: Any = getattr(scope["app"].state, "reloader", None)
            if reloader is not None:
                reloader.poll()
        await self.app(scope, receive, send)
