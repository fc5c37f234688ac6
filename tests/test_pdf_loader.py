"""PDF loader (issue 4.1) and the pdfium backend (issue 6.3), rule by rule.

Every edge case is a PDF the test builds itself and is read with both backends, which
must agree; the sample PDFs are checked for equal blocks from both backends.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from fpdf import FPDF

from ikz_extract.document import Block, Document
from ikz_extract.loaders import LoadError, load
from ikz_extract.loaders.pdf import load_pdf
from ikz_extract.loaders.pdf_layout import SCANNED_WARNING, join_hyphenated
from ikz_extract.options import PDF_BACKENDS, PdfBackend
from tests.conftest import FIXTURES, SAMPLES, extract_bytes
from tests.test_pdf_writer import BOTTOM, LEFT, WIDTH, Writer

SAMPLE_PDFS = sorted([*SAMPLES.glob("*.pdf"), *(FIXTURES / "variants").glob("*.pdf")])
STRATEGY_PDF = SAMPLES / "003_strategische_ziele_kreis_coesfeld.pdf"

backends = pytest.mark.parametrize("backend", PDF_BACKENDS)


def read(data: bytes, backend: PdfBackend, **kwargs: int) -> Document:
    return load_pdf(data, backend=backend, **kwargs)


def texts(doc: Document, kind: str | None = None) -> list[str]:
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


def signature(doc: Document) -> list[Block]:
    return list(doc.blocks)


@cache
def sample(path: Path, backend: PdfBackend) -> Document:
    return load_pdf(path.read_bytes(), backend=backend)


# --------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("Die Wirtschafts-", "förderung hilft", "Die Wirtschaftsförderung hilft"),
        ("im Rhein-", "Sieg-Kreis", "im Rhein-Sieg-Kreis"),
        ("Aus-", "und Weiterbildung", "Aus- und Weiterbildung"),
        ("Hin-", "oder Rückfahrt", "Hin- oder Rückfahrt"),
        ("Landes-", "bzw. Bundesmittel", "Landes- bzw. Bundesmittel"),
        ("Planungs-", "sowie Bauamt", "Planungs- sowie Bauamt"),
        ("Förde\u00ad", "rung", "Förderung"),
        ("die Jahre 2020-", "2025", "die Jahre 2020-2025"),
        ("Handelns –", "heute", "Handelns – heute"),
        ("Kreis", "Coesfeld", "Kreis Coesfeld"),
    ],
)
def test_join_hyphenated(left: str, right: str, joined: str) -> None:
    assert join_hyphenated(left, right) == joined


def test_join_hyphenated_keeps_a_deliberate_line_break() -> None:
    assert join_hyphenated("Der Landrat", "Friedrich-Ebert-Str. 7", "\n") == (
        "Der Landrat\nFriedrich-Ebert-Str. 7"
    )


@backends
def test_dehyphenation_at_line_ends(backend: PdfBackend) -> None:
    w = Writer()
    w.lines(
        [
            "Die Wirtschafts-",
            "förderung des Rhein-",
            "Sieg-Kreises bietet Aus-",
            "und Weiterbildung, Landes-",
            "bzw. Bundesmittel und Hin-",
            "oder Rückfahrten an.",
        ]
    )
    assert texts(read(w.output(), backend)) == [
        "Die Wirtschaftsförderung des Rhein-Sieg-Kreises bietet Aus- und Weiterbildung, "
        "Landes- bzw. Bundesmittel und Hin- oder Rückfahrten an."
    ]


@backends
def test_ligatures_are_repaired(backend: PdfBackend) -> None:
    w = Writer()
    w.text("Die ﬁnanzielle Lage beeinﬂusst die Planung.")
    doc = read(w.output(), backend)
    assert texts(doc) == ["Die finanzielle Lage beeinflusst die Planung."]
    assert doc.warnings == []


def test_ligature_repairs_are_counted() -> None:
    w = Writer()
    w.text("Die ﬁnanzielle Lage beeinﬂusst die Planung.")
    assert read(w.output(), "pdfplumber").meta["pdf_ligatures_repaired"] == "2"


@backends
def test_soft_hyphens_inside_a_line_vanish_and_at_its_end_join(backend: PdfBackend) -> None:
    w = Writer()
    w.lines(["Die Verwaltungs\u00addigitalisierung braucht Ab\u00ad", "stimmung im Kreis."])
    assert texts(read(w.output(), backend)) == [
        "Die Verwaltungsdigitalisierung braucht Abstimmung im Kreis."
    ]


@backends
def test_undecodable_characters_are_reported(backend: PdfBackend) -> None:
    w = Writer()
    w.text("Die Gesch\ufffdftsstelle liegt in Coesfeld.")
    doc = read(w.output(), backend)
    assert texts(doc) == ["Die Gesch\ufffdftsstelle liegt in Coesfeld."]
    assert len(doc.warnings) == 1
    assert "1 character(s) could not be decoded" in doc.warnings[0]
    assert "page(s) 1" in doc.warnings[0]


# --------------------------------------------------------------------------- furniture

FOOTERS = {
    "plain": lambda n: str(n),
    "dashes": lambda n: f"– {n} –",
    "seite": lambda n: f"Seite {n}",
    "hyphens": lambda n: f"-{n}-",
    "von": lambda n: f"Seite {n} von 3",
}
HEADER = "Kreis Musterstadt · Strategie 2030"
PAGE_TEXT = [
    "Auf der ersten Seite beginnt die Strategie mit einer Einleitung.",
    "Die zweite Seite beschreibt die Ziele der Zusammenarbeit.",
    "Die dritte Seite nennt die Maßnahmen und den Zeitplan.",
]


@backends
@pytest.mark.parametrize("footer", FOOTERS, ids=list(FOOTERS))
def test_running_header_and_page_numbers_are_removed(backend: PdfBackend, footer: str) -> None:
    w = Writer(header=HEADER, footer=FOOTERS[footer])
    for text in PAGE_TEXT:
        w.page()
        w.para(text)
    doc = read(w.output(), backend)
    assert texts(doc) == PAGE_TEXT
    assert [b.page for b in doc.blocks] == [1, 2, 3]
    assert doc.meta["pdf_furniture_lines_removed"] == "6"


@backends
def test_a_single_page_loses_its_page_number_but_keeps_its_text(backend: PdfBackend) -> None:
    w = Writer(footer=lambda n: f"– {n} –")
    w.para("Ein Blatt mit einer Seitenzahl.")
    assert texts(read(w.output(), backend)) == ["Ein Blatt mit einer Seitenzahl."]


@backends
def test_a_number_in_the_body_is_not_furniture(backend: PdfBackend) -> None:
    w = Writer(footer=lambda n: str(n))
    w.page()
    w.para("Die Zahl der Mitgliedskommunen:")
    w.text("12")
    w.page()
    w.para("Zweite Seite.")
    assert "12" in texts(read(w.output(), backend))


# --------------------------------------------------------------------------- lists

ITEMS = [
    ("•", "Unterstützung der Kommunen bei der Digitalisierung ihrer Verwaltungsleistungen "
     "und der Einführung gemeinsamer Plattformen für alle Bürgerinnen und Bürger."),
    ("–", "Ausbau des Radwegenetzes entlang der Kreisstraßen mit sicheren Querungen und "
     "einer durchgehenden Beschilderung für den Alltagsradverkehr in der Region."),
    ("-", "Gemeinsame Beschaffung von Fahrzeugen für den Rettungsdienst und die "
     "Feuerwehren der kreisangehörigen Städte und Gemeinden im ganzen Kreisgebiet."),
    ("▪", "Regelmäßige Berichte an den Kreistag über den Stand der Umsetzung aller "
     "Maßnahmen und die Entwicklung der vereinbarten Kennzahlen in jedem Jahr."),
    ("1.", "Erstens wird eine Geschäftsstelle eingerichtet, die alle Partner berät und "
     "die Förderanträge für die gemeinsamen Projekte der Kommunen koordiniert."),
    ("a)", "zweitens werden die Kosten nach der Einwohnerzahl auf die beteiligten "
     "Kommunen verteilt, wie es der öffentlich-rechtliche Vertrag vorsieht."),
]  # fmt: skip


@backends
def test_list_items_with_wrapped_lines(backend: PdfBackend) -> None:
    w = Writer()
    w.para("Der Kreis verfolgt diese Ziele:")
    for marker, text in ITEMS:
        assert len(w.wrap(text, width=WIDTH - 16)) >= 2  # each item really wraps
        w.bullet(text, marker=marker)
    w.space(8)
    w.para("Danach folgt wieder ein gewöhnlicher Absatz.")
    doc = read(w.output(), backend)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Der Kreis verfolgt diese Ziele:"),
        *[("list_item", text) for _, text in ITEMS],
        ("paragraph", "Danach folgt wieder ein gewöhnlicher Absatz."),
    ]


@backends
def test_a_dash_that_wraps_to_a_line_start_is_no_bullet(backend: PdfBackend) -> None:
    w = Writer()
    w.lines(["Die Ziele bilden das Fundament unseres Handelns", "– heute und in Zukunft."])
    doc = read(w.output(), backend)
    assert [b.kind for b in doc.blocks] == ["paragraph"]
    joined = doc.blocks[0].text.replace("\n", " ")
    assert joined == "Die Ziele bilden das Fundament unseres Handelns – heute und in Zukunft."


@backends
def test_a_list_item_continues_across_a_page_break(backend: PdfBackend) -> None:
    w = Writer(header=HEADER, footer=lambda n: f"Seite {n}")
    w.page()
    w.para("Ziele des Kreises:")
    text = ITEMS[0][1] + " Dazu gehören auch Schulungen für die Beschäftigten."
    lines = w.wrap(text, width=WIDTH - 16)
    w.y = BOTTOM - 14.0 * 2 + 1  # room for two lines, the rest goes to page 2
    w.bullet(lines)
    w.bullet("Zweites Ziel auf der neuen Seite.")
    doc = read(w.output(), backend)
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [(b.text, b.page) for b in items] == [
        (text, 1),
        ("Zweites Ziel auf der neuen Seite.", 2),
    ]


@backends
def test_a_paragraph_continues_across_a_page_break(backend: PdfBackend) -> None:
    w = Writer(header=HEADER, footer=lambda n: f"– {n} –")
    w.page()
    text = (
        "Der Kreis fördert die Zusammenarbeit seiner Städte und Gemeinden in allen Bereichen "
        "der Daseinsvorsorge und unterstützt sie bei der Planung gemeinsamer Projekte sowie "
        "bei der Beantragung von Fördermitteln des Landes und des Bundes und der "
        "Europäischen Union, damit die Kommunen ihre Aufgaben auch in Zukunft gemeinsam, "
        "wirtschaftlich und bürgernah erfüllen können und die Region"
    )
    lines = w.wrap(text)[:-1]  # full lines only: none of them ends the paragraph
    assert len(lines) >= 3
    w.y = BOTTOM - 14.0 * 2 + 1
    w.lines([*lines, "auf der zweiten Seite geht der Absatz weiter."])
    doc = read(w.output(), backend)
    assert len(doc.blocks) == 1
    assert doc.blocks[0].page == 1
    assert doc.blocks[0].text == " ".join(lines) + " auf der zweiten Seite geht der Absatz weiter."


@backends
def test_a_word_split_across_a_page_break_is_joined(backend: PdfBackend) -> None:
    w = Writer(header=HEADER, footer=lambda n: f"Seite {n}")
    w.page()
    w.y = BOTTOM - 14.0 + 1
    w.lines(["Gemeinsam betreiben die Kommunen die Wirtschafts-", "förderung der Region."])
    doc = read(w.output(), backend)
    assert texts(doc) == ["Gemeinsam betreiben die Kommunen die Wirtschaftsförderung der Region."]


@backends
def test_a_new_paragraph_at_the_top_of_a_page_stays_separate(backend: PdfBackend) -> None:
    w = Writer(footer=lambda n: str(n))
    w.page()
    w.y = BOTTOM - 14.0 + 1
    w.text("Der erste Absatz endet mit dieser Seite.")
    w.text("Der zweite Absatz beginnt oben auf der nächsten Seite.")
    assert texts(read(w.output(), backend)) == [
        "Der erste Absatz endet mit dieser Seite.",
        "Der zweite Absatz beginnt oben auf der nächsten Seite.",
    ]


# --------------------------------------------------------------------------- headings


def _heading_doc() -> bytes:
    w = Writer()
    w.heading("1. Einleitung", size=16)
    w.para("Ein einleitender Absatz mit etwas Text, damit die Grundschrift erkennbar ist.")
    w.heading("1.1 Anlass", size=13)
    w.para("Der Anlass der Strategie wird hier in einem kurzen Absatz beschrieben.")
    w.heading("1.1.1 Einzelheiten", size=10)
    w.para("Einzelheiten folgen in der Grundschrift, aber ohne Fettdruck im Absatz.")
    w.heading("1.2 Auftrag", size=13)
    w.para("Der Auftrag kam vom Kreistag und wird hier in einem Absatz erläutert.")
    w.space(8)
    w.text("4.1 Ziele der Kooperation")
    w.space(8)
    w.para("Eine nicht fette, nummerierte Zeile mit Abstand davor und danach ist ein Titel.")
    w.text("Dr. Erika Mustermann", bold=True)
    w.text("Landrätin des Kreises")
    return w.output()


@backends
def test_headings_from_size_weight_and_numbering(backend: PdfBackend) -> None:
    doc = read(_heading_doc(), backend)
    headings = {b.text: b.level or 0 for b in doc.blocks if b.kind == "heading"}
    assert set(headings) == {
        "1. Einleitung",
        "1.1 Anlass",
        "1.1.1 Einzelheiten",
        "1.2 Auftrag",
        "4.1 Ziele der Kooperation",
    }
    levels = [headings[t] for t in ("1. Einleitung", "1.1 Anlass", "1.1.1 Einzelheiten")]
    assert levels == sorted(levels) and len(set(levels)) == 3
    assert headings["1.1 Anlass"] == headings["1.2 Auftrag"]
    assert "Dr. Erika Mustermann" in texts(doc, "paragraph")  # bold signature, no heading


@backends
def test_numbering_orders_headings_of_the_same_style(backend: PdfBackend) -> None:
    w = Writer()
    for title in ("A. GRUNDSÄTZE", "I. DEMOKRATIE", "II. FINANZEN", "B. ZIELE", "I. WIRTSCHAFT"):
        w.heading(title, size=12)
        w.para("Ein Absatz Grundschrift unter jeder Überschrift, lang genug für die Statistik.")
    w.heading("WIRTSCHAFT:", size=10)
    w.para("Noch ein Absatz unter der Zwischenüberschrift in Großbuchstaben.")
    w.heading("§ 3 Aufgaben", size=12)
    w.para("Der Zweckverband übernimmt die Aufgaben nach dieser Satzung.")
    doc = read(w.output(), backend)
    level = {b.text: b.level or 0 for b in doc.blocks if b.kind == "heading"}
    assert level["A. GRUNDSÄTZE"] == level["B. ZIELE"] < level["I. DEMOKRATIE"]
    assert level["I. DEMOKRATIE"] == level["II. FINANZEN"] == level["I. WIRTSCHAFT"]
    assert level["I. WIRTSCHAFT"] < level["WIRTSCHAFT:"]
    assert level["§ 3 Aufgaben"] == level["I. DEMOKRATIE"]


# --------------------------------------------------------------------------- contents


def _toc_line(pdf: FPDF, y: float, label: str, page: str, *, leaders: bool = True) -> None:
    right = LEFT + WIDTH
    pdf.text(LEFT, y, label)
    pdf.text(right - pdf.get_string_width(page), y, page)
    if leaders:
        start = LEFT + pdf.get_string_width(label + " ")
        count = int((right - pdf.get_string_width(page) - 4 - start) / pdf.get_string_width("."))
        pdf.text(start, y, "." * count)


@backends
@pytest.mark.parametrize("leaders", [True, False], ids=["dot-leaders", "gap"])
def test_table_of_contents_becomes_toc_blocks(backend: PdfBackend, leaders: bool) -> None:
    w = Writer()
    w.heading("Inhalt", size=18)
    w._use(10, False)
    entries = [("Vorwort", "3"), ("1. Einleitung", "4"), ("1.1 Anlass und Auftrag", "4")]
    y = w.y + 10
    for label, page in entries:
        _toc_line(w.pdf, y, label, page, leaders=leaders)
        y += 16
    w.pdf.text(LEFT, y, "2. Ein sehr langer Kapiteltitel, der im Inhaltsverzeichnis auf")
    _toc_line(w.pdf, y + 13, "zwei Zeilen umbricht", "7", leaders=leaders)
    _toc_line(w.pdf, y + 29, "3. Umsetzung", "9", leaders=leaders)
    w.page()
    w.heading("Vorwort")
    w.para("Liebe Leserinnen und Leser, dies ist der Text des Vorworts.")
    doc = read(w.output(), backend)
    toc = [b for b in doc.blocks if b.group == "toc"]
    assert [b.text for b in toc] == [
        "Vorwort\t3",
        "1. Einleitung\t4",
        "1.1 Anlass und Auftrag\t4",
        "2. Ein sehr langer Kapiteltitel, der im Inhaltsverzeichnis auf zwei Zeilen umbricht\t7",
        "3. Umsetzung\t9",
    ]
    assert all(b.kind == "table" and b.page == 1 for b in toc)
    assert texts(doc, "heading") == ["Inhalt", "Vorwort"]
    assert texts(doc, "paragraph") == [
        "Liebe Leserinnen und Leser, dies ist der Text des Vorworts."
    ]


# --------------------------------------------------------------------------- whole files


@backends
def test_a_scanned_pdf_gives_a_warning_and_still_a_record(backend: PdfBackend) -> None:
    w = Writer()
    w.scan()
    w.scan()
    data = w.output()
    doc = read(data, backend)
    assert doc.blocks == [] and doc.pages == 2
    assert doc.warnings == [SCANNED_WARNING]
    if backend == "pdfplumber":
        record = extract_bytes(data, "scan.pdf")
        assert SCANNED_WARNING in record.warnings
        assert record.source.pages == 2


@backends
def test_a_partly_scanned_pdf_names_the_pages_without_text(backend: PdfBackend) -> None:
    w = Writer()
    w.para("Die erste Seite hat eine Textebene.")
    w.scan()
    doc = read(w.output(), backend)
    assert texts(doc) == ["Die erste Seite hat eine Textebene."]
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith("pages 2 have no text layer")


@backends
def test_max_pages_cuts_with_a_warning(backend: PdfBackend) -> None:
    w = Writer()
    for text in PAGE_TEXT:
        w.page()
        w.para(text)
    doc = read(w.output(), backend, max_pages=2)
    assert texts(doc) == PAGE_TEXT[:2]
    assert doc.pages == 3
    assert doc.warnings == [
        "only the first 2 of 3 pages were read (max_pages); the rest is not in the record"
    ]


def _encrypted(user_password: str) -> bytes:
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(LEFT, 100, "Vertrauliche Strategie")
    pdf.set_encryption(owner_password="owner", user_password=user_password)
    return bytes(pdf.output())


@backends
def test_encrypted_pdf_opens_with_the_empty_password(backend: PdfBackend) -> None:
    assert texts(read(_encrypted(""), backend)) == ["Vertrauliche Strategie"]


@backends
def test_encrypted_pdf_with_a_password_is_a_load_error(backend: PdfBackend) -> None:
    with pytest.raises(LoadError) as caught:
        read(_encrypted("geheim"), backend)
    assert caught.value.error_type == "encrypted_pdf"


@backends
@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_corrupt_pdf_is_a_load_error(backend: PdfBackend, damage: str) -> None:
    w = Writer()
    w.para("Ein Absatz.")
    data = w.output()
    data = data[: len(data) // 3] if damage == "truncated" else b"%PDF-1.7\n%\xff\xff\nkaputt"
    with pytest.raises(LoadError) as caught:
        read(data, backend)
    assert caught.value.error_type == "corrupt_pdf"


def test_load_passes_the_backend_through() -> None:
    w = Writer()
    w.para("Ein Absatz.")
    assert load(w.output(), pdf_backend="pdfium").loader == "pdfium"
    assert load(w.output()).loader == "pdfplumber"


# --------------------------------------------------------------------------- samples


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_both_backends_give_the_same_blocks(path: Path) -> None:
    plumber, pdfium = sample(path, "pdfplumber"), sample(path, "pdfium")
    assert plumber.blocks, "no blocks"
    assert signature(pdfium) == signature(plumber)
    assert (pdfium.title, pdfium.pages, pdfium.warnings, pdfium.text) == (
        plumber.title,
        plumber.pages,
        plumber.warnings,
        plumber.text,
    )


def test_sample_pdfs_exist() -> None:
    assert STRATEGY_PDF in SAMPLE_PDFS, "run `make samples`"
    assert FIXTURES / "variants" / "strategy_variant.pdf" in SAMPLE_PDFS


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_sample_blocks_keep_their_pages_and_lose_the_furniture(path: Path) -> None:
    doc = sample(path, "pdfplumber")
    assert doc.pages is not None
    assert all(b.page is not None and 1 <= b.page <= doc.pages for b in doc.blocks)
    pages = [b.page or 0 for b in doc.blocks]
    assert pages == sorted(pages)
    page_number = re.compile(r"(?:^|\n)(?:–\s*\d+\s*–|Seite \d+)(?:\n|$)")
    for block in doc.blocks:
        assert not page_number.search(block.text), block.text
        assert "Strategische Ziele des Kreises Coesfeld" not in block.text  # running header
        assert "Kreis Steinfurt | Strategie 2030" not in block.text


def test_strategy_sample_contents_and_words() -> None:
    doc = sample(STRATEGY_PDF, "pdfplumber")
    toc = [b.text for b in doc.blocks if b.group == "toc"]
    assert len(toc) == 22  # Vorwort, A, A.I-A.V, B, B.I-B.XIV as the seed lists them
    assert toc[0] == "Vorwort\t3" and toc[-1] == "XIV. Interkommunale Zusammenarbeit und Europa\t18"
    assert not any(re.search(r"\.{4,}", b.text) for b in doc.blocks)
    body = "\n".join(b.text for b in doc.blocks)
    assert "menschenwürdiges" in body and "men-" not in body
    assert "Systems zur Bewältigung" in body
    assert "Aus- und Weiterbildung" in body
    assert "Nordrhein-Westfalen" in body


@backends
def test_rotated_margin_text_is_left_out(backend: PdfBackend) -> None:
    w = Writer()
    w.para("Der Absatz steht waagerecht auf der Seite.")
    with w.pdf.rotation(90, x=30, y=400):
        w.pdf.text(30, 400, "Stand 06/2025 senkrecht am Rand")
    assert texts(read(w.output(), backend)) == ["Der Absatz steht waagerecht auf der Seite."]


@backends
def test_a_footnote_mark_stays_in_its_line(backend: PdfBackend) -> None:
    w = Writer()
    w._use(10, False)
    w.page()
    w.pdf.text(LEFT, 200, "Das Klimaschutzkonzept")
    x = LEFT + w.pdf.get_string_width("Das Klimaschutzkonzept")
    w._use(6, False)
    w.pdf.text(x, 196, "1")
    w._use(10, False)
    w.pdf.text(x + 7, 200, "gilt bis 2035.")
    assert texts(read(w.output(), backend)) == ["Das Klimaschutzkonzept1 gilt bis 2035."]


@backends
def test_a_table_with_a_number_column_is_no_contents(backend: PdfBackend) -> None:
    w = Writer()
    w.page()
    w._use(10, False)
    rows = [("Ascheberg", "15"), ("Billerbeck", "11"), ("Coesfeld", "37"), ("Dülmen", "47")]
    for n, (name, count) in enumerate(rows):
        _toc_line(w.pdf, 120 + 16 * n, name, count, leaders=False)
    doc = read(w.output(), backend)
    assert not any(b.group == "toc" for b in doc.blocks)
    assert "Dülmen\t47" in "\n".join(texts(doc))


@backends
def test_a_date_that_wraps_to_a_line_start_is_no_item(backend: PdfBackend) -> None:
    w = Writer()
    w.lines(["Die Satzung des Zweckverbands gilt ab dem", "1. Januar 2025 für alle Mitglieder."])
    doc = read(w.output(), backend)
    assert [b.kind for b in doc.blocks] == ["paragraph"]
    assert doc.blocks[0].text.replace("\n", " ") == (
        "Die Satzung des Zweckverbands gilt ab dem 1. Januar 2025 für alle Mitglieder."
    )


@backends
def test_items_without_full_stops_stay_items(backend: PdfBackend) -> None:
    w = Writer()
    w.para("Handlungsfelder:")
    for marker, text in [("–", "Wirtschaft und Arbeit"), ("–", "Bildung"), ("1.", "Kultur")]:
        w.bullet(text, marker=marker)
    doc = read(w.output(), backend)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Handlungsfelder:"),
        ("list_item", "Wirtschaft und Arbeit"),
        ("list_item", "Bildung"),
        ("list_item", "Kultur"),
    ]
