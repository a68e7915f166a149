"""README's "Messaging channels" section stays in step with the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from bot.channels import telegram, twilio
from bot.cli.channels import TELEGRAM_WEBHOOK_PATH, TWILIO_WEBHOOK_PATH

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
SECTION = README.split("## Messaging channels", 1)[-1].split("\n## ", 1)[0]


@pytest.mark.parametrize(
    "needle",
    [
        "ADVISOR_PUBLIC_BASE_URL",
        "ADVISOR_TELEGRAM_BOT_TOKEN",
        "ADVISOR_TELEGRAM_SECRET_TOKEN",
        "ADVISOR_TELEGRAM_API_BASE",
        "ADVISOR_TWILIO_ACCOUNT_SID",
        "ADVISOR_TWILIO_AUTH_TOKEN",
        "ADVISOR_TWILIO_API_BASE",
        TELEGRAM_WEBHOOK_PATH,
        TWILIO_WEBHOOK_PATH,
        telegram.SECRET_HEADER,
        twilio.SIGNATURE_HEADER,
        "advisor channels telegram set-webhook",
        "advisor channels telegram info",
        "advisor channels telegram delete-webhook",
        "channels.sqlite3",
    ],
)
def test_messaging_channels_section_documents(needle: str) -> None:
    assert "## Messaging channels" in README
    assert needle in SECTION, f"document {needle} in README's Messaging channels section"


def test_documented_webhook_paths_are_the_routes() -> None:
    paths = {r.path for router in (telegram.router, twilio.router) for r in router.routes if isinstance(r, APIRoute)}
    assert paths == {TELEGRAM_WEBHOOK_PATH, TWILIO_WEBHOOK_PATH}
