"""Pydantic v2 models: the single source of the output contract and of schemas/."""

from ikz_extract.models.entities import DateMention, Entity, EntityLabel, Municipality, Person
from ikz_extract.models.errors import ErrorRecord
from ikz_extract.models.fields import (
    Body,
    GenericFields,
    Kontakt,
    Kurzprofil,
    LinkRef,
    ProfileFields,
)
from ikz_extract.models.press import PressReleaseFields
from ikz_extract.models.record import (
    RECORD_MODELS,
    RECORD_TYPES,
    AnyRecord,
    GenericRecord,
    PageDate,
    PressReleaseRecord,
    ProfileRecord,
    Record,
    RecordBase,
    Section,
    SourceInfo,
    StrategyRecord,
    WebPageRecord,
    record_adapter,
    record_id_for,
)
from ikz_extract.models.strategy import StrategyFields
from ikz_extract.models.webpage import WebPageFields

__all__ = [
    "RECORD_MODELS",
    "RECORD_TYPES",
    "AnyRecord",
    "Body",
    "DateMention",
    "Entity",
    "EntityLabel",
    "ErrorRecord",
    "GenericFields",
    "GenericRecord",
    "Kontakt",
    "Kurzprofil",
    "LinkRef",
    "Municipality",
    "PageDate",
    "Person",
    "PressReleaseFields",
    "PressReleaseRecord",
    "ProfileFields",
    "ProfileRecord",
    "Record",
    "RecordBase",
    "Section",
    "SourceInfo",
    "StrategyFields",
    "StrategyRecord",
    "WebPageFields",
    "WebPageRecord",
    "record_adapter",
    "record_id_for",
]
