"""A portal on 127.0.0.1 read from its sitemap index, then re-run week after week (issue 14).

The server (``bench.web_bench.Site``) counts every request and body byte, so "the re-run
downloaded no page body" is measured where the bytes leave, not inferred from our side.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench.web_bench import Page, Portal, Site, portal, profile_page
from typer.testing import CliRunner

import ikz_extract.api
import ikz_extract.web.step
from ikz_extract.batch import RunSettings, Summary, run_batch
from ikz_extract.cli import app
from ikz_extract.models import record_id_for
from ikz_extract.options import Options
from ikz_extract.web.client import FetchSettings
from ikz_extract.web.step import WebInputs
from ikz_extract.web.urls import normalise_url

FAST = Options(annotate=False)
PROFILES = 22
LOCAL = FetchSettings(delay=0, timeout=2, backoff=0.01, allowed_networks=("127.0.0.0/8",))


def run(out: Path, *urls: str, **web: Any) -> Summary:
    inputs = WebInputs(tuple(urls), LOCAL, **web)
    return run_batch([], out, FAST, settings=RunSettings(workers=1, timeout=None), web=inputs)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_url(out: Path) -> dict[str, dict[str, Any]]:
    return {r["source"]["url"]: r for r in lines(out / "records.jsonl")}


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as server:
        yield server


@pytest.fixture
def net(site: Site) -> Portal:
    """robots.txt, sitemap index, 22 profiles, a PDF, and a page robots.txt disallows."""
    result = portal(site, PROFILES)
    site.pages["/intern/entwurf.html"] = profile_page(99)
    result.extra_docs.append("/intern/entwurf.html")
    result.publish()
    return result


def profile_url(site: Site, index: int) -> str:
    return site.url(f"/profile/{index:03d}.html")


def test_first_run_reads_every_listed_page_and_records_provenance(
    site: Site, net: Portal, tmp_out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ikz_extract.web.step, "REPORT_EVERY", 10)
    checked: list[int] = []
    summary = run(tmp_out, net.sitemap, report=checked.append)
    assert checked == [10, 20]  # 22 profiles, a PDF and the disallowed page
    records = by_url(tmp_out)
    assert summary.added == PROFILES + 1
    assert set(records) == {profile_url(site, i) for i in range(PROFILES)} | {
        site.url("/docs/strategie.pdf")
    }
    assert records[site.url("/docs/strategie.pdf")]["source"]["media_type"] == "application/pdf"
    titles = {r["title"] for r in records.values()}
    assert len(titles) == PROFILES + 1  # every page its own record
    first = records[profile_url(site, 0)]
    assert first["source"]["key"] == normalise_url(profile_url(site, 0))
    assert first["record_id"] == record_id_for(normalise_url(profile_url(site, 0)))
    assert first["source"]["path"] is None
    # robots.txt disallows /intern/: never requested, and said so
    assert not [h for h in site.hits if h.path.startswith("/intern/")]
    (error,) = lines(tmp_out / "errors.jsonl")
    assert error["error_type"] == "fetch_refused" and "robots.txt" in error["message"]
    # validators and fetch time in the manifest: ETag on even pages, Last-Modified on odd
    db = sqlite3.connect(tmp_out / "manifest.sqlite")
    rows = {
        r[0]: r[1:] for r in db.execute("SELECT path, etag, last_modified, fetched_at FROM sources")
    }
    assert rows[profile_url(site, 0)][0] == '"p0-r0"'
    assert rows[profile_url(site, 1)][1] == site.pages["/profile/001.html"].last_modified
    assert all(fetched for url, (_, _, fetched) in rows.items() if "/intern/" not in url)
    # the user agent names the tool
    assert all(h.headers["User-Agent"].startswith("ikz-extract/") for h in site.hits)


def test_weekly_reruns_unchanged_changed_removed_transient(
    site: Site, net: Portal, tmp_out: Path
) -> None:
    run(tmp_out, net.sitemap)
    before = (tmp_out / "records.jsonl").read_bytes()

    # unchanged site: every page answers 304, no page body is sent, nothing extracted
    site.reset()
    summary = run(tmp_out, net.sitemap)
    assert (summary.unchanged, summary.added, summary.changed, summary.extracted) == (
        PROFILES + 1,
        0,
        0,
        0,
    )
    pages = [h for h in site.hits if h.path.startswith(("/profile/", "/docs/"))]
    assert len(pages) == PROFILES + 1 and {h.status for h in pages} == {304}
    assert site.body_bytes("/profile/") == 0 and site.body_bytes("/docs/") == 0
    # kept-alive connections, never more requests at a time than the per-host limit
    assert len({h.client_port for h in site.hits}) <= LOCAL.per_host
    assert site.max_in_flight <= LOCAL.per_host
    assert (tmp_out / "records.jsonl").read_bytes() == before
    assert (tmp_out / "changes.jsonl").read_text() == ""

    # one page changed (new ETag, new title): exactly one "changed"
    site.pages["/profile/004.html"] = profile_page(4, revision=1)
    site.reset()
    summary = run(tmp_out, net.sitemap)
    assert (summary.changed, summary.unchanged, summary.extracted) == (1, PROFILES, 1)
    (change,) = lines(tmp_out / "changes.jsonl")
    assert change["change"] == "changed"
    assert change["record_id"] == record_id_for(normalise_url(profile_url(site, 4)))
    assert "Fassung 1" in by_url(tmp_out)[profile_url(site, 4)]["title"]

    # one page left the sitemap (still on the server): exactly one "removed"
    net.profiles.remove(9)
    net.publish()
    summary = run(tmp_out, net.sitemap)
    assert (summary.removed, summary.unchanged) == (1, PROFILES)
    (change,) = lines(tmp_out / "changes.jsonl")
    assert change["change"] == "removed"
    assert profile_url(site, 9) not in by_url(tmp_out)

    # one page answers 503 (after the retries): a transient failure, as for a file
    # (batch.plan.TRANSIENT_ERRORS): its last record is kept with a warning, the error listed
    kept = by_url(tmp_out)[profile_url(site, 7)]
    site.pages["/profile/007.html"].status = 503
    site.pages["/profile/007.html"].fail_first = 10
    site.pages["/profile/007.html"].headers = {"Retry-After": "0"}
    summary = run(tmp_out, net.sitemap)
    assert summary.removed == 0 and summary.failed == 2  # the 503 and the robots.txt page
    assert summary.stale == 1
    stale = by_url(tmp_out)[profile_url(site, 7)]
    (warning,) = stale.pop("warnings")
    assert warning.startswith("the last extraction failed (fetch_failed: HTTP 503")
    assert stale == {k: v for k, v in kept.items() if k != "warnings"}
    errors = {e["source"]: e for e in lines(tmp_out / "errors.jsonl")}
    assert errors[profile_url(site, 7)]["error_type"] == "fetch_failed"
    assert "503" in errors[profile_url(site, 7)]["message"]
    (change,) = lines(tmp_out / "changes.jsonl")
    assert change["change"] == "changed" and "fetch_failed" in change["reason"]
    tries = [h for h in site.hits if h.path == "/profile/007.html" and h.status == 503]
    assert len(tries) == 1 + LOCAL.retries

    # the server is back: the page is fetched and extracted again (a transient failure is
    # retried in full), the error and the warning are gone, the others answer 304
    site.pages["/profile/007.html"].fail_first = 0
    summary = run(tmp_out, net.sitemap)
    assert (summary.failed, summary.unchanged, summary.extracted) == (1, PROFILES - 1, 1)
    assert by_url(tmp_out)[profile_url(site, 7)] == kept
    (change,) = lines(tmp_out / "changes.jsonl")
    assert change["change"] == "changed" and "warning is gone" in change["reason"]

    # a listed page answering 404 is gone
    del site.pages["/profile/011.html"]
    summary = run(tmp_out, net.sitemap)
    assert summary.removed == 1
    assert profile_url(site, 11) not in by_url(tmp_out)


def test_pages_without_validators_are_compared_by_content(site: Site, tmp_out: Path) -> None:
    for i in range(3):
        site.pages[f"/p{i}.html"] = Page(profile_page(i).body)
    urls = [site.url(f"/p{i}.html") for i in range(3)]
    assert run(tmp_out, *urls).added == 3
    site.pages["/p1.html"] = Page(profile_page(1, revision=2).body)
    summary = run(tmp_out, *urls)
    assert (summary.unchanged, summary.changed, summary.extracted) == (2, 1, 1)


def test_a_failed_sitemap_does_not_remove_its_pages(site: Site, net: Portal, tmp_out: Path) -> None:
    run(tmp_out, net.sitemap)
    sitemap = site.pages["/sitemap.xml"]
    site.pages["/sitemap.xml"].status = 503
    site.pages["/sitemap.xml"].fail_first = 10
    summary = run(tmp_out, net.sitemap)
    assert summary.removed == 0
    assert summary.unchanged == PROFILES + 1  # revalidated one by one, from the manifest
    assert any(e["source"] == net.sitemap for e in lines(tmp_out / "errors.jsonl"))
    summary = run(tmp_out, net.sitemap)  # down a second week: still nothing removed
    assert (summary.removed, summary.unchanged) == (0, PROFILES + 1)
    site.pages["/sitemap-profile.xml.gz"].status = 404  # a sitemap of the index moved
    site.pages["/sitemap-profile.xml.gz"].fail_first = 10
    site.pages["/sitemap.xml"].fail_first = 0
    summary = run(tmp_out, net.sitemap)
    assert (summary.removed, summary.unchanged) == (0, PROFILES + 1)
    errors = {e["source"]: e for e in lines(tmp_out / "errors.jsonl")}
    assert "HTTP 404" in errors[site.url("/sitemap-profile.xml.gz")]["message"]
    del site.pages["/sitemap.xml"]  # the index itself is gone (404)
    summary = run(tmp_out, net.sitemap)
    assert (summary.removed, summary.unchanged) == (0, PROFILES + 1)
    net.profiles.remove(2)
    net.publish()
    site.pages["/sitemap.xml"] = sitemap
    summary = run(tmp_out, net.sitemap)  # back, without one page: that page is gone
    assert (summary.removed, summary.unchanged, summary.failed) == (1, PROFILES, 1)


def test_feed_include_exclude_redirect_and_kept_downloads(site: Site, tmp_out: Path) -> None:
    for i in range(4):
        site.pages[f"/news/{i}.html"] = profile_page(i)
    site.pages["/alt/3.html"] = Page(status=301, headers={"Location": "/news/3.html"})
    items = "".join(
        f"<item><title>{i}</title><link>{site.url(p)}?utm_source=rss</link></item>"
        for i, p in enumerate(["/news/0.html", "/news/1.html", "/news/2.html", "/alt/3.html"])
    )
    site.pages["/feed"] = Page(
        f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(),
        content_type="application/rss+xml",
    )
    summary = run(
        tmp_out,
        site.url("/feed"),
        include=("*/news/*", "*/alt/*"),
        exclude=("*/news/1.html*",),
        keep_downloads=True,
    )
    assert summary.added == 3
    records = {r["source"]["key"]: r for r in lines(tmp_out / "records.jsonl")}
    assert set(records) == {site.url(p) for p in ("/news/0.html", "/news/2.html", "/alt/3.html")}
    moved = records[site.url("/alt/3.html")]["source"]
    assert moved["url"] == site.url("/alt/3.html?utm_source=rss")
    assert moved["final_url"] == site.url("/news/3.html")
    kept = tmp_out / "downloads" / records[site.url("/news/0.html")]["record_id"]
    assert kept.read_bytes() == site.pages["/news/0.html"].body
    meta = json.loads((kept.parent / f".{kept.name}.json").read_text())
    assert meta["etag"] == site.pages["/news/0.html"].etag


def test_cli_reads_urls_from_stdin(site: Site, net: Portal, tmp_out: Path) -> None:
    stdin = f"# the portal\n{profile_url(site, 0)}\n\n{profile_url(site, 1)}\n"
    args = ["run", "--input-file", "-", "--out", str(tmp_out), "--no-nlp", "--workers", "1"]
    local = ["--delay", "0", "--contact", "daten@example.org"]
    refused = CliRunner().invoke(app, [*args, *local, "--quiet"], input=stdin)
    assert refused.exit_code == 1  # 127.0.0.1 without --allow-private-network
    assert {e["error_type"] for e in lines(tmp_out / "errors.jsonl")} == {"fetch_refused"}
    assert not [h for h in site.hits if h.path.startswith("/profile/")]
    result = CliRunner().invoke(
        app, [*args, *local, "--allow-private-network", "--quiet"], input=stdin
    )
    assert result.exit_code == 0, result.output
    assert set(by_url(tmp_out)) == {profile_url(site, 0), profile_url(site, 1)}
    assert "daten@example.org" in site.hits[-1].headers["User-Agent"]


def test_a_server_answering_304_to_everything(site: Site, tmp_out: Path) -> None:
    site.pages["/odd.html"] = Page(status=304)
    summary = run(tmp_out, site.url("/odd.html"))
    (error,) = lines(tmp_out / "errors.jsonl")
    assert summary.failed == 1 and "without validators" in error["message"]
    assert len(site.hits) == 3  # robots.txt, the page, the page once more


def test_the_url_fetched_wins_over_the_pages_canonical_link(site: Site, tmp_out: Path) -> None:
    """A file's ``source.url`` is the page's own claim (issue 11); a fetched page's is the
    URL fetched, whatever its canonical link or og:url says."""
    body = profile_page(5).body.replace(
        b"<head>",
        b'<head><link rel="canonical" href="https://elsewhere.example/kopie.html">'
        b'<meta property="og:url" content="https://elsewhere.example/og.html">',
        1,
    )
    assert b"elsewhere.example/kopie" in body
    site.pages["/p.html"] = Page(body)
    run(tmp_out, site.url("/p.html"))
    (record,) = lines(tmp_out / "records.jsonl")
    assert record["source"]["url"] == site.url("/p.html")
    assert record["source"]["path"] is None
    local = tmp_out.parent / "p.html"
    local.write_bytes(body)
    assert (
        ikz_extract.api.extract(local, annotate=False).source.url
        == "https://elsewhere.example/kopie.html"
    )
