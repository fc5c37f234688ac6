"""Fields of an organisation's web page: sections by headings with their lists, the member
municipalities a page enumerates, and the office holders of its bodies (Gremien)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ikz_extract.models.fields import Body


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Liste(_Strict):
    """A list as the page shows it, with the sentence that introduces it."""

    einleitung: str | None = None
    items: list[str] = []


class Abschnitt(_Strict):
    titel: str | None = None  # None for the text before the first heading
    text: str | None = None  # prose of the section (list items are in ``listen``)
    listen: list[Liste] = []
    span: tuple[int, int] | None = None


class Amtstraeger(_Strict):
    """An office holder: "Bürgermeister Jörn Möltgen, Havixbeck"."""

    name: str
    rolle: str | None = None
    kommune: str | None = None


class Gremium(_Strict):
    """A body of the organisation (Lenkungskreis, Beirat …) and its named members."""

    name: str
    mitglieder: list[Amtstraeger] = []


class WebPageFields(_Strict):
    titel: str | None = None
    einleitung: str | None = None  # the text between the title and the first heading
    abschnitte: list[Abschnitt] = []
    mitglieder: list[Body] = []  # member municipalities the page enumerates
    mitglieder_anzahl: int | None = None  # the count the page states ("12", "zwölf")
    gremien: list[Gremium] = []
