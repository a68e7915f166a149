"""The app factory. Nothing happens at import; the lifespan loads settings, knowledge and index once."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from bot import __version__
from bot.channels import telegram, twilio
from bot.dialogue import Advisor
from bot.errors import install_error_handlers
from bot.routes import chat, health, widget
from bot.runtime import Runtime, load_runtime
from bot.settings import Settings, get_settings
from bot.store import ConversationStore, MemoryStore

logger = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None, *, runtime: Runtime | None = None, store: ConversationStore | None = None
) -> FastAPI:
    """Build the service. Tests pass their own settings, a preloaded runtime (e.g. with the fake embedder) or store."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = runtime or load_runtime(settings)
        app.state.runtime = loaded
        app.state.advisor = Advisor(
            kb=loaded.kb,
            searcher=loaded.searcher,
            store=store or MemoryStore(),
            page_size=settings.page_size,
            idle_minutes=settings.session_idle_minutes,
        )
        logger.info("advisor ready: %d records", loaded.searcher.size)
        yield

    app = FastAPI(
        title="Credential advisor",
        version=__version__,
        lifespan=lifespan,
        description="Finds short, industry-focused training (micro-credentials) in Durham Region, Ontario.",
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(chat.router)
    app.include_router(widget.router)
    # Routers of later features are included here, one line each.
    app.include_router(telegram.router)
    app.include_router(twilio.router)
    return app
