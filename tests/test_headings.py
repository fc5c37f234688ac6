"""One heading table: variants, synonyms, markup forms, empty and missing sections."""

from __future__ import annotations

import pytest

from ikz_extract.models import ProfileRecord
from ikz_extract.parsers.headings import heading_key, inline_heading
from tests.conftest import extract_bytes


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Anlass:", "anlass"),
        ("ANLASS", "anlass"),
        ("## Anlass:", "anlass"),
        ("**Finanzierung:**", "finanzierung"),
        ("Ausgangslage", "anlass"),
        ("Zielsetzung:", "ziel"),
        ("Förderung", "finanzierung"),
        ("Ansprechpartner", "kontakt"),
        ("Ansprechpartner*in:", "kontakt"),
        ("Ansprechpartner:innen", "kontakt"),
        ("Beteiligte", "sonstige_beteiligte"),
        ("Zusammenarbeit seit:", "zusammenarbeit_seit"),
        ("Stichwörter", "stichworte"),
    ],
)
def test_heading_variants(text: str, key: str) -> None:
    assert heading_key(text) == key


@pytest.mark.parametrize(
    "text",
    [
        "Ziel der Zusammenarbeit ist es, Informationen auszutauschen",
        "Kreis Borken",
        "Einwohner: 371.898",
        "Zielgruppen",
    ],
)
def test_not_headings(text: str) -> None:
    assert heading_key(text) is None


def test_inline_heading_splits_label_from_content() -> None:
    found = inline_heading("Anlass: Ausbau der Zusammenarbeit")
    assert found is not None
    key, heading, offset = found
    assert (key, heading) == ("anlass", "Anlass")
    assert "Anlass: Ausbau der Zusammenarbeit"[offset:] == "Ausbau der Zusammenarbeit"
    assert inline_heading("Einwohner: 371.898") is None


SYNONYMS = """<html><body><main>
<h1>Gemeinsame Vergabestelle</h1>
<p>Stadt Telgte, Gemeinde Ostbevern</p>
<h3>Ausgangslage</h3><p>Steigende Anforderungen im Vergaberecht.</p>
<h3>Zielsetzung:</h3><p>Rechtssichere Vergaben.</p>
<h3>Beteiligte</h3>
<h3>Förderung</h3><p>Eigenmittel der Kommunen.</p>
<h3>Ansprechpartnerin</h3><p>Stadt Telgte<br>Baßfeld 4-6<br>48291 Telgte<br>Tel. 02504 13-0</p>
</main></body></html>"""


def test_synonyms_empty_and_missing_sections() -> None:
    record = extract_bytes(SYNONYMS.encode(), "vergabe.html")
    assert isinstance(record, ProfileRecord)
    f = record.fields
    assert f.titel == "Gemeinsame Vergabestelle"
    assert [k.name for k in f.kommunen] == ["Stadt Telgte", "Gemeinde Ostbevern"]
    assert f.anlass == "Steigende Anforderungen im Vergaberecht."
    assert f.ziel == "Rechtssichere Vergaben."
    assert f.sonstige_beteiligte == []  # empty: never the next heading's text
    assert f.finanzierung == "Eigenmittel der Kommunen."
    assert (f.kontakt.strasse, f.kontakt.plz, f.kontakt.ort) == ("Baßfeld 4-6", "48291", "Telgte")
    assert f.kontakt.telefon == "02504 13-0"
    assert f.rechtsform is None and f.zusammenarbeit_seit is None and f.stichworte == []
    assert any("headings missing" in w and "rechtsform" in w for w in record.warnings)


def test_heading_with_content_on_the_same_line() -> None:
    text = (
        "Vergabestelle\n\nStichworte: Vergabe\n\nAnlass: Neue Vorschriften.\n\n"
        "Ziel: Rechtssicherheit.\n\nZusammenarbeit seit: 2015\n"
    )
    record = extract_bytes(text.encode(), "inline.txt")
    assert isinstance(record, ProfileRecord)
    assert record.fields.anlass == "Neue Vorschriften."
    assert record.fields.ziel == "Rechtssicherheit."
    assert record.fields.zusammenarbeit_seit == 2015
    assert record.fields.stichworte == ["Vergabe"]
