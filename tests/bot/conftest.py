"""Fixtures of the service tests: a real Redis server, app factories with chosen settings, live uvicorn servers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
import redis
from fastapi.testclient import TestClient

from bot.runtime import Runtime
from bot.store.base import ConversationStore
from bot.web.app import create_app
from tests.conftest import make_settings

MakeClient = Callable[..., TestClient]


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free loopback port, without persistence; its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not installed; the multi-worker and Redis-store tests need it. "
            "Install it with `make system-deps` (or `apt-get install redis-server`)."
        )
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
    client.close()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_cluster_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real 3-primary Redis Cluster on loopback ports (``redis-cli --cluster create``); a node's URL."""
    from tests.bot.store.redis_servers import Servers, start_cluster

    servers = Servers()
    try:
        ports = start_cluster(tmp_path_factory.mktemp("redis-cluster"), servers)
        yield f"redis://127.0.0.1:{ports[0]}/0"
    finally:
        servers.stop()


@pytest.fixture
def redis_cluster_url(redis_cluster_server: str) -> Iterator[str]:
    """The cluster, every primary emptied for this test."""
    from redis.cluster import RedisCluster

    client = RedisCluster.from_url(redis_cluster_server)
    client.flushall(target_nodes=RedisCluster.PRIMARIES)
    client.close()
    yield redis_cluster_server


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    """The Redis server, emptied for this test."""
    client = redis.Redis.from_url(redis_server)
    client.flushall()
    client.close()
    yield redis_server


@pytest.fixture
def make_client(fake_runtime: Runtime, tmp_path: Path) -> Iterator[MakeClient]:
    """A factory of started TestClients over the fast runtime with chosen settings (and optionally a store)."""
    clients: list[TestClient] = []

    def make(store: ConversationStore | str | None = None, **overrides: object) -> TestClient:
        """``store`` is a store object, or the name of the one the settings should build (``store="redis"``)."""
        values: dict[str, object] = {"rate_limit_session": "1000/minute", "rate_limit_client": "1000/minute"}
        values.update(overrides)
        if isinstance(store, str):
            values["store"], store = store, None
        settings = make_settings(fake_runtime.settings.data_dir, **values)
        client = TestClient(create_app(settings, runtime=fake_runtime, store=store))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


class LiveServer:
    """``uvicorn bot.web.app:create_app --factory`` in its own process, as production runs it."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120) -> LiveServer:
        command = [sys.executable, "-m", "uvicorn", "bot.web.app:create_app", "--factory"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--no-access-log"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server not ready in {timeout} s: {self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no goodbye."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start uvicorn processes with ``ADVISOR_*`` overrides; every one is stopped after the test."""
    servers: list[LiveServer] = []

    def start(env_extra: dict[str, str] | None = None, **settings: str) -> LiveServer:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ADVISOR_", "PROMETHEUS_"))}
        env.update(env_extra or {})
        env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ADVISOR_LOG_LEVEL": "WARNING"})
        env.update({f"ADVISOR_{k.upper()}": v for k, v in settings.items()})
        server = LiveServer(env, tmp_path / f"server-{len(servers)}.log")
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
