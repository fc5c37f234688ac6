"""The HTTP client against a server on 127.0.0.1: safety, limits, retries, validators."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from bench.web_bench import Page, Site, profile_page

import ikz_extract.api
import ikz_extract.web
from ikz_extract.web.client import Client, FetchError, FetchSettings

LOCAL = FetchSettings(delay=0, timeout=2, backoff=0.01, allowed_networks=("127.0.0.0/8",))
HTML = b"<html><body><h1>Bauhof</h1></body></html>"


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as server:
        yield server


def fetch(url: str, settings: FetchSettings = LOCAL, **validators: str) -> FetchError:
    with Client(settings) as client, pytest.raises(FetchError) as caught:
        client.get(url, **validators)
    return caught.value


def test_redirect_to_a_private_address_is_refused(site: Site) -> None:
    site.pages["/go"] = Page(status=302, headers={"Location": "http://169.254.169.254/meta"})
    site.pages["/lan"] = Page(status=301, headers={"Location": "http://10.0.0.7/admin"})
    for path in ("/go", "/lan"):
        error = fetch(site.url(path))
        assert error.error_type == "fetch_refused"
        assert "link-local" in error.message or "private" in error.message


def test_loopback_is_refused_without_the_option(site: Site) -> None:
    site.pages["/a.html"] = Page(HTML)
    error = fetch(site.url("/a.html"), FetchSettings(delay=0))
    assert error.error_type == "fetch_refused" and "127.0.0.1" in error.message
    assert site.hits == []  # not even robots.txt was asked for


def test_only_http_and_https(site: Site) -> None:
    site.pages["/ftp"] = Page(status=302, headers={"Location": "ftp://example.org/x"})
    error = fetch(site.url("/ftp"))
    assert error.error_type == "fetch_refused" and "http and https" in error.message
    assert fetch("file:///etc/passwd").error_type == "fetch_refused"


def test_oversized_response_is_stopped(site: Site) -> None:
    small = dataclasses.replace(LOCAL, max_bytes=100_000)
    site.pages["/big.html"] = Page(b"x" * 2_000_000)  # refused by its Content-Length
    site.pages["/stream.html"] = Page(b"y" * 2_000_000, chunked=True)  # stopped while read
    for path in ("/big.html", "/stream.html"):
        error = fetch(site.url(path), small)
        assert error.error_type == "too_large", path
    with Client(small) as client:
        with pytest.raises(FetchError):
            client.get(site.url("/stream.html"))
        assert client.body_bytes <= 100_000 + 65_536  # stopped within one chunk


def test_slow_server_times_out(site: Site) -> None:
    site.pages["/slow.html"] = Page(HTML, delay=1.5)
    error = fetch(site.url("/slow.html"), dataclasses.replace(LOCAL, timeout=0.3))
    assert error.error_type == "fetch_failed" and "no answer within 0.3 s" in error.message


def test_redirect_loop_and_limit(site: Site) -> None:
    site.pages["/a"] = Page(status=302, headers={"Location": "/b"})
    site.pages["/b"] = Page(status=302, headers={"Location": "/a"})
    error = fetch(site.url("/a"))
    assert error.error_type == "fetch_refused" and "redirect loop" in error.message
    for i in range(5):
        site.pages[f"/hop{i}"] = Page(status=301, headers={"Location": f"/hop{i + 1}"})
    error = fetch(site.url("/hop0"), dataclasses.replace(LOCAL, max_redirects=3))
    assert "more than 3 redirects" in error.message


def test_retry_after_is_honoured_on_429_and_503(site: Site) -> None:
    site.pages["/busy.html"] = Page(HTML, status=429, fail_first=1, headers={"Retry-After": "7"})
    site.pages["/down.html"] = Page(HTML, status=503, fail_first=2)
    waits: list[float] = []
    with Client(LOCAL, sleep=waits.append) as client:
        assert client.get(site.url("/busy.html")).body == HTML
        assert waits == [7.0]
        waits.clear()
        assert client.get(site.url("/down.html")).status == 200
        assert waits == [LOCAL.backoff, LOCAL.backoff * 2]  # exponential backoff
    site.pages["/later.html"] = Page(
        HTML, status=503, fail_first=1, headers={"Retry-After": "9999"}
    )
    error = fetch(site.url("/later.html"))
    assert error.error_type == "fetch_failed" and "503" in error.message


def test_conditional_requests_and_robots(site: Site) -> None:
    site.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /privat/\n")
    site.pages["/e.html"] = Page(HTML, etag='"v1"')
    site.pages["/privat/x.html"] = Page(HTML)
    with Client(LOCAL) as client:
        first = client.get(site.url("/e.html"))
        assert (first.status, first.etag) == (200, '"v1"')
        again = client.get(site.url("/e.html"), etag='"v1"')
        assert (again.status, again.body) == (304, b"")
        with pytest.raises(FetchError, match=r"robots\.txt"):
            client.get(site.url("/privat/x.html"))
    assert [h.path for h in site.hits].count("/robots.txt") == 1  # cached for the run
    assert "/privat/x.html" not in [h.path for h in site.hits]


def test_politeness_delay_between_requests_to_one_host(site: Site) -> None:
    site.pages["/a.html"] = Page(HTML)
    waits: list[float] = []
    with Client(dataclasses.replace(LOCAL, delay=5.0), sleep=waits.append) as client:
        client.get(site.url("/a.html"))
        client.get(site.url("/a.html"))
    # robots.txt, then two pages: each request after the first waits for the delay
    assert len(waits) == 2 and all(4.0 < w <= 5.0 for w in waits)


def test_a_host_that_is_down_is_given_up_after_three_pages(site: Site) -> None:
    for i in range(6):
        site.pages[f"/{i}.html"] = Page(HTML, status=503, fail_first=100)
    waits: list[float] = []
    errors = []
    with Client(LOCAL, sleep=waits.append) as client:
        for i in range(6):
            with pytest.raises(FetchError) as caught:
                client.get(site.url(f"/{i}.html"))
            errors.append(caught.value)
    assert {e.error_type for e in errors} == {"fetch_failed"}
    asked = {h.path for h in site.hits if h.path != "/robots.txt"}
    assert asked == {"/0.html", "/1.html", "/2.html"}
    assert "in a row failed" in errors[5].message


def test_validators_that_cannot_be_sent_are_left_out(site: Site) -> None:
    site.pages["/e.html"] = Page(HTML, etag='"v2"')
    with Client(LOCAL) as client:
        response = client.get(site.url("/e.html"), etag='"v1\r\nX-Evil: 1"', last_modified="Mö")
    assert response.status == 200
    assert "X-Evil" not in site.hits[-1].headers and "If-None-Match" not in site.hits[-1].headers


def test_the_address_connected_to_is_checked_too(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A DNS answer that was public when checked and private when connecting is refused."""
    site.pages["/a.html"] = Page(HTML)
    monkeypatch.setattr("ikz_extract.web.client.check_host", lambda *args: None)
    settings = FetchSettings(delay=0, obey_robots=False)
    error = fetch(site.url("/a.html"), settings)
    assert error.error_type == "fetch_refused" and "127.0.0.1" in error.message


def test_a_server_trickling_bytes_is_stopped(site: Site) -> None:
    site.pages["/trickle.html"] = Page(b"z" * 65536 * 8, trickle=0.2)  # 1.4 s in all
    error = fetch(site.url("/trickle.html"), dataclasses.replace(LOCAL, max_seconds=0.5))
    assert error.error_type == "fetch_failed" and "longer than 0.5 s" in error.message


@pytest.mark.parametrize(("delay", "at_once"), [(0.0, 2), (0.01, 1)])
def test_requests_to_one_host_at_a_time(site: Site, delay: float, at_once: int) -> None:
    """Two at a time by default; one at a time (and spaced) when a delay is set."""
    for i in range(4):
        site.pages[f"/{i}.html"] = Page(HTML, delay=0.3)
    settings = dataclasses.replace(LOCAL, delay=delay, obey_robots=False)
    with Client(settings) as client, ThreadPoolExecutor(4) as pool:
        bodies = list(pool.map(lambda i: client.get(site.url(f"/{i}.html")).body, range(4)))
    assert bodies == [HTML] * 4
    assert site.max_in_flight == at_once


def test_the_api_fetches_a_url_through_the_web_client() -> None:
    """``ikz_extract.api.extract(url)`` calls ``web.fetch``: the client and its rules."""
    with Site() as site:
        site.pages["/a.html"] = profile_page(3)
        url = site.url("/a.html")
        allowed = FetchSettings(timeout=2, allowed_networks=("127.0.0.0/8",))
        assert ikz_extract.web.fetch(url, allowed) == site.pages["/a.html"].body
        with pytest.raises(FetchError) as refused:  # the API's defaults: no internal address
            ikz_extract.api.extract(url, annotate=False)
        assert refused.value.error_type == "fetch_refused"
        assert len([h for h in site.hits if h.path == "/a.html"]) == 1  # refused before asking
