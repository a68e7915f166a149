"""Fixtures of the insights tests: an app with analytics on (fake embedder, memory store)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.runtime import Runtime
from bot.web.app import create_app
from tests.channels.conftest import bot_api  # noqa: F401 - the Bot API stand-in, for the Telegram tests here
from tests.conftest import make_settings


def read_events(data_dir: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted((data_dir / "insights" / "events").glob("day=*/*.jsonl"))
        for line in path.read_text().splitlines()
    ]


@pytest.fixture
def insights_client(fake_runtime: Runtime, tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path / "data", analytics=True, insights_secret="s" * 32)
    app = create_app(settings, runtime=fake_runtime)
    with TestClient(app) as test_client:
        yield test_client
