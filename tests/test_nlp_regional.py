"""Place, organisation and date classes of issues 12 and 13 (made-up sentences of the shapes
found in real regional texts)."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz_extract.models import DateMention, Entity
from ikz_extract.nlp import Annotator, TextUnit


@pytest.fixture(scope="module")
def ann() -> Annotator:
    return Annotator()


def entities(ann: Annotator, text: str) -> list[Entity]:
    return ann.annotate([TextUnit(text, 0, 0)]).entities


def places(ann: Annotator, text: str) -> dict[str, tuple[str, str | None]]:
    return {
        e.text: (e.label, e.kb_id)
        for e in entities(ann, text)
        if e.label in ("MUNICIPALITY", "DISTRICT", "GOV_REGION")
    }


def dates(ann: Annotator, text: str, day: dt.date | None = None) -> list[DateMention]:
    return ann.annotate([TextUnit(text, 0, 0)], document_date=day).dates


def test_compound_plural_head_over_an_enumeration_with_parentheses(ann: Annotator) -> None:
    found = places(
        ann,
        "Vertreter der Sauerland-Kreise Olpe (Anna Roth, Attendorn), Soest (Peter Lang, "
        "Werl) und Unna kamen.",
    )
    assert found["Olpe"] == ("DISTRICT", "05966")
    assert found["Soest"] == ("DISTRICT", "05974")
    assert found["Unna"] == ("DISTRICT", "05978")
    assert found["Attendorn"] == ("MUNICIPALITY", "05966004")  # inside the parenthesis
    assert found["Werl"] == ("MUNICIPALITY", "05974052")


def test_a_bare_name_after_a_closed_enumeration_is_a_town_again(ann: Annotator) -> None:
    found = places(ann, "Die Kreise Olpe und Soest. Später fuhr sie nach Unna.")
    assert found["Unna"] == ("MUNICIPALITY", "05978036")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Gespräche in Rheda - Wiedenbrück", "05754028"),
        ("Gespräche in Neuß", "05162024"),
        ("Gespräche in Grossenkneten", "03458007"),
        ("Bad Salzuflens Haushalt ist ausgeglichen", "05766008"),
        ("Der Märkische Kreis beteiligt sich", "05962"),
    ],
)
def test_spelling_variants_of_official_names(ann: Annotator, text: str, key: str) -> None:
    assert key in {kb for _, kb in places(ann, text).values()}


def test_a_place_after_article_and_adjective_is_a_common_noun(ann: Annotator) -> None:
    assert places(ann, "Wir wanderten auf dem höheren Winterberg.") == {}
    assert places(ann, "Wir wanderten in Winterberg.") == {"Winterberg": ("MUNICIPALITY",
                                                                          "05958048")}  # fmt: skip


def test_a_municipality_inside_an_inflected_org_name_belongs_to_the_org(ann: Annotator) -> None:
    found = entities(ann, "Der Vertrag mit den Stadtwerken Bielefeld gilt weiter.")
    assert [(e.label, e.text) for e in found] == [("ORG", "Stadtwerken Bielefeld")]


def test_numbering_with_mixed_padding_is_no_date(ann: Annotator) -> None:
    assert dates(ann, "Produkt 01.2.01 und 1.02.03 im Haushaltsplan") == []
    assert [d.value for d in dates(ann, "Sitzung am 01.02.21")] == ["2021-02-01"]


def test_bare_year_after_article_and_noun(ann: Annotator) -> None:
    found = dates(ann, "Der Haushalt 2027 ist knapp, die Finanzlage 2025 war besser.")
    assert [(d.text, d.value, d.precision) for d in found] == [
        ("2027", "2027", "year"),
        ("2025", "2025", "year"),
    ]
    # a programme's name and an amount are no dates
    assert dates(ann, "Die Agenda 2030 kostet die Stadt 2030 Euro.") == []


def test_iso_year_month(ann: Annotator) -> None:
    found = dates(ann, "Stand: 2025-03")
    assert [(d.value, d.precision) for d in found] == [("2025-03", "month")]


def test_year_less_date_completed_only_when_the_weekday_agrees(ann: Annotator) -> None:
    day = dt.date(2018, 5, 3)
    # 8 November 2018 was a Thursday
    assert [d.value for d in dates(ann, "am Donnerstag (8. November) trafen", day)] == [
        "2018-11-08"
    ]
    assert [d.value for d in dates(ann, "am Freitag (8. November) trafen", day)] == ["--11-08"]
    # a text of December 2018 about a Thursday in January: 10 January 2019
    december = dt.date(2018, 12, 3)
    assert [d.value for d in dates(ann, "am Donnerstag, 10. Januar", december)] == ["2019-01-10"]


def test_singular_kreis_before_an_enumeration_of_kreise(ann: Annotator) -> None:
    found = places(ann, "Betroffen sind der Kreis Olpe, Siegen-Wittgenstein und Soest.")
    assert found["Soest"] == ("DISTRICT", "05974")
    # towns of the Kreis stay towns: they have no Kreis of their name
    found = places(ann, "Im Kreis Olpe, Attendorn und Lennestadt wurde gewählt.")
    assert found["Attendorn"] == ("MUNICIPALITY", "05966004")


def test_enumeration_member_without_a_place_of_the_heads_level(ann: Annotator) -> None:
    found = places(ann, "Die Kreise Borken und Coesfeld sowie Münster.")
    assert found["Münster"] == ("MUNICIPALITY", "05515000")
    assert found["Coesfeld"] == ("DISTRICT", "05558")
