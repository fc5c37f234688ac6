"""Press releases (issue 4.3), against values read off seed 004 and its renditions."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from ikz_extract.document import Document, DocumentBuilder
from ikz_extract.loaders import load
from ikz_extract.models import PressReleaseRecord
from ikz_extract.models.press import PressReleaseFields
from ikz_extract.parsers import press
from tests.conftest import FIXTURES, SAMPLES, extract_bytes, extract_file

DUMP = SAMPLES / "004_5cf8645511e83c44.txt"
HTML = SAMPLES / "004_pressemitteilung_zukunftsmesse.html"
VARIANT = FIXTURES / "variants" / "press_variant.html"
HEADLINE = "Zweite Zukunftsmesse Kleinstädte: „Gemeinsam kommt man weiter“"
# Site furniture of seed 004 that must never reach a record (whole words, case-sensitive).
FURNITURE = [
    "{pp_gallery_content}",
    "Bild herunterladen",
    "Move",
    "Schließen",
    "Expand",
    "Zurück",
    "Weiter",
    "Weitere Links",
    "Service-Bereich",
    "Kontaktformular",
    "Inhaltsverzeichnis",
    "Navigation",
    "Hauptinhalt",
    "Presse",
]


def record(path: Path, *, annotate: bool = False) -> PressReleaseRecord:
    if not path.exists():
        pytest.fail(f"sample missing: {path.name} (run `make samples`)")
    rec = extract_file(path, annotate=annotate)
    assert isinstance(rec, PressReleaseRecord), f"{path.name} classified as {rec.record_type}"
    return rec


@pytest.mark.parametrize("path", [DUMP, HTML, VARIANT], ids=["dump", "html", "variant"])
def test_seed_004_fields(path: Path) -> None:
    f = record(path).fields
    assert f.titel == HEADLINE
    assert f.datum == dt.date(2021, 8, 27)
    assert f.ort == "Münster"
    assert f.herausgeber == "Bezirksregierung Münster"
    assert f.text is not None
    paragraphs = f.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Münster. Rund 50 Bürgermeister*innen aus den Regierungs")
    assert paragraphs[-1].endswith("für Westfalen und Lippe 2022 in Detmold stattfinden.")


@pytest.mark.parametrize("path", [DUMP, HTML, VARIANT], ids=["dump", "html", "variant"])
def test_seed_004_quotes_are_attributed(path: Path) -> None:
    """The parser finds who is quoted; office and Regierungsbezirk come from the NER pass
    (Regierungspräsident*innen → each one's form by the given name)."""
    quotes = record(path, annotate=True).fields.zitate
    assert [(q.sprecher, q.rolle, q.zugehoerigkeit) for q in quotes] == [
        ("Dorothee Feller", "Regierungspräsidentin", "Münster"),
        ("Judith Pirscher", "Regierungspräsidentin", "Detmold"),
        ("Hans-Josef Vogel", "Regierungspräsident", "Arnsberg"),
    ]
    assert [q.zugehoerigkeit_ags for q in quotes] == ["055", "057", "059"]
    assert quotes[0].text.startswith("Die Kommunen kommen hier mit einander ins Gespräch")
    assert quotes[0].text.endswith("gemeinsam kommt man weiter und es geht auch schneller")
    assert quotes[1].text.endswith("auch Regierungsbezirk-übergreifend zusammenzuarbeiten")
    assert quotes[2].text == (
        "Uns geht es um Service für die Kommunen. Indem wir die Kommunen bei ihren digitalen "
        "Kooperationen unterstützen, fördern wir mehr Leistung und besseres "
        "Verwaltungshandeln für die Bürgerinnen und Bürger."
    )


@pytest.mark.parametrize("path", [DUMP, HTML, VARIANT], ids=["dump", "html", "variant"])
def test_seed_004_without_ner_the_speakers_are_as_written(path: Path) -> None:
    """--no-nlp: the same quotes and speakers, no office or affiliation (documented)."""
    quotes = record(path).fields.zitate
    assert [(q.sprecher, q.rolle, q.zugehoerigkeit, q.zugehoerigkeit_ags) for q in quotes] == [
        ("Dorothee Feller", None, None, None),
        ("Judith Pirscher", None, None, None),
        ("Hans-Josef Vogel", None, None, None),
    ]


@pytest.mark.parametrize("path", [DUMP, HTML], ids=["dump", "html"])
def test_seed_004_quote_spans_point_at_the_quote(path: Path) -> None:
    doc = load(path.read_bytes())
    fields = press.parse(doc).fields
    assert isinstance(fields, PressReleaseFields) and len(fields.zitate) == 3
    for quote in fields.zitate:
        assert quote.span is not None
        assert " ".join(doc.text[quote.span[0] : quote.span[1]].split()) == quote.text
        assert quote.sprecher_span is not None
        assert doc.text[quote.sprecher_span[0] : quote.sprecher_span[1]] == quote.sprecher


@pytest.mark.parametrize("path", [DUMP, HTML], ids=["dump", "html"])
def test_seed_004_two_images_with_credits(path: Path) -> None:
    images = record(path).fields.bilder
    assert [b.bildnachweis for b in images] == ["© Bezirksregierung Münster"] * 2
    assert images[0].beschreibung == (
        "Zu der bereits zweiten Zukunftsmesse hatten die drei Regierungspräsident*innen (v.l.) "
        "Dorothee Feller (Münster), Judith Pirscher (Detmold) und Hans-Josef Vogel (Arnsberg) "
        "eingeladen"
    )
    assert images[1].beschreibung == "Start-up Bottom-Up.City"


def test_variant_without_captions_has_no_images() -> None:
    assert record(VARIANT).fields.bilder == []


@pytest.mark.parametrize("path", [DUMP, HTML, VARIANT], ids=["dump", "html", "variant"])
def test_furniture_never_reaches_the_record(path: Path) -> None:
    rec = record(path)
    texts = [json.dumps(rec.fields.model_dump(mode="json"), ensure_ascii=False)]
    texts += [s.text for s in rec.sections]
    texts += [s.heading or "" for s in rec.sections]
    texts.append(rec.title or "")
    for text in texts:
        for junk in FURNITURE:
            assert not re.search(rf"(?<!\w){re.escape(junk)}(?!\w)", text), (junk, text[:80])


@pytest.mark.parametrize("path", [DUMP, HTML], ids=["dump", "html"])
def test_release_date_completes_dates_without_year(path: Path) -> None:
    parsed = press.parse(load(path.read_bytes()))
    assert parsed.document_date == dt.date(2021, 8, 27)
    assert parsed.title == HEADLINE


# --------------------------------------------------------------------------- rules


def doc_of(*paragraphs: str, meta: dict[str, str] | None = None) -> Document:
    builder = DocumentBuilder("text/plain", "text")
    for text in paragraphs:
        builder.add("paragraph", text)
    builder.meta.update(meta or {})
    return builder.build()


def fields_of(*paragraphs: str, meta: dict[str, str] | None = None) -> PressReleaseFields:
    parsed = press.parse(doc_of(*paragraphs, meta=meta))
    assert isinstance(parsed.fields, PressReleaseFields)
    return parsed.fields


def linked_fields(*paragraphs: str, annotate: bool = True) -> PressReleaseFields:
    """A text release through the pipeline: the parser's quotes, the NER pass's people."""
    rec = extract_bytes("\n\n".join(paragraphs).encode("utf-8"), "pm.txt", annotate=annotate)
    assert isinstance(rec, PressReleaseRecord), rec.record_type
    return rec.fields


BODY = (
    "Die Städte Bocholt, Rhede und Isselburg wollen ihre Einsatzkräfte künftig aus einer "
    "gemeinsamen Leitstelle alarmieren. Bürgermeister Thomas Kerkhoff stellte die Pläne vor."
)


@pytest.mark.parametrize(
    ("first", "place"),
    [
        ("Kreis Coesfeld. " + BODY, "Kreis Coesfeld"),
        ("Bocholt (ots) – " + BODY, "Bocholt"),
        ("Detmold, 12.03.2024 – " + BODY, "Detmold"),
        ("Bad Driburg. " + BODY, "Bad Driburg"),
        ("Dr. Müller sagte, " + BODY, None),  # an abbreviation is no place
    ],
)
def test_dateline_forms(first: str, place: str | None) -> None:
    assert fields_of("27.08.2021", "Eine Überschrift für die Meldung", first).ort == place


KERKHOFF = (
    "Rhede. " + BODY,
    "„Es geht um die Technik und die Disposition, nicht um die Wachen“, sagte Kerkhoff "
    "am Mittwoch im Rat.",
)


def test_surname_only_attribution_is_completed_from_the_text() -> None:
    f = linked_fields(*KERKHOFF)
    assert [(q.sprecher, q.rolle) for q in f.zitate] == [("Thomas Kerkhoff", "Bürgermeister")]
    assert f.zitate[0].text == "Es geht um die Technik und die Disposition, nicht um die Wachen"


def test_without_ner_the_attribution_is_kept_as_written() -> None:
    f = linked_fields(*KERKHOFF, annotate=False)
    assert [(q.sprecher, q.rolle, q.zugehoerigkeit) for q in f.zitate] == [("Kerkhoff", None, None)]
    assert f.zitate[0].text == "Es geht um die Technik und die Disposition, nicht um die Wachen"


def test_speaker_before_quote_and_title_in_name() -> None:
    f = linked_fields(
        "Coesfeld. Ab Juli unterstützt eine Servicestelle Fördermittelmanagement beim Kreis "
        "alle elf kreisangehörigen Kommunen, erklärte die Verwaltung am Montag.",
        "Landrat Dr. Christian Schulze Pellengahr sagte: „Jeder Euro, der nicht abgerufen "
        "wird, fehlt vor Ort.“",
    )
    assert [(q.sprecher, q.rolle) for q in f.zitate] == [
        ("Dr. Christian Schulze Pellengahr", "Landrat")
    ]


def test_a_quoted_name_is_no_quote() -> None:
    f = fields_of(
        "Münster. Rund 50 Bürgermeister haben bei der zweiten „Zukunftsmesse Kleinstädte“ "
        "Chancen und Ideen erörtert, wie Kommunen mit Kooperationen weiterkommen."
    )
    assert f.zitate == []


def test_plural_role_without_known_given_name_keeps_the_neutral_form() -> None:
    f = linked_fields(
        "Münster. Eingeladen hatten die Regierungspräsident*innen Xandrio Feller (Münster) "
        "und Judith Pirscher (Detmold), die Messe fand auf dem Campus statt.",
        "„Wir fördern die Zusammenarbeit der Kommunen ausdrücklich“, so Xandrio Feller.",
    )
    assert [(q.sprecher, q.rolle) for q in f.zitate] == [
        ("Xandrio Feller", "Regierungspräsident*in")
    ]


def test_publisher_from_credit_when_the_page_names_none() -> None:
    f = fields_of(
        "Start-up Bottom-Up.City © Kreis Steinfurt",
        "27.08.2021",
        "Eine Überschrift für die Meldung",
        "Rheine. " + BODY,
    )
    assert f.herausgeber == "Kreis Steinfurt"
    assert [b.bildnachweis for b in f.bilder] == ["© Kreis Steinfurt"]


def test_site_name_wins_and_loses_its_logo_suffix() -> None:
    f = fields_of("Rheine. " + BODY, meta={"site_name": "Stadt Rheine - Logo"})
    assert f.herausgeber == "Stadt Rheine"


def test_body_stops_at_the_press_contact() -> None:
    f = fields_of(
        "21.02.2024",
        "Gemeinsame Leitstelle geplant",
        "Bocholt. " + BODY,
        "Pressekontakt: Anna Tenhagen, Telefon 02871 953-0",
    )
    assert f.text == "Bocholt. " + BODY
    assert f.datum == dt.date(2024, 2, 21)
    assert f.titel == "Gemeinsame Leitstelle geplant"


def test_detect_needs_the_layout_not_just_the_word() -> None:
    claimed = press.detect(doc_of("27.08.2021", "Die Überschrift", "Münster. " + BODY))
    assert claimed.score >= 0.5
    assert any("dateline" in r for r in claimed.reasons)
    unclaimed = press.detect(doc_of("Pressemitteilungen", "Hier finden Sie alle Meldungen."))
    assert unclaimed.score < 0.5
