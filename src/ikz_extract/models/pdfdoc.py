"""Fields of a PDF that is no strategy paper and no press release: an official gazette, a
statute, a slide deck, a letter or council answer, a flyer, a sheet.

Its structure is in the record's ``sections`` (heading, level, page); ``art`` says which
layout was recognised, because a slide deck's sections are slides, not chapters.
"""

from __future__ import annotations

from typing import Literal

from ikz_extract.models.base import StrictModel

PdfKind = Literal["slide_deck", "document"]


class PdfDocumentFields(StrictModel):
    titel: str | None = None
    art: PdfKind = "document"
