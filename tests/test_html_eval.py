"""HTML main content, measured (issue 4.6): our loader against trafilatura on the pages in
bench/html_eval/pages, snippet by snippet as in trafilatura's own evaluation; and the loader
behaviours that measurement relies on."""

from __future__ import annotations

import re

import pytest
from bench.html_eval.run_eval import EXTRACTORS, evaluate, load_pages
from lxml import html as lxml_html

from ikz_extract.loaders.encoding import decode
from ikz_extract.loaders.html import load_html

PAGES = load_pages()


def test_the_set_is_large_enough_and_its_gold_is_on_the_pages() -> None:
    assert len(PAGES) >= 25
    for page in PAGES:
        assert len(page.with_) >= 3 and len(page.without) >= 3, page.name
        text, _ = decode(page.html, html=True)
        visible = re.sub(r"\s+", "", lxml_html.document_fromstring(text).text_content())
        for snippet in page.with_ + page.without:
            assert re.sub(r"\s+", "", snippet) in visible, (page.name, snippet)


def test_we_match_or_beat_trafilatura() -> None:
    names = ["ikz", "trafilatura", "trafilatura precision", "trafilatura recall"]
    results = evaluate(PAGES, {name: EXTRACTORS[name] for name in names})
    ours = results["ikz"].total
    best_trafilatura = max(results[name].total.f1 for name in names[1:])
    assert ours.f1 >= 0.9, results["ikz"].misses
    assert ours.f1 >= best_trafilatura, results["ikz"].misses
    assert ours.precision >= 0.9 and ours.recall >= 0.9


def test_our_own_choice_alone_is_a_usable_fallback() -> None:
    """Without trafilatura's verdict (tiny pages, its failure) the loader still does well."""
    results = evaluate(PAGES, {"own": EXTRACTORS["ikz (own choice only)"]})
    assert results["own"].total.f1 >= 0.85


# --------------------------------------------------------------------------- behaviours


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html lang='de'><head>{head}</head><body>{body}</body></html>".encode()


PROSE = (
    "Die Gemeinden Heek und Legden arbeiten seit 2024 beim Ordnungsamt zusammen. Die Kosten "
    "werden nach tatsächlichem Aufwand erstattet, die Vereinbarung gilt zunächst fünf Jahre."
)


@pytest.mark.parametrize("reference", [True, False], ids=["with trafilatura", "own choice"])
def test_ten_thousand_levels_deep_keeps_its_text(reference: bool) -> None:
    deep = "<div>" * 10_000 + f"<p>{PROSE}</p>" + "</div>" * 10_000
    doc = load_html(
        page(deep + "<p>Danach folgt ein zweiter Absatz mit Text.</p>"), reference=reference
    )
    assert PROSE in doc.text
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


@pytest.mark.parametrize("reference", [True, False], ids=["with trafilatura", "own choice"])
def test_hidden_and_screen_reader_text_is_dropped(reference: bool) -> None:
    body = (
        "<main><h2 class='invisible'>Hauptinhalt</h2><h2 class='sr-only'>Inhaltsbereich</h2>"
        "<h1>Gemeinsames Ordnungsamt</h1>"
        f"<p>{PROSE}</p><p style='display:none'>Versteckter Hinweis für Suchmaschinen.</p>"
        f"<p>{PROSE}</p><div hidden>Vorlage für die Galerie</div></main>"
    )
    text = load_html(page(body), reference=reference).text
    assert "Gemeinsames Ordnungsamt" in text and PROSE in text
    for hidden in ("Hauptinhalt", "Inhaltsbereich", "Versteckter Hinweis", "Vorlage"):
        assert hidden not in text


def test_responsive_hiding_is_not_hiding() -> None:
    body = f"<main><h1>Titel</h1><div class='hidden-xs'><p>{PROSE}</p></div></main>"
    assert PROSE in load_html(page(body), reference=False).text


def test_teaser_section_and_ui_words_are_dropped() -> None:
    body = (
        f"<main><h1>Gemeinsames Ordnungsamt</h1><p>{PROSE}</p><p>{PROSE}</p>"
        "<p><a href='/print'>Seite drucken</a></p>"
        "<h2>Das könnte Sie auch interessieren</h2>"
        "<p>Neue Öffnungszeiten im Bürgerbüro ab dem ersten Januar.</p></main>"
    )
    text = load_html(page(body), reference=False).text
    assert PROSE in text
    assert "Seite drucken" not in text
    assert "Das könnte Sie auch interessieren" not in text
    assert "Neue Öffnungszeiten" not in text


def test_link_lists_under_a_label_stay_with_it() -> None:
    """Tag links under "Stichworte:" are a profile field, not a link farm."""
    body = (
        "<article><h1>Klimakreis</h1><h3>Stichworte:</h3><ul class='tags'>"
        "<li><a href='/t/klima'>Klima</a></li><li><a href='/t/ks'>Katastrophenschutz</a></li></ul>"
        f"<h3>Anlass:</h3><p>{PROSE}</p><h3>Ziel:</h3><p>{PROSE}</p></article>"
    )
    doc = load_html(page(body))
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == ["Klima", "Katastrophenschutz"]


def test_the_date_line_near_the_headline_is_kept_in_place() -> None:
    """Main-content selection calls a date line furniture; a record needs it traceable."""
    body = (
        "<div class='pm'><p class='datum'>Pressemitteilung vom 21.02.2024</p>"
        f"<h1>Gemeinsame Leitstelle</h1><p>Bocholt. {PROSE}</p><p>{PROSE}</p></div>"
    )
    doc = load_html(page(body))
    assert doc.meta.get("date_text") == "Pressemitteilung vom 21.02.2024"
    texts = [b.text for b in doc.blocks]
    assert texts.index("Pressemitteilung vom 21.02.2024") + 1 == texts.index(
        "Gemeinsame Leitstelle"
    )


def test_site_name_from_title_or_logo_link() -> None:
    titled = load_html(
        page(f"<main><p>{PROSE}</p></main>", "<title>Bauhof | Gemeinde Heek</title>")
    )
    assert titled.meta["site_name"] == "Gemeinde Heek"
    logo = load_html(page(f"<a href='/'><img alt='Stadt Rheine'></a><main><p>{PROSE}</p></main>"))
    assert logo.meta["site_name"] == "Stadt Rheine"


def test_every_page_text_is_the_blocks_text() -> None:
    for p in PAGES:
        doc = load_html(p.html)
        assert doc.text == "\n\n".join(b.text for b in doc.blocks)
