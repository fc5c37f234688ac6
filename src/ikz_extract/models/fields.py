"""Type-specific ``fields`` of a record. German snake_case names follow the portal headings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Body(_Strict):
    """A Kommune, Kreis or organisation named in a profile, linked to its key when it is one."""

    name: str
    ags: str | None = None
    level: Literal["MUNICIPALITY", "DISTRICT", "GOV_REGION"] | None = None


class Kurzprofil(_Strict):
    gebiet: str | None = None
    regierungsbezirk: str | None = None
    einwohner: int | None = None
    einwohner_stand: dt.date | None = None
    einwohner_quelle: str | None = None
    flaeche_km2: float | None = None


class Kontakt(_Strict):
    organisation: str | None = None
    strasse: str | None = None
    plz: str | None = None
    ort: str | None = None
    telefon: str | None = None
    email: str | None = None


class LinkRef(_Strict):
    text: str
    url: str | None = None


class ProfileFields(_Strict):
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


class GenericFields(_Strict):
    """Fields of a document whose type has no parser of its own (yet)."""

    titel: str | None = None
