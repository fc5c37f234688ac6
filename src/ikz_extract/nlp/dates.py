"""``ikz_dates``: date expressions with ISO value and precision (grammar in german/dates.py).

The document's own date, when the caller knows it, is read from
``doc.user_data["ikz_document_date"]`` (ISO string) and completes days written without a year.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ikz_extract.german.dates import (
    NAME_HEAD_SUFFIXES,
    NAME_HEADS,
    UNIT_WORDS,
    WEEKDAYS,
    DateMatch,
    find_dates,
)
from ikz_extract.nlp.extensions import ensure_extensions
from ikz_extract.nlp.fast import doc_text
from ikz_extract.nlp.settings import SettingsComponent

DATES_KEY = "ikz_dates"
DOCUMENT_DATE = "ikz_document_date"
# "01.2.01": a zero-padded day beside an unpadded month (or the reverse) is a numbering
# (product, section, position), not a date a person wrote
_MIXED_PADDING = re.compile(r"^(?:0\d\.[1-9]|[1-9]\.0\d)\.\d\d$")
# "der Haushalt 2027", "die Finanzlage 2025": a year right after an article and a noun
_NOUN_YEAR = re.compile(
    r"\b(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]es|[Dd]em|[Dd]en)\s+([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)*)\s+"
    r"((?:19|20)\d\d)(?![\w/@-]|[.,:]\d)(?:\s+([\w€%]+))?"
)
# ISO year and month: "2025-03"
_ISO_MONTH = re.compile(r"(?<![\w./:-])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\w/@-]|[.,:]\d)")
_WEEKDAY_NUMBER = {w: n for n, w in enumerate(WEEKDAYS)}


class DateTagger(SettingsComponent):
    """Writes ``doc.spans["ikz_dates"]`` (label DATE; ``span._.ikz`` holds value/precision)."""

    SETTINGS = ("spans_key",)

    def __init__(self, nlp: Language, name: str = "ikz_dates", *, spans_key: str = DATES_KEY):
        ensure_extensions()
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        raw = doc.user_data.get(DOCUMENT_DATE)
        document_date = dt.date.fromisoformat(raw) if isinstance(raw, str) else None
        text = doc_text(doc)
        matches = [
            _check_weekday(m, document_date)
            for m in find_dates(text, document_date=document_date)
            if not _MIXED_PADDING.match(text[m.start : m.end])
        ]
        matches = _add_bare_years(text, matches)
        if matches:
            self._split_at(doc, {b for m in matches for b in (m.start, m.end)})
        spans: list[Span] = []
        for m in matches:
            span = doc.char_span(m.start, m.end, label="DATE", alignment_mode="expand")
            if span is None or any(t.like_url or t.like_email for t in span):
                continue
            if spans and span.start < spans[-1].end:
                continue
            span._.ikz = {
                "value": m.value,
                "precision": m.precision,
                "note": m.note,
                "range_start": m.range_start,
                "range_end": m.range_end,
            }
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    @staticmethod
    def _split_at(doc: Doc, bounds: set[int]) -> None:
        """Split tokens a date boundary falls inside ("2040." → "2040" "."), so that the
        date span is exactly the expression."""
        ordered = sorted(bounds)  # bisect per token: linear in the text, not tokens × dates
        cuts: list[tuple[int, int]] = []
        for tok in doc:
            k = bisect.bisect_right(ordered, tok.idx)
            if k < len(ordered) and ordered[k] < tok.idx + len(tok):
                cuts.append((tok.i, ordered[k] - tok.idx))
        if not cuts:
            return
        with doc.retokenize() as retok:
            for i, at in cuts:
                tok = doc[i]
                retok.split(tok, [tok.text[:at], tok.text[at:]], heads=[(tok, 0), (tok, 0)])


def _check_weekday(m: DateMatch, document_date: dt.date | None) -> DateMatch:
    """A year taken from the document date stands only if the weekday the text names
    agrees; the year after or before may (a text of December about "Donnerstag, 9. Januar");
    otherwise the date stays year-less ("--11-08")."""
    if (
        document_date is None
        or m.precision != "day"
        or m.note != "year taken from the document date"
    ):
        return m
    named = [n for w, n in _WEEKDAY_NUMBER.items() if w in m.text]
    if len(named) != 1:
        return m
    day = dt.date.fromisoformat(m.value)
    for year in (day.year, day.year + 1, day.year - 1):
        try:
            cand = day.replace(year=year)
        except ValueError:  # 29 February
            continue
        near = year == document_date.year or abs((cand - document_date).days) <= 183
        if near and cand.weekday() == named[0]:
            return DateMatch(m.start, m.end, m.text, cand.isoformat(), "day", m.note)
    return DateMatch(
        m.start, m.end, m.text, day.strftime("--%m-%d"), "day",
        "year not stated; the weekday fits no year near the document date",
    )  # fmt: skip


def _add_bare_years(text: str, matches: list[DateMatch]) -> list[DateMatch]:
    """Years the grammar leaves alone: after an article and noun, and ISO year-months."""
    taken = [(m.start, m.end) for m in matches]
    extra: list[DateMatch] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for hit in _NOUN_YEAR.finditer(text):
        a, b = hit.span(2)
        noun = hit.group(1).lower()
        if noun in NAME_HEADS or noun.endswith(NAME_HEAD_SUFFIXES):
            continue  # "die Agenda 2030" names a programme
        after = (hit.group(3) or "").lower().rstrip(".")
        if after not in UNIT_WORDS and free(a, b):
            extra.append(DateMatch(a, b, hit.group(2), hit.group(2), "year"))
    for hit in _ISO_MONTH.finditer(text):
        a, b = hit.span()
        if free(a, b):
            extra.append(DateMatch(a, b, hit.group(), hit.group(), "month"))
    return sorted([*matches, *extra], key=lambda m: m.start) if extra else matches


@Language.factory("ikz_dates", default_config={"spans_key": DATES_KEY})
def make_date_tagger(nlp: Language, name: str, spans_key: str) -> DateTagger:
    return DateTagger(nlp, name, spans_key=spans_key)
