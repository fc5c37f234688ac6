"""robots.txt, read once per host and run (RFC 9309).

A missing robots.txt (4xx) allows everything; one that cannot be read (5xx, timeout,
refused) disallows the whole host for this run, as the RFC asks: the site may be down,
and fetching it anyway is what a polite client must not do. ``Crawl-delay`` (capped at
``MAX_DELAY``) slows the client down for that host.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

MAX_DELAY = 30.0
AGENT = "ikz-extract"
MAX_ROBOTS_BYTES = 500_000  # RFC 9309: at least 500 KiB must be parsed


class Robots:
    """The rules of every host asked about in this run."""

    def __init__(self, fetch: Callable[[str], tuple[int, bytes]]) -> None:
        self._fetch = fetch
        self._rules: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()  # one fetch of robots.txt per host, also in threads

    def allowed(self, url: str) -> bool:
        """Whether the rules for ``ikz-extract`` (or ``*``) allow ``url``."""
        return self._parser(url).can_fetch(AGENT, url)

    def delay(self, origin: str) -> float:
        """Crawl-delay for an origin already asked about (0 when none)."""
        parser = self._rules.get(origin)
        value = parser.crawl_delay(AGENT) if parser is not None else None
        return min(float(value), MAX_DELAY) if value else 0.0

    def _parser(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port or (443 if scheme == "https" else 80)
        origin = f"{scheme}://{parts.hostname}:{port}"
        with self._lock:
            found = self._rules.get(origin)
            if found is None:
                found = self._rules[origin] = self._read(origin)
            return found

    def _read(self, origin: str) -> RobotFileParser:
        from ikz_extract.web.client import FetchError  # the client imports this module

        parser = RobotFileParser()
        try:
            status, body = self._fetch(f"{origin}/robots.txt")
        except FetchError:
            status, body = 503, b""
        if status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
        elif status >= 400:
            parser.parse([])
        else:
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        return parser
