"""The contract between the pipeline and the NER pass.

STUB: returns no entities yet; the NER issue replaces the body, not the interface.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ikz_extract.models import Body, DateMention, Entity, Municipality, Person


@dataclass(frozen=True, slots=True)
class TextUnit:
    """A piece of document text to annotate; ``offset`` places it in the document text."""

    text: str
    offset: int
    section: int | None


@dataclass(slots=True)
class AnnotationResult:
    entities: list[Entity] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Annotator:
    """Built once per process (it holds the spaCy pipeline and the gazetteer)."""

    def __init__(self, spacy_model: str | None = None) -> None:
        self.spacy_model = spacy_model

    def annotate(
        self, units: Sequence[TextUnit], *, document_date: dt.date | None = None
    ) -> AnnotationResult:
        return AnnotationResult()

    def link_body(self, name: str) -> Body:
        """Link a name from a profile field ("Kreis Borken", "Münster") to its official key."""
        return Body(name=name)
