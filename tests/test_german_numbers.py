from __future__ import annotations

import pytest

from ikz_extract.german.numbers import parse_int, parse_number
from ikz_extract.parsers.profile import split_topics


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("371.898", 371898),
        ("1.420,98 km²", 1420.98),
        ("1420,98 km²", 1420.98),
        ("Einwohner: 380.796 (31.12.2024)", 380796),
        ("2.000.000", 2000000),
        ("12", 12),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_parse_int_rejects_decimals() -> None:
    assert parse_int("1.420,98") is None
    assert parse_int("371.898") == 371898


def test_topic_splitting() -> None:
    assert split_topics("Katastrophenschutz Klima") == ["Katastrophenschutz", "Klima"]
    assert split_topics("Teilnehmer Landespreis Wirtschaftsförderung") == [
        "Teilnehmer Landespreis Wirtschaftsförderung"
    ]
    assert split_topics("Innere Verwaltung Digitalisierung") == [
        "Innere Verwaltung",
        "Digitalisierung",
    ]
