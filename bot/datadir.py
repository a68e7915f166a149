"""Data at rest: the data directory is private to the service's user (0700) and the databases in it 0600.

Conversations are redacted but still personal (a person's situation and what they look for), and SQLite creates its
files, and their ``-wal`` and ``-shm`` companions, with the process umask (usually 0644: readable by every local user).
The databases are created here first with mode 0600, and SQLite gives its companions the mode of their database.
Existing files from earlier versions are tightened on start (review L10).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from bot.settings import Settings

DATABASES = ("conversations.sqlite3", "channels.sqlite3")
COMPANIONS = ("", "-wal", "-shm", "-journal", ".purge")  # .purge: the scheduled purge's lock and last run


def secure_data_dir(settings: Settings) -> None:
    """Create or tighten the data directory (0700) and its SQLite files (0600), before any store opens them."""
    data_dir = Path(settings.data_dir)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(data_dir, 0o700)
    for name in DATABASES:
        path = data_dir / name
        if settings.store == "sqlite" or name == "channels.sqlite3":
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # an empty file is an empty database
            if name == "conversations.sqlite3":
                Path(f"{path}.locks").mkdir(mode=0o700, exist_ok=True)  # the SQLite store's lock files
        for suffix in COMPANIONS:
            with contextlib.suppress(FileNotFoundError):
                os.chmod(f"{path}{suffix}", 0o600)
    for entry in data_dir.iterdir():  # lock directories and files beside the databases
        if entry.name.startswith(DATABASES) and entry.is_dir():
            os.chmod(entry, 0o700)
