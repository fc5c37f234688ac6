"""URL normalisation, listing detection, address ranges and the manifest migration."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from ikz_extract.store.manifest import SCHEMA_VERSION, Manifest
from ikz_extract.web.address import RefusedAddress, check_address, networks
from ikz_extract.web.listing import inflate, parse_listing
from ikz_extract.web.urls import is_url, normalise_url

SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        (
            "HTTPS://Portal.NRW.de:443/ikz/Profil?id=3#kontakt",
            "https://portal.nrw.de/ikz/Profil?id=3",
        ),
        ("http://portal.nrw.de:80", "http://portal.nrw.de/"),
        ("http://portal.nrw.de:8080/a", "http://portal.nrw.de:8080/a"),
        (
            "https://kreis.de/pm?utm_source=nl&id=7&fbclid=Ab&gclid=x&UTM_Medium=m",
            "https://kreis.de/pm?id=7",
        ),
        ("https://kreis.de/a%20b?q=K%C3%B6ln", "https://kreis.de/a%20b?q=K%C3%B6ln"),
        ("https://kreis.de./x", "https://kreis.de/x"),
    ],
)
def test_normalise_url(raw: str, normal: str) -> None:
    assert normalise_url(raw) == normal


def test_normalise_refuses_other_schemes() -> None:
    for raw in ("ftp://x.de/a", "file:///etc/passwd", "javascript://x"):
        with pytest.raises(ValueError, match="http and https"):
            normalise_url(raw)


def test_is_url() -> None:
    assert is_url("https://x.de/a") and is_url("ftp://x.de")
    assert not is_url("samples/") and not is_url("C:\\daten\\a.pdf") and not is_url("a://")


def test_sitemap_urlset_index_and_gzip() -> None:
    urlset = (
        f'<?xml version="1.0"?><urlset {SITEMAP_NS}><url><loc> https://a.de/1 </loc></url>'
        f"<url><loc>https://a.de/2</loc><lastmod>2026-01-01</lastmod></url></urlset>"
    ).encode()
    listing = parse_listing(gzip.compress(urlset))
    assert listing is not None and listing.kind == "sitemap"
    assert listing.pages == ["https://a.de/1", "https://a.de/2"]
    index = f"<sitemapindex {SITEMAP_NS}><sitemap><loc>https://a.de/s.xml.gz</loc></sitemap></sitemapindex>"
    listing = parse_listing(index.encode())
    assert listing is not None and listing.sitemaps == ["https://a.de/s.xml.gz"]


def test_rss_and_atom_feeds() -> None:
    rss = b'<rss version="2.0"><channel><link>https://a.de/</link><item><link>https://a.de/pm/1</link></item></channel></rss>'
    listing = parse_listing(rss)
    assert listing is not None and listing.pages == ["https://a.de/pm/1"]  # not the channel link
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        b'<link rel="enclosure" href="https://a.de/x.pdf"/><link href="https://a.de/pm/2"/>'
        b"</entry></feed>"
    )
    listing = parse_listing(atom)
    assert listing is not None and listing.kind == "atom" and listing.pages == ["https://a.de/pm/2"]


def test_pages_are_not_listings() -> None:
    assert parse_listing(b"<!DOCTYPE html><html><body><a href='x'>urlset</a></body></html>") is None
    assert (
        parse_listing(b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>') is None
    )
    assert parse_listing(b"%PDF-1.7\n...") is None
    entity = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>&e;</loc></url></urlset>'
    listing = parse_listing(entity)
    assert listing is None or all("root:" not in page for page in listing.pages)


def test_gzip_bomb_is_bounded() -> None:
    bomb = gzip.compress(b"\0" * 3_000_000)
    with pytest.raises(ValueError, match="inflates beyond"):
        inflate(bomb, limit=1_000_000)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "172.16.5.5",
        "169.254.169.254",
        "224.0.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "ff02::1",
    ],
)
def test_internal_addresses_are_refused(address: str) -> None:
    with pytest.raises(RefusedAddress):
        check_address(address, ())


def test_public_and_allowed_addresses_pass() -> None:
    check_address("8.8.8.8", ())
    check_address("2a00:1450:4001:80e::200e", ())
    check_address("127.0.0.1", networks(["127.0.0.0/8"]))
    with pytest.raises(RefusedAddress):
        check_address("10.0.0.1", networks(["127.0.0.0/8"]))


def test_a_schema_1_manifest_gets_the_web_columns(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "manifest.sqlite")
    db.executescript(
        """CREATE TABLE sources (key TEXT PRIMARY KEY, path TEXT NOT NULL, record_id TEXT NOT NULL,
        sha256 TEXT, size INTEGER, mtime_ns INTEGER, media_type TEXT,
        pipeline_version TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
        error TEXT, record_sha256 TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
        INSERT INTO sources VALUES ('a.txt', 'in/a.txt', 'r1', 's', 1, 2, 'text/plain', 'v',
        'f', 'ok', NULL, 'h', 't0', 't1');
        PRAGMA user_version = 1;"""
    )
    db.close()
    manifest = Manifest.open(tmp_path)
    try:
        row = manifest.rows()["a.txt"]
        assert (row.path, row.record_sha256, row.etag, row.fetched_at, row.listed_by) == (
            "in/a.txt",
            "h",
            None,
            None,
            None,
        )
    finally:
        manifest.close()
    db = sqlite3.connect(tmp_path / "manifest.sqlite")
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    db.close()
    Manifest.open(tmp_path).close()  # the migrated layout is ours: opened again as it is
