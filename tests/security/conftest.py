"""Fixtures of the security tests: the review's probes run against a real uvicorn process with a real SQLite store."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.runtime import Runtime
from tests.bot.conftest import LiveServer, live_server  # noqa: F401  (start_server builds on it)
from tests.channels.conftest import bot_api  # noqa: F401  (the loopback Telegram Bot API fixture)

StartServer = Callable[..., LiveServer]


@pytest.fixture
def start_server(live_server: StartServer, fake_runtime: Runtime) -> StartServer:  # noqa: F811
    """``uvicorn bot.web.app:create_app --factory`` (one worker, SQLite, the fake embedder, in the fast runtime's data
    directory where its index is built) with ``ADVISOR_*`` overrides; each one is stopped after the test."""

    def start(env_extra: dict[str, str] | None = None, **settings: str) -> LiveServer:
        values = {"store": "sqlite", "embedder": "fake", "data_dir": str(fake_runtime.settings.data_dir)}
        return live_server(env_extra, **{**values, **settings})

    return start
