"""Record type: a PDF that is neither a strategy paper nor a press release.

Official gazettes, statutes, slide decks, council answers, flyers and sheets keep the
structure their layout shows: every heading block is a section with its level and page,
the title (the loader's largest heading on the first page) is level 0 and the other
levels are the layout's ranks counted from 1. A slide deck (landscape pages, few lines
each) is told apart in ``art``, because its sections are slides, not chapters.

Detection claims any PDF at the threshold and is registered last, so a record type with
real evidence (a contents page, numbered chapters, a release dateline) wins a tie.
"""

from __future__ import annotations

import re

from ikz_extract.document import Block, Document
from ikz_extract.models import Section
from ikz_extract.models.pdfdoc import PdfDocumentFields, PdfKind
from ikz_extract.parsers.base import Evidence, Parsed

RECORD_TYPE = "pdf_document"
_NUMBER_COLUMN = re.compile(r"^(\S{1,6})\t+")


def detect(doc: Document) -> Evidence:
    if doc.media_type != "application/pdf":
        return Evidence(0.0, ("not a PDF",))
    headings = sum(1 for b in doc.blocks if b.kind == "heading")
    return Evidence(0.5, (f"a PDF with {headings} headings",))


def heading_text(text: str) -> str:
    """A number set in a column of its own ("1⇥Aufgebot") is part of the heading."""
    return _NUMBER_COLUMN.sub(r"\1 ", text).replace("\t", " ").strip()


def _kind(doc: Document) -> PdfKind:
    landscape = doc.meta.get("pdf_landscape_pages", "0")
    pages = doc.pages or 0
    return "slide_deck" if pages >= 3 and int(landscape) * 2 > pages else "document"


def _levels(doc: Document, title: Block | None) -> dict[int, int]:
    """Block index → level: the title 0, the layout's levels re-ranked from 1."""
    headings = [(i, b) for i, b in enumerate(doc.blocks) if b.kind == "heading"]
    ranks = sorted({b.level or 6 for _, b in headings if b is not title})
    levels = {i: ranks.index(b.level or 6) + 1 for i, b in headings if b is not title}
    if title is not None:
        levels[doc.blocks.index(title)] = 0
    return levels


def parse(doc: Document) -> Parsed:
    blocks = [b for b in doc.blocks if b.group != "table"]
    title_block = next(
        (b for b in blocks if b.kind == "heading" and b.text == doc.title), None
    )
    levels = _levels(doc, title_block)
    position = {id(b): i for i, b in enumerate(doc.blocks)}
    sections: list[Section] = []
    heading: Block | None = None
    content: list[Block] = []

    def close() -> None:
        if heading is None and not content:
            return
        if content:
            start, end = content[0].start, content[-1].end
        else:
            start = end = heading.end if heading is not None else 0
        sections.append(
            Section(
                heading=heading_text(heading.text) if heading is not None else None,
                key=None,
                text=doc.text[start:end],
                span=(start, end),
                heading_span=(heading.start, heading.end) if heading is not None else None,
                page=(heading or content[0]).page,
                level=levels.get(position[id(heading)]) if heading is not None else None,
            )
        )

    for block in blocks:
        if block.kind == "heading":
            close()
            heading, content = block, []
        else:
            content.append(block)
    close()
    titel = heading_text(doc.title) if doc.title else None
    fields = PdfDocumentFields(titel=titel, art=_kind(doc))
    return Parsed(RECORD_TYPE, titel, sections, fields)
