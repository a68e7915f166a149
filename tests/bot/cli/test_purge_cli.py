from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import get_settings
from bot.store.base import Conversation
from bot.store.sqlite import SQLiteStore


def test_purge_deletes_conversations_older_than_retention(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ADVISOR_STORE", "sqlite")
    monkeypatch.setenv("ADVISOR_RETENTION_DAYS", "30")
    get_settings.cache_clear()
    store = SQLiteStore(tmp_path / "conversations.sqlite3")
    now = time.time()
    store.save(Conversation("old-conversation", updated_at=now - 31 * 86400))
    store.save(Conversation("week-old-conversation", updated_at=now - 7 * 86400))
    store.save(Conversation("new-conversation", updated_at=now))
    try:
        result = CliRunner().invoke(app, ["purge"])
        assert result.exit_code == 0, result.output
        assert "Purged 1 conversation" in result.output
        assert store.load("old-conversation") is None and store.load("week-old-conversation") is not None
        result = CliRunner().invoke(app, ["purge", "--days", "5"])
        assert "Purged 1 conversation" in result.output
        assert store.load("week-old-conversation") is None and store.load("new-conversation") is not None
    finally:
        store.close()
        get_settings.cache_clear()
