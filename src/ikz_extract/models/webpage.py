"""Fields of an organisation's web page: sections by headings with their lists, the member
municipalities a page enumerates, and the office holders of its bodies (Gremien)."""

from __future__ import annotations

from pydantic import Field

from ikz_extract.models.base import StrictModel
from ikz_extract.models.fields import Body


class Liste(StrictModel):
    """A list as the page shows it, with the sentence that introduces it."""

    einleitung: str | None = None
    items: list[str] = []


class Seitenabschnitt(StrictModel):
    titel: str | None = None  # None for the text before the first heading
    text: str | None = None  # prose of the section (list items are in ``listen``)
    listen: list[Liste] = []
    span: tuple[int, int] | None = None


class Amtstraeger(StrictModel):
    """An office holder: "Bürgermeister Jörn Möltgen, Havixbeck".

    The parser finds who is listed; office and municipality come from the record's NER
    ``persons`` and stay None when the record was made without NER (``--no-nlp``)."""

    name: str = Field(
        description=(
            "With NER the person's full name with title ('Jörn Möltgen', 'Dr. Anna Schulte'); "
            "without NER, or when the NER pass knows no such person, the list item's words "
            "before the comma or parenthesis as written (which may include the office: "
            "'Bürgermeister Jörn Möltgen')."
        )
    )
    rolle: str | None = Field(
        default=None,
        description="The office from the NER persons ('Bürgermeisterin'); None without NER.",
    )
    kommune: str | None = Field(
        default=None,
        description=(
            "The municipality or Kreis the NER pass links the person to, by its official "
            "name ('Havixbeck' for 'Gemeinde Havixbeck', 'Kreis Coesfeld'), else the "
            "affiliation as written (an organisation); None without NER."
        ),
    )
    ags: str | None = Field(
        default=None,
        description=(
            "Official key of ``kommune`` (AGS 8 digits, Kreis 5, Regierungsbezirk 3); None "
            "without NER or for an organisation."
        ),
    )
    span: tuple[int, int] | None = Field(
        default=None, description="Where the list item names the holder (document text)."
    )


class Gremium(StrictModel):
    """A body of the organisation (Lenkungskreis, Beirat …) and its named members."""

    name: str
    mitglieder: list[Amtstraeger] = []


class WebPageFields(StrictModel):
    titel: str | None = None
    einleitung: str | None = None  # the text between the title and the first heading
    abschnitte: list[Seitenabschnitt] = []
    mitglieder: list[Body] = []  # member municipalities the page enumerates
    mitglieder_anzahl: int | None = None  # the count the page states ("12", "zwölf")
    gremien: list[Gremium] = []
