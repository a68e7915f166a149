"""Action servers started as subprocesses on loopback for the tests, stopped when the block ends."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.rasa.processes import free_port

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def running(
    command: list[str], tmp: pytest.TempPathFactory, log: Path | None = None, **extra_env: str
) -> Iterator[str]:
    """Start an action server command on a free port and yield its base URL once /health answers (its output goes to
    ``log`` when given)."""
    port = free_port()
    env = {
        **os.environ,
        "ADVISOR_DATA_DIR": str(tmp.mktemp("action-server-data")),
        "SANIC_HOST": "127.0.0.1",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "PYTHONPATH": str(ROOT),
        **extra_env,
    }
    log = log or tmp.mktemp("action-server-log") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=tmp.mktemp("action-server-cwd"),  # no .env or endpoints.yml of the checkout
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"action server did not start:\n{log.read_text()}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
