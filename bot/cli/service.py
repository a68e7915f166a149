"""``advisor purge``: delete conversations older than the retention period (PIPEDA principle 5)."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.console import Console

from bot.settings import get_settings
from bot.store.base import StoreError, make_store

console = Console()


def purge(
    days: Annotated[int | None, typer.Option(min=1, help="Delete conversations idle this many days")] = None,
) -> None:
    """Delete every conversation whose last message is older than the retention period. Run it daily (cron)."""
    settings = get_settings()
    keep_days = days or settings.retention_days
    store = make_store(settings)
    try:
        removed = store.purge(time.time() - keep_days * 86400)
    except StoreError as exc:
        console.print(f"[red]Purge failed[/red]: {exc.reason}. Check ADVISOR_STORE / ADVISOR_REDIS_URL.")
        raise typer.Exit(1) from exc
    finally:
        store.close()
    console.print(f"Purged {removed} conversation(s) idle for more than {keep_days} day(s) ({settings.store} store).")
