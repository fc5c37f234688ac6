"""Load: bytes → Document. One loader per format; the format is sniffed from the bytes."""

from __future__ import annotations

from ikz_extract.document import Document
from ikz_extract.loaders.errors import LoadError
from ikz_extract.loaders.limits import cap_html
from ikz_extract.loaders.sniff import sniff
from ikz_extract.loaders.text import load_text
from ikz_extract.options import PDF_BACKENDS, PdfBackend

__all__ = ["PDF_BACKENDS", "LoadError", "PdfBackend", "load"]


def load(
    data: bytes, *, max_pages: int | None = None, pdf_backend: PdfBackend = "pdfplumber"
) -> Document:
    if not data:
        raise LoadError(
            "empty_file",
            "the file is empty (0 bytes)",
            "check the download or export that produced it",
        )
    media_type = sniff(data)
    if media_type is None:
        raise LoadError(
            "unknown_format",
            "the bytes are neither PDF, HTML nor text",
            "only PDF, HTML, Markdown and plain text are supported",
        )
    # The PDF and HTML readers (pdfplumber, pdfium, lxml, trafilatura) are imported on first
    # use: a re-run that finds nothing changed never pays for them.
    if media_type == "application/pdf":
        from ikz_extract.loaders.pdf import load_pdf

        return load_pdf(data, max_pages=max_pages, backend=pdf_backend)
    if media_type == "text/html":
        from ikz_extract.loaders.html import load_html

        data, warnings = cap_html(data)
        document = load_html(data)
        document.warnings[:0] = warnings
        return document
    return load_text(data, media_type)
