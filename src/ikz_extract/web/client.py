"""The HTTP client: one httpx connection pool per run, and every safety rule on every hop.

- keep-alive connections from one pool (``httpx.Client``), timeouts, a user agent that
  names the tool, its version and the ``--contact`` address;
- redirects are followed by hand, at most ``max_redirects``, so each hop is checked like
  the first: http(s) only, no internal address (``address``), robots.txt (``robots``); a
  loop ends at once;
- the body is streamed and the download stops past ``max_bytes`` (checked on the decoded
  bytes, so a compressed bomb stops too) or after ``max_seconds`` (a server that sends a
  byte just before each read timeout would hold the run forever);
- politeness per host: at most ``per_host`` requests at a time (2, fewer than a browser
  opens), one at a time when a ``delay`` is set, and at least ``delay`` seconds (or the
  host's robots.txt Crawl-delay) between the starts of two requests. No delay by default,
  so a weekly re-run of 304s stays a matter of seconds;
- 429 and 503 are retried with exponential backoff, or after the server's Retry-After;
- conditional requests: ``If-None-Match`` / ``If-Modified-Since`` from the last run's
  validators; a 304 carries no body.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ikz_extract import PIPELINE_VERSION
from ikz_extract.web.address import Network, RefusedAddress, check_address, check_host, networks
from ikz_extract.web.robots import Robots
from ikz_extract.web.urls import DEFAULT_PORTS, SCHEMES

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUS = frozenset({429, 503})
BREAKER = 3  # pages of one host failing in a row before its others are skipped
# Final answers a caller handles itself; any other status is an error.
ANSWERS = frozenset({200, 203, 304, 404, 410})

FETCH_FAILED = "fetch_failed"  # transient: the last good record is kept (batch.plan)
FETCH_REFUSED = "fetch_refused"
TOO_LARGE = "too_large"
HTTP_ERROR = "http_error"
PUBLIC_ONLY = "only public addresses are fetched; --allow-private-network allows the others"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How web inputs are fetched; none of this changes a record."""

    contact: str | None = None  # an e-mail or URL a site owner can reach
    timeout: float = 30.0  # seconds to connect, and between two bytes of a response
    max_seconds: float = 600.0  # for a whole response: a server trickling bytes ends too
    max_redirects: int = 10
    max_bytes: int = 100_000_000
    delay: float = 0.0  # seconds between the starts of two requests to one host
    per_host: int = 2  # requests to one host at a time (1 when a delay is set)
    retries: int = 3  # on 429 / 503
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    max_retry_wait: float = 300.0  # a longer Retry-After gives up (transient failure)
    allowed_networks: tuple[str, ...] = ()  # internal networks that may be fetched
    obey_robots: bool = True

    def user_agent(self) -> str:
        contact = f" (+{self.contact})" if self.contact else ""
        return f"ikz-extract/{PIPELINE_VERSION}{contact}"


class FetchError(Exception):
    """A URL that gave no usable answer; ``error_type`` is the errors.jsonl type."""

    def __init__(self, error_type: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.error_type, self.message, self.hint = error_type, message, hint


@dataclass(frozen=True, slots=True)
class Response:
    """A final answer: 2xx (with body), 304 (none), 404/410 (body dropped)."""

    url: str
    final_url: str
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None
    fetched_at: str


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Client:
    """One run's HTTP client (a context manager: the pool is closed at the end)."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._allowed: tuple[Network, ...] = networks(settings.allowed_networks)
        self._http = httpx.Client(
            headers={"User-Agent": settings.user_agent()},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=4, max_keepalive_connections=4),
            transport=transport,
            trust_env=False,  # a proxy from the environment would hide the real address
        )
        self._checked_hosts: dict[tuple[str, int], str | None] = {}
        self._last_start: dict[str, float] = {}
        self._strikes: dict[str, int] = {}  # transient failures in a row, per origin
        self._lock = threading.Lock()  # guards the dicts and counters (pages in threads)
        self._hosts: dict[str, tuple[threading.Semaphore, threading.Lock]] = {}
        self.robots = Robots(self._robots_text)
        self.requests = 0
        self.body_bytes = 0

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """Fetch ``url`` (conditionally with the validators given); FetchError otherwise.

        After ``BREAKER`` pages of one host in a row failed transiently, its other pages
        fail at once for this run: a site that is down must not cost timeouts and
        retries for each of its thousand pages.
        """
        origin = self._origin(url)
        if self._strikes.get(origin, 0) >= BREAKER:
            raise FetchError(
                FETCH_FAILED,
                f"{url}: not fetched, {BREAKER} pages of {origin} in a row failed in this run",
                "the site seems down; the next run tries again",
            )
        headers = {}
        for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified)):
            if value and value.isascii() and value.isprintable():
                headers[name] = value
        try:
            response = self._follow(url, headers, check_robots=self.settings.obey_robots)
            if response.status not in ANSWERS:
                transient = response.status in RETRY_STATUS or response.status >= 500
                raise FetchError(
                    FETCH_FAILED if transient else HTTP_ERROR,
                    f"{url}: HTTP {response.status}",
                    "the server failed; the next run tries again"
                    if transient
                    else "the server refuses the page; check the URL",
                )
        except FetchError as exc:
            if exc.error_type == FETCH_FAILED:
                with self._lock:
                    self._strikes[origin] = self._strikes.get(origin, 0) + 1
            raise
        with self._lock:
            self._strikes[origin] = 0
        return response

    # ----------------------------------------------------------------- redirects

    def _follow(self, url: str, headers: dict[str, str], *, check_robots: bool) -> Response:
        seen = {url}
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self._origin(current)  # an internal address is refused before robots.txt is asked
            if check_robots and not self.robots.allowed(current):
                raise FetchError(
                    FETCH_REFUSED,
                    f"{current}: disallowed by the site's robots.txt",
                    "the site asks robots not to fetch this page; ask its owner",
                )
            status, response, body = self._with_retries(current, headers)
            if status not in REDIRECTS:
                return Response(
                    url=url,
                    final_url=current,
                    status=status,
                    body=body,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    content_type=response.headers.get("Content-Type"),
                    fetched_at=now(),
                )
            location = response.headers.get("Location")
            if not location:
                raise FetchError(HTTP_ERROR, f"{current}: redirect without a Location", "")
            current = urljoin(current, location)
            if current in seen:
                raise FetchError(
                    FETCH_REFUSED,
                    f"{url}: redirect loop at {current}",
                    "the site's redirects lead in a circle; tell its owner",
                )
            seen.add(current)
        raise FetchError(
            FETCH_REFUSED,
            f"{url}: more than {self.settings.max_redirects} redirects",
            "the site's redirects do not end; tell its owner",
        )

    # ----------------------------------------------------------------- retries

    def _with_retries(self, url: str, headers: dict[str, str]) -> tuple[int, httpx.Response, bytes]:
        attempt = 0
        while True:
            status, response, body = self._once(url, headers)
            if status not in RETRY_STATUS or attempt >= self.settings.retries:
                return status, response, body
            wait = _retry_after(response.headers.get("Retry-After"))
            if wait is None:
                wait = self.settings.backoff * 2**attempt
            if wait > self.settings.max_retry_wait:
                return status, response, body
            self._sleep(wait)
            attempt += 1

    # ----------------------------------------------------------------- one request

    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, httpx.Response, bytes]:
        origin = self._origin(url)
        slots, spacing = self._host(origin)
        with slots:
            with spacing:  # request starts at least ``delay`` apart
                self._polite(origin)
            with self._lock:
                self.requests += 1
            return self._request(url, headers)

    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, httpx.Response, bytes]:
        try:
            with self._http.stream("GET", url, headers=headers) as response:
                self._check_peer(url, response)
                body = self._read(url, response)  # read to the end: the connection is reused
                return response.status_code, response, body
        except httpx.TimeoutException as exc:
            raise FetchError(
                FETCH_FAILED,
                f"{url}: no answer within {self.settings.timeout:g} s ({type(exc).__name__})",
                "the server is slow or down; the next run tries again",
            ) from exc
        except (httpx.RequestError, httpx.InvalidURL, OSError) as exc:
            raise FetchError(
                FETCH_FAILED,
                f"{url}: connection failed ({type(exc).__name__}: {exc})",
                "the server is unreachable; the next run tries again",
            ) from exc

    def _host(self, origin: str) -> tuple[threading.Semaphore, threading.Lock]:
        """The host's request slots and the lock that spaces its request starts."""
        with self._lock:
            found = self._hosts.get(origin)
            if found is None:
                slots = 1 if self.settings.delay > 0 else max(1, self.settings.per_host)
                found = self._hosts[origin] = (threading.Semaphore(slots), threading.Lock())
            return found

    def _origin(self, url: str) -> str:
        """``scheme://host:port`` of an http(s) URL whose host may be contacted."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            raise FetchError(
                FETCH_REFUSED,
                f"{url}: only http and https are fetched",
                "give an http(s) URL",
            )
        try:
            host, port = parts.hostname or "", parts.port or DEFAULT_PORTS[scheme]
        except ValueError as exc:
            raise FetchError(FETCH_REFUSED, f"{url}: {exc}", "check the URL") from exc
        self._check_host(url, host, port)
        return f"{scheme}://{host}:{port}"

    def _check_host(self, url: str, host: str, port: int) -> None:
        key = (host, port)
        if key not in self._checked_hosts:
            try:
                check_host(host, port, self._allowed)
                self._checked_hosts[key] = None
            except RefusedAddress as exc:
                self._checked_hosts[key] = str(exc)
            except OSError as exc:
                raise FetchError(
                    FETCH_FAILED, f"{url}: {exc}", "check the host name; the next run tries again"
                ) from exc
        refused = self._checked_hosts[key]
        if refused is not None:
            raise FetchError(FETCH_REFUSED, f"{url}: {refused}", PUBLIC_ONLY)

    def _check_peer(self, url: str, response: httpx.Response) -> None:
        """The address actually connected to (the DNS answer may have changed since)."""
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not peer:
            return
        try:
            check_address(str(peer[0]), self._allowed)
        except RefusedAddress as exc:
            raise FetchError(FETCH_REFUSED, f"{url}: {exc}", PUBLIC_ONLY) from exc

    def _read(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(url, limit)
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.settings.max_seconds
        for chunk in response.iter_bytes():
            size += len(chunk)
            with self._lock:
                self.body_bytes += len(chunk)
            if size > limit:
                raise _too_large(url, limit)
            if time.monotonic() > deadline:
                raise FetchError(
                    FETCH_FAILED,
                    f"{url}: the download took longer than {self.settings.max_seconds:g} s",
                    "the server is very slow; the next run tries again",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _polite(self, origin: str) -> None:
        """Wait until ``delay`` (or Crawl-delay) has passed since the host's last request."""
        last = self._last_start.get(origin)
        if last is not None:
            delay = max(self.settings.delay, self.robots.delay(origin))
            wait = last + delay - time.monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last_start[origin] = time.monotonic()

    def _robots_text(self, url: str) -> tuple[int, bytes]:
        """robots.txt of a host: (status, body); its own fetch follows redirects safely."""
        response = self._follow(url, {}, check_robots=False)
        return response.status, response.body


def _too_large(url: str, limit: int) -> FetchError:
    return FetchError(
        TOO_LARGE,
        f"{url}: the response is larger than {limit:,} bytes; download stopped",
        "raise --max-download-mb if the document is genuine",
    )


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())
