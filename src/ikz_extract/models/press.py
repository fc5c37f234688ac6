"""Fields of a press release (Pressemitteilung): headline, date, dateline, publisher, body,
attributed quotes and photos with their credits."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ikz_extract.models.base import StrictModel


class Zitat(StrictModel):
    """A quotation and who said it. ``span`` indexes the document text (the quote itself).

    The parser finds who is quoted; office and affiliation come from the record's NER
    ``persons`` and stay None when the record was made without NER (``--no-nlp``)."""

    text: str
    sprecher: str | None = Field(
        default=None,
        description=(
            "Who said it. With NER the person's full name with title "
            "('Dr. Christian Schulze Pellengahr', also for 'so Feller'); without NER, or when "
            "the NER pass knows no such person, the words of the attribution as written "
            "(which may include an office: 'Landrat Müller')."
        ),
    )
    sprecher_span: tuple[int, int] | None = Field(
        default=None, description="Where the attribution names the speaker (document text)."
    )
    rolle: str | None = Field(
        default=None,
        description=(
            "The speaker's office from the NER persons, in the person's form "
            "('Regierungspräsidentin' from 'Regierungspräsident*innen'); None without NER."
        ),
    )
    zugehoerigkeit: str | None = Field(
        default=None,
        description=(
            "The speaker's affiliation from the NER persons: district, town or body "
            "('Detmold' from '(Detmold)', 'Kreis Coesfeld'); None without NER."
        ),
    )
    zugehoerigkeit_ags: str | None = Field(
        default=None,
        description=(
            "Official key of the affiliation (AGS 8 digits, Kreis 5, Regierungsbezirk 3); "
            "None without NER or for an organisation."
        ),
    )
    span: tuple[int, int] | None = None


class Bild(StrictModel):
    """A photo as its caption describes it; ``bildnachweis`` is the credit as printed."""

    beschreibung: str | None = None
    bildnachweis: str | None = None
    span: tuple[int, int] | None = None


class PressReleaseFields(StrictModel):
    titel: str | None = None
    datum: dt.date | None = None
    ort: str | None = None  # the dateline: "Münster." opens the first paragraph
    herausgeber: str | None = None
    text: str | None = None  # body paragraphs only, separated by blank lines
    zitate: list[Zitat] = []
    bilder: list[Bild] = []
