"""What the NER pass attaches to a record. Offsets index the document text (the same
coordinates as ``Section.span``), so ``sections[e.section]`` shows the sentence a value
came from."""

from __future__ import annotations

from typing import Literal

from ikz_extract.models.base import StrictModel

EntityLabel = Literal["MUNICIPALITY", "DISTRICT", "GOV_REGION", "PERSON", "ORG", "DATE"]
Precision = Literal["day", "month", "year"]


class Entity(StrictModel):
    label: EntityLabel
    text: str
    start: int
    end: int
    section: int | None = None  # index into Record.sections
    kb_id: str | None = None  # AGS (8 digits), Kreis key (5), Regierungsbezirk key (3)
    normalized: str | None = None  # canonical name, ISO date, …


class Municipality(StrictModel):
    """A place named in the record, once, with how often it was named.

    ``kreis`` and ``regierungsbezirk`` are display names ("Kreis Coesfeld", "Münster"); their
    keys are prefixes of ``ags``."""

    name: str
    ags: str
    level: Literal["MUNICIPALITY", "DISTRICT", "GOV_REGION"]
    kreis: str | None = None
    regierungsbezirk: str | None = None
    mentions: int


class Person(StrictModel):
    name: str
    given_name: str | None = None
    family_name: str | None = None
    title: str | None = None
    role: str | None = None
    affiliation: str | None = None
    affiliation_ags: str | None = None
    mentions: int = 1


class DateMention(StrictModel):
    text: str
    value: str  # ISO 8601: 2020-12-31, 2025-06, 2018; ranges as 2019/2022, open as ../2035
    precision: Precision
    start: int | None = None
    end: int | None = None
    section: int | None = None
    note: str | None = None  # e.g. "year taken from the document date"
    # Bounds of an interval value ("2019/2022" → 2019, 2022; "../2035" → None, 2035).
    range_start: str | None = None
    range_end: str | None = None
