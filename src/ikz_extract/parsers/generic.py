"""Documents without a parser of their own: title and sections, nothing more."""

from __future__ import annotations

from ikz_extract.document import Document
from ikz_extract.models import GenericFields
from ikz_extract.parsers.base import Parsed
from ikz_extract.parsers.sections import section_models, split_sections


def parse_generic(doc: Document) -> Parsed:
    sections = section_models(doc, split_sections(doc))
    return Parsed("generic", doc.title, sections, GenericFields(titel=doc.title))
