"""What every record-type parser returns: the type-specific part of a record."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pydantic import BaseModel

from ikz_extract.models import Section


@dataclass(slots=True)
class Parsed:
    record_type: str
    title: str | None
    sections: list[Section]
    fields: BaseModel
    warnings: list[str] = field(default_factory=list)
    document_date: dt.date | None = None  # lets the NER pass complete "15. Mai"


@dataclass(frozen=True, slots=True)
class Evidence:
    """How strongly a document looks like one record type (0..1), and why."""

    score: float
    reasons: tuple[str, ...] = ()


_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def prose(text: str) -> str | None:
    """Section text as prose: paragraphs kept, line breaks inside a paragraph folded."""
    paragraphs = (_SOFT_BREAK.sub(" ", p).strip() for p in _PARAGRAPHS.split(text))
    joined = "\n\n".join(p for p in paragraphs if p)
    return joined or None


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
