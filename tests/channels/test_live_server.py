"""The webhooks behind a real uvicorn server on loopback: Telegram is answered before the (slow) Bot API is called."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from bot.channels.telegram import SECRET_HEADER
from bot.runtime import Runtime
from bot.web.app import create_app
from tests.channels.conftest import TELEGRAM_SECRET, FakeBotApi, channel_settings
from tests.channels.test_telegram import MESSAGE_UPDATE


@pytest.fixture
def live_url(fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path, unused_port: int) -> Iterator[str]:
    app = create_app(channel_settings(tmp_path / "data", bot_api.url), runtime=fake_runtime)
    config = uvicorn.Config(app, host="127.0.0.1", port=unused_port, log_level="warning", ws="none", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{unused_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


@pytest.mark.real
def test_telegram_webhook_answers_before_the_slow_bot_api(live_url: str, bot_api: FakeBotApi) -> None:
    bot_api.delay = 1.5
    started = time.monotonic()
    response = httpx.post(
        f"{live_url}/channels/telegram/webhook", json=MESSAGE_UPDATE, headers={SECRET_HEADER: TELEGRAM_SECRET}
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 200 and response.json() == {"status": "accepted"}
    assert elapsed < 1.0, f"the webhook waited {elapsed:.2f}s for the Bot API"
    deadline = time.monotonic() + 15
    while not bot_api.sent():
        assert time.monotonic() < deadline, "the reply never reached the Bot API"
        time.sleep(0.05)
    assert bot_api.sent()[0]["chat_id"] == MESSAGE_UPDATE["message"]["chat"]["id"]
