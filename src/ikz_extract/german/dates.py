"""German date expressions → ISO 8601 value with a precision (day | month | year)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTHS = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}

_NUMERIC = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateValue:
    value: str
    precision: Precision

    def as_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.value) if self.precision == "day" else None


def parse_numeric_date(text: str) -> dt.date | None:
    """``31.12.2020`` → 2020-12-31; None when absent or impossible (``31.02.2020``)."""
    match = _NUMERIC.search(text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> DateValue | None:
    """The first date in ``text``: a full numeric date, else ``Monat JJJJ``."""
    day = parse_numeric_date(text)
    if day is not None:
        return DateValue(day.isoformat(), "day")
    match = _MONTH_YEAR.search(text)
    if match is not None:
        month = MONTHS[match.group(1).lower()]
        return DateValue(f"{int(match.group(2)):04d}-{month:02d}", "month")
    return None
