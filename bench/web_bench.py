"""A local portal on 127.0.0.1, and what an unchanged weekly re-run of it costs.

``Site`` is a threaded HTTP/1.1 server (keep-alive) that serves pages from a dict and
counts every request and every body byte it sends, so a test can assert that a re-run
downloaded no page body. ``portal`` fills it like a state portal: robots.txt, a sitemap
index with a gzipped profile sitemap and a document sitemap, profile pages made from the
sample profiles with their own titles (ETag on some, Last-Modified on the others) and a PDF.

``make bench`` calls ``add_figures``: the CLI's first run over a 200-page portal, then the
unchanged re-run, and the re-run's time as a share of the first run's (default options
but ``--workers 1``, like run_bench's re-run figure for files).

Usage alone: .venv/bin/python bench/web_bench.py [--pages N]
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
CLI = Path(sys.executable).parent / "ikz-extract"
PROFILES = (
    (
        SAMPLES / "000_profile_regionalentwicklung.html",
        "Informelle Regionalentwicklung im Münsterland",
    ),
    (SAMPLES / "002_profile_klimakreis_borken.html", "Klimakreis Borken"),
)
PDF = SAMPLES / "003_strategische_ziele_kreis_coesfeld.pdf"
THEMES = (
    "Bauhof",
    "Standesamt",
    "Klimaschutz",
    "Breitband",
    "Tourismus",
    "Feuerwehr",
    "Musikschule",
    "Vergabestelle",
    "Personalabrechnung",
    "Gewerbeflächen",
    "Archiv",
)


@dataclass(slots=True)
class Page:
    """One URL path of the site and how it answers."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    fail_first: int = 0  # answer ``status`` this many times, then 200
    chunked: bool = False  # no Content-Length: the body ends when the connection closes
    trickle: float = 0.0  # seconds between two 64 KiB pieces of the body


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    status: int
    body_bytes: int
    headers: dict[str, str]
    client_port: int  # one port per connection: keep-alive shows as few ports


class Site:
    """A threaded local web server over ``pages`` (a context manager)."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most requests served at one moment (politeness)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return self.base + path

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def reset(self) -> None:
        with self._lock:
            self.hits.clear()
            self.max_in_flight = 0

    def body_bytes(self, prefix: str = "/") -> int:
        """Body bytes sent for paths under ``prefix`` since the last reset."""
        return sum(h.body_bytes for h in self.hits if h.path.startswith(prefix))


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            with site._lock:
                site.in_flight += 1
                site.max_in_flight = max(site.max_in_flight, site.in_flight)
            try:
                self._answer()
            finally:
                with site._lock:
                    site.in_flight -= 1

        def _answer(self) -> None:
            page = site.pages.get(self.path) or site.pages.get(self.path.split("?")[0])
            if page is None:
                self._send(self.path, 404, {"Content-Type": "text/plain"}, b"not found")
                return
            if page.delay:
                time.sleep(page.delay)
            headers = {"Content-Type": page.content_type, **page.headers}
            if page.etag:
                headers["ETag"] = page.etag
            if page.last_modified:
                headers["Last-Modified"] = page.last_modified
            status = page.status
            if page.fail_first:
                page.fail_first -= 1
            elif status in (429, 503):
                status = 200
            if status == 200 and self._not_modified(page):
                self._send(self.path, 304, headers, b"")
                return
            self._send(
                self.path, status, headers, page.body, chunked=page.chunked, trickle=page.trickle
            )

        def _not_modified(self, page: Page) -> bool:
            match = self.headers.get("If-None-Match")
            if page.etag and match:
                return match == page.etag
            since = self.headers.get("If-Modified-Since")
            if page.last_modified and since:
                try:
                    asked = email.utils.parsedate_to_datetime(since)
                    have = email.utils.parsedate_to_datetime(page.last_modified)
                except (TypeError, ValueError):
                    return False
                return have <= asked
            return False

        def _send(
            self,
            path: str,
            status: int,
            headers: dict[str, str],
            body: bytes,
            chunked: bool = False,
            trickle: float = 0.0,
        ) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if chunked:
                self.send_header("Connection", "close")
                self.close_connection = True
            elif status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            sent = 0
            try:
                for start in range(0, len(body), 65536):
                    if start and trickle:
                        time.sleep(trickle)
                    self.wfile.write(body[start : start + 65536])
                    sent += len(body[start : start + 65536])
            except OSError:  # the client gave up (size limit, timeout)
                self.close_connection = True
            port = int(self.client_address[1])
            site.record(Hit(path, status, sent, dict(self.headers.items()), port))

    return Handler


# ---------------------------------------------------------------------- the portal


def http_date(days_ago: int) -> str:
    return email.utils.formatdate(time.time() - days_ago * 86400, usegmt=True)


def profile_html(index: int, revision: int = 0) -> bytes:
    """Profile page ``index``: a sample profile with a title of its own."""
    path, title = PROFILES[index % 2]
    theme = THEMES[index % len(THEMES)]
    new = f"{title}: {theme} {index:03d}" + (f" (Fassung {revision})" if revision else "")
    return path.read_text(encoding="utf-8").replace(title, new).encode("utf-8")


def profile_page(index: int, revision: int = 0) -> Page:
    """ETag on even pages, Last-Modified on odd ones."""
    if index % 2 == 0:
        return Page(profile_html(index, revision), etag=f'"p{index}-r{revision}"')
    return Page(profile_html(index, revision), last_modified=http_date(30 - revision))


def urlset(urls: list[str]) -> bytes:
    items = "".join(f"<url><loc>{u}</loc><lastmod>2026-11-02</lastmod></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
    ).encode()


def sitemap_index(urls: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    ).encode()


@dataclass(slots=True)
class Portal:
    """A portal on a ``Site``: ``profiles`` pages listed in its gzipped profile sitemap."""

    site: Site
    profiles: list[int]
    extra_docs: list[str] = field(default_factory=list)

    @property
    def sitemap(self) -> str:
        return self.site.url("/sitemap.xml")

    def publish(self) -> None:
        """Write the sitemaps from ``profiles`` and ``extra_docs``."""
        pages = [self.site.url(f"/profile/{i:03d}.html") for i in self.profiles]
        self.site.pages["/sitemap-profile.xml.gz"] = Page(
            gzip.compress(urlset(pages)), content_type="application/gzip"
        )
        docs = [self.site.url(p) for p in self.extra_docs]
        self.site.pages["/sitemap-docs.xml"] = Page(urlset(docs), content_type="application/xml")


def portal(site: Site, count: int, *, pdf: bool = True) -> Portal:
    """robots.txt, a sitemap index, ``count`` profiles and (``pdf``) a PDF, all published."""
    site.pages["/robots.txt"] = Page(
        b"User-agent: *\nDisallow: /intern/\n", content_type="text/plain"
    )
    site.pages["/sitemap.xml"] = Page(
        sitemap_index([site.url("/sitemap-profile.xml.gz"), site.url("/sitemap-docs.xml")]),
        content_type="application/xml",
    )
    for index in range(count):
        site.pages[f"/profile/{index:03d}.html"] = profile_page(index)
    docs = []
    if pdf:
        site.pages["/docs/strategie.pdf"] = Page(
            PDF.read_bytes(), content_type="application/pdf", etag='"pdf-1"'
        )
        docs.append("/docs/strategie.pdf")
    result = Portal(site, list(range(count)), docs)
    result.publish()
    return result


# ---------------------------------------------------------------------- the benchmark


@dataclass(slots=True)
class WebFigures:
    pages: int
    first_s: float
    rerun_s: float
    rerun_requests: int
    rerun_page_bytes: int
    first_exit: int
    rerun_exit: int

    @property
    def share(self) -> float:
        return self.rerun_s / self.first_s


def _cli(args: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [str(CLI), "run", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return time.perf_counter() - start, proc.returncode


def measure(work: Path, pages: int = 200) -> WebFigures:
    """First run and unchanged re-run of the CLI over a ``pages``-profile local portal."""
    out = work / "web-out"
    with Site() as site:
        p = portal(site, pages, pdf=False)
        # --workers 1 as the file re-run figure of run_bench, so the two compare
        args = [p.sitemap, "--out", str(out), "--allow-private-network", "-q", "--workers", "1"]
        first_s, first_exit = _cli(args)
        site.reset()
        rerun_s, rerun_exit = _cli(args)
        return WebFigures(
            pages,
            first_s,
            rerun_s,
            len(site.hits),
            site.body_bytes("/profile/"),
            first_exit,
            rerun_exit,
        )


def add_figures(bench: Any, figure: Callable[..., Any], work: Path, pages: int = 200) -> None:
    """``make bench``'s hook: the re-run share as a Figure of run_bench's table."""
    bench.say(f"web: first run and unchanged re-run of a {pages}-page local portal …")
    f = measure(work, pages)
    usable = f.first_exit == 0 and f.rerun_exit == 0
    share = f.share * 100 if usable else None
    bench.add(
        figure(
            f"web: unchanged re-run / first run ({pages} pages)",
            share,
            "%",
            "< 5 %",
            None if share is None else share < 5,
            f"{f.rerun_s:.2f} s vs {f.first_s:.1f} s (workers 1); re-run: "
            f"{f.rerun_requests} requests, "
            f"{f.rerun_page_bytes} page body bytes (exit {f.first_exit}/{f.rerun_exit})",
        )
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--pages", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ikz-web-bench-") as tmp:
        f = measure(Path(tmp), args.pages)
    print(
        f"{f.pages} pages: first run {f.first_s:.2f} s (exit {f.first_exit}), unchanged re-run "
        f"{f.rerun_s:.2f} s (exit {f.rerun_exit}) = {f.share:.1%} of the first; re-run "
        f"{f.rerun_requests} requests, {f.rerun_page_bytes} page body bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
