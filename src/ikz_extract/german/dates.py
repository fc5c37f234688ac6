"""German date expressions → ISO 8601 value with a precision (day | month | year).

The one place that knows how German texts write dates. ``parse_date`` reads the first date of
a field value; ``find_dates`` finds every date expression in running text with its character
span, including ranges and open intervals, and leaves out numbers that only look like years
(phone numbers, postcodes, amounts, population figures, years inside programme names).

Values (see docs/ner.md):

- a day ``2020-12-31``, a month ``2025-06``, a year ``2018``;
- a day without a year ``--05-15`` (ISO 8601:2000 truncated form) unless a document date
  supplies the year, in which case ``note`` says so;
- an interval ``2019/2022``; open intervals ``../2035`` ("bis 2035") and ``2011/..``
  ("seit 2011", "ab 2025") as in ISO 8601-2. ``range_start`` / ``range_end`` carry the bounds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTH_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
               "September", "Oktober", "November", "Dezember")  # fmt: skip
MONTHS = {"januar": 1, "jänner": 1} | {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "febr": 2, "mär": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
}  # fmt: skip
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

# Capitalised words after which a year is part of a name ("Agenda 2030", "REGIONALE 2016"),
# and endings of compounds that name programmes ("Klimaschutzstrategie 2030").
NAME_HEADS = frozenset({
    "agenda", "vision", "horizont", "horizon", "regionale", "expo", "euro", "olympia",
    "leitbild", "masterplan", "programm", "strategie", "konzept", "initiative", "windows",
    "industrie", "pakt", "offensive", "projekt", "wettbewerb", "preis", "award", "din", "iso",
    "postfach", "nr", "nummer", "gesetz", "verordnung",
})  # fmt: skip
NAME_HEAD_SUFFIXES = ("strategie", "konzept", "programm", "plan", "agenda", "initiative",
                      "offensive", "pakt", "preis", "wettbewerb")  # fmt: skip
# Words after a number that make it an amount or a count, not a year.
UNIT_WORDS = frozenset({
    "euro", "eur", "€", "mio", "mrd", "millionen", "milliarden", "tsd", "prozent", "%",
    "einwohner", "einwohnerinnen", "einwohner*innen", "einwohner:innen", "menschen",
    "personen", "teilnehmer", "teilnehmende", "teilnehmerinnen", "mitglieder", "beschäftigte",
    "arbeitsplätze", "stück", "km", "km²", "m", "m²", "qm", "ha", "kw", "mw", "kwh", "mwh",
    "t", "tonnen", "haushalte", "schüler", "schülerinnen", "kinder", "stunden", "std",
    "minuten", "tage", "wohnungen", "plätze", "fälle", "seiten", "besucher", "besucherinnen",
})  # fmt: skip

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MON_NUM = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19\d\d|20\d\d)"
_MONTH_WORDS = sorted(
    [m.capitalize() for m in MONTHS] + [a.capitalize() + r"\." for a in MONTH_ABBREVIATIONS],
    key=len,
    reverse=True,
)
_MONTH = "(?:" + "|".join(_MONTH_WORDS) + r")(?![\wäöü])"
_WD = "(?:" + "|".join(WEEKDAYS) + ")"
_WD_PREFIX = rf"(?:{_WD},?\s+(?:den\s+)?)?"
_DASH = r"\s*[-–—]\s*"
_TO = rf"(?:{_DASH}|\s+bis\s+(?:zum\s+|einschließlich\s+)?)"
_L = r"(?<![\w./@:-])"  # not glued to a preceding word, number, URL or e-mail
_R = r"(?![\w/@]|[.,:-]\d)"  # nor to a following one

# Every alternative is a named group, tried in this order at each position.
_PATTERNS: list[tuple[str, str]] = [
    # 15.–17. Mai 2024 / 15. bis 17. Mai
    (
        "dayrange",
        rf"(?P<d1>{_DAY})\.?{_TO}(?P<d2>{_DAY})\.\s*(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?",
    ),
    # 01.01.2020 – 31.12.2022
    ("numrange", rf"(?P<a>{_DAY}\.{_MON_NUM}\.{_YEAR}){_TO}(?P<b>{_DAY}\.{_MON_NUM}\.{_YEAR})"),
    # Mittwoch (15. Mai) / Mittwoch (15. Mai 2024)
    ("wdparen", rf"{_WD}\s*\(\s*(?P<d>{_DAY})\.\s*(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\s*\)"),
    # Donnerstag, 18. September 2024 / 18. Sept. 2024 / 15. Mai
    ("dayword", rf"{_WD_PREFIX}(?P<d>{_DAY})\.\s*(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?"),
    # 31.12.2020 / Mittwoch, 15.05.2024 / 24.06.25
    ("numeric", rf"{_WD_PREFIX}(?P<d>{_DAY})\.\s?(?P<m>{_MON_NUM})\.\s?(?P<y>{_YEAR}|\d\d)"),
    # 2020-12-31
    ("iso", rf"(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
    # Januar bis März 2025
    ("monthrange", rf"(?P<m1>{_MONTH}){_TO}(?P<m2>{_MONTH})\s+(?P<y>{_YEAR})"),
    # Juni 2025 / Sept. 2024
    ("monthyear", rf"(?P<m>{_MONTH})\s+(?P<y>{_YEAR})"),
    # 06/2025
    ("slashmonth", rf"(?P<m>0[1-9]|1[0-2])/(?P<y>{_YEAR})"),
    # 2019–2022 / 2019 bis 2022 / 2019/2020 / 2019/20
    ("yearrange", rf"(?P<y1>{_YEAR})(?:{_TO}|/)(?P<y2>{_YEAR}|\d\d)"),
    # (Jahr) 2018 — context decides below
    ("year", rf"(?P<y>{_YEAR})"),
]
_SCANNER = re.compile(
    r"(?=[0-9(]|Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez|Mon|Die|Mit|Don|Fre|Sam|Son)"
    + _L
    + "(?:" + "|".join(f"(?P<{name}>{pat.replace('(?P<', f'(?P<{name}_')})"
                          for name, pat in _PATTERNS) + ")" + _R
)  # fmt: skip

_OPEN_END = re.compile(
    r"(?:\b(?:bis|spätestens)\s+(?:(?:spätestens|zum|Ende|Mitte|Anfang|einschließlich)\s+)*"
    r"(?:(?:dem|das)\s+)?(?:Jahr(?:e|es)?\s+)?)$",
    re.IGNORECASE,
)
_OPEN_START = re.compile(
    r"(?:\b(?:seit|ab)\s+(?:(?:dem|Ende|Mitte|Anfang|Beginn)\s+)*(?:(?:des\s+)?Jahr(?:e|es)?\s+)?)$",
    re.IGNORECASE,
)
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:im|in|ab|seit|bis|für|um|vor|nach|zum|vom|von|Jahr|Jahre|Jahres|Jahren|Ende|"
    r"Anfang|Mitte|Beginn|Frühjahr|Frühling|Sommer|Herbst|Winter|Stand|Stichtag|spätestens|"
    r"bereits|erst|noch|schon|zwischen|und|oder|sowie|bzw\.|Haushaltsjahr|Kalenderjahr|"
    r"Geschäftsjahr|Förderjahr|Schuljahr|Zeitraum)\s*:?\s*|[(,;]\s*|(?:^|\n)[ \t]*)$",
    re.IGNORECASE,
)
_SPAN_PREFIX = re.compile(
    r"(?:\b(?:Jahr(?:e|es)?|Ende|Anfang|Mitte|Beginn|Frühjahr|Frühling|Sommer|Herbst|Winter)"
    r"\s+)$"
)
_PHONE_BEFORE = re.compile(r"(?:\d[\s/]*|\b(?:Tel|Telefon|Fax|Telefax|Postfach|Nr|PLZ)\.?:?\s*)$")
_DIGIT = re.compile(r"\d")
_PHONE_AFTER = re.compile(r"^[\s/]*\d")
_WORD_BEFORE = re.compile(r"([A-Za-zÄÖÜäöüß][\wÄÖÜäöüß-]*)\.?[ \t]+$")
_TEMPORAL_WORDS = frozenset({
    "im", "in", "ab", "seit", "bis", "für", "um", "vor", "nach", "zum", "vom", "von", "jahr",
    "jahre", "jahres", "jahren", "ende", "anfang", "mitte", "beginn", "stand", "und", "oder",
    "sowie", "spätestens", "bereits", "zwischen",
})  # fmt: skip
_WORD_AFTER = re.compile(r"^\s*([\w€%²*:-]+)")


@dataclass(frozen=True, slots=True)
class DateValue:
    value: str
    precision: Precision

    def as_date(self) -> dt.date | None:
        return calendar_day(self.value)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date expression found in a text; ``start``/``end`` index that text."""

    start: int
    end: int
    text: str
    value: str
    precision: Precision
    note: str | None = None
    range_start: str | None = None
    range_end: str | None = None


_CALENDAR_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def calendar_day(value: str) -> dt.date | None:
    """The one day a value names, or None for every other value form.

    Consumers that need a ``date`` call this rather than ``date.fromisoformat``: a day
    without a year (``--11-12``), a month, a year and every interval (``2019/2022``,
    ``../2021-03-03``, ``2011/..``, ``2024-05-15/2024-05-17``) are ordinary values that
    name no single day.
    """
    match = _CALENDAR_DAY.fullmatch(value)
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse_numeric_date(text: str) -> dt.date | None:
    """``31.12.2020`` → 2020-12-31; None when absent or impossible (``31.02.2020``)."""
    match = re.search(rf"\b({_DAY})\.\s?({_MON_NUM})\.\s?({_YEAR})\b", text)
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
    match = re.search(rf"\b({_MONTH})\s+({_YEAR})\b", text)
    if match is not None:
        month = month_number(match.group(1))
        if month is not None:
            return DateValue(f"{int(match.group(2)):04d}-{month:02d}", "month")
    return None


def month_number(word: str) -> int | None:
    """``Juni`` / ``Sept.`` / ``MÄRZ`` → month number."""
    key = word.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)


def _day_value(
    y: str | None, m: int, d: int, document_date: dt.date | None
) -> tuple[str, str | None] | None:
    """ISO value of a day, taking a missing year from the document date; None if impossible."""
    if y is None:
        if document_date is None:
            try:
                dt.date(2000, m, d)  # a leap year, so 29.02. passes
            except ValueError:
                return None
            return f"--{m:02d}-{d:02d}", "year not stated"
        year, note = document_date.year, "year taken from the document date"
    else:
        year, note = _full_year(y), None
    try:
        return dt.date(year, m, d).isoformat(), note
    except ValueError:
        return None


def _full_year(y: str) -> int:
    n = int(y)
    if len(y) == 4:
        return n
    return 2000 + n if n < 70 else 1900 + n


def _year_is_name_part(before: str) -> bool:
    """``Agenda 2030``, ``Klimaschutzstrategie 2030``, ``REGIONALE 2016``: part of a name."""
    match = _WORD_BEFORE.search(before)
    if match is None:
        return False
    word = match.group(1)
    low = word.lower()
    if low in _TEMPORAL_WORDS or month_number(word) is not None:
        return False
    return (
        low in NAME_HEADS or low.endswith(NAME_HEAD_SUFFIXES) or (word.isupper() and len(word) > 1)
    )


def _unit_follows(after: str) -> bool:
    match = _WORD_AFTER.match(after)
    return match is not None and match.group(1).lower().rstrip(".") in UNIT_WORDS


def _interpret(
    kind: str, g: dict[str, str | None], document_date: dt.date | None
) -> tuple[str, Precision, str | None, str | None, str | None] | None:
    """(value, precision, note, range_start, range_end) for one match, None to drop it."""

    def get(name: str) -> str | None:
        return g.get(f"{kind}_{name}")

    if kind in ("dayword", "wdparen", "numeric", "iso"):
        d, m_raw, y = get("d"), get("m"), get("y")
        assert d is not None and m_raw is not None
        m = month_number(m_raw) if not m_raw.isdigit() else int(m_raw)
        if m is None:
            return None
        got = _day_value(y, m, int(d), document_date)
        if got is None:
            return None
        return got[0], "day", got[1], None, None
    if kind == "dayrange":
        m = month_number(get("m") or "")
        d1, d2 = get("d1"), get("d2")
        if m is None or d1 is None or d2 is None:
            return None
        day1 = _day_value(get("y"), m, int(d1), document_date)
        day2 = _day_value(get("y"), m, int(d2), document_date)
        if day1 is None or day2 is None:
            return None
        return f"{day1[0]}/{day2[0]}", "day", day1[1], day1[0], day2[0]
    if kind == "numrange":
        first, last = parse_numeric_date(get("a") or ""), parse_numeric_date(get("b") or "")
        if first is None or last is None:
            return None
        lo, hi = first.isoformat(), last.isoformat()
        return f"{lo}/{hi}", "day", None, lo, hi
    if kind == "monthrange":
        m1, m2, y = month_number(get("m1") or ""), month_number(get("m2") or ""), get("y")
        if m1 is None or m2 is None or y is None:
            return None
        lo, hi = f"{y}-{m1:02d}", f"{y}-{m2:02d}"
        return f"{lo}/{hi}", "month", None, lo, hi
    if kind in ("monthyear", "slashmonth"):
        m_raw, y = get("m") or "", get("y") or ""
        m = int(m_raw) if m_raw.isdigit() else month_number(m_raw)
        if m is None:
            return None
        return f"{y}-{m:02d}", "month", None, None, None
    if kind == "yearrange":
        y1, y2 = get("y1") or "", get("y2") or ""
        end = int(y2) if len(y2) == 4 else int(y1[:2] + y2)
        if end <= int(y1) or end - int(y1) > 50:
            return None
        return f"{y1}/{end}", "year", None, y1, str(end)
    if kind == "year":
        y = get("y") or ""
        return y, "year", None, None, None
    return None


def find_dates(text: str, *, document_date: dt.date | None = None) -> list[DateMatch]:
    """Every date expression in ``text``, left to right, non-overlapping."""
    out: list[DateMatch] = []
    if _DIGIT.search(text) is None:
        return out
    for match in _SCANNER.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        start, end = match.span()
        before, after = text[max(0, start - 40) : start], text[end : end + 30]
        if kind in ("year", "yearrange", "slashmonth"):
            if _PHONE_BEFORE.search(before) or _PHONE_AFTER.match(after):
                continue
            if _unit_follows(after) or _year_is_name_part(before):
                continue
            if kind == "year" and not _YEAR_CONTEXT.search(before):
                # A bare year needs a temporal word or punctuation before it, or to stand alone
                # on its line, unless nothing but a verb-final clause follows (… 2022 in X statt).
                line_rest = after.split("\n", 1)[0].strip()
                if line_rest and not re.match(r"^(?:in|im|am|an|auf|zu|als|statt)\b", line_rest):
                    continue
        groups = match.groupdict()
        got = _interpret(kind, groups, document_date)
        if got is None:
            continue
        value, precision, note, r_start, r_end = got
        # Interval markers before the expression are part of it ("bis 2035", "seit 2011").
        open_end = _OPEN_END.search(before) if "/" not in value else None
        open_start = _OPEN_START.search(before) if "/" not in value and not open_end else None
        if open_end:
            start -= len(open_end.group(0))
            r_end, value, note = value, f"../{value}", note
        elif open_start:
            start -= len(open_start.group(0))
            r_start, value = value, f"{value}/.."
        else:
            prefix = _SPAN_PREFIX.search(text[max(0, start - 20) : start])
            if prefix:
                start -= len(prefix.group(0))
        if out and start < out[-1].end:
            continue
        out.append(DateMatch(start, end, text[start:end], value, precision, note, r_start, r_end))
    return out
