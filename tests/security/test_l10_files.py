"""L10: the databases, their WAL and the data directory were created with the process umask (644/755)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import httpx
import pytest

from bot.runtime import Runtime
from tests.security.conftest import StartServer


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.real
def test_data_at_rest_is_private_to_the_service(start_server: StartServer, fake_runtime: Runtime) -> None:
    data_dir = fake_runtime.settings.data_dir  # the data directory start_server uses
    # What the review saw (P16): a directory and databases every local user could read, as left by earlier versions.
    (data_dir / "conversations.sqlite3").touch()
    for path in [data_dir, *data_dir.glob("*.sqlite3*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    server = start_server(rate_limit_client="1000/minute")
    assert httpx.post(f"{server.url}/chat", json={"message": "cybersecurity"}, timeout=30).status_code == 200
    files = sorted(data_dir.glob("*.sqlite3*"))
    assert {"conversations.sqlite3", "conversations.sqlite3-wal", "channels.sqlite3"} <= {f.name for f in files}
    assert mode(data_dir) == 0o700
    for path in files:
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path
