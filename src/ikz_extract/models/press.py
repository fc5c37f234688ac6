"""Fields of a press release (Pressemitteilung): headline, date, dateline, publisher, body,
attributed quotes and photos with their credits."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Zitat(_Strict):
    """A quotation and who said it. ``span`` indexes the document text (the quote itself)."""

    text: str
    sprecher: str | None = None
    rolle: str | None = None  # office as the release names it: "Regierungspräsidentin"
    zugehoerigkeit: str | None = None  # "(Detmold)" after the name: district, town, body
    span: tuple[int, int] | None = None


class Bild(_Strict):
    """A photo as its caption describes it; ``bildnachweis`` is the credit as printed."""

    beschreibung: str | None = None
    bildnachweis: str | None = None
    span: tuple[int, int] | None = None


class PressReleaseFields(_Strict):
    titel: str | None = None
    datum: dt.date | None = None
    ort: str | None = None  # the dateline: "Münster." opens the first paragraph
    herausgeber: str | None = None
    text: str | None = None  # body paragraphs only, separated by blank lines
    zitate: list[Zitat] = []
    bilder: list[Bild] = []
