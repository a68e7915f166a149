"""H1: one request with a long metadata string stalled a worker for seconds (a quadratic e-mail pattern on the event
loop). Redaction is linear now, and metadata has a schema bound: past it, a 422 at once."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

import httpx
import pytest

from bot.privacy import redact, redact_value
from tests.security.conftest import StartServer

BIG = "a" * 60000  # the review's probe: under the 64 KB body limit


def best_time(text: str) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        redact(text)
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.parametrize(
    "unit",
    ["a", "a@", "x@b.", "é", "a" * 100 + "@", "905 ", "046 454 286 ", "+1 "],
    ids=["letters", "at-signs", "dotted-domain", "accented", "runs-and-ats", "digit-groups", "sins", "plus-ones"],
)
def test_redact_is_linear(unit: str) -> None:
    """8 times the text costs about 8 times the time (the old e-mail pattern: about 64 times, 7-12 s at 64 KB).
    A ratio, not a stopwatch: this machine is shared, and load slows both sizes alike."""
    small, large = ((unit * (n // len(unit) + 1))[:n] for n in (8_000, 64_000))
    large_time = best_time(large)
    ratio = large_time / max(best_time(small), 1e-4)
    assert ratio < 24, f"64 KB took {ratio:.0f}x the time of 8 KB"
    assert large_time < 2.0


def test_redact_value_drops_long_strings_instead_of_scanning_them() -> None:
    assert redact_value({"lang": "fr", "note": BIG, "mail": "jöhn@example.com"}) == {
        "lang": "fr",
        "note": None,
        "mail": "[email]",
    }


@pytest.mark.real
def test_big_metadata_is_refused_at_once_and_healthz_is_not_stalled(start_server: StartServer) -> None:
    server = start_server(rate_limit_client="10000/minute", rate_limit_session="10000/minute")
    with httpx.Client(base_url=server.url, timeout=30) as http:
        # The widget's metadata still works.
        ok = http.post("/chat", json={"message": "hello", "metadata": {"lang": "fr"}})
        assert ok.status_code == 200, ok.text
        normal = []
        for _ in range(5):
            started = time.perf_counter()
            http.post("/chat", json={"message": "hello", "metadata": {"lang": "en"}})
            normal.append(time.perf_counter() - started)

        big = {"message": "hello", "metadata": {"note": BIG}}
        for path, body in (("/chat", big), ("/webhooks/rest/webhook", {**big, "sender": "probe-metadata-0001"})):
            started = time.perf_counter()
            refused = http.post(path, json=body)
            took = time.perf_counter() - started
            assert refused.status_code == 422, refused.text
            assert "metadata" in refused.json()["error"] and "256" in refused.json()["error"]
            assert took < statistics.median(normal) + 0.1

        for bad, bound in (
            ({f"k{i}": i for i in range(17)}, "16 keys"),
            ({"a": {"b": {"c": {"d": 1}}}}, "deeper than 3"),
            ({"a": ["x" * 200] * 12}, "to 2048 or fewer"),
        ):
            refused = http.post("/chat", json={"message": "hello", "metadata": bad})
            assert refused.status_code == 422 and bound in refused.json()["error"], refused.text

    # One worker; 8 such requests in flight at a time (from another process, so this one's timings are its own)
    # while /healthz is probed 20 times: the slowest must be under 50 ms (before the fix each of these requests held
    # the event loop for seconds: 6.9 s in the review). This machine is shared by several test runs (2 cores, load
    # average up to 10): where /healthz alone is already slower than a few ms, up to five times its own slowest probe
    # counts (measured at load average 5-7: idle 7 ms, under the flood 19-25 ms), and the best of up to 5 rounds.
    baseline = max(probe_healthz(server.url) for _ in range(2))
    allowed = max(0.05, 5 * baseline)
    rounds: list[float] = []
    while len(rounds) < 5 and (not rounds or min(rounds) >= allowed):
        rounds.append(slowest_healthz(server.url, json.dumps(big)))
    assert min(rounds) < allowed, (
        f"slowest /healthz per round: {[f'{r * 1000:.0f} ms' for r in rounds]}; idle: {baseline * 1000:.0f} ms"
    )


def probe_healthz(url: str) -> float:
    probes = []
    with httpx.Client(base_url=url, timeout=30) as http:
        for _ in range(20):
            started = time.perf_counter()
            assert http.get("/healthz").status_code == 200
            probes.append(time.perf_counter() - started)
            time.sleep(0.02)
    return max(probes)


def slowest_healthz(url: str, body: str) -> float:
    flood = subprocess.Popen([sys.executable, "-c", FLOOD, url, body])
    try:
        time.sleep(1.0)
        assert flood.poll() is None, "the flood stopped: a big-metadata request was not refused with 422"
        return probe_healthz(url)
    finally:
        flood.terminate()
        flood.wait(timeout=10)


# Eight connections, each sending the request again as soon as its 422 is back. Raw HTTP/1.1 over asyncio: an HTTP
# client library would spend more of the shared CPU than the server does.
FLOOD = """
import asyncio, sys
from urllib.parse import urlsplit
url, body = urlsplit(sys.argv[1]), sys.argv[2].encode()
request = (f"POST /chat HTTP/1.1\\r\\nHost: {url.netloc}\\r\\nContent-Type: application/json\\r\\n"
           f"Content-Length: {len(body)}\\r\\n\\r\\n").encode() + body
async def send():
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    while True:
        writer.write(request)
        head = await reader.readuntil(b"\\r\\n\\r\\n")
        assert head.startswith(b"HTTP/1.1 422"), head
        length = int(head.lower().split(b"content-length: ")[1].split(b"\\r\\n")[0])
        await reader.readexactly(length)
async def main():
    await asyncio.gather(*(send() for _ in range(8)))
asyncio.run(main())
"""
