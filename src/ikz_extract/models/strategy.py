"""Fields of a strategy document (Strategiepapier, Konzept, Leitbild, Bericht as PDF).

The document's own structure is kept: a table of contents as printed and a tree of
chapters whose bullet items are the goals (``ziele``). ``stand`` is the ISO value of the
"Stand:" date with its precision implied by its length ("2025-06" for "Juni 2025"), and
``stand_text`` keeps the words as printed.
"""

from __future__ import annotations

import datetime as dt

from ikz_extract.models.base import StrictModel
from ikz_extract.models.fields import Kontakt


class TocEntry(StrictModel):
    """One line of the printed table of contents."""

    nummer: str | None = None  # "B.VIII", "3.1"; None for unnumbered entries (Vorwort)
    titel: str
    seite: int | None = None


class Kapitel(StrictModel):
    """A chapter with its prose, its goals and its sub-chapters.

    ``ziele`` are the bullet items directly under this heading; items under a sub-heading
    ("WIRTSCHAFT:") belong to that ``unterabschnitt``. ``span`` indexes the chapter's own
    content (heading excluded, sub-chapters excluded) in the document text, as the
    record's section of the same heading does.
    """

    nummer: str | None = None
    titel: str
    text: str | None = None
    ziele: list[str] = []
    unterabschnitte: list[Kapitel] = []
    seite: int | None = None
    span: tuple[int, int] | None = None


class StrategyFields(StrictModel):
    titel: str | None = None
    herausgeber: str | None = None
    beschlossen_von: str | None = None  # the body that adopted it: "Kreistag"
    beschlossen_am: dt.date | None = None
    stand: str | None = None  # ISO 8601, as precise as printed: "2025-06"
    stand_text: str | None = None  # as printed: "Juni 2025"
    inhaltsverzeichnis: list[TocEntry] = []
    abschnitte: list[Kapitel] = []
    kontakt: Kontakt = Kontakt()


Kapitel.model_rebuild()
