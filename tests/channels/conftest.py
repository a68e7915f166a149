"""Channel fixtures: a real loopback HTTP server standing in for the Telegram Bot API, apps with channel secrets."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.runtime import Runtime
from bot.settings import Settings
from bot.web.app import create_app
from tests.conftest import make_settings

BOT_TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
TELEGRAM_SECRET = "s3cret_Token-for-tests-0123456789abcdef"  # at least 32 characters (review L6)
TWILIO_SID = "AC" + "a" * 32
TWILIO_TOKEN = "12345678901234567890123456789012"
PUBLIC_BASE = "https://advisor.example.org"


@dataclass
class BotApiCall:
    method: str
    body: dict[str, Any]


@dataclass
class FakeBotApi:
    """Records every Bot API call; ``fail`` queues status codes (and bodies) to answer before succeeding."""

    url: str
    calls: list[BotApiCall] = field(default_factory=list)
    fail: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    delay: float = 0.0  # seconds before answering, to stand in for a slow platform
    lock: threading.Lock = field(default_factory=threading.Lock)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        with self.lock:
            return [c.body for c in self.calls if c.method == method]

    def texts(self) -> list[str]:
        return [str(body["text"]) for body in self.sent()]


def _handler(api: FakeBotApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            prefix, _, method = self.path.rpartition("/")
            if prefix != f"/bot{BOT_TOKEN}":
                self._answer(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            time.sleep(api.delay)
            with api.lock:
                api.calls.append(BotApiCall(method, body))
                failure = api.fail.pop(0) if api.fail else None
            if failure is not None:
                self._answer(*failure)
                return
            if method == "sendMessage":
                result: Any = {"message_id": len(api.calls), "chat": {"id": body.get("chat_id")}, "text": body["text"]}
            elif method == "getWebhookInfo":
                result = {"url": "https://advisor.example.org/channels/telegram/webhook", "pending_update_count": 0}
            else:
                result = True
            self._answer(200, {"ok": True, "result": result})

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    return Handler


@pytest.fixture
def bot_api() -> Iterator[FakeBotApi]:
    api = FakeBotApi(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def channel_settings(data_dir: Path, api_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "public_base_url": PUBLIC_BASE,
        "telegram_bot_token": BOT_TOKEN,
        "telegram_secret_token": TELEGRAM_SECRET,
        "telegram_api_base": api_url,
        "twilio_account_sid": TWILIO_SID,
        "twilio_auth_token": TWILIO_TOKEN,
    }
    values.update(overrides)
    return make_settings(data_dir, **values)


def make_client(runtime: Runtime, settings: Settings) -> TestClient:
    return TestClient(create_app(settings, runtime=runtime))


@pytest.fixture
def channel_client(fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path) -> Iterator[TestClient]:
    with make_client(fake_runtime, channel_settings(tmp_path / "data", bot_api.url)) as client:
        yield client


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
