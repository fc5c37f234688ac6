"""German date grammar (german/dates.py) and the ikz_dates component."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz_extract.german.dates import DateValue, find_dates, parse_date, parse_numeric_date
from ikz_extract.nlp import Annotator, TextUnit


def dates(text: str, **kw: dt.date) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.precision) for m in find_dates(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stand 31.12.2020.", [("31.12.2020", "2020-12-31", "day")]),
        ("Beschluss am 24.06.2025", [("24.06.2025", "2025-06-24", "day")]),
        ("© Kreis Coesfeld, Juni 2025", [("Juni 2025", "2025-06", "month")]),
        ("Dafür haben sie im Jahr 2018 gestartet.", [("Jahr 2018", "2018", "year")]),
        ("Das Netzwerk besteht seit 2011.", [("seit 2011", "2011/..", "year")]),
        ("Zusammenarbeit seit:\n\n2022\n", [("2022", "2022", "year")]),
        ("Die Förderung lief 2019–2022.", [("2019–2022", "2019/2022", "year")]),
        ("Das Ziel soll bis 2035 erreicht sein.", [("bis 2035", "../2035", "year")]),
        ("neutral bis spätestens 2040.", [("bis spätestens 2040", "../2040", "year")]),
        (
            "am Donnerstag, 18. September 2024",
            [("Donnerstag, 18. September 2024", "2024-09-18", "day")],
        ),
        ("ab dem 1. Januar 2025", [("ab dem 1. Januar 2025", "2025-01-01/..", "day")]),
        ("Messe vom 15.–17. Mai 2024", [("15.–17. Mai 2024", "2024-05-15/2024-05-17", "day")]),
        ("von Januar bis März 2025", [("Januar bis März 2025", "2025-01/2025-03", "month")]),
        ("Frist: 06/2025", [("06/2025", "2025-06", "month")]),
        ("Nach Arnsberg (2019) und Münster", [("2019", "2019", "year")]),
        ("für 2040 und 2035 weiterhin", [("2040", "2040", "year"), ("2035", "2035", "year")]),
        ("am 2020-12-31", [("2020-12-31", "2020-12-31", "day")]),
    ],
)
def test_date_expressions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Telefon: 02861 681 100",
        "Burloer Str. 93\n46325 Borken",
        "Tel. 02541 / 18-0, Fax 02541 / 18-9999",
        "Einwohner: 371.898",
        "Kommunen unter 20.000 Einwohner*innen",
        "rund 2000 Euro Zuschuss",
        "im Rahmen der Agenda 2030 der Vereinten Nationen",
        "Klimaschutzkonzept 2030 und REGIONALE 2016",
        "V. Integration\t10\nVI. Gleichstellung\t11",
        "Fotos: (S. 7, 14-15, 18)",
        "https://example.org/wp-content/uploads/2026/04/anlage.pdf",
        "am 31.02.2020 gibt es nicht",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert dates(text) == []


def test_day_without_year_is_left_open() -> None:
    [m] = find_dates("Am Mittwoch (15. Mai) trifft sich der Beirat.")
    assert (m.text, m.value, m.precision) == ("Mittwoch (15. Mai)", "--05-15", "day")
    assert m.note == "year not stated"


def test_day_without_year_takes_the_document_year_and_says_so() -> None:
    [m] = find_dates("am 15. Mai", document_date=dt.date(2024, 3, 1))
    assert m.value == "2024-05-15"
    assert m.note == "year taken from the document date"


def test_range_bounds_are_explicit() -> None:
    [m] = find_dates("Laufzeit 2019 bis 2022")
    assert (m.range_start, m.range_end) == ("2019", "2022")
    [m] = find_dates("bis 2035")
    assert (m.range_start, m.range_end) == (None, "2035")


def test_existing_helpers_still_work() -> None:
    assert parse_numeric_date("Stand: 31.12.2020") == dt.date(2020, 12, 31)
    assert parse_date("Juni 2025") == DateValue("2025-06", "month")
    assert parse_date("31.12.2020") == DateValue("2020-12-31", "day")
    assert parse_date("keine Angabe") is None


def test_component_spans_cover_exactly_the_expression() -> None:
    """A sentence-final year ("2040.") is one token for the German tokenizer; the component
    splits it so the entity does not swallow the full stop."""
    result = Annotator().annotate([TextUnit("Neutral bis spätestens 2040.", 100, 2)])
    [d] = result.dates
    assert (d.text, d.value, d.start, d.end, d.section) == (
        "bis spätestens 2040",
        "../2040",
        108,
        127,
        2,
    )


def test_component_uses_the_document_date() -> None:
    result = Annotator().annotate(
        [TextUnit("Treffen am 15. Mai im Rathaus.", 0, 0)], document_date=dt.date(2021, 8, 27)
    )
    assert [(d.value, d.note) for d in result.dates] == [
        ("2021-05-15", "year taken from the document date")
    ]
