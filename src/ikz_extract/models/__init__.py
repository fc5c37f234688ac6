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
from ikz_extract.models.record import (
    RECORD_MODELS,
    RECORD_TYPES,
    GenericRecord,
    ProfileRecord,
    Record,
    RecordBase,
    Section,
    SourceInfo,
    record_adapter,
    record_id_for,
)

__all__ = [
    "RECORD_MODELS",
    "RECORD_TYPES",
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
    "Person",
    "ProfileFields",
    "ProfileRecord",
    "Record",
    "RecordBase",
    "Section",
    "SourceInfo",
    "record_adapter",
    "record_id_for",
]
