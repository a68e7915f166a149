"""M2: the per-client limit could be walked around with X-Forwarded-For (uvicorn trusts it from 127.0.0.1)."""

from __future__ import annotations

import httpx
import pytest

from bot.settings import Settings
from bot.web.proxies import ClientAddresses
from tests.security.conftest import StartServer


def statuses(url: str, count: int, forwarded: list[str] | None = None) -> list[int]:
    out = []
    with httpx.Client(base_url=url, timeout=30) as http:
        for i in range(count):
            headers = {"X-Forwarded-For": forwarded[i % len(forwarded)]} if forwarded else {}
            out.append(http.post("/chat", json={"message": "hi"}, headers=headers).status_code)
    return out


@pytest.mark.real
def test_forwarded_for_is_ignored_by_default_however_uvicorn_was_started(start_server: StartServer) -> None:
    # The review's probe, scaled down: uvicorn with its defaults (proxy headers on, 127.0.0.1 trusted).
    server = start_server(rate_limit_client="10/minute")
    codes = statuses(server.url, 13, [f"198.51.100.{i}" for i in range(1, 14)])
    assert codes[:10] == [200] * 10
    assert codes[10:] == [429] * 3


@pytest.mark.real
def test_a_trusted_proxy_names_the_client(start_server: StartServer) -> None:
    server = start_server(rate_limit_client="10/minute", trusted_proxies='["127.0.0.1"]')
    assert statuses(server.url, 12, [f"198.51.100.{i}" for i in range(1, 13)]) == [200] * 12
    # The client forged a left-hand entry; the proxy appended the real one: the real one is counted.
    forged = [f"203.0.113.{i}, 192.0.2.7" for i in range(1, 13)]
    assert statuses(server.url, 12, forged)[10:] == [429, 429]


def test_client_address_rules() -> None:
    none = ClientAddresses()
    assert none.client("192.0.2.1", []) == "192.0.2.1"
    assert none.client("192.0.2.1", ["198.51.100.9"]) == "192.0.2.1"  # not a trusted peer: header ignored
    # IPv6 clients are counted per /64; IPv4-mapped addresses as IPv4.
    assert none.client("2001:db8:1:2:aaaa::1", []) == none.client("2001:db8:1:2:ffff::9", []) == "2001:db8:1:2::/64"
    assert none.client("2001:db8:1:3::1", []) == "2001:db8:1:3::/64"
    assert none.client("::ffff:192.0.2.4", []) == "192.0.2.4"
    proxies = ClientAddresses(["10.0.0.0/24", "::1"])
    assert proxies.client("10.0.0.5", ["198.51.100.9"]) == "198.51.100.9"
    assert proxies.client("10.0.0.5", ["6.6.6.6, 198.51.100.9, 10.0.0.4"]) == "198.51.100.9"
    assert proxies.client("::1", ["[2001:db8::1]:443"]) == "2001:db8::/64"
    assert proxies.client("10.0.0.5", ["not-an-address"]) == "10.0.0.5"
    assert proxies.client("192.0.2.1", ["198.51.100.9"]) == "192.0.2.1"


def test_trusted_proxies_setting_says_what_to_fix() -> None:
    with pytest.raises(ValueError, match="not an IP address or range"):
        Settings(trusted_proxies=["nginx"])
    assert Settings().trusted_proxies == []
