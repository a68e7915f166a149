"""Fixtures of the security tests: the review's probes run against a real uvicorn process with a real SQLite store."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.runtime import Runtime
from tests.bot.conftest import LiveServer
from tests.channels.conftest import bot_api  # noqa: F401  (the loopback Telegram Bot API fixture)

StartServer = Callable[..., LiveServer]


@pytest.fixture
def start_server(fake_runtime: Runtime, tmp_path: Path) -> Iterator[StartServer]:
    """Start ``uvicorn bot.app:create_app --factory`` (one worker, SQLite in a fresh data directory, the index of the
    fast runtime) with ``ADVISOR_*`` overrides; each one is stopped after the test."""
    servers: list[LiveServer] = []
    index_dir = fake_runtime.settings.data_dir

    def start(env_extra: dict[str, str] | None = None, **settings: str) -> LiveServer:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ADVISOR_", "PROMETHEUS_"))}
        env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ADVISOR_LOG_LEVEL": "WARNING"})
        values = {"store": "sqlite", "embedder": "fake", "data_dir": str(index_dir)}
        values.update(settings)
        env.update({f"ADVISOR_{k.upper()}": v for k, v in values.items()})
        env.update(env_extra or {})
        server = LiveServer(env, tmp_path / f"server-{len(servers)}.log")
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
