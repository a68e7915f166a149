"""What ``make test-rasa`` starts: processes on loopback it waits for and always stops, and a recording proxy that
keeps the bodies Rasa sends to the action server (``make record-rasa``)."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

logger = logging.getLogger(__name__)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def started(
    name: str, command: list[str], *, ready_url: str, log: Path, cwd: Path, env: dict[str, str], timeout: float
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` in its own process group until the block ends; ready once ``ready_url`` answers 200."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(ready_url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start; its log ({log}) ends:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        logger.info("%s ready (pid %d)", name, process.pid)
        yield process
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group this module started (its workers too), SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def recording_proxy(port: int, target: str) -> Iterator[list[dict[str, Any]]]:
    """Forward ``POST /webhook`` on ``port`` to ``target`` (the action server) and keep each call: what Rasa sent,
    the query string it added (its endpoint token) and what the action server answered."""
    calls: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            query = self.path.partition("?")[2]
            answer = httpx.post(f"{target}?{query}", content=raw, headers={"content-type": "application/json"},
                                timeout=300)  # fmt: skip
            calls.append({"query": query, "request": json.loads(raw), "status": answer.status_code,
                          "response": answer.json()})  # fmt: skip
            self.send_response(answer.status_code)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield calls
    finally:
        server.shutdown()
        server.server_close()
