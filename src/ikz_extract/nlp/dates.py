"""``ikz_dates``: date expressions with ISO value and precision (grammar in german/dates.py).

The document's own date, when the caller knows it, is read from
``doc.user_data["ikz_document_date"]`` (ISO string) and completes days written without a year.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc, Span

from ikz_extract.german.dates import calendar_day, find_dates
from ikz_extract.nlp.extensions import ensure_extensions
from ikz_extract.nlp.fast import doc_text
from ikz_extract.nlp.settings import SettingsComponent

DATES_KEY = "ikz_dates"
DOCUMENT_DATE = "ikz_document_date"


class DateTagger(SettingsComponent):
    """Writes ``doc.spans["ikz_dates"]`` (label DATE; ``span._.ikz`` holds value/precision)."""

    SETTINGS = ("spans_key",)

    def __init__(self, nlp: Language, name: str = "ikz_dates", *, spans_key: str = DATES_KEY):
        ensure_extensions()
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        raw = doc.user_data.get(DOCUMENT_DATE)
        document_date = calendar_day(raw) if isinstance(raw, str) else None
        matches = find_dates(doc_text(doc), document_date=document_date)
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


@Language.factory("ikz_dates", default_config={"spans_key": DATES_KEY})
def make_date_tagger(nlp: Language, name: str, spans_key: str) -> DateTagger:
    return DateTagger(nlp, name, spans_key=spans_key)
