"""Main content by content, not by class words: made-up pages of real pages' shapes.

Each test is one mechanism: a wrapper whose class names furniture but which holds the
page; a hidden *label* that is not a hidden field; a teaser heading over text trafilatura
keeps; boilerplate trafilatura drops that our rescue must not bring back; the lead under
an h3 headline.
"""

from __future__ import annotations

from ikz_extract.loaders.html import load_html
from ikz_extract.loaders.html_clean import clean
from ikz_extract.loaders.html_tree import parse_tree

PROSE = [
    "Die Gemeinden im Nordkreis haben sich auf einen gemeinsamen Winterdienst verständigt. "
    "Künftig räumen die Fahrzeuge des Bauhofs Altenberge auch die Straßen in Nordwalde.",
    "Nach Angaben der Verwaltung sinken die Kosten dadurch um rund ein Fünftel, weil "
    "teure Spezialfahrzeuge nicht mehr doppelt vorgehalten werden müssen.",
    "Der Rat stimmte der Vereinbarung einstimmig zu; sie gilt zunächst für fünf Jahre und "
    "verlängert sich, wenn keine Gemeinde kündigt, jeweils um zwei weitere Jahre.",
]


def paragraphs(items: list[str] = PROSE) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def html(body: str) -> bytes:
    return f'<html lang="de"><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode()


def test_a_wrapper_named_like_furniture_that_holds_the_page_stays() -> None:
    for wrapper in (
        '<div id="totop">',
        '<div class="layout has-sidebar">',
        '<div class="nav-wrap">',
    ):
        page = html(
            f'{wrapper}<nav><a href="/">Start</a></nav><h1>Gemeinsamer Winterdienst</h1>'
            f'{paragraphs()}<div class="sidebar"><p>Veranstaltungen im März</p></div></div>'
        )
        text = load_html(page).text
        assert all(p in text for p in PROSE), wrapper
        assert "Veranstaltungen im März" not in text, wrapper


def test_a_small_element_named_like_furniture_still_goes() -> None:
    root = parse_tree(
        html(f'<div>{paragraphs()}<div id="totop"><p>Nach oben springen</p></div></div>').decode()
    )
    clean(root)
    assert "Nach oben springen" not in root.text_content()
    assert PROSE[0] in root.text_content()


def test_a_hidden_label_is_not_a_hidden_field() -> None:
    page = html(
        f"<h1>Gemeinsamer Winterdienst</h1>{paragraphs()}"
        '<div class="field field--label-hidden"><p>Die Vereinbarung tritt am 1. November in '
        "Kraft und wird im Amtsblatt beider Gemeinden bekannt gemacht.</p></div>"
        '<div class="visually-hidden"><p>Nur für Screenreader gedacht.</p></div>'
    )
    text = load_html(page).text
    assert "Die Vereinbarung tritt am 1. November in Kraft" in text
    assert "Nur für Screenreader" not in text


def test_a_teaser_heading_over_real_text_keeps_its_section() -> None:
    advice = [
        "Räumen Sie Gehwege vor Ihrem Grundstück bis sieben Uhr morgens, an Sonn- und "
        "Feiertagen bis neun Uhr, und streuen Sie abstumpfende Mittel statt Salz.",
        "Melden Sie umgestürzte Bäume und vereiste Kreuzungen direkt beim Bauhof, damit die "
        "Fahrzeuge dort zuerst eingesetzt werden können.",
    ]
    page = html(
        f"<article><h1>Gemeinsamer Winterdienst</h1>{paragraphs()}"
        f"<h2>Empfehlungen</h2>{paragraphs(advice)}</article>"
    )
    text = load_html(page).text
    assert "Empfehlungen" in text
    assert all(a in text for a in advice)


def test_boilerplate_after_the_article_stays_out() -> None:
    page = html(
        f"<article><h1>Gemeinsamer Winterdienst</h1>{paragraphs()}"
        "<p>Mehr zum Thema:</p><ul><li><a href='/a'>Neuer Bauhof eröffnet</a></li></ul>"
        "<h3>Pressekontakt</h3><p>Pressestelle, Telefon 02505 82 0</p>"
        "<div class='rating'><h3>Wie bewerten Sie diesen Artikel?</h3><p>sehr gut</p>"
        "<p>gut</p></div>"
        "<p>Gib deine E-Mail-Adresse ein, um keinen Beitrag mehr zu verpassen.</p>"
        "<div class='tags'><a href='/t/1'>Winterdienst</a> <a href='/t/2'>Bauhof</a></div>"
        "</article>"
    )
    text = load_html(page).text
    assert all(p in text for p in PROSE)
    for leak in ("Mehr zum Thema", "Pressekontakt", "Wie bewerten Sie", "E-Mail-Adresse ein"):
        assert leak not in text, leak


def test_lead_under_an_h3_headline_stays() -> None:
    lead = "Altenberge und Nordwalde teilen sich ab November Fahrzeuge und Personal."
    page = html(
        '<div class="teaser"><h4><a href="/x">Andere Meldung</a></h4></div>'
        f"<div><h3>Gemeinsamer Winterdienst</h3><p><em>{lead}</em></p>{paragraphs()}</div>"
    )
    doc = load_html(page)
    assert doc.title == "Gemeinsamer Winterdienst"
    assert lead in doc.text


def test_teaser_lists_go_even_where_trafilatura_keeps_them() -> None:
    page = html(
        f"<article><h1>Gemeinsamer Winterdienst</h1>{paragraphs(PROSE[:2])}"
        "<p>Auch lesen:</p><p><a href='/b'>Neuer Bauhof in Greven eröffnet seine Tore</a></p>"
        f"{paragraphs(PROSE[2:])}"
        "<h2>Das könnte Sie auch interessieren</h2><ul>"
        "<li><a href='/c'>Streusalz wird knapp: Was Gemeinden jetzt tun</a></li>"
        "<li><a href='/d'>Bauhof-Fahrzeuge gemeinsam beschaffen</a></li></ul>"
        "<p>*Werbung. Dieser Beitrag enthält Werbung für einen Streudienst.</p></article>"
    )
    text = load_html(page).text
    assert all(p in text for p in PROSE)
    for leak in ("Auch lesen", "Neuer Bauhof in Greven", "Streusalz wird knapp", "Werbung"):
        assert leak not in text, leak
