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


@pytest.mark.parametrize(
    "text",
    [
        "a" * 65400,
        "a@" * 32700,
        "x@" + "b." * 32700,
        "x@" + "b" * 65400,
        "é" * 65400,
        ("a" * 100 + "@") * 647,
        "905 " * 16350,
        "046 454 286 " * 5450,
    ],
    ids=["letters", "at-signs", "dotted-domain", "long-domain", "accented", "runs-and-ats", "digit-groups", "sins"],
)
def test_redact_is_linear_on_64_kb(text: str) -> None:
    started = time.perf_counter()
    redact(text)
    assert time.perf_counter() - started < 0.25  # the old pattern: 7-12 s on the first


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
    # while /healthz is probed 20 times. The machine is shared (2 cores, other test runs): the best of 5 rounds
    # counts. Before the fix each of these requests held the event loop for seconds.
    rounds = [slowest_healthz(server.url, json.dumps(big)) for _ in range(5)]
    assert min(rounds) < 0.05, f"slowest /healthz per round: {[f'{r * 1000:.0f} ms' for r in rounds]}"


def slowest_healthz(url: str, body: str) -> float:
    flood = subprocess.Popen([sys.executable, "-c", FLOOD, url, body])
    probes = []
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            time.sleep(1.0)
            assert flood.poll() is None, "the flood stopped: a big-metadata request was not refused with 422"
            for _ in range(20):
                started = time.perf_counter()
                assert http.get("/healthz").status_code == 200
                probes.append(time.perf_counter() - started)
                time.sleep(0.02)
    finally:
        flood.terminate()
        flood.wait(timeout=10)
    return max(probes)


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
