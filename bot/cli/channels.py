"""``advisor channels ...``: register and inspect the messaging channels' webhooks with their platforms."""

from __future__ import annotations

from typing import Annotated, Any

import httpx
import typer
from rich.console import Console

from bot.settings import Settings, get_settings

app = typer.Typer(help="Messaging channels (Telegram, Twilio SMS/WhatsApp).", no_args_is_help=True)
telegram_app = typer.Typer(help="The Telegram bot's webhook.", no_args_is_help=True)
app.add_typer(telegram_app, name="telegram")
console = Console()
err_console = Console(stderr=True)

TELEGRAM_WEBHOOK_PATH = "/channels/telegram/webhook"
TWILIO_WEBHOOK_PATH = "/channels/twilio/webhook"


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[red]{message}[/red]", highlight=False)
    return typer.Exit(1)


def _telegram_call(settings: Settings, method: str, payload: dict[str, Any]) -> Any:
    if not settings.telegram_bot_token:
        raise _fail("ADVISOR_TELEGRAM_BOT_TOKEN is not set; put the token @BotFather gave you in it.")
    url = f"{settings.telegram_api_base.rstrip('/')}/bot{settings.telegram_bot_token.get_secret_value()}/{method}"
    try:
        response = httpx.post(url, json=payload, timeout=httpx.Timeout(15.0, connect=5.0))
    except httpx.HTTPError as exc:
        # Not the exception text: its URL carries the bot token.
        raise _fail(f"Could not reach {settings.telegram_api_base} ({type(exc).__name__}); check the network.") from exc
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200 or not body.get("ok"):
        description = body.get("description") or f"HTTP {response.status_code}"
        raise _fail(f"Telegram refused {method}: {description}")
    return body.get("result")


@telegram_app.command("set-webhook")
def telegram_set_webhook(
    drop_pending_updates: Annotated[
        bool, typer.Option(help="Discard updates Telegram queued while no webhook was set")
    ] = False,
) -> None:
    """Register ADVISOR_PUBLIC_BASE_URL + /channels/telegram/webhook with ADVISOR_TELEGRAM_SECRET_TOKEN."""
    settings = get_settings()
    if not settings.public_base_url or not settings.public_base_url.startswith("https://"):
        raise _fail("ADVISOR_PUBLIC_BASE_URL must be the service's public https:// address (Telegram requires HTTPS).")
    if not settings.telegram_secret_token:
        raise _fail(
            "ADVISOR_TELEGRAM_SECRET_TOKEN is not set; generate one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    url = settings.public_base_url + TELEGRAM_WEBHOOK_PATH
    _telegram_call(
        settings,
        "setWebhook",
        {
            "url": url,
            "secret_token": settings.telegram_secret_token.get_secret_value(),
            "allowed_updates": ["message", "callback_query"],
            "drop_pending_updates": drop_pending_updates,
        },
    )
    console.print(f"Telegram webhook set to {url} (with the secret token).", highlight=False)


@telegram_app.command("delete-webhook")
def telegram_delete_webhook() -> None:
    """Remove the webhook: Telegram stops calling the advisor."""
    _telegram_call(get_settings(), "deleteWebhook", {})
    console.print("Telegram webhook removed.")


@telegram_app.command("info")
def telegram_info() -> None:
    """Show what Telegram knows about the webhook (URL, pending updates, last error)."""
    info = _telegram_call(get_settings(), "getWebhookInfo", {}) or {}
    for name in ("url", "pending_update_count", "last_error_date", "last_error_message", "max_connections"):
        if name in info:
            console.print(f"{name}: {info[name]}", highlight=False)
