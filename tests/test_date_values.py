"""Every value form ``german.dates`` produces is an ordinary value wherever dates flow
(issue 9, item 2): year-less days, months, years, intervals and open intervals.

Made-up sentences in the shape of real German press releases and web pages; the property
test generates date expressions of every form and runs each through every consumer: the
value grammar, ``calendar_day``, the press detector and parser, the web page and profile
parsers, the NER pass (``ikz_dates``, document date) and record validation.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikz_extract.german.dates import MONTH_NAMES, calendar_day, find_dates, parse_date
from ikz_extract.models import DateMention, PressReleaseRecord
from tests.conftest import extract_bytes

# Every value form (docs/ner.md): day, month, year, year-less day, each alone or as a bound
# of an interval; open intervals have one bound.
_POINT = r"(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}|--\d{2}-\d{2})"
VALUE = re.compile(rf"{_POINT}|{_POINT}/{_POINT}|\.\./{_POINT}|{_POINT}/\.\.")

BODY = (
    "Die Gemeinde Havixbeck und die Stadt Billerbeck betreiben ihren Bauhof künftig "
    "gemeinsam, teilte der Kreis Coesfeld mit. Bürgermeister Klaus Gerdes sprach von einem "
    "wichtigen Schritt für die interkommunale Zusammenarbeit im Kreisgebiet."
)


def press_text(headline: str, date_line: str, sentence: str) -> bytes:
    return (
        f"Pressemitteilung\n\n{headline}\n\n{date_line}\n\nCoesfeld. {sentence} {BODY}\n\n{BODY}\n"
    ).encode()


def web_page(meta_date: str, sentence: str) -> bytes:
    return (
        f'<html><head><title>Gemeinsamer Bauhof</title><meta name="date" content="{meta_date}">'
        f"</head><body><h1>Gemeinsamer Bauhof</h1><p>{sentence}</p><h2>Ziele</h2>"
        f"<p>{BODY}</p></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Am 12. November beginnt die Zusammenarbeit.", "--11-12"),
        ("Die Frist endet am 01. Februar.", "--02-01"),
        ("Die Förderung läuft bis 3. März 2021.", "../2021-03-03"),
        ("Anträge sind bis März 2021 möglich.", "../2021-03"),
        ("Seit 2011 kooperieren beide Gemeinden.", "2011/.."),
    ],
)
def test_a_press_release_with_a_year_less_date_or_open_range_keeps_its_record(
    sentence: str, value: str
) -> None:
    """Such a line right above the body used to crash the press detector (fromisoformat
    on "--11-12" or "../2021-03"); the release was lost."""
    for headline in (f"Gemeinsamer Bauhof: {sentence}", "Gemeinsamer Bauhof startet"):
        data = press_text(headline, sentence, sentence)
        record = extract_bytes(data, "pm.txt", annotate=True)
        assert isinstance(record, PressReleaseRecord), record.record_type
        assert value in {d.value for d in record.dates}
        assert record.fields.datum is None or isinstance(record.fields.datum, dt.date)
        assert not any("failed" in w for w in record.warnings), record.warnings


def test_calendar_day_names_only_single_days_of_a_known_year() -> None:
    assert calendar_day("2021-03-03") == dt.date(2021, 3, 3)
    for value in ("--11-12", "2021-03", "2021", "../2021-03-03", "2011/..", "2019/2022",
                  "2024-05-15/2024-05-17", "2021-02-30", ""):  # fmt: skip
        assert calendar_day(value) is None, value
    assert parse_date("Stand: 15.05.2024") is not None
    assert parse_date("Stand: 15.05.2024").as_date() == dt.date(2024, 5, 15)  # type: ignore[union-attr]


# ------------------------------------------------------------------ the property test

_DAY = st.integers(1, 28)
_MONTH = st.integers(1, 12)
_YEAR = st.integers(1990, 2040).filter(lambda y: y % 100 != 99)  # 1999/00: no range


@st.composite
def expressions(draw: st.DrawFn) -> str:
    """A German date expression of any form the grammar knows, with or without a year, as a
    point, a range or an open interval."""
    d, m, y = draw(_DAY), draw(_MONTH), draw(_YEAR)
    month = MONTH_NAMES[m - 1]
    point = draw(
        st.sampled_from(
            [
                f"{d}. {month}",  # no year
                f"{d}. {month} {y}",
                f"{d:02d}.{m:02d}.{y}",
                f"{month} {y}",
                f"{m:02d}/{y}",
                f"{y}-{m:02d}-{d:02d}",
                f"im Jahr {y}",
                f"{d}.–{d + 2}. {month}",  # day range without a year
                f"{d}. bis {d + 1}. {month} {y}",
                f"{d:02d}.{m:02d}.{y} – {d:02d}.{m:02d}.{y + 1}",
                f"Januar bis {MONTH_NAMES[max(m, 2) - 1]} {y}",
                f"{y}–{y + 3}",
                f"{y}/{str(y + 1)[2:]}",
            ]
        )
    )
    opening = draw(st.sampled_from(["", "bis ", "bis zum ", "seit ", "ab ", "spätestens "]))
    return opening + point


@st.composite
def sentences(draw: st.DrawFn) -> tuple[str, str]:
    expression = draw(expressions())
    frame = draw(
        st.sampled_from(
            [
                "Am {} beginnt die Zusammenarbeit.",
                "Die Frist endet am {}.",
                "Die Förderung läuft {}.",
                "Der Kreistag hat die Vereinbarung {} beschlossen.",
                "{}",
            ]
        )
    )
    return expression, frame.format(expression)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sentences())
def test_every_value_form_passes_every_consumer(case: tuple[str, str]) -> None:
    expression, sentence = case
    found = find_dates(sentence)
    assert found, sentence
    for match in found:
        assert VALUE.fullmatch(match.value), match.value
        day = calendar_day(match.value)
        assert day is None or day.isoformat() == match.value
        DateMention(text=match.text, value=match.value, precision=match.precision)
    value = found[0].value
    pieces = [
        press_text(f"Gemeinsamer Bauhof: {sentence}", sentence, sentence),
        press_text("Gemeinsamer Bauhof startet", f"Pressemitteilung vom {expression}", sentence),
        web_page(value, sentence),
        web_page(expression, sentence),
        f"Gemeinsamer Bauhof\n\nKurzprofil\n\nEinwohner: 12.000 ({expression})\n\n"
        f"Anlass\n\n{sentence} {BODY}\n".encode(),
    ]
    for data in pieces:
        record = extract_bytes(data, "doc.html", annotate=True)
        assert not any("failed" in w for w in record.warnings), record.warnings
        for mention in record.dates:
            assert VALUE.fullmatch(mention.value), mention.value
        datum = getattr(record.fields, "datum", None)
        assert datum is None or isinstance(datum, dt.date)
