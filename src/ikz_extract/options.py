"""What a user can set that changes the records produced from the same bytes.

A module of its own, free of heavy imports, so the CLI starts fast: an unchanged re-run
should cost little more than reading the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ikz_extract import PIPELINE_VERSION

PdfBackend = Literal["pdfplumber", "pdfium"]
PDF_BACKENDS: tuple[PdfBackend, ...] = ("pdfplumber", "pdfium")


@dataclass(frozen=True, slots=True)
class Options:
    """Everything that changes the records produced from the same bytes."""

    annotate: bool = True
    spacy_model: str | None = None
    max_pages: int | None = 500
    pdf_backend: PdfBackend = "pdfplumber"

    def fingerprint(self) -> str:
        return (
            f"{PIPELINE_VERSION};annotate={self.annotate};model={self.spacy_model};"
            f"max_pages={self.max_pages};pdf_backend={self.pdf_backend}"
        )
