"""Every HTML page's own date and address, with where each came from."""

from __future__ import annotations

from pathlib import Path

from ikz_extract.discover import SourceFile
from ikz_extract.loaders.html import load_html
from ikz_extract.options import Options
from ikz_extract.pipeline import extract

BODY = (
    "<p>Der Kreis hat heute in Altenberge eine neue Kita eröffnet, in der achtzig Kinder "
    "Platz finden. Die Eltern hatten lange auf die Plätze gewartet, sagte der Landrat.</p>"
    "<p>Am 3. März 2019 war der Grundstein gelegt worden.</p>"
)


def page(head: str = "", above: str = "", below: str = "") -> bytes:
    return (
        f'<html lang="de"><head><meta charset="utf-8">{head}</head><body>'
        f"{above}<h1>Neue Kita eröffnet</h1>{below}{BODY}</body></html>"
    ).encode()


def test_visible_date_line_wins_and_points_into_the_text() -> None:
    head = '<meta property="article:published_time" content="2024-02-20T10:00:00+01:00">'
    doc = load_html(page(head, below="<p>Veröffentlicht am 21.02.2024</p>"))
    assert doc.published is not None
    assert (doc.published.value, doc.published.precision) == ("2024-02-21", "day")
    assert doc.published.source == "visible"
    assert doc.published.span is not None
    start, end = doc.published.span
    assert doc.text[start:end] == "21.02.2024"


def test_time_element_then_meta_then_jsonld() -> None:
    time_el = '<p><time datetime="2023-11-05">5. November</time></p>'
    doc = load_html(page('<meta name="date" content="2020-01-01">', below=time_el))
    assert doc.published is not None and doc.published.source == "time"
    assert doc.published.value == "2023-11-05"
    doc = load_html(page('<meta name="dc.date" content="2020-01-02">'))
    assert doc.published is not None
    assert (doc.published.value, doc.published.source) == ("2020-01-02", "meta:dc.date")
    ld = (
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
        ' "datePublished": "2022-07-14T08:00:00Z"}]}</script>'
    )
    doc = load_html(page(ld))
    assert doc.published is not None
    assert (doc.published.value, doc.published.source) == ("2022-07-14", "jsonld")


def test_no_page_date_from_the_body_text() -> None:
    doc = load_html(page())
    assert "3. März 2019" in doc.text
    assert doc.published is None


def test_url_from_canonical_link_else_og_url() -> None:
    canonical = '<link rel="canonical" href="https://www.kreis.de/pm/1">'
    og = '<meta property="og:url" content="https://www.kreis.de/pm/og">'
    assert load_html(page(canonical + og)).url == "https://www.kreis.de/pm/1"
    assert load_html(page(og)).url == "https://www.kreis.de/pm/og"
    assert load_html(page('<link rel="canonical" href="/relativ">')).url is None


def test_every_record_type_carries_date_and_url(tmp_path: Path) -> None:
    head = (
        '<link rel="canonical" href="https://www.kreis.de/seite">'
        '<meta name="dcterms.date" content="2021-05">'
    )
    path = tmp_path / "seite.html"
    path.write_bytes(page(head))
    record = extract(SourceFile(path, path.name), path.read_bytes(), Options(annotate=False)).record
    assert record.source.url == "https://www.kreis.de/seite"
    assert record.published is not None
    assert (record.published.value, record.published.precision) == ("2021-05", "month")
    assert record.published.source == "meta:dcterms.date"


def test_broken_or_deeply_nested_jsonld_gives_no_date() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    head = (
        f'<script type="application/ld+json">{deep}</script>'
        '<script type="application/ld+json">{"datePublished": </script>'
    )
    assert load_html(page(head)).published is None
