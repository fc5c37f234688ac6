"""IKZ profiles field by field, against values a person read off the seeds (issue 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ikz_extract.models import ProfileFields, ProfileRecord
from tests.conftest import SAMPLES, extract_file

PROFILE_000 = [
    SAMPLES / "000_96834933350ee318.txt",
    SAMPLES / "000_profile_regionalentwicklung.html",
]
PROFILE_002 = [SAMPLES / "002_e904c1fb7a28568a.txt", SAMPLES / "002_profile_klimakreis_borken.html"]


def profile(path: Path) -> ProfileFields:
    if not path.exists():
        pytest.fail(f"sample missing: {path.name} (run `make samples`)")
    record = extract_file(path)
    assert isinstance(record, ProfileRecord), f"{path.name} classified as {record.record_type}"
    return record.fields


@pytest.mark.parametrize("path", PROFILE_000, ids=lambda p: p.suffix)
def test_profile_000(path: Path) -> None:
    f = profile(path)
    assert f.titel == "Informelle Regionalentwicklung im Münsterland"
    assert [k.name for k in f.kommunen] == [
        "Kreis Borken",
        "Kreis Coesfeld",
        "Kreis Warendorf",
        "Kreis Steinfurt",
        "Münster",
    ]
    assert f.stichworte == ["Teilnehmer Landespreis Wirtschaftsförderung"]
    assert f.hauptverantwortlich is not None and f.hauptverantwortlich.name == "Kreis Borken"
    assert [b.name for b in f.sonstige_beteiligte] == ["Münsterland e.V."]
    k = f.kurzprofil
    assert k.gebiet == "Kreis Borken"
    assert k.regierungsbezirk == "Münster"
    assert k.einwohner == 371898
    assert k.einwohner_stand == dt.date(2020, 12, 31)
    assert k.einwohner_quelle == "IT.NRW"
    assert k.flaeche_km2 == 1420.98
    assert (
        f.anlass == "Ausbau der interkommunalen Zusammenarbeit und Schaffung von Synergieeffekten"
    )
    assert f.ziel is not None and f.ziel.startswith("Ziel der Zusammenarbeit ist es, Informationen")
    assert f.umsetzung is not None
    assert f.umsetzung.startswith("Die Kreise Borken, Coesfeld, Steinfurt und Warendorf")
    assert f.umsetzung.endswith("(Quelle für Text und Bild: Kreis Borken und Links)")
    assert (
        f.finanzierung
        == "Die Finanzierung erfolgt über Fördermittel des Landes Nordrhein-Westfalen."
    )
    assert f.rechtsform is None
    assert f.zusammenarbeit_seit == 2018
    c = f.kontakt
    assert (c.organisation, c.strasse, c.plz, c.ort) == (
        "Kreis Borken",
        "Burloer Str. 93",
        "46325",
        "Borken",
    )
    assert c.telefon == "02861 681 100"
    assert c.email == "info@kreis-borken.de"
    assert [link.text for link in f.links] == [
        "Münsterland-Erklärung",
        "Stadt Münster / Regionalentwicklung",
        "Kreis Coesfeld Regionalentwicklung",
    ]


def test_profile_000_html_links_keep_their_href() -> None:
    f = profile(PROFILE_000[1])
    assert len(f.links) == 3
    assert all(link.url and link.url.startswith("https://") for link in f.links)


@pytest.mark.parametrize("path", PROFILE_002, ids=lambda p: p.suffix)
def test_profile_002(path: Path) -> None:
    f = profile(path)
    assert f.titel == (
        "Klimakreis Borken – Interkommunales Netzwerk als Erfolgsschlüssel "
        "lokaler Klimaschutzarbeit"
    )
    assert [k.name for k in f.kommunen] == ["Kreis Borken"]
    assert f.stichworte == ["Katastrophenschutz", "Klima"]
    assert f.hauptverantwortlich is not None and f.hauptverantwortlich.name == "Kreis Borken"
    assert f.sonstige_beteiligte == []
    k = f.kurzprofil
    assert k.einwohner == 380796
    assert k.einwohner_stand == dt.date(2024, 12, 31)
    assert k.einwohner_quelle == "IT.NRW"
    assert k.flaeche_km2 == 1420.98
    assert k.regierungsbezirk == "Münster"
    assert f.anlass == "Steigende Komplexität kommunaler Klimaschutzanforderungen"
    assert f.umsetzung is not None and f.umsetzung.count("\n\n") == 5  # six paragraphs
    assert f.rechtsform == "öffentlich-rechtliche Vereinbarung"
    assert f.zusammenarbeit_seit == 2011
    c = f.kontakt
    assert (c.organisation, c.strasse, c.plz, c.ort) == (
        "Kreis Borken",
        "Burloer Str. 93",
        "46325",
        "Borken",
    )
    assert c.telefon == "02861 681100"
    assert c.email == "info@kreis-borken.de"
    assert len(f.links) == 1
    assert f.links[0].url == (
        "https://interkommunales.nrw/wp-content/uploads/2026/04/"
        "Anlage-zum-Wettbewerbsbeitrag-des-Klimakreises-Borken-Anlage-gesamt.pdf"
    )


def test_sections_text_is_the_document_span() -> None:
    """The traceability invariant every downstream user relies on."""
    from ikz_extract.loaders import load

    path = PROFILE_002[0]
    doc = load(path.read_bytes())
    record = extract_file(path)
    for section in record.sections:
        assert doc.text[section.span[0] : section.span[1]] == section.text
    keys = [s.key for s in record.sections]
    assert keys[1:] == [
        "stichworte",
        "hauptverantwortlich",
        "sonstige_beteiligte",
        "kurzprofil",
        "anlass",
        "ziel",
        "umsetzung",
        "finanzierung",
        "rechtsform",
        "zusammenarbeit_seit",
        "kontakt",
        "links",
    ]
    empty = next(s for s in record.sections if s.key == "sonstige_beteiligte")
    assert empty.text == ""
