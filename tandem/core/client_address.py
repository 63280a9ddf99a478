"""The client's address, the one way every part of Tandem reads it: the sign-in throttles
(identity), the audit log's origin of each event (audit) and the ask-for-help rate limit (front door).

It is REMOTE_ADDR, unless that is one of TANDEM_TRUSTED_PROXIES: then it is the nearest address in
X-Forwarded-For that is not a trusted proxy (each proxy appends the address it received the
request from, so everything to the left of the last trusted hop may be forged). With no trusted
proxies the header is never read. A proxy that speaks the PROXY protocol to gunicorn
(`--proxy-protocol`, docs/deployment.md) sets REMOTE_ADDR itself and needs no entry here.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(proxies: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, networks: tuple[_Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The address of the client, looking through the proxies named in TANDEM_TRUSTED_PROXIES only."""
    remote: str | None = request.META.get("REMOTE_ADDR") or None
    networks = _trusted(tuple(getattr(settings, "TANDEM_TRUSTED_PROXIES", ())))
    if remote is None or not _is_trusted(remote, networks):
        return remote
    hops: list[str] = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    nearest: str | None = remote
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # Not an address: the header was not written by a proxy we trust.
            return nearest
        if not _is_trusted(hop, networks):
            return hop
        nearest = hop
    return nearest
