"""The client's address for per-client limits, with proxies trusted only when the operator names them.

uvicorn rewrites the client address from ``X-Forwarded-For`` whenever the peer is in its ``forwarded_allow_ips``
(127.0.0.1 unless ``FORWARDED_ALLOW_IPS`` says otherwise), so any client on the same host, or behind a proxy that
passes the header through, could claim a new address per request and walk around the per-client limit (review M2).
Here the header counts only when the TCP peer is in ``ADVISOR_TRUSTED_PROXIES`` (default: none). ``advisor serve``
starts uvicorn without its proxy handling; when uvicorn was started with it anyway and rewrote the address, the
rewrite is undone (the address it put in ``scope["client"]`` came from the header) and the peer is taken to be the
host uvicorn trusted.

Behind trusted proxies the client is the right-most address of ``X-Forwarded-For`` that is not itself a trusted
proxy (each proxy appends the address it saw, so everything left of that can be forged by the client).
IPv6 clients share one bucket per /64: a single host usually holds a whole /64 and could otherwise rotate through it.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Iterable

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
UVICORN_TRUSTED = "uvicorn-trusted-proxy"  # the bucket of a peer uvicorn hid and that cannot be named


def parse_networks(values: Iterable[str]) -> list[IPNetwork]:
    """Addresses or CIDR ranges; raises ValueError naming the entry that is neither."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(
                f"{value!r} is not an IP address or range; write proxies like '10.0.0.5', '10.0.0.0/8' or '::1'"
            ) from exc
    return networks


def _parse_hop(value: str) -> IPAddress | None:
    """One ``X-Forwarded-For`` entry (``1.2.3.4``, ``1.2.3.4:5678``, ``[::1]:80``, ``::1``) as an address."""
    value = value.strip()
    if value.startswith("["):
        value = value[1 : value.find("]")] if "]" in value else value
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def bucket(address: IPAddress) -> str:
    """The rate-limit key of an address: IPv4 as it is, IPv6 by its /64."""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class ClientAddresses:
    def __init__(self, trusted_proxies: Iterable[str] = ()) -> None:
        self.trusted = parse_networks(trusted_proxies)
        self._warned = False

    def _is_trusted(self, address: IPAddress | None) -> bool:
        return address is not None and any(address in network for network in self.trusted)

    def client(self, peer_host: str | None, forwarded_for: list[str]) -> str | None:
        """The client's rate-limit key from the ASGI ``client`` host and the ``X-Forwarded-For`` header values."""
        if peer_host is None:
            return None
        hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
        peer = _parse_hop(peer_host)
        if hops and any(hop.strip() == peer_host or _parse_hop(hop) == peer for hop in hops):
            peer = self._uvicorn_peer()
        if peer is None:
            return UVICORN_TRUSTED if hops else peer_host  # a Unix socket or the like: its name is the bucket
        client = peer
        if self._is_trusted(peer):
            for hop in reversed(hops):
                address = _parse_hop(hop)
                if address is None:
                    break  # a malformed entry: the last address a trusted proxy vouched for stays the client
                client = address
                if not self._is_trusted(address):
                    break
        return bucket(client)

    def _uvicorn_peer(self) -> IPAddress | None:
        """The peer when uvicorn's proxy handling replaced it: the one host uvicorn trusts, or None if several."""
        if not self._warned:
            self._warned = True
            logger.warning(
                "uvicorn rewrote the client address from X-Forwarded-For; it is ignored unless the proxy is in "
                "ADVISOR_TRUSTED_PROXIES. Start with `advisor serve` or `uvicorn --no-proxy-headers`"
            )
        allowed = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1").split(",")
        return _parse_hop(allowed[0]) if len(allowed) == 1 and "/" not in allowed[0] else None
