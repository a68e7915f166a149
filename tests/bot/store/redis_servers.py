"""Real Redis topologies on loopback ports, started by the tests: a 3-primary Redis Cluster, and a primary with a
replica watched by a Sentinel. Only Debian's redis-server and redis-cli (``make system-deps``) are needed: Sentinel
is ``redis-server --sentinel``, the same binary the ``redis-sentinel`` package links to."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis

from tests.bot.conftest import free_port

INSTALL = "Install it with `make system-deps` (or `apt-get install redis-server`, which brings redis-cli)."


def binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; the Redis Cluster and Sentinel tests need it. {INSTALL}")
    return found


def wait_for(check: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except redis.RedisError:
            pass
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


@dataclass
class Servers:
    """The processes of one topology; ``stop`` ends every one still running."""

    processes: dict[int, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, port: int, args: list[str], log: Path) -> None:
        with log.open("ab") as out:
            self.processes[port] = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        wait_for(lambda: ping(port), timeout=10, what=f"port {port}")

    def kill(self, port: int) -> None:
        """SIGKILL: the server dies without a word to its replicas or clients."""
        process = self.processes[port]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def ping(port: int) -> bool:
    with redis.Redis(port=port, socket_timeout=1) as client:
        return bool(client.ping())


def server_args(port: int, workdir: Path, *extra: str) -> list[str]:
    return [binary("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", str(workdir), *extra]  # fmt: skip


def cluster_port() -> int:
    """A free port whose cluster-bus port (10000 higher) is free too."""
    while True:
        port = free_port()
        if port > 55535:
            continue
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as bus:
            try:
                bus.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port


def start_cluster(workdir: Path, servers: Servers) -> list[int]:
    """Three primaries (no replicas) joined into one cluster with ``redis-cli --cluster create``; their ports."""
    ports = [cluster_port() for _ in range(3)]
    for port in ports:
        node = workdir / str(port)
        node.mkdir()
        args = server_args(port, node, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                           "--cluster-node-timeout", "2000")  # fmt: skip
        servers.start(port, args, node / "log")
    created = subprocess.run(
        [binary("redis-cli"), "--cluster", "create", *(f"127.0.0.1:{p}" for p in ports), "--cluster-yes"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert created.returncode == 0, created.stdout + created.stderr

    def ready() -> bool:
        for port in ports:
            with redis.Redis(port=port, decode_responses=True) as client:
                info = client.execute_command("CLUSTER INFO")
            if not ("cluster_state:ok" in str(info) or info.get("cluster_state") == "ok"):
                return False
        return True

    wait_for(ready, timeout=20, what="the cluster to agree on its slots")
    return ports


@dataclass
class SentinelSet:
    primary: int
    replica: int
    sentinel: int
    service: str = "advisor"


def start_sentinel_set(workdir: Path, servers: Servers) -> SentinelSet:
    """A primary, its replica and one Sentinel (quorum 1, failover after 500 ms of silence)."""
    found = SentinelSet(primary=free_port(), replica=free_port(), sentinel=free_port())
    # No diskless-sync delay: the replica's first sync would otherwise wait 5 s for more replicas to join.
    primary = ("--repl-diskless-sync-delay", "0")
    for port, extra in ((found.primary, primary), (found.replica, ("--replicaof", "127.0.0.1", str(found.primary)))):
        node = workdir / str(port)
        node.mkdir()
        servers.start(port, server_args(port, node, *extra), node / "log")

    def replica_linked() -> bool:  # it acknowledges writes (for a moment after its first sync, WAIT still gets 0)
        with redis.Redis(port=found.primary) as client, client.pipeline(transaction=False) as pipe:
            pipe.set("replica-check", "1")
            pipe.execute_command("WAIT", 1, 200)
            return bool(pipe.execute()[1] == 1)

    wait_for(replica_linked, timeout=10, what="the replica to sync")
    node = workdir / str(found.sentinel)
    node.mkdir()
    config = node / "sentinel.conf"
    config.write_text(
        f"port {found.sentinel}\nbind 127.0.0.1\ndir {node}\n"
        f"sentinel monitor {found.service} 127.0.0.1 {found.primary} 1\n"
        f"sentinel down-after-milliseconds {found.service} 500\n"
        f"sentinel failover-timeout {found.service} 5000\n"
    )
    servers.start(found.sentinel, [binary("redis-server"), str(config), "--sentinel"], node / "log")

    def replica_known() -> bool:
        with redis.Redis(port=found.sentinel) as client:
            return len(client.execute_command("SENTINEL", "REPLICAS", found.service)) >= 1

    wait_for(replica_known, timeout=15, what="the Sentinel to discover the replica")
    return found
