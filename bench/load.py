"""Load generator: POST /chat on loopback at a fixed concurrency, bounded in count and time. Prints JSON.

A separate process from the server and from the orchestrator, and deliberately lean (pre-encoded HTTP/1.1
requests on keep-alive connections over asyncio streams, uvloop when present) so that on a small machine it
takes as little CPU as possible from the server it measures.

    python -m bench.load --port 8123 --queries q.json --concurrency 8 --duration 8 --max-requests 20000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def build_requests(host: str, port: int, path: str, messages: list[str]) -> list[bytes]:
    out = []
    for message in messages:
        body = json.dumps({"message": message}).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
        ).encode()
        out.append(head + body)
    return out


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = 0
    for line in lines[1:]:
        if line[:15].lower() == b"content-length:":
            length = int(line[15:].strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


def result_ids(body: bytes) -> list[str]:
    try:
        return [str(r["id"]) for r in json.loads(body).get("results", [])]
    except (ValueError, AttributeError, KeyError, TypeError):
        return []


async def run_load(
    host: str,
    port: int,
    requests: list[bytes],
    *,
    concurrency: int,
    duration: float,
    max_requests: int,
    record: list[list[str]] | None = None,
) -> dict[str, Any]:
    """Each of ``concurrency`` connections sends its next request as soon as the previous answer is read, until
    ``max_requests`` are sent or ``duration`` seconds have passed. Requests are taken in order, once each.
    With ``record`` (concurrency 1), the result ids of each answer are appended to it, in order."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    next_index = 0
    limit = min(max_requests, len(requests))
    started = time.perf_counter()
    deadline = started + duration

    async def worker() -> None:
        nonlocal next_index
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while next_index < limit and time.perf_counter() < deadline:
                request = requests[next_index]
                next_index += 1
                t0 = time.perf_counter()
                try:
                    writer.write(request)
                    status, body = await _read_response(reader)
                except Exception as exc:  # any failure is an error of the run, counted, then a fresh connection
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    continue
                latencies.append(time.perf_counter() - t0)
                if record is not None:
                    record.append(result_ids(body))
                if status != 200:
                    errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return summarise(latencies, errors, elapsed=elapsed, concurrency=concurrency)


def percentile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return float("nan")
    index = min(len(sorted_ms) - 1, max(0, round(q / 100 * len(sorted_ms) + 0.5) - 1))
    return sorted_ms[index]


def summarise(latencies: list[float], errors: dict[str, int], *, elapsed: float, concurrency: int) -> dict[str, Any]:
    ms = sorted(t * 1000 for t in latencies)
    return {
        "concurrency": concurrency,
        "requests": len(ms),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "seconds": round(elapsed, 3),
        "throughput": round(len(ms) / elapsed, 1) if elapsed > 0 else 0.0,
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "max_ms": round(ms[-1], 3) if ms else float("nan"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8123/chat")
    parser.add_argument("--queries", type=Path, required=True, help="JSON list of messages, sent in order")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--duration", type=float, default=10.0, help="stop sending after this many seconds")
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--record", type=Path, help="save the result ids of every answer here (concurrency 1)")
    args = parser.parse_args(argv)
    url = urlsplit(args.url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    if host not in LOOPBACK:
        parser.error("the benchmark only loads servers on loopback")
    messages = json.loads(args.queries.read_text())
    requests = build_requests(host, port, url.path or "/chat", messages)
    record: list[list[str]] | None = [] if args.record else None
    load = run_load(
        host,
        port,
        requests,
        concurrency=args.concurrency,
        duration=args.duration,
        max_requests=args.max_requests,
        record=record,
    )
    try:
        import uvloop  # uvicorn[standard] brings it; a faster loop leaves more CPU to the server
    except ImportError:  # pragma: no cover
        result = asyncio.run(load)
    else:
        result = uvloop.run(load)
    if args.record and record is not None:
        args.record.write_text(json.dumps(record))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
