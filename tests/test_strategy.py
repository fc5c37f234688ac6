"""Strategy documents (issue 4.2 and 4.5): the sample PDF, its text dump and two variants.

Expected values were read off seed 003 by hand: its contents list 22 lines (Vorwort,
A with I–V, B with I–XIV), the body has A.I–A.V and B.I–B.VIII, B.X–B.XIV (no IX), and
the "- " goal lines per chapter of part B count as in ``GOALS`` (125 in all).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from ikz_extract.discover import SourceFile
from ikz_extract.document import BlockKind, Document, DocumentBuilder
from ikz_extract.loaders import load
from ikz_extract.models import StrategyRecord
from ikz_extract.models.strategy import Kapitel, StrategyFields
from ikz_extract.options import Options, PdfBackend
from ikz_extract.parsers import strategy
from ikz_extract.pipeline import Extraction, extract
from tests.conftest import FIXTURES, SAMPLES, SEEDS
from tests.test_pdf_writer import LEFT, WIDTH, Writer

PDF = SAMPLES / "003_strategische_ziele_kreis_coesfeld.pdf"
DUMP = SAMPLES / "003_ad2c3ff7510822b0.txt"
VARIANT = FIXTURES / "variants" / "strategy_variant.pdf"
SOURCES = {"pdf": PDF, "dump": DUMP}

ROMAN_A = ["I", "II", "III", "IV", "V"]
ROMAN_B = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "X", "XI", "XII", "XIII", "XIV"]
GOALS = {
    "B.I": 12, "B.II": 7, "B.III": 6, "B.IV": 11, "B.V": 10, "B.VI": 14, "B.VII": 14,
    "B.VIII": 12, "B.X": 10, "B.XI": 6, "B.XII": 8, "B.XIII": 9, "B.XIV": 6,
}  # fmt: skip
IX_WARNING = (
    "the table of contents lists B.IX 'Umwelt- und Ressourcenschutz' (page 14) "
    "but the body has no such chapter"
)


@cache
def run(path: Path, backend: PdfBackend = "pdfplumber") -> Extraction:
    if not path.exists():
        pytest.fail(f"sample missing: {path.name} (run `make samples`)")
    options = Options(annotate=False, pdf_backend=backend)
    return extract(SourceFile(path, path.name), path.read_bytes(), options)


def record(which: str) -> StrategyRecord:
    result = run(SOURCES[which]).record
    assert isinstance(result, StrategyRecord), result.record_type
    return result


def walk(nodes: list[Kapitel]) -> list[Kapitel]:
    found: list[Kapitel] = []
    for node in nodes:
        found.append(node)
        found.extend(walk(node.unterabschnitte))
    return found


def chapter(fields: StrategyFields, nummer: str) -> Kapitel:
    return next(a for a in walk(fields.abschnitte) if a.nummer == nummer)


def goal_count(node: Kapitel) -> int:
    return len(node.ziele) + sum(goal_count(c) for c in node.unterabschnitte)


both = pytest.mark.parametrize("which", list(SOURCES))


@both
def test_front_matter(which: str) -> None:
    f = record(which).fields
    assert f.titel == "Strategische Ziele des Kreises Coesfeld"
    assert f.beschlossen_am == dt.date(2025, 6, 24)
    assert f.beschlossen_von == "Kreistag"
    assert f.herausgeber == "Kreis Coesfeld"
    assert (f.stand, f.stand_text) == ("2025-06", "Juni 2025")
    k = f.kontakt
    assert (k.organisation, k.strasse, k.plz, k.ort) == (
        "Kreis Coesfeld",
        "Friedrich-Ebert-Straße 7",
        "48653",
        "Coesfeld",
    )
    assert (k.telefon, k.email) == ("02541/18-0", "info@kreis-coesfeld.de")


@both
def test_table_of_contents(which: str) -> None:
    toc = record(which).fields.inhaltsverzeichnis
    assert len(toc) == 22
    assert (toc[0].nummer, toc[0].titel, toc[0].seite) == (None, "Vorwort", 3)
    assert [e.nummer for e in toc if e.nummer and e.nummer.startswith("B.")] == [
        f"B.{r}" for r in ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
                           "XII", "XIII", "XIV"]
    ]  # fmt: skip
    ix = next(e for e in toc if e.nummer == "B.IX")
    assert (ix.titel, ix.seite) == ("Umwelt- und Ressourcenschutz", 14)


@both
def test_chapters_follow_the_body_not_the_contents(which: str) -> None:
    f = record(which).fields
    assert [(a.nummer, a.titel) for a in f.abschnitte][:3] == [
        (None, "Vorwort"),
        ("A", "Handlungsprinzipien"),
        ("B", "Strategische Ziele"),
    ]
    part_a, part_b = f.abschnitte[1], f.abschnitte[2]
    assert [a.nummer for a in part_a.unterabschnitte] == [f"A.{r}" for r in ROMAN_A]
    assert [a.titel for a in part_a.unterabschnitte] == [
        "Demokratie und Rechtmäßigkeit",
        "Bürgerorientierung",
        "Mitarbeiterorientierung",
        "Wirtschaftlichkeit, Innovation und Finanzen",
        "Nachhaltigkeit",
    ]
    assert [a.nummer for a in part_b.unterabschnitte] == [f"B.{r}" for r in ROMAN_B]
    assert all(a.nummer != "B.IX" for a in walk(f.abschnitte))
    assert IX_WARNING in record(which).warnings


@both
def test_goals_per_chapter(which: str) -> None:
    f = record(which).fields
    part_b = chapter(f, "B")
    assert {a.nummer: goal_count(a) for a in part_b.unterabschnitte} == GOALS
    assert goal_count(part_b) == 125
    assert goal_count(chapter(f, "A")) == 0
    b1 = chapter(f, "B.I")
    assert b1.ziele == []
    assert [(a.titel, len(a.ziele)) for a in b1.unterabschnitte] == [
        ("Wirtschaft", 8),
        ("Arbeit", 4),
    ]
    assert b1.unterabschnitte[0].ziele[0] == (
        "Unterstützung von lokalen Unternehmen bei Expansionsvorhaben, Prozessen der "
        "Unternehmensnachfolge, Plänen zur Steigerung der Energieeffizienz und der "
        "Fördermittelakquise."
    )
    assert [(a.titel, len(a.ziele)) for a in chapter(f, "B.VI").unterabschnitte] == [
        ("Gleichstellung", 6),
        ("Teilhabe", 8),
    ]
    assert chapter(f, "B.XIV").ziele[-1] == (
        "Der Kreis Coesfeld zeigt Bereitschaft zur solidarischen Partnerschaft in Europa und "
        "setzt konkrete Hilfsmaßnahmen um, um europäische Solidarität aktiv zu leben."
    )


@both
def test_text_split_by_page_breaks_is_whole_again(which: str) -> None:
    f = record(which).fields
    assert chapter(f, "B.II").ziele[2] == (
        "Ein effizientes Krisenmanagement wird durch den Aufbau und Aufrechterhaltung eines "
        "robusten Systems zur Bewältigung von Naturkatastrophen, Unfällen und anderen "
        "Notfällen gewährleistet."
    )
    assert chapter(f, "B.IV").ziele[3] == (
        "Der Kreis Coesfeld unterstützt die pädagogische und psychologische Arbeit in "
        "Kindergärten und Schulen in Abstimmung mit den Trägern insbesondere im "
        "Präventionsbereich."
    )
    a5 = chapter(f, "A.V").text or ""
    assert "die global ein menschenwürdiges Leben" in a5 and "men-" not in a5
    assert "Im Rahmen des pflichtgemäßen Ermessens" in (chapter(f, "A.I").text or "")
    assert "persönliche Entwicklung der Bürgerinnen" in (chapter(f, "B.IV").text or "")


@both
def test_foreword_is_its_own_chapter_with_its_signature(which: str) -> None:
    r = record(which)
    vorwort = r.fields.abschnitte[0]
    assert vorwort.text is not None
    assert vorwort.text.startswith("Liebe Mitbürgerinnen und Mitbürger,")
    assert "Ihr\n\nDr. Christian Schulze Pellengahr" in vorwort.text
    assert vorwort.text.endswith("Landrat des Kreises Coesfeld")
    section = next(s for s in r.sections if s.heading == "VORWORT")
    assert "Dr. Christian Schulze Pellengahr" in section.text  # where the NER pass looks


@both
def test_sections_follow_the_chapters_and_index_the_text(which: str) -> None:
    result = run(SOURCES[which])
    text, r = result.document.text, result.record
    assert isinstance(r, StrategyRecord)
    for section in r.sections:
        assert text[section.span[0] : section.span[1]] == section.text
    spans = [s.span for s in r.sections]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    headings = [s.heading for s in r.sections]
    for roman in ROMAN_B:
        assert sum(1 for h in headings if h and h.startswith(f"{roman}. ")) == 1 + (
            roman in ROMAN_A
        )
    a1 = chapter(r.fields, "A.I")
    assert a1.span == next(
        s.span for s in r.sections if s.heading == "I. DEMOKRATIE UND RECHTMÄSSIGKEIT"
    )
    assert "Umwelt- und Ressourcenschutz" not in "".join(s.text for s in r.sections)


def test_pdf_texts_have_no_page_furniture() -> None:
    r = record("pdf")
    texts = [s.text for s in r.sections] + [
        t for a in walk(r.fields.abschnitte) for t in [a.text or "", *a.ziele]
    ]
    for text in texts:
        assert "Strategische Ziele des Kreises Coesfeld" not in text  # the running header
        assert not re.search(r"–\s*\d+\s*–", text)


def test_pdf_warnings_are_only_the_real_disagreements() -> None:
    assert record("pdf").warnings == [
        "chapter B.VIII is titled 'KLIMASCHUTZ, KLIMAAANPASSUNG UND ENERGIE' in the body "
        "but 'Klimaschutz, Klimaanpassung und Energie' in the table of contents",
        IX_WARNING,
    ]


def test_pdfium_gives_the_same_record() -> None:
    plumber = run(PDF).record.model_dump(exclude={"source"})
    pdfium = run(PDF, "pdfium").record.model_dump(exclude={"source"})
    assert pdfium == plumber
    assert run(PDF, "pdfium").record.source.loader == "pdfium"


# --------------------------------------------------------------------------- variants


def test_variant_pdf() -> None:
    r = run(VARIANT).record
    assert isinstance(r, StrategyRecord)
    f = r.fields
    assert f.titel == "Strategie 2030"
    assert (f.beschlossen_von, f.beschlossen_am) == ("Kreistag", dt.date(2024, 3, 12))
    assert f.herausgeber == "Kreis Steinfurt"
    assert (f.stand, f.stand_text) == ("2024-03", "März 2024")
    assert (f.kontakt.strasse, f.kontakt.plz, f.kontakt.ort) == (
        "Tecklenburger Straße 10",
        "48565",
        "Steinfurt",
    )
    assert [e.nummer for e in f.inhaltsverzeichnis] == [
        "1", "1.1", "1.2", "2", "3", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "4.1", "4.2",
    ]  # fmt: skip
    assert [(a.nummer, a.titel) for a in f.abschnitte] == [
        ("1", "Einleitung"),
        ("2", "Leitbild „Kreis Steinfurt 2030“"),
        ("3", "Strategische Handlungsfelder"),
        ("4", "Umsetzung und Controlling"),
    ]
    fields3 = f.abschnitte[2].unterabschnitte
    assert [(a.nummer, len(a.ziele)) for a in fields3] == [
        ("3.1", 3), ("3.2", 3), ("3.3", 0), ("3.4", 0), ("3.5", 3),
    ]  # fmt: skip
    assert fields3[0].ziele[2] == (
        "Unterstützung von Gründungen und Unternehmensnachfolgen durch die "
        "Wirtschaftsförderungs- und Entwicklungsgesellschaft des Kreises."
    )
    assert r.warnings == []
    assert not any("Seite" in s.text or "Kreis Steinfurt |" in s.text for s in r.sections)


OWN_TOC = [
    ("1 Ausgangslage", "3"),
    ("2 Ziele", "3"),
    ("2.1 Energie", "3"),
    ("2.2 Verkehr", "4"),  # wrong on purpose: the chapter is on page 3
    ("3 Maßnahmen", "5"),
    ("4 Controlling", "6"),  # no such chapter in the body
]


def _own_variant() -> bytes:
    """Another house style: Helvetica, numbers without dots, "-N-" footers, en-dash goals,
    a contents page that lists a chapter the body lacks, misses one it has and gives one
    page wrong (2.2 is on page 3, not 4)."""
    w = Writer(font="helvetica", header="Stadt Musterhausen - Klimaschutzkonzept 2035",
               footer=lambda n: f"-{n}-")  # fmt: skip
    w.page()
    w.space(120)
    w.text("Klimaschutzkonzept 2035", size=26, bold=True)
    w.text("Integriertes Konzept der Stadt Musterhausen", size=13)
    w.space(20)
    w.text("Vom Rat der Stadt Musterhausen am 05.11.2023 beschlossen.", size=11)
    w.page()
    w.heading("Inhaltsverzeichnis", size=16)
    w._use(10, False)
    y = w.y + 10
    for label, page in OWN_TOC:
        w.pdf.text(LEFT, y, label)
        w.pdf.text(LEFT + WIDTH - w.pdf.get_string_width(page), y, page)
        start = LEFT + w.pdf.get_string_width(label + " ")
        dots = int((LEFT + WIDTH - 12 - start) / w.pdf.get_string_width("."))
        w.pdf.text(start, y, "." * dots)
        y += 16
    w.page()
    w.heading("1 Ausgangslage")
    w.para(
        "Die Stadt Musterhausen hat im Jahr 2019 den Klimanotstand ausgerufen. Seitdem "
        "arbeiten Verwaltung und Stadtwerke an einem gemeinsamen Konzept, das die "
        "Treibhausgasemissionen bis 2035 um neunzig Prozent senken soll."
    )
    w.heading("2 Ziele")
    w.para("Das Konzept verfolgt Ziele in drei Handlungsfeldern.")
    w.heading("2.1 Energie", size=11)
    w.bullet("Photovoltaik auf allen städtischen Dächern bis 2028.", marker="–")
    w.bullet("Wärmeplanung gemeinsam mit den Nachbargemeinden.", marker="–")
    w.heading("2.2 Verkehr", size=11)
    w.bullet("Ein Radschnellweg in die Nachbarstadt bis 2030.", marker="–")
    w.y = 770 - 14.0 - 1  # room for one line: the next goal breaks across the page
    w.bullet(
        [
            "Ein Stadtbus im Halbstundentakt, der alle Ortsteile an den Bahnhof anbindet und",
            "abends bis 23 Uhr fährt.",
        ],
        marker="–",
    )
    w.heading("2.3 Gebäude", size=11)
    w.bullet("Sanierung der Schulen nach dem Passivhausstandard.", marker="–")
    w.page()
    w.heading("3 Maßnahmen")
    w.para("Ein Maßnahmenkatalog mit Kosten und Zeitplan liegt dem Konzept bei.")
    w.heading("Impressum")
    w.lines(["Herausgeber: Stadt Musterhausen, Der Bürgermeister, Rathausplatz 1,",
             "12345 Musterhausen. Stand: November 2023"], size=9)  # fmt: skip
    return w.output()


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_own_variant_with_contents_and_body_disagreeing(backend: PdfBackend) -> None:
    data = _own_variant()
    options = Options(annotate=False, pdf_backend=backend)
    r = extract(SourceFile(Path("own.pdf"), "own.pdf"), data, options).record
    assert isinstance(r, StrategyRecord)
    f = r.fields
    assert f.titel == "Klimaschutzkonzept 2035"
    assert (f.beschlossen_von, f.beschlossen_am) == ("Rat", dt.date(2023, 11, 5))
    assert f.herausgeber == "Stadt Musterhausen"
    assert f.stand == "2023-11"
    assert [e.nummer for e in f.inhaltsverzeichnis] == ["1", "2", "2.1", "2.2", "3", "4"]
    assert [a.nummer for a in f.abschnitte] == ["1", "2", "3", None]
    assert f.abschnitte[3].titel == "Impressum"
    goals = {a.nummer: a.ziele for a in f.abschnitte[1].unterabschnitte}
    assert list(goals) == ["2.1", "2.2", "2.3"]
    assert goals["2.2"] == [
        "Ein Radschnellweg in die Nachbarstadt bis 2030.",
        "Ein Stadtbus im Halbstundentakt, der alle Ortsteile an den Bahnhof anbindet und "
        "abends bis 23 Uhr fährt.",
    ]
    assert r.warnings == [
        "the table of contents lists 4 'Controlling' (page 6) but the body has no such chapter",
        "chapter 2.3 'Gebäude' is missing from the table of contents",
        "chapter 2.2 starts on page 3 (as printed) but the table of contents says page 4",
    ]


# --------------------------------------------------------------------------- detection

OTHER_SEEDS = ["000_96834933350ee318.txt", "001_b1964a88d20788ce.txt",
               "002_e904c1fb7a28568a.txt", "004_5cf8645511e83c44.txt"]  # fmt: skip


@pytest.mark.parametrize("name", OTHER_SEEDS)
def test_detect_does_not_claim_the_other_seeds(name: str) -> None:
    doc = load((SEEDS / name).read_bytes())
    assert strategy.detect(doc).score < 0.5


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.html")), ids=lambda p: p.name)
def test_detect_does_not_claim_the_html_samples(path: Path) -> None:
    assert strategy.detect(load(path.read_bytes())).score < 0.5


@pytest.mark.parametrize("path", [DUMP, PDF, VARIANT], ids=lambda p: p.name)
def test_detect_claims_strategy_documents(path: Path) -> None:
    evidence = strategy.detect(run(path).document)
    assert evidence.score >= 0.5
    assert any("table of contents" in reason for reason in evidence.reasons)
    assert run(path).classification.record_type == "strategy_document"


def test_detect_claims_the_own_variant() -> None:
    evidence = strategy.detect(load(_own_variant()))
    assert evidence.score >= 0.5
    assert "adopted by the Rat" in evidence.reasons


# --------------------------------------------------------------------------- parser rules


def _doc(*blocks: tuple[BlockKind, str]) -> Document:
    builder = DocumentBuilder("text/plain", "text")
    for kind, text in blocks:
        builder.add(kind, text, level=2 if kind == "heading" else None)
    return builder.build()


@pytest.mark.parametrize(
    ("text", "label", "kind", "title"),
    [
        ("VIII. KLIMASCHUTZ", "VIII", "roman", "KLIMASCHUTZ"),
        ("C. Finanzen", "C", "letter", "Finanzen"),
        ("V. Integration", "V", "roman", "Integration"),
        ("§ 4 Aufgaben", "§ 4", "para", "Aufgaben"),
        ("4.1.2 Einzelheiten", "4.1.2", "arabic", "Einzelheiten"),
        ("3 Maßnahmen", "3", "arabic", "Maßnahmen"),
    ],
)
def test_split_label(text: str, label: str, kind: str, title: str) -> None:
    found, rest = strategy.split_label(text)
    assert found is not None and (found.text, found.kind, rest) == (label, kind, title)


@pytest.mark.parametrize(
    "text", ["Dr. Christian Schulze Pellengahr", "2025 im Rückblick", "Vorwort"]
)
def test_split_label_leaves_unnumbered_text(text: str) -> None:
    assert strategy.split_label(text) == (None, text)


def test_contents_right_below_the_title_keep_the_title() -> None:
    doc = _doc(
        ("heading", "Mobilitätskonzept 2030"),
        ("paragraph", "1. Anlass\t2\n2. Ziele\t3\n3. Maßnahmen\t4"),
        ("heading", "1. Anlass"),
        ("paragraph", "Der Anlass ist der wachsende Verkehr im Kreisgebiet."),
        ("heading", "2. Ziele"),
        ("list_item", "Mehr Busse im Stundentakt."),
        ("heading", "3. Maßnahmen"),
        ("paragraph", "Der Kreis bestellt neue Linien."),
    )
    parsed = strategy.parse(doc)
    fields = parsed.fields
    assert isinstance(fields, StrategyFields)
    assert fields.titel == "Mobilitätskonzept 2030"
    assert [e.titel for e in fields.inhaltsverzeichnis] == ["Anlass", "Ziele", "Maßnahmen"]
    assert [a.nummer for a in fields.abschnitte] == ["1", "2", "3"]
    assert fields.abschnitte[1].ziele == ["Mehr Busse im Stundentakt."]
    assert parsed.warnings == []


def test_without_contents_a_numbering_gap_is_reported() -> None:
    doc = _doc(
        ("heading", "Leitbild"),
        ("heading", "I. Wirtschaft"),
        ("paragraph", "Der Kreis stärkt den Mittelstand und das Handwerk in der Region."),
        ("heading", "II. Bildung"),
        ("paragraph", "Der Kreis baut die Berufskollegs aus und modernisiert sie."),
        ("heading", "IV. Kultur"),
        ("paragraph", "Der Kreis fördert Museen, Musikschulen und Heimatvereine."),
    )
    parsed = strategy.parse(doc)
    assert parsed.warnings == ["the numbering jumps from II to IV"]


def test_an_unnumbered_contents_entry_without_a_chapter_is_reported() -> None:
    doc = _doc(
        ("heading", "Klimaschutzkonzept"),
        ("heading", "Inhalt"),
        ("paragraph", "Vorwort\t2\n1. Ziele\t3\n2. Maßnahmen\t4"),
        ("heading", "1. Ziele"),
        ("paragraph", "Treibhausgasneutral bis 2040."),
        ("heading", "2. Maßnahmen"),
        ("paragraph", "Photovoltaik auf allen Dächern."),
    )
    assert strategy.parse(doc).warnings == [
        "the table of contents lists 'Vorwort' (page 2) but the body has no such chapter"
    ]


@both
def test_section_headings_index_the_text_too(which: str) -> None:
    result = run(SOURCES[which])
    headed = [s for s in result.record.sections if s.heading is not None]
    assert headed
    for section in headed:
        assert section.heading_span is not None
        start, end = section.heading_span
        assert result.document.text[start:end] == section.heading
