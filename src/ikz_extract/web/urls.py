"""URL inputs and the normalised URL that a web record's id derives from.

The same page reached as ``HTTPS://Portal.example:443/a?utm_source=x#top`` and
``https://portal.example/a`` must get one record id, run after run: scheme and host are
lower-cased, the default port, the fragment and tracking parameters are dropped. The path
and the other query parameters are kept as they are (servers may treat them case- and
order-sensitively).
"""

from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit, urlunsplit

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that only tell a site where a visitor came from.
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "wt_mc"}
)


def is_url(raw: str) -> bool:
    """An input that names a web address (any scheme with ``://``), not a local path."""
    scheme, sep, _ = raw.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha() and len(scheme) > 1


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """The URL's stable form (see the module docstring); ValueError for a non-http(s) URL."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise ValueError(f"only http and https URLs can be fetched, not {parts.scheme or '?'}:")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError("the URL names no host")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port  # ValueError for a port out of range
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    # Parameters are filtered as written, so the others keep their exact encoding.
    kept = [p for p in parts.query.split("&") if p and not _tracking(unquote_plus(p.split("=")[0]))]
    query = "&".join(kept)
    return urlunsplit((scheme, netloc.lower(), parts.path or "/", query, ""))


def input_key(url: str) -> str:
    """The key an input URL is remembered by (``listed_by``): normalised where it can be."""
    try:
        return normalise_url(url)
    except ValueError:
        return url
