"""Record type: organisation web page.

STUB: detect() never claims a document yet; its issue fills in detect() and parse().
"""

from __future__ import annotations

from ikz_extract.document import Document
from ikz_extract.models import WebPageFields
from ikz_extract.parsers.base import Evidence, Parsed
from ikz_extract.parsers.sections import section_models, split_sections

RECORD_TYPE = "web_page"


def detect(doc: Document) -> Evidence:
    return Evidence(0.0)


def parse(doc: Document) -> Parsed:
    sections = section_models(doc, split_sections(doc))
    return Parsed(RECORD_TYPE, doc.title, sections, WebPageFields(titel=doc.title))
