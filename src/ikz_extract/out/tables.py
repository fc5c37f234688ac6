"""The flat tables of an export, each a row model whose columns derive from the record models.

A table is a pydantic row model that nests the record's own models (``Person``,
``Entity``, ``ProfileFields`` …), so a column's name, type and description come from one
place, the models, and the README's table of columns is generated from the same specs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ikz_extract.models import (
    DateMention,
    Entity,
    Person,
    PressReleaseFields,
    ProfileFields,
    RecordBase,
    Section,
    StrategyFields,
)
from ikz_extract.out.columns import Column, model_columns
from ikz_extract.out.network import Edge, Network, Node
from ikz_extract.out.participants import ParticipantRow, participants

T = TypeVar("T")


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentRow(_Row):
    record: RecordBase
    date: str | None = Field(
        description=(
            "The document's own date, ISO 8601 as precise as printed: a press release's "
            "datum, a strategy paper's beschlossen_am or stand; empty for other types."
        )
    )
    n_warnings: int = Field(description="Number of warnings.")
    n_entities: int = Field(description="Number of entities (the mentions table).")


class ProfileRow(_Row):
    record_id: str = Field(description="documents.record_id")
    fields: ProfileFields


class PersonRow(_Row):
    record_id: str = Field(description="documents.record_id")
    person: Person


class MentionRow(_Row):
    record_id: str = Field(description="documents.record_id")
    entity: Entity


class DateRow(_Row):
    record_id: str = Field(description="documents.record_id")
    date: DateMention


class SectionRow(_Row):
    record_id: str = Field(description="documents.record_id")
    section: int = Field(description="Its index in the record (mentions.section points here).")
    content: Section


@dataclass(frozen=True, slots=True)
class Table(Generic[T]):
    """One flat table: its name, what a row is, its columns, and how rows come from one
    record (or from the network)."""

    name: str
    description: str
    model: type[BaseModel]
    rows: Callable[[T], Iterable[BaseModel]]
    prefixes: Mapping[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> list[Column]:
        return model_columns(self.model, prefixes=self.prefixes)

    def dicts(self, item: T, columns: list[Column] | None = None) -> list[dict[str, Any]]:
        """Rows of ``item`` as dicts of column name → value, ready for any writer."""
        columns = columns or self.columns
        return [{c.name: c.value(row) for c in columns} for row in self.rows(item)]


def _document_date(record: RecordBase) -> str | None:
    fields = getattr(record, "fields", None)
    if isinstance(fields, PressReleaseFields) and fields.datum is not None:
        return fields.datum.isoformat()
    if isinstance(fields, StrategyFields):
        if fields.beschlossen_am is not None:
            return fields.beschlossen_am.isoformat()
        return fields.stand
    return None


def _documents(r: RecordBase) -> Iterator[BaseModel]:
    yield DocumentRow.model_construct(
        record=r, date=_document_date(r), n_warnings=len(r.warnings), n_entities=len(r.entities)
    )


def _profiles(r: RecordBase) -> Iterator[BaseModel]:
    fields = getattr(r, "fields", None)
    if isinstance(fields, ProfileFields):
        yield ProfileRow.model_construct(record_id=r.record_id, fields=fields)


def _persons(r: RecordBase) -> Iterator[BaseModel]:
    for p in r.persons:
        yield PersonRow.model_construct(record_id=r.record_id, person=p)


def _mentions(r: RecordBase) -> Iterator[BaseModel]:
    for e in r.entities:
        yield MentionRow.model_construct(record_id=r.record_id, entity=e)


def _dates(r: RecordBase) -> Iterator[BaseModel]:
    for d in r.dates:
        yield DateRow.model_construct(record_id=r.record_id, date=d)


def _sections(r: RecordBase) -> Iterator[BaseModel]:
    for i, s in enumerate(r.sections):
        yield SectionRow.model_construct(record_id=r.record_id, section=i, content=s)


def _nodes(network: Network) -> list[Node]:
    return network.nodes


def _edges(network: Network) -> list[Edge]:
    return network.edges


RECORD_TABLES: tuple[Table[RecordBase], ...] = (
    Table(
        "documents",
        "one row per record",
        DocumentRow,
        _documents,
        {"record": "", "record.source": ""},
    ),
    Table(
        "profiles",
        "one row per IKZ profile: every scalar field",
        ProfileRow,
        _profiles,
        {"fields": "", "fields.kurzprofil": ""},
    ),
    Table(
        "participants",
        "profile or web page ↔ Kommune, Kreis or other body, with its role",
        ParticipantRow,
        participants,
        {"body": ""},
    ),
    Table("persons", "one row per person of a record", PersonRow, _persons, {"person": ""}),
    Table("mentions", "every entity of every record", MentionRow, _mentions, {"entity": ""}),
    Table("dates", "every date of every record", DateRow, _dates, {"date": ""}),
    Table("sections", "every section of every record", SectionRow, _sections, {"content": ""}),
)
NETWORK_TABLES: tuple[Table[Network], ...] = (
    Table("nodes", "the cooperation network's bodies", Node, _nodes),
    Table("edges", "the cooperation network's links", Edge, _edges),
)
TABLES: tuple[Table[Any], ...] = (*RECORD_TABLES, *NETWORK_TABLES)
TABLE_NAMES = tuple(t.name for t in TABLES)


def table(name: str) -> Table[Any]:
    return next(t for t in TABLES if t.name == name)


def columns_markdown() -> str:
    """The README's list of tables and columns, generated from the specs (a test compares;
    regenerate with ``python -m ikz_extract.out.tables``)."""
    lines: list[str] = []
    for spec in TABLES:
        lines += [
            f"`{spec.name}`: {spec.description}",
            "",
            "| column | type | from |",
            "|---|---|---|",
        ]
        for c in spec.columns:
            where = "" if c.source == "export" else f"`{c.source}`"
            about = " ".join(x for x in (where, c.description) if x)
            lines.append(f"| `{c.name}` | {c.type} | {about.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(columns_markdown(), end="")
