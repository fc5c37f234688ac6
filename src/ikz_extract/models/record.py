"""The record envelope: one JSONL line per source document."""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from ikz_extract import SCHEMA_VERSION
from ikz_extract.models.entities import DateMention, Entity, Municipality, Person
from ikz_extract.models.fields import GenericFields, ProfileFields
from ikz_extract.models.press import PressReleaseFields
from ikz_extract.models.strategy import StrategyFields
from ikz_extract.models.webpage import WebPageFields


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceInfo(_Strict):
    path: str | None = None
    url: str | None = None
    key: str  # stable across runs and machines; record_id derives from it
    sha256: str
    media_type: str
    bytes: int
    pages: int | None = None
    loader: str
    pipeline_version: str


class PageDate(_Strict):
    """The page's own publication date and where it came from.

    ``source``: "visible" (the date line near the headline, at ``span`` of the document
    text), "time" (a ``<time datetime>`` element), "meta:<name>" (a ``<meta>`` tag) or
    "jsonld" (``datePublished``). Never a date read from the body text.
    """

    value: str
    precision: Literal["day", "month", "year"]
    source: str
    span: tuple[int, int] | None = None


class Section(_Strict):
    """A stretch of the document under one heading.

    ``text`` is exactly ``document_text[span[0]:span[1]]``; the heading itself lies before it,
    at ``heading_span`` when it is a stretch of the document text. ``key`` is the canonical
    name from the heading table, or None for headings it lacks (and for the preamble before
    the first heading, whose ``heading`` is None). An entity of the section lies inside
    ``span`` or ``heading_span``.
    """

    heading: str | None
    key: str | None
    text: str
    span: tuple[int, int]
    heading_span: tuple[int, int] | None = None
    page: int | None = None


class RecordBase(_Strict):
    schema_version: str = SCHEMA_VERSION
    record_id: str
    record_type: str
    source: SourceInfo
    title: str | None
    published: PageDate | None = None
    sections: list[Section] = []
    entities: list[Entity] = []
    municipalities: list[Municipality] = []
    persons: list[Person] = []
    dates: list[DateMention] = []
    warnings: list[str] = []


class ProfileRecord(RecordBase):
    record_type: Literal["ikz_profile"] = "ikz_profile"
    fields: ProfileFields


class StrategyRecord(RecordBase):
    record_type: Literal["strategy_document"] = "strategy_document"
    fields: StrategyFields


class PressReleaseRecord(RecordBase):
    record_type: Literal["press_release"] = "press_release"
    fields: PressReleaseFields


class WebPageRecord(RecordBase):
    record_type: Literal["web_page"] = "web_page"
    fields: WebPageFields


class GenericRecord(RecordBase):
    record_type: Literal["generic"] = "generic"
    fields: GenericFields


AnyRecord = ProfileRecord | StrategyRecord | PressReleaseRecord | WebPageRecord | GenericRecord
Record = Annotated[AnyRecord, Field(discriminator="record_type")]
RECORD_TYPES: tuple[type[RecordBase], ...] = (
    ProfileRecord,
    StrategyRecord,
    PressReleaseRecord,
    WebPageRecord,
    GenericRecord,
)
RECORD_MODELS: dict[str, type[RecordBase]] = {
    str(cls.model_fields["record_type"].default): cls for cls in RECORD_TYPES
}
record_adapter: TypeAdapter[AnyRecord] = TypeAdapter(Record)


def record_id_for(source_key: str) -> str:
    """Stable id from the source key alone, so re-runs and other machines agree."""
    # surrogateescape: a file name that is not UTF-8 is hashed as its bytes
    return hashlib.sha256(source_key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
