"""Which network addresses may be fetched: a URL from a sitemap must not reach inside.

A sitemap or a redirect can point at ``http://127.0.0.1:8080/admin``, ``169.254.169.254``
(cloud metadata) or a printer on the office network. Every host is resolved and refused
when any of its addresses is loopback, private, link-local, multicast, unspecified or
reserved, unless the run allows that network (``--allow-private-network``); the client also
checks the address it actually connected to, so a DNS answer that changes between the check
and the connection is caught too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
EVERYWHERE: tuple[str, ...] = ("0.0.0.0/0", "::/0")


class RefusedAddress(Exception):
    """A host or address this run may not contact."""


def networks(allowed: Sequence[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(n, strict=False) for n in allowed)


def is_internal(address: IPAddress) -> bool:
    """Loopback, private, link-local, multicast, unspecified or reserved."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
    )


def check_address(address: str, allowed: Sequence[Network]) -> None:
    """Raise RefusedAddress for an internal address outside the allowed networks."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])  # drop an IPv6 zone id
    except ValueError as exc:
        raise RefusedAddress(f"not an IP address: {address!r}") from exc
    if is_internal(ip) and not any(ip.version == n.version and ip in n for n in allowed):
        raise RefusedAddress(
            f"{ip} is a loopback, private, link-local or multicast address; refused "
            "(--allow-private-network allows it)"
        )


def check_host(host: str, port: int, allowed: Sequence[Network]) -> None:
    """Resolve ``host`` and check every address it resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OSError(f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        check_address(str(info[4][0]), allowed)
