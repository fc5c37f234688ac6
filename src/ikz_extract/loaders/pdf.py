"""PDF → Document with pdfplumber: lines with font size and weight grouped into blocks."""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass
from typing import Any

import pdfplumber

from ikz_extract.document import Document, DocumentBuilder
from ikz_extract.loaders.errors import LoadError


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool


def load_pdf(data: bytes, *, max_pages: int | None = None) -> Document:
    builder = DocumentBuilder("application/pdf", "pdfplumber")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises a zoo of exception types
        raise _open_error(exc) from exc
    with pdf:
        builder.pages = len(pdf.pages)
        pages = pdf.pages if max_pages is None else pdf.pages[:max_pages]
        lines = [line for page in pages for line in _lines(page)]
    _add_blocks(builder, lines)
    doc = builder.build()
    if not lines:
        doc.warnings.append("no text layer — scanned document, OCR not supported")
    doc.title = next((b.text for b in doc.blocks if b.kind == "heading"), None)
    return doc


def _open_error(exc: Exception) -> LoadError:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return LoadError(
            "encrypted_pdf",
            "the PDF is encrypted and the empty password does not open it",
            "ask the publisher for an unprotected copy, or decrypt it "
            "(e.g. qpdf --decrypt) and run again",
        )
    return LoadError(
        "corrupt_pdf",
        f"the PDF cannot be parsed ({name}: {exc})",
        "the file may be truncated or damaged; download it again",
    )


def _lines(page: Any) -> list[Line]:
    result = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        chars = [c for c in raw["chars"] if c["text"].strip()]
        if not chars:
            continue
        size = statistics.median(round(float(c["size"]), 1) for c in chars)
        bold = sum("bold" in str(c.get("fontname", "")).lower() for c in chars) > len(chars) / 2
        result.append(
            Line(
                raw["text"],
                page.page_number,
                float(raw["top"]),
                float(raw["bottom"]),
                float(raw["x0"]),
                size,
                bold,
            )
        )
    return result


def _add_blocks(builder: DocumentBuilder, lines: list[Line]) -> None:
    if not lines:
        return
    body = statistics.median(line.size for line in lines)
    current: list[Line] = []

    def flush() -> None:
        if not current:
            return
        first = current[0]
        text = "\n".join(line.text for line in current)
        heading = first.size > body * 1.15 or (first.bold and len(text) < 120)
        level = 1 if first.size > body * 1.6 else 2 if first.size > body * 1.15 else 3
        builder.add(
            "heading" if heading else "paragraph",
            text,
            page=first.page,
            level=level if heading else None,
            font_size=first.size,
            bold=first.bold,
        )
        current.clear()

    for line in lines:
        if current:
            prev = current[-1]
            gap = line.top - prev.bottom
            same_style = abs(line.size - prev.size) < 0.5 and line.bold == prev.bold
            if line.page != prev.page or gap > (prev.bottom - prev.top) * 0.8 or not same_style:
                flush()
        current.append(line)
    flush()
