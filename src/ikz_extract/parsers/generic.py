"""Documents no record type claims: title and sections, nothing more."""

from __future__ import annotations

from ikz_extract.document import Document
from ikz_extract.models import GenericFields
from ikz_extract.parsers.base import Parsed
from ikz_extract.parsers.sections import section_models, split_sections

RECORD_TYPE = "generic"


def parse(doc: Document) -> Parsed:
    sections = section_models(doc, split_sections(doc))
    return Parsed(RECORD_TYPE, doc.title, sections, GenericFields(titel=doc.title))
