"""A real advisor server and Debian's Chromium for the widget's browser tests and screenshots.

Shared by ``conftest.py`` and ``screenshots.py`` so both drive exactly the same server and browser.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google, which this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERVER_START_TIMEOUT_S = 180.0


class HarnessError(RuntimeError):
    """The browser or the server could not be started; the message says how to fix it."""


def require_chromium() -> Path:
    if not CHROMIUM.exists():
        raise HarnessError(
            f"{CHROMIUM} is missing: run `apt-get install -y chromium` (or `make system-deps`, which `make test` runs)"
        )
    return CHROMIUM


def require_axe() -> Path:
    if not AXE_SCRIPT.exists():
        raise HarnessError(f"{AXE_SCRIPT} is missing: run `npm ci` at the repository root (or `make node-deps`)")
    return AXE_SCRIPT


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HarnessError(f"the advisor server exited with {process.returncode}:\n{log_path.read_text()[-4000:]}")
        with (
            contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(url, timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.25)
    raise HarnessError(f"the advisor server did not answer {url} within {SERVER_START_TIMEOUT_S:.0f} s")


@contextlib.contextmanager
def run_server(env: dict[str, str] | None = None) -> Iterator[str]:
    """Start ``uvicorn bot.web.app:create_app --factory`` with the real model on a free loopback port (``env``: more
    ``ADVISOR_*`` settings, or other ones)."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="advisor-widget-") as tmp:
        log_path = Path(tmp) / "server.log"
        env = {
            **os.environ,
            "ADVISOR_DATA_DIR": str(Path(tmp) / "data"),
            # Every browser test talks from 127.0.0.1; the per-client limit is not what these tests are about.
            "ADVISOR_RATE_LIMIT_CLIENT": "10000/minute",
            "ADVISOR_RATE_LIMIT_SESSION": "10000/minute",
            **(env or {}),
        }
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "bot.web.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ]
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(f"{base_url}/readyz", process, log_path)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def run_browser() -> Iterator[Browser]:
    executable = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
