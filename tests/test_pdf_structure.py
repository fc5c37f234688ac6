"""PDF structure on synthetic pages of real shapes (issue 13): tables, record types, titles.

Each PDF is built here with the test writer; the real dev set is scored by
``scripts/eval_pdf.py`` and its warnings are checked in ``test_pdf_dev_warnings.py``.
"""

from __future__ import annotations

from ikz_extract.loaders.pdf import load_pdf
from ikz_extract.models import RecordBase
from tests.conftest import extract_bytes
from tests.test_pdf_writer import LEFT, Writer


def ruled_table(w: Writer, rows: list[list[str]], widths: list[float]) -> None:
    """A grid of ruled cells at the cursor, one text line per cell, header row bold."""
    if w.pdf.page == 0:
        w.page()
    height = w.size * 2.0
    for r, row in enumerate(rows):
        x = LEFT
        top = w.y
        for cell, width in zip(row, widths, strict=True):
            w.pdf.rect(x, top, width, height)
            w._use(w.size, r == 0)
            w.pdf.text(x + 3, top + w.size * 1.3, cell)
            x += width
        w.y = top + height
    w.space(w.size * 2)


ROWS = [
    ["Kommune", "Einwohner", "Fläche km²"],
    ["Ahaus", "39.000", "151"],
    ["Gescher", "17.000", "73"],
    ["Stadtlohn", "20.000", "77"],
]


def _table_doc() -> bytes:
    w = Writer()
    w.heading("1. Beteiligte Kommunen")
    w.para("Die folgenden Städte arbeiten in der Kooperation zusammen und teilen sich Kosten.")
    w.text("Tabelle 1: Die Kommunen der Kooperation", bold=True)
    w.space(4)
    ruled_table(w, ROWS, [160, 120, 120])
    w.para("Nach der Tabelle geht der Text des Kapitels weiter und endet hier.")
    return w.output()


def test_a_ruled_table_becomes_one_table_block_with_rows_and_caption() -> None:
    doc = load_pdf(_table_doc())
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert [list(r) for r in tables[0].rows] == ROWS
    assert tables[0].caption == "Tabelle 1: Die Kommunen der Kooperation"
    assert all(b.kind != "heading" or "Einwohner" not in b.text for b in doc.blocks)
    paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert not any("Gescher" in p or "Tabelle 1" in p for p in paragraphs)


def test_the_record_has_the_table_and_no_section_holds_its_cells() -> None:
    record: RecordBase = extract_bytes(_table_doc(), "table.pdf")
    assert len(record.tabellen) == 1
    table = record.tabellen[0]
    assert (table.kopf, table.zeilen, table.seite) == (ROWS[0], ROWS[1:], 1)
    assert not any("Stadtlohn" in s.text for s in record.sections)
    assert any("geht der Text des Kapitels weiter" in s.text for s in record.sections)


def test_a_table_continued_on_the_next_page_is_one_table_without_its_repeated_header() -> None:
    w = Writer()
    w.para("Einleitung zum Verzeichnis der Förderbeträge aller beteiligten Träger.")
    w.y = 700.0
    ruled_table(w, ROWS[:3], [160, 120, 120])
    w.page()
    ruled_table(w, [ROWS[0], ROWS[3]], [160, 120, 120])
    w.para("Nach der Tabelle folgt wieder Fließtext mit einem Satz.")
    doc = load_pdf(w.output())
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert [list(r) for r in tables[0].rows] == ROWS


def test_a_frame_around_text_is_no_table() -> None:
    """A slide frame or a form box: one column, no row with two filled cells."""
    w = Writer()
    ruled_table(w, [["Hinweis"], ["Der Text steht in einem Rahmen."]], [400])
    doc = load_pdf(w.output())
    assert not [b for b in doc.blocks if b.kind == "table"]
    assert "Der Text steht in einem Rahmen." in doc.text


def test_a_gazette_with_a_date_line_is_no_press_release() -> None:
    """An Amtsblatt has a date and "Ort, Datum" lines; as a PDF it needs the word."""
    w = Writer()
    w.text("Amtsblatt", size=30, bold=True)
    w.text("Nr. 1/2010 15.01.2010", size=12)
    w.space(20)
    w.heading("1 Einladung Wahlausschuss", size=11)
    w.para(
        "Am Montag, 08. Februar 2010, findet um 18:00 Uhr die Sitzung des Wahlausschusses statt."
    )
    w.para("Langenfeld, 6. Januar 2010 Der Bürgermeister")
    w.heading("2 Aufgebot", size=11)
    w.para("Das Sparkassenbuch wurde als verloren gemeldet. Der Inhaber wird aufgefordert.")
    record = extract_bytes(w.output(), "gazette.pdf")
    assert record.record_type == "pdf_document"
    levels = {s.heading: s.level for s in record.sections if s.heading}
    assert levels["Amtsblatt"] == 0
    assert levels["1 Einladung Wahlausschuss"] == levels["2 Aufgebot"] > 0


LEFT_COLUMN = (
    "Die Kooperation der Städte spart Kosten bei der Beschaffung und bündelt das Wissen der "
    "Verwaltungen in einer gemeinsamen Stelle für alle Beteiligten."
)
RIGHT_COLUMN = (
    "Der Kreis begleitet die Zusammenarbeit mit einer Geschäftsstelle und berichtet dem "
    "Kreistag jedes Jahr über den Stand der vereinbarten Maßnahmen."
)


def _two_columns(left: str, right: str) -> bytes:
    w = Writer()
    w.page()
    left_lines = w.wrap(left, width=200)
    right_lines = w.wrap(right, width=200)
    y = w.y
    for i in range(max(len(left_lines), len(right_lines))):
        w._use(w.size, False)
        if i < len(left_lines):
            w.pdf.text(LEFT, y, left_lines[i])
        if i < len(right_lines):
            w.pdf.text(LEFT + 260, y, right_lines[i])
        y += w.size * w.leading
    return w.output()


def test_two_columns_are_read_one_after_the_other() -> None:
    doc = load_pdf(_two_columns(LEFT_COLUMN, RIGHT_COLUMN))
    paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == [LEFT_COLUMN, RIGHT_COLUMN]


def test_a_table_of_short_cells_is_not_read_as_columns() -> None:
    """Rows of one- and two-word cells (a grave list) keep their rows."""
    w = Writer()
    w.page()
    rows = [("1+2", "048-049", "Günter Krapp"), ("D", "074-075", "Juliane Krenz")]
    rows += [("E", "066-067", "Siegrid Theißen"), ("G", "079-080", "Reinhold Wagner")]
    for row in rows:
        w._use(w.size, False)
        for x, cell in zip((LEFT, LEFT + 80, LEFT + 200), row, strict=True):
            w.pdf.text(x, w.y, cell)
        w.y += w.size * w.leading
    doc = load_pdf(w.output())
    assert "1+2\t048-049\tGünter Krapp" in doc.text


def test_where_the_body_is_bold_only_larger_type_makes_headings() -> None:
    """A slide template sets its body in bold: bold lines there are no headings."""
    w = Writer()
    for title in ("Neue Services im Überblick", "Ablauf der Einführung"):
        w.heading(title, size=22)
        for line in ("Formulare herunterladen und bereitlegen", "Beratung anfragen"):
            w.text(line, size=16, bold=True)
            w.space(14)
    doc = load_pdf(w.output())
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Neue Services im Überblick", "Ablauf der Einführung"]


def test_a_bold_label_with_a_colon_right_above_its_text_is_no_heading() -> None:
    w = Writer()
    w.heading("Beispiele", size=14)
    w.text("Chat-Prompt:", bold=True)
    w.para("Schreibe eine kurze Einladung zur Sitzung des Ausschusses am Montag. " * 4)
    doc = load_pdf(w.output())
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Beispiele"]


def test_text_printed_on_a_slant_is_left_out() -> None:
    """A poster's slanted slogan comes out as fragments of letters: never a heading."""
    w = Writer()
    w.heading("Balkon-Photovoltaik", size=30)
    w.para("Die Stadt fördert Steckersolargeräte für Mieterinnen und Eigentümer.")
    w._use(18, True)
    with w.pdf.rotation(12, LEFT, 400):
        w.pdf.text(LEFT, 400, "Mein Balkon kann es auch!")
    doc = load_pdf(w.output())
    assert "Balkon kann" not in doc.text.replace("\n", " ")
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Balkon-Photovoltaik"]


def test_a_contents_list_without_page_numbers_is_no_run_of_headings() -> None:
    """An Amtsblatt's cover lists its notices in the type of their headings."""
    notices = ["1 Einladung Wahlausschuss", "2 Aufgebot", "3 Kraftloserklärung"]
    w = Writer()
    w.text("Amtsblatt", size=30, bold=True)
    w.space(20)
    for notice in notices:
        w.text(notice, size=12, bold=True)
        w.space(10)
    for notice in notices:
        w.page()
        w.heading(notice, size=12)
        w.para("Der Text der Bekanntmachung steht hier und füllt einen ganzen Absatz. " * 3)
    doc = load_pdf(w.output())
    headings = [(b.text, b.page) for b in doc.blocks if b.kind == "heading"]
    assert headings == [("Amtsblatt", 1), *((n, i + 2) for i, n in enumerate(notices))]


def test_staggered_columns_of_a_form_are_read_column_by_column() -> None:
    """Two columns whose lines do not share baselines (a measure profile's form) must not
    interleave: each column's heading keeps its own text."""
    w = Writer()
    w.page()
    w._use(11, True)
    w.pdf.text(LEFT, 120, "Was & Wen?")
    w.pdf.text(LEFT + 250, 120, "Wer?")
    left = w.wrap(
        "Zielvorgabe ist die Ansprache von Unternehmen aus Industrie und Handel", width=200
    )
    right = w.wrap(
        "Treiber ist das Umweltamt mit der Wirtschaftsförderung und den Kammern", width=200
    )
    w._use(10, False)
    for i, line in enumerate(left):
        w.pdf.text(LEFT, 138 + 14 * i, line)
    for i, line in enumerate(right):
        w.pdf.text(LEFT + 250, 142 + 14 * i, line)
    doc = load_pdf(w.output())
    assert [b.text for b in doc.blocks] == [
        "Was & Wen?",
        " ".join(left),
        "Wer?",
        " ".join(right),
    ]


def test_a_heading_the_contents_lists_is_a_chapter_even_when_empty() -> None:
    w = Writer()
    w.heading("Inhaltsverzeichnis")
    for title, page in (
        ("Handlungsfeld Wirtschaft", 2),
        ("C1 Klimaallianz", 2),
        ("C1.1 Netzwerk", 3),
    ):
        w.text(f"{title} ..................... {page}")
    w.page()
    w.heading("Handlungsfeld Wirtschaft", size=18)
    w.heading("C1 Klimaallianz", size=16)
    w.para("Die Allianz bündelt die Unternehmen der Stadt. " * 3)
    w.page()
    w.heading("C1.1 Netzwerk", size=14)
    w.para("Das Netzwerk trifft sich viermal im Jahr. " * 3)
    record = extract_bytes(w.output(), "konzept.pdf")
    headings = [s.heading for s in record.sections if s.heading]
    assert headings[-3:] == ["Handlungsfeld Wirtschaft", "C1 Klimaallianz", "C1.1 Netzwerk"]


def test_a_release_dated_by_weekday_has_no_weekday_as_place() -> None:
    """A PDF bulletin opens "Mittwoch, 8. April 2020 – …": the weekday is no `ort`."""
    from ikz_extract.parsers import press

    body = "Der Kreis und seine Städte gründen einen Zweckverband für die Beschaffung."
    assert press._dateline(f"Mittwoch, 8. April 2020 – {body}") is None
    assert press._dateline(f"Meiningen, 8. April 2020 – {body}") == "Meiningen"


def test_dates_and_signature_lines_in_bold_are_no_headings() -> None:
    w = Writer()
    w.heading("§ 14 Inkrafttreten", size=11)
    w.para("Die Satzung tritt am Tage nach ihrer Bekanntmachung in Kraft. " * 2)
    w.space(12)
    w.text("In der Zeit vom", bold=False)
    w.space(12)
    w.text("18. Januar bis 4. Februar 2010", bold=True)
    w.space(12)
    w.text("Linsengericht, 07.10.1999", bold=True)
    w.space(12)
    w.para("Der Gemeindevorstand der Gemeinde, gezeichnet vom Bürgermeister im Auftrag.")
    doc = load_pdf(w.output())
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["§ 14 Inkrafttreten"]


def test_a_table_caption_over_two_bold_lines_names_the_table() -> None:
    w = Writer()
    w.para("Das Gesundheitsamt meldet täglich die Lage im Landkreis und in den Gemeinden.")
    w.text("Gesundheitsamt", bold=True)
    w.text("08.04.2020", bold=True)
    w.space(4)
    ruled_table(w, ROWS, [160, 120, 120])
    doc = load_pdf(w.output())
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.caption == "Gesundheitsamt 08.04.2020"
    assert not [b for b in doc.blocks if b.kind == "heading"]


def test_a_code_one_digit_longer_is_a_level_deeper() -> None:
    """A budget classification: "11 Innere Verwaltung" over "111 Verwaltungssteuerung"."""
    w = Writer()
    for head, items in (("11 Innere Verwaltung", ["111 Verwaltungssteuerung", "112 Finanzen"]),
                        ("12 Sicherheit und Ordnung", ["121 Statistik und Wahlen"])):  # fmt: skip
        w.heading(head, size=11)
        w.para("Die Produktgruppen des Bereichs folgen in der Reihenfolge ihrer Nummern.")
        for item in items:
            w.heading(item, size=11)
            w.para("Inhalte der Produktgruppe sind die Aufgaben der Verwaltung in diesem Feld.")
    doc = load_pdf(w.output())
    levels = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert levels["11 Innere Verwaltung"] == levels["12 Sicherheit und Ordnung"]
    assert levels["111 Verwaltungssteuerung"] == levels["121 Statistik und Wahlen"]
    assert levels["11 Innere Verwaltung"] < levels["111 Verwaltungssteuerung"]  # type: ignore[operator]


def test_a_word_split_at_a_line_end_goes_on_into_the_next_line_whatever_its_weight() -> None:
    w = Writer()
    w.heading("Wer?", size=12)
    w.text("b) externe Kooperationspartner müssen einbezo-", bold=True)
    w.text("gen werden, bevor die Maßnahme beginnt.")
    doc = load_pdf(w.output())
    assert "externe Kooperationspartner müssen einbezogen werden, bevor" in doc.text
