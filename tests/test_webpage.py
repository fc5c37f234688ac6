"""Organisation web pages (issue 4.4), against values read off seed 001 and its renditions."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikz_extract.document import Document, DocumentBuilder
from ikz_extract.loaders import load
from ikz_extract.models import WebPageRecord
from ikz_extract.models.webpage import WebPageFields
from ikz_extract.parsers import webpage
from tests.conftest import FIXTURES, SAMPLES, extract_bytes, extract_file

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
LENKUNGSKREIS_AGS = ["05558020", "05570040", "05515000"]
ALL = [DUMP, HTML, VARIANT]
IDS = ["dump", "html", "variant"]


def record(path: Path, *, annotate: bool = False) -> WebPageRecord:
    if not path.exists():
        pytest.fail(f"sample missing: {path.name} (run `make samples`)")
    rec = extract_file(path, annotate=annotate)
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
    """The parser finds who is listed; office and municipality come from the NER pass."""
    f = record(path, annotate=True).fields
    assert [g.name for g in f.gremien] == ["Lenkungskreis"]
    members = [(m.name, m.rolle, m.kommune) for m in f.gremien[0].mitglieder]
    assert members == LENKUNGSKREIS
    assert [m.ags for m in f.gremien[0].mitglieder] == LENKUNGSKREIS_AGS
    section = f.abschnitte[1]
    assert [(li.einleitung, len(li.items)) for li in section.listen] == [
        ("Aktuelle Mitglieder des Lenkungskreises:", 3)
    ]


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_seed_001_lenkungskreis_without_ner(path: Path) -> None:
    """--no-nlp: the holders as the list names them, no office or municipality (documented)."""
    rec = record(path)
    [gremium] = rec.fields.gremien
    assert [(m.name, m.rolle, m.kommune, m.ags) for m in gremium.mitglieder] == [
        ("Bürgermeister Jörn Möltgen", None, None, None),
        ("Bürgermeisterin Katrin Reuscher", None, None, None),
        ("Stadtbaurat Robin Denstorff", None, None, None),
    ]
    text = load(path.read_bytes()).text  # spans index the document text
    for m in gremium.mitglieder:
        assert m.span is not None and text[m.span[0] : m.span[1]] == m.name


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


def vorstand_page(item: str) -> bytes:
    return (
        "<html><head><title>Der Vorstand</title></head><body><main><h1>Der Vorstand</h1>"
        "<p>Der Vorstand des Vereins wird von der Mitgliederversammlung für zwei Jahre "
        "gewählt und trifft sich viermal im Jahr.</p>"
        f"<p>Mitglieder des Vorstands:</p><ul><li>{item}</li></ul></main></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("item", "holder"),
    [
        ("Bürgermeister Jörn Möltgen, Havixbeck",
         ("Jörn Möltgen", "Bürgermeister", "Havixbeck", "05558020")),
        ("Landrätin Dr. Anna Schulte (Kreis Coesfeld)",
         ("Dr. Anna Schulte", "Landrätin", "Kreis Coesfeld", "05558")),
        ("Katrin Reuscher, Stadt Sendenhorst",
         ("Katrin Reuscher", None, "Sendenhorst", "05570040")),
        ("Protokoll der letzten Sitzung", None),
    ],
)  # fmt: skip
def test_office_holders(item: str, holder: tuple[str, str | None, str, str] | None) -> None:
    rec = extract_bytes(vorstand_page(item), "vorstand.html", annotate=True)
    assert isinstance(rec, WebPageRecord), rec.record_type
    found = [(m.name, m.rolle, m.kommune, m.ags) for g in rec.fields.gremien for m in g.mitglieder]
    assert found == ([holder] if holder else [])
    assert [g.name for g in rec.fields.gremien] == (["Vorstand"] if holder else [])


@pytest.mark.parametrize(
    ("item", "written"),
    [
        ("Bürgermeister Jörn Möltgen, Havixbeck", "Bürgermeister Jörn Möltgen"),
        ("Landrätin Dr. Anna Schulte (Kreis Coesfeld)", "Landrätin Dr. Anna Schulte"),
        ("Katrin Reuscher, Stadt Sendenhorst", "Katrin Reuscher"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("Protokoll der letzten Sitzung", None),
        ("Möltgen", None),
    ],
)
def test_holder_as_the_list_names_them(item: str, written: str | None) -> None:
    span = webpage.holder_span(item)
    assert (item[span[0] : span[1]] if span else None) == written


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
