"""Type-specific ``fields`` of a record. German snake_case names follow the portal headings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ikz_extract.models.base import StrictModel


class Body(StrictModel):
    """A Kommune, Kreis or organisation named in a profile, linked to its key when it is one."""

    name: str
    ags: str | None = None
    level: Literal["MUNICIPALITY", "DISTRICT", "GOV_REGION"] | None = None


class Kurzprofil(StrictModel):
    gebiet: str | None = None
    regierungsbezirk: str | None = None
    einwohner: int | None = None
    einwohner_stand: dt.date | None = None
    einwohner_quelle: str | None = None
    flaeche_km2: float | None = None


class Kontakt(StrictModel):
    organisation: str | None = None
    strasse: str | None = None
    plz: str | None = None
    ort: str | None = None
    telefon: str | None = None
    email: str | None = None


class LinkRef(StrictModel):
    text: str
    url: str | None = None


class ProfileFields(StrictModel):
    titel: str
    kommunen: list[Body] = []
    stichworte: list[str] = []
    hauptverantwortlich: Body | None = None
    sonstige_beteiligte: list[Body] = []
    kurzprofil: Kurzprofil = Kurzprofil()
    anlass: str | None = None
    ziel: str | None = None
    umsetzung: str | None = None
    finanzierung: str | None = None
    rechtsform: str | None = None
    zusammenarbeit_seit: int | None = None
    kontakt: Kontakt = Kontakt()
    links: list[LinkRef] = []


class GenericFields(StrictModel):
    """Fields of a document whose type has no parser of its own (yet)."""

    titel: str | None = None
