"""Organisation web pages (issue 4.4), against values read off seed 001 and its renditions."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikz_extract.document import Document, DocumentBuilder
from ikz_extract.models import WebPageRecord
from ikz_extract.models.webpage import Amtstraeger, WebPageFields
from ikz_extract.parsers import webpage
from tests.conftest import FIXTURES, SAMPLES, extract_file

DUMP = SAMPLES / "001_b1964a88d20788ce.txt"
HTML = SAMPLES / "001_stadtregion_muenster.html"
VARIANT = FIXTURES / "variants" / "webpage_variant.html"
TITLE = "Organisation und Zusammenarbeit in der Stadtregion Münster"
SECTIONS = [
    "Die Räte in der Stadtregion",
    "Bürgermeisterrunde und Lenkungskreis",
    "Ansprechpartnerrunde",
    "Geschäftsstelle Stadtregion",
]
MEMBERS = [
    "Altenberge", "Ascheberg", "Drensteinfurt", "Everswinkel", "Greven", "Havixbeck",
    "Nottuln", "Ostbevern", "Münster", "Senden", "Sendenhorst", "Telgte",
]  # fmt: skip
LENKUNGSKREIS = [
    ("Jörn Möltgen", "Bürgermeister", "Havixbeck"),
    ("Katrin Reuscher", "Bürgermeisterin", "Sendenhorst"),
    ("Robin Denstorff", "Stadtbaurat", "Münster"),
]
ALL = [DUMP, HTML, VARIANT]
IDS = ["dump", "html", "variant"]


def record(path: Path) -> WebPageRecord:
    if not path.exists():
        pytest.fail(f"sample missing: {path.name} (run `make samples`)")
    rec = extract_file(path)
    assert isinstance(rec, WebPageRecord), f"{path.name} classified as {rec.record_type}"
    return rec


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_seed_001_sections(path: Path) -> None:
    rec = record(path)
    f = rec.fields
    assert f.titel == TITLE
    assert [a.titel for a in f.abschnitte] == SECTIONS
    assert f.einleitung is not None
    assert f.einleitung.startswith("In der Stadtregion Münster haben sich 12 benachbarte")
    assert f.einleitung.endswith("Katrin Reuscher von der Stadt Sendenhorst.")
    # the envelope: the introduction under the title, then one section per heading
    assert [s.heading for s in rec.sections] == [TITLE, *SECTIONS]
    last = f.abschnitte[-1]
    assert last.text is not None and last.text.startswith("Die Geschäfsstelle hat die Aufgabe")


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_seed_001_members_and_count(path: Path) -> None:
    rec = record(path)
    assert [m.name for m in rec.fields.mitglieder] == MEMBERS
    assert rec.fields.mitglieder_anzahl == 12
    assert not any("states" in w for w in rec.warnings)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_seed_001_lenkungskreis(path: Path) -> None:
    f = record(path).fields
    assert [g.name for g in f.gremien] == ["Lenkungskreis"]
    members = [(m.name, m.rolle, m.kommune) for m in f.gremien[0].mitglieder]
    assert members == LENKUNGSKREIS
    section = f.abschnitte[1]
    assert [(li.einleitung, len(li.items)) for li in section.listen] == [
        ("Aktuelle Mitglieder des Lenkungskreises:", 3)
    ]


def test_dump_skip_link_and_list_intro_open_no_section() -> None:
    rec = record(DUMP)
    assert all("Seiteninhalt" not in s.text and s.heading != "Seiteninhalt" for s in rec.sections)
    assert "Aktuelle Mitglieder des Lenkungskreises:" not in [s.heading for s in rec.sections]
    assert "Seiteninhalt" not in rec.fields.model_dump_json()


# --------------------------------------------------------------------------- rules


def doc_of(*blocks: tuple[str, str], html: bool = False) -> Document:
    builder = DocumentBuilder("text/html" if html else "text/plain", "test")
    for kind, text in blocks:
        builder.add(kind, text, level=1 if kind == "heading" else None)  # type: ignore[arg-type]
    return builder.build()


def fields_of(doc: Document) -> tuple[WebPageFields, list[str]]:
    parsed = webpage.parse(doc)
    assert isinstance(parsed.fields, WebPageFields)
    return parsed.fields, parsed.warnings


def test_stated_count_is_checked_against_the_names() -> None:
    doc = doc_of(
        ("heading", "Der Abwasserverband"),
        ("paragraph", "Im Verband haben sich zwölf Gemeinden zusammengeschlossen: Heek, "
                      "Legden und Ahaus."),
    )  # fmt: skip
    f, warnings = fields_of(doc)
    assert [m.name for m in f.mitglieder] == ["Heek", "Legden", "Ahaus"]
    assert f.mitglieder_anzahl == 12
    assert warnings == ["the page states 12 members but names 3"]


def test_enumeration_without_count() -> None:
    doc = doc_of(("paragraph", "Mitglieder sind: Kreis Borken, Stadt Bocholt sowie Rhede."))
    f, warnings = fields_of(doc)
    assert [m.name for m in f.mitglieder] == ["Kreis Borken", "Stadt Bocholt", "Rhede"]
    assert f.mitglieder_anzahl is None and warnings == []


def test_prose_with_a_colon_is_no_enumeration() -> None:
    text = (
        "Der Beirat hat 40 Mitglieder aus zwölf Kommunen: sie werden von den Räten benannt "
        "und treffen sich zweimal im Jahr."
    )
    doc = doc_of(("paragraph", text))
    f, _ = fields_of(doc)
    assert f.mitglieder == []


@pytest.mark.parametrize(
    ("word", "value"), [("12", 12), ("zwölf", 12), ("Zwölf", 12), ("siebzehn", 17), ("viele", None)]
)
def test_count_words(word: str, value: int | None) -> None:
    assert webpage.count_value(word) == value


@pytest.mark.parametrize(
    ("intro", "body"),
    [
        ("Aktuelle Mitglieder des Lenkungskreises:", "Lenkungskreis"),
        ("Mitglieder des Beirates:", "Beirat"),
        ("Mitglieder des Vorstands:", "Vorstand"),
        ("Dem Vorstand gehören an:", "Vorstand"),
        ("Die Bürgermeisterrunde besteht aus:", "Bürgermeisterrunde"),
        ("Weitere Informationen:", None),
    ],
)
def test_body_names(intro: str, body: str | None) -> None:
    assert webpage.body_name(intro) == body


@pytest.mark.parametrize(
    ("item", "holder"),
    [
        ("Bürgermeister Jörn Möltgen, Havixbeck",
         Amtstraeger(name="Jörn Möltgen", rolle="Bürgermeister", kommune="Havixbeck")),
        ("Landrätin Dr. Anna Schulte (Kreis Coesfeld)",
         Amtstraeger(name="Dr. Anna Schulte", rolle="Landrätin", kommune="Kreis Coesfeld")),
        ("Katrin Reuscher, Stadt Sendenhorst",
         Amtstraeger(name="Katrin Reuscher", rolle=None, kommune="Sendenhorst")),
        ("Protokoll der letzten Sitzung", None),
    ],
)  # fmt: skip
def test_office_holders(item: str, holder: Amtstraeger | None) -> None:
    assert webpage.office_holder(item) == holder


def test_any_html_page_is_a_modest_web_page_and_cues_raise_it() -> None:
    plain = webpage.detect(doc_of(("paragraph", "Willkommen auf unserer Seite."), html=True))
    dump = webpage.detect(doc_of(("paragraph", "Willkommen auf unserer Seite.")))
    assert 0.4 <= plain.score < 0.6
    assert dump.score < 0.5
    rich = webpage.detect(
        doc_of(
            ("heading", "Organisation"),
            ("paragraph", "Im Netzwerk haben sich 3 Kommunen zusammengeschlossen: Heek, "
                          "Legden und Ahaus."),
            html=True,
        )
    )  # fmt: skip
    assert rich.score > plain.score
    assert "enumerates member municipalities" in rich.reasons
