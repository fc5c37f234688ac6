"""A table as the document prints it: caption, header row, body rows, page."""

from __future__ import annotations

from ikz_extract.models.base import StrictModel


class Tabelle(StrictModel):
    """One logical table; a table continued over pages is one ``Tabelle`` (``seite`` is
    where it starts). Cells are text as printed; an empty cell is ``""``."""

    titel: str | None = None  # the caption line above the table, when there is one
    kopf: list[str] = []
    zeilen: list[list[str]] = []
    seite: int | None = None
