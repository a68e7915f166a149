"""The app factory. Nothing happens at import; the lifespan loads settings, knowledge, index and store once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from bot import __version__
from bot.channels import telegram, twilio
from bot.datadir import secure_data_dir
from bot.dialogue.engine import Advisor
from bot.insights.recorder import Insights
from bot.keys import load_id_key
from bot.runtime import Runtime, load_runtime, query_embedder_id
from bot.service import ChatService, RateLimiter
from bot.settings import Settings, get_settings
from bot.store.base import ConversationStore, make_store
from bot.store.retention import purge_forever
from bot.web.errors import install_error_handlers
from bot.web.middleware import configure_logging, install_middleware
from bot.web.proxies import ClientAddresses
from bot.web.reload import Reloader, ReloadMiddleware
from bot.web.routes import admin, chat, conversations, feedback, health, metrics, rest, widget

logger = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None, *, runtime: Runtime | None = None, store: ConversationStore | None = None
) -> FastAPI:
    """Build the service. Tests pass their own settings, a preloaded runtime (e.g. with the fake embedder) or store.

    Without a store the settings choose one (``ADVISOR_STORE``: sqlite by default, redis, memory)."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Turns are CPU-bound: a few threads per worker beat Starlette's default 40, which only add GIL contention.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.turn_threads
        secure_data_dir(settings)  # before the index, the key file or a store writes anything there
        loaded = runtime or load_runtime(settings)
        app.state.runtime = loaded
        advisor = Advisor.from_runtime(loaded, store=store or make_store(settings), settings=settings)
        # The intent examples' vectors, saved beside the index by the first start (a test's runtime embeds anew).
        cache = None if runtime else settings.data_dir / "intents"
        advisor.warm_up(cache, embedder_id=query_embedder_id(settings))
        app.state.advisor = advisor
        # The model runs here for turn_async: ``encode_threads`` encodes at a time, never on the event loop.
        encode_pool = ThreadPoolExecutor(max_workers=settings.encode_threads, thread_name_prefix="encode")
        app.state.service = ChatService(
            advisor,
            limiter=RateLimiter.from_settings(settings),
            encode_pool=encode_pool,
            encode_threads=settings.encode_threads,
            turn_threads=settings.turn_threads,
            insights=Insights.from_settings(settings),
            id_key=load_id_key(settings),
        )
        app.state.reloader = Reloader(app)  # swaps to a newly published knowledge generation between turns
        logger.info("advisor ready: %d records, %s store", loaded.searcher.size, "given" if store else settings.store)
        purges = None
        if settings.purge_every_minutes:
            purges = asyncio.create_task(
                purge_forever(
                    advisor.store,
                    retention_days=settings.retention_days,
                    every_minutes=settings.purge_every_minutes,
                )
            )
        try:
            yield
        finally:
            if purges is not None:
                purges.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await purges
            encode_pool.shutdown(wait=True)
            if store is None:  # a store passed in belongs to the caller
                app.state.service.close()

    app = FastAPI(
        title="Credential advisor",
        version=__version__,
        lifespan=lifespan,
        description="Finds short, industry-focused training (micro-credentials) in Durham Region, Ontario.",
        # FastAPI's OpenTelemetry hooks stay off: the service exports Prometheus metrics (/metrics) and logs one
        # line per request. On, every request looked the tracer provider up in the environment (~4% of a worker's
        # event-loop CPU under load) to find none configured.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        # The interactive docs are off unless ADVISOR_DOCS=true: they run third-party scripts on the origin that
        # serves the widget's demo page. The OpenAPI document itself stays (it holds no data).
        docs_url="/docs" if settings.docs else None,
        redoc_url="/redoc" if settings.docs else None,
    )
    app.state.settings = settings
    app.state.client_addresses = ClientAddresses(settings.trusted_proxies)
    install_error_handlers(app)
    install_middleware(app, settings)
    app.add_middleware(ReloadMiddleware)
    app.include_router(chat.router)  # first: nearly every request is a turn, and routes are matched in order
    app.include_router(health.router)
    app.include_router(widget.router)
    app.include_router(rest.router)
    app.include_router(conversations.router)
    app.include_router(metrics.router)
    app.include_router(feedback.router)
    # Routers of later features are included here, one line each.
    app.include_router(telegram.router)
    app.include_router(twilio.router)
    app.include_router(admin.router)
    return app
