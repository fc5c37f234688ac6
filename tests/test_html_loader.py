"""HTML loader: charset handling, boilerplate removal, heading/list/link recognition."""

from __future__ import annotations

from ikz_extract.loaders import load
from ikz_extract.loaders.html import load_html

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="{charset}"><title>Seite</title></head>
<body>
<header><nav><a href="/">Startseite</a><a href="/themen">Themen</a></nav></header>
<div class="cookie-notice">Wir verwenden Cookies. <button>Akzeptieren</button></div>
<nav aria-label="breadcrumb"><ol><li>Start</li><li>Projekte</li></ol></nav>
<main><article>
<h1>Gemeinsamer Bauhof Nordkreis</h1>
<p>Die Gemeinden Altenberge und Nordwalde betreiben seit 2019 einen gemeinsamen Bauhof.</p>
<p><strong>Finanzierung:</strong></p>
<p>Die Kosten werden nach Einwohnerzahl geteilt.</p>
<dl><dt>Rechtsform</dt><dd>öffentlich-rechtliche Vereinbarung</dd></dl>
<table><tr><th>Zusammenarbeit seit</th><td>2019</td></tr></table>
<ul class="tags"><li>Bauhof</li><li>Straßen</li></ul>
<p>Mehr dazu im <a href="https://www.altenberge.de/bauhof">Bauhof-Portal</a>.</p>
</article></main>
<aside class="sidebar"><h2>Weitere Projekte</h2><p>Klimakreis Borken</p></aside>
<footer><p>Impressum · Datenschutz · © 2025 Gemeinde Altenberge</p></footer>
</body></html>"""


def blocks(html: str, encoding: str = "utf-8") -> list[tuple[str, str]]:
    doc = load_html(html.encode(encoding))
    return [(b.kind, b.text) for b in doc.blocks]


def test_boilerplate_is_dropped_and_content_kept() -> None:
    text = load_html(PAGE.format(charset="utf-8").encode()).text
    assert "Die Gemeinden Altenberge und Nordwalde" in text
    for furniture in (
        "Startseite",
        "Cookies",
        "Akzeptieren",
        "Weitere Projekte",
        "Klimakreis Borken",
        "Impressum",
        "Projekte\n",
    ):
        assert furniture not in text


def test_headings_from_h_dt_th_and_bold_paragraphs() -> None:
    found = blocks(PAGE.format(charset="utf-8"))
    headings = [text for kind, text in found if kind == "heading"]
    assert headings == [
        "Gemeinsamer Bauhof Nordkreis",
        "Finanzierung:",
        "Rechtsform",
        "Zusammenarbeit seit",
    ]
    assert ("paragraph", "öffentlich-rechtliche Vereinbarung") in found


def test_lists_stay_items_of_one_group_and_links_keep_href() -> None:
    doc = load_html(PAGE.format(charset="utf-8").encode())
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == ["Bauhof", "Straßen"]
    assert items[0].group is not None and items[0].group == items[1].group
    linked = next(b for b in doc.blocks if b.links)
    assert linked.links[0].url == "https://www.altenberge.de/bauhof"
    assert linked.links[0].text == "Bauhof-Portal"


def test_spans_index_the_document_text() -> None:
    doc = load_html(PAGE.format(charset="utf-8").encode())
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
    assert doc.title == "Gemeinsamer Bauhof Nordkreis"


def test_cp1252_page_without_charset_declaration() -> None:
    html = PAGE.replace('<meta charset="{charset}">', "").replace("{charset}", "")
    found = load_html(html.encode("cp1252")).text
    assert "öffentlich-rechtliche Vereinbarung" in found
    assert "Straßen" in found


def test_page_declaring_latin1_but_utf8_reads_right() -> None:
    found = load_html(PAGE.format(charset="ISO-8859-1").encode("utf-8")).text
    assert "öffentlich-rechtliche Vereinbarung" in found
    assert "Ã¶" not in found  # the mojibake a naive decoder produces


def test_page_declaring_utf8_but_cp1252_reads_right() -> None:
    found = load_html(PAGE.format(charset="utf-8").encode("cp1252")).text
    assert "Straßen" in found and "\ufffd" not in found


def test_cp1252_typography_with_declaration() -> None:
    html = PAGE.format(charset="windows-1252").replace(
        "Die Kosten", "„Gemeinsam kommt man weiter“ – die Kosten"
    )
    assert "„Gemeinsam kommt man weiter“ – die Kosten" in load_html(html.encode("cp1252")).text


def test_format_is_sniffed_from_bytes_not_name() -> None:
    html = PAGE.format(charset="utf-8").encode()
    assert load(html).media_type == "text/html"
    assert load(b"Anlass:\n\nEin Text.\n").media_type == "text/plain"
    assert load(b"# Titel\n\n## Ziel:\n\n---\n\nText\n").media_type == "text/markdown"
