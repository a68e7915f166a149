"""``advisor channels telegram ...`` against the loopback Bot API stand-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import get_settings
from tests.channels.conftest import BOT_TOKEN, PUBLIC_BASE, TELEGRAM_SECRET, FakeBotApi

runner = CliRunner()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, bot_api: FakeBotApi) -> Iterator[pytest.MonkeyPatch]:
    for name, value in {
        "ADVISOR_PUBLIC_BASE_URL": PUBLIC_BASE + "/",
        "ADVISOR_TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "ADVISOR_TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "ADVISOR_TELEGRAM_API_BASE": bot_api.url,
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_set_webhook_registers_url_and_secret(env: pytest.MonkeyPatch, bot_api: FakeBotApi) -> None:
    result = runner.invoke(app, ["channels", "telegram", "set-webhook", "--drop-pending-updates"])
    assert result.exit_code == 0, result.output
    [call] = bot_api.sent("setWebhook")
    assert call == {
        "url": f"{PUBLIC_BASE}/channels/telegram/webhook",
        "secret_token": TELEGRAM_SECRET,
        "allowed_updates": ["message", "callback_query"],
        "drop_pending_updates": True,
    }
    assert "/channels/telegram/webhook" in result.output and TELEGRAM_SECRET not in result.output


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("ADVISOR_TELEGRAM_SECRET_TOKEN", None, "ADVISOR_TELEGRAM_SECRET_TOKEN is not set"),
        ("ADVISOR_TELEGRAM_BOT_TOKEN", None, "ADVISOR_TELEGRAM_BOT_TOKEN is not set"),
        ("ADVISOR_PUBLIC_BASE_URL", None, "https://"),
        ("ADVISOR_PUBLIC_BASE_URL", "http://advisor.example.org", "https://"),
    ],
)
def test_set_webhook_says_what_is_missing(
    env: pytest.MonkeyPatch, bot_api: FakeBotApi, variable: str, value: str | None, message: str
) -> None:
    if value is None:
        env.delenv(variable)
    else:
        env.setenv(variable, value)
    result = runner.invoke(app, ["channels", "telegram", "set-webhook"])
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
    assert bot_api.sent("setWebhook") == []


def test_set_webhook_reports_telegram_refusal(env: pytest.MonkeyPatch, bot_api: FakeBotApi) -> None:
    bot_api.fail.append((400, {"ok": False, "error_code": 400, "description": "Bad Request: bad webhook"}))
    result = runner.invoke(app, ["channels", "telegram", "set-webhook"])
    assert result.exit_code == 1
    assert "bad webhook" in result.output and BOT_TOKEN not in result.output


def test_webhook_info_and_delete(env: pytest.MonkeyPatch, bot_api: FakeBotApi) -> None:
    info = runner.invoke(app, ["channels", "telegram", "info"])
    assert info.exit_code == 0 and "pending_update_count: 0" in info.output
    deleted = runner.invoke(app, ["channels", "telegram", "delete-webhook"])
    assert deleted.exit_code == 0 and bot_api.sent("deleteWebhook") == [{}]
