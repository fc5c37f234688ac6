"""Who takes part in a cooperation: the bodies a profile or a web page names, with their role.

One list serves the ``participants`` table and the cooperation network, so both always
agree on who belongs to which cooperation.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ikz_extract.models import Body, ProfileFields, RecordBase, WebPageFields

Role = Literal["hauptverantwortlich", "beteiligt", "sonstig_beteiligt", "mitglied"]


class ParticipantRow(BaseModel):
    """A body named as part of a cooperation (a profile's or a web page's record)."""

    model_config = ConfigDict(extra="forbid")

    record_id: str = Field(description="The record that names it (documents.record_id).")
    record_type: str = Field(description="ikz_profile or web_page.")
    cooperation: str | None = Field(description="The cooperation: the record's title.")
    role: Role = Field(
        description=(
            "hauptverantwortlich (a profile's lead body), beteiligt (a profile's Kommunen), "
            "sonstig_beteiligt (a profile's other participants), mitglied (a web page's "
            "members). A body with two roles has two rows."
        )
    )
    body: Body


def participants(record: RecordBase) -> list[ParticipantRow]:
    """The bodies of ``record``'s cooperation in the order the record names them."""
    fields = getattr(record, "fields", None)
    named: list[tuple[Role, Body]] = []
    if isinstance(fields, ProfileFields):
        if fields.hauptverantwortlich is not None:
            named.append(("hauptverantwortlich", fields.hauptverantwortlich))
        named += [("beteiligt", b) for b in fields.kommunen]
        named += [("sonstig_beteiligt", b) for b in fields.sonstige_beteiligte]
    elif isinstance(fields, WebPageFields):
        named += [("mitglied", b) for b in fields.mitglieder]
    return [
        ParticipantRow.model_construct(
            record_id=record.record_id,
            record_type=record.record_type,
            cooperation=record.title,
            role=role,
            body=body,
        )
        for role, body in named
    ]
