"""Real German pages and PDFs (../shared) served over HTTP give the records their files give.

The web path only changes where the bytes come from: the records of real documents fetched
from a local server must equal those extracted from the files, except for the source
envelope (URL instead of path) and the record id (from the normalised URL). The URLs lie
about the format (a PDF under ``.html``, HTML under ``.pdf``, wrong Content-Type): the
format is sniffed from the bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench.web_bench import Page, Site, urlset

from ikz_extract.batch import RunSettings, run_batch
from ikz_extract.discover import discover
from ikz_extract.options import Options
from ikz_extract.web.client import FetchSettings
from ikz_extract.web.step import WebInputs

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
HTML = sorted((SHARED / "maintext-dev" / "html").glob("*.html"))[:16]
PDFS = [
    SHARED / "pdf-dev" / "pdf" / name
    for name in ("stuttgart_beantwortung_anfrage_23_2018.pdf", "langenfeld_amtsblatt_2010_01.pdf")
]
FAST = Options(annotate=False)
SETTINGS = RunSettings(workers=1, timeout=None)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def records(out: Path) -> list[dict[str, Any]]:
    return lines(out / "records.jsonl")


def content(record: dict[str, Any]) -> dict[str, Any]:
    """A record without where it came from."""
    return {k: v for k, v in record.items() if k not in ("source", "record_id")} | {
        "sha256": record["source"]["sha256"],
        "media_type": record["source"]["media_type"],
    }


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as server:
        yield server


def test_real_documents_over_http_give_the_records_of_their_files(
    site: Site, tmp_path: Path
) -> None:
    files = [*HTML, *PDFS]
    paths: dict[str, Path] = {}
    for i, path in enumerate(files):
        # PDFs under .html with an HTML Content-Type, HTML pages under .pdf every third time
        lie = path.suffix == ".pdf" or i % 3 == 0
        url_path = f"/doc/{i:02d}" + ((".html" if path.suffix == ".pdf" else ".pdf") if lie else "")
        site.pages[url_path] = Page(
            path.read_bytes(),
            content_type="text/html" if path.suffix == ".pdf" else "application/pdf",
            etag=f'"{i}"' if i % 2 else None,
        )
        paths[site.url(url_path)] = path
    site.pages["/sitemap.xml"] = Page(urlset(sorted(paths)), content_type="application/xml")

    by_file = {r["source"]["key"]: r for r in records(_run_files(files, tmp_path / "files"))}
    web = WebInputs((site.url("/sitemap.xml"),), FetchSettings(allowed_networks=("127.0.0.0/8",)))
    run_batch([], tmp_path / "web", FAST, settings=SETTINGS, web=web)
    by_url = {r["source"]["url"]: r for r in records(tmp_path / "web")}
    # a document that fails, fails alike (both ways meet the same parser bug, if any)
    file_errors = {Path(e["source"]).name: e for e in lines(tmp_path / "files" / "errors.jsonl")}
    web_errors = {e["source"]: e for e in lines(tmp_path / "web" / "errors.jsonl")}

    assert set(by_url) | set(web_errors) == set(paths)
    assert len(by_url) >= len(paths) - 2
    for url, path in paths.items():
        if url in web_errors:
            assert web_errors[url]["message"] == file_errors[path.name]["message"], url
        else:
            assert content(by_url[url]) == content(by_file[path.name]), url
    media = {r["source"]["media_type"] for r in by_url.values()}
    assert media == {"text/html", "application/pdf"}


def _run_files(files: list[Path], out: Path) -> Path:
    sources, _ = discover([str(p) for p in files])
    run_batch(sources, out, FAST, settings=SETTINGS)
    return out
