"""PDF → Document. Two backends read characters; ``pdf_layout`` turns them into blocks.

pdfplumber (the default, pure Python on pdfminer.six) and pypdfium2 (``pdfium``, the
PDFium C library, much faster) produce the same ``Char`` records — text, x0, x1,
baseline, size, bold — so every layout decision is made once, in ``pdf_layout``.
See that module for how headings, furniture, lists and the table of contents are found.
"""

from __future__ import annotations

import contextlib
import io
import re
from typing import Any

import pdfplumber

from ikz_extract.document import Document, DocumentBuilder
from ikz_extract.loaders.errors import LoadError
from ikz_extract.loaders.limits import MAX_PAGE_CHARS, check_pdf_streams, shown_bytes
from ikz_extract.loaders.pdf_layout import (
    SCANNED_WARNING,
    Char,
    PageText,
    TableRegion,
    build_blocks,
    clean_cell,
)
from ikz_extract.options import PdfBackend

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultra", re.IGNORECASE)


def is_bold_font(name: str, weight: float | None = None) -> bool:
    """Bold from the font's weight (descriptor) or, failing that, its name."""
    return (weight is not None and weight >= 600) or bool(_BOLD_NAME.search(name))


def is_level(a: float, b: float, c: float, d: float) -> bool:
    """Text set on a level baseline. Rotated text (a margin note) and text printed on a
    slant (a poster's slogan) come out as fragments of a few letters per "line": they are
    no line's part, let alone a heading. A skew alone (c, a synthesised italic) is level."""
    return a * d > 0 and b * c <= 0 and abs(b) <= 0.02 * abs(a)


def load_pdf(
    data: bytes, *, max_pages: int | None = None, backend: PdfBackend = "pdfplumber"
) -> Document:
    check_pdf_streams(data)
    if backend == "pdfium":
        from ikz_extract.loaders.pdfium import read_pdfium

        total, pages, overfull = read_pdfium(data, max_pages)
    else:
        total, pages, overfull = read_pdfplumber(data, max_pages)
    builder = DocumentBuilder("application/pdf", backend)
    builder.pages = total
    build_blocks(pages, builder)
    if total == 0:
        builder.warnings.append("the PDF has no pages: the record is empty")
    if overfull:
        if len(overfull) == len(pages):  # they have text, too much of it
            builder.warnings.remove(SCANNED_WARNING)
        builder.warnings.append(
            f"page(s) {', '.join(map(str, overfull))} show more than {MAX_PAGE_CHARS:,} "
            "characters (no real page has that many); their text was not read"
        )
    if len(pages) < total:
        builder.warnings.append(
            f"only the first {len(pages)} of {total} pages were read (max_pages); "
            "the rest is not in the record"
        )
    return builder.build()


def encrypted_error() -> LoadError:
    return LoadError(
        "encrypted_pdf",
        "the PDF is encrypted and the empty password does not open it",
        "ask the publisher for an unprotected copy, or decrypt it "
        "(e.g. qpdf --decrypt) and run again",
    )


def corrupt_error(exc: Exception) -> LoadError:
    return LoadError(
        "corrupt_pdf",
        f"the PDF cannot be parsed ({type(exc).__name__}: {exc})",
        "the file may be truncated or damaged; download it again",
    )


def read_pdfplumber(data: bytes, max_pages: int | None) -> tuple[int, list[PageText], list[int]]:
    """Characters of each page with pdfplumber; the empty password is tried by default.

    Not ``with pdf``: its ``close()`` reads the page tree again, and on a damaged file
    raises anew, which would hide the ``corrupt_pdf`` error behind an internal one.
    Also returns the numbers of pages left empty because they show too many characters.
    """
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises a zoo of exception types
        raise _open_error(exc) from exc
    try:
        total = len(pdf.pages)
        if total == 0 and "Pages" not in pdf.doc.catalog:
            raise ValueError("no page tree: the cross-reference table is damaged")
        chosen = pdf.pages if max_pages is None else pdf.pages[:max_pages]
        pages: list[PageText] = []
        overfull: list[int] = []
        for page in chosen:
            if shown_bytes(_content(page)) > MAX_PAGE_CHARS:
                overfull.append(page.page_number)
                pages.append(PageText(page.page_number, float(page.width), float(page.height), []))
            else:
                pages.append(_plumber_page(page))
            page.close()  # pdfplumber caches a page's objects: a kilobyte per character
    except Exception as exc:
        _release(exc)
        raise _open_error(exc) from exc
    finally:
        with contextlib.suppress(Exception):
            pdf.close()
    return total, pages, overfull


def _content(page: Any) -> bytes:
    """The page's content streams, inflated (pdfminer keeps them for the interpreter)."""
    streams = _resolve(page.page_obj.contents) or []
    return b"".join(_resolve(stream).get_data() for stream in streams)


def _release(exc: BaseException) -> None:
    """Drop the tracebacks of ``exc`` and what it wraps: after a MemoryError their frames
    still hold the gigabyte that ran out, and any further step would fail (or crash)."""
    for related in (exc, exc.__cause__, exc.__context__, *exc.args):
        if isinstance(related, BaseException):
            related.__traceback__ = None


def _open_error(exc: Exception) -> LoadError | MemoryError:
    """pdfplumber wraps pdfminer's PDFPasswordIncorrect (and a MemoryError inside pdfminer):
    look through the wrapping too."""
    related: list[object] = [exc, exc.__cause__, exc.__context__, *exc.args]
    if any(isinstance(e, MemoryError) for e in related):
        return MemoryError("the memory limit was reached while reading the PDF")
    names = " ".join(type(e).__name__ for e in related if isinstance(e, BaseException))
    if "Password" in names or "Encrypt" in names:
        return encrypted_error()
    return corrupt_error(exc)


def _plumber_page(page: Any) -> PageText:
    height = float(page.height)
    bold_fonts = _bold_fonts(page)
    chars: list[Char] = []
    for c in page.chars:
        if not c["text"].strip() or not is_level(*c["matrix"][:4]):
            continue  # spaces come from gaps; rotated or slanted text is no line's part
        name = str(c.get("fontname", ""))
        bold = bold_fonts.get(name)
        chars.append(
            (
                c["text"],
                round(float(c["x0"]), 2),
                round(float(c["x1"]), 2),
                round(height - float(c["matrix"][5]), 2),
                round(float(c["size"]), 2),
                is_bold_font(name) if bold is None else bold,
            )
        )
    has_images = not chars and bool(page.images)
    result = PageText(page.page_number, float(page.width), height, chars, has_images)
    result.tables = _tables(page)
    return result


def _tables(page: Any) -> list[TableRegion]:
    """Ruled data tables from pdfplumber's table finder.

    A frame around a slide, a form box or a drawing is a "table" to the finder too; a data
    table has at least two rows with two or more filled cells. Columns empty in every row
    (merged header cells) are dropped.
    """
    found: list[TableRegion] = []
    try:
        tables = page.find_tables()
    except Exception:  # a broken drawing must not cost the page its text
        return found
    for table in tables:
        rows = [[clean_cell(c) for c in row] for row in table.extract()]
        if sum(1 for row in rows if sum(1 for c in row if c) >= 2) < 2:
            continue
        keep = [i for i in range(max(map(len, rows))) if any(i < len(r) and r[i] for r in rows)]
        rows = [[r[i] if i < len(r) else "" for i in keep] for r in rows]
        rows = [r for r in rows if any(r)]
        x0, top, x1, bottom = (float(v) for v in table.bbox)
        found.append(TableRegion((x0, top, x1, bottom), rows))
    return found


def _bold_fonts(page: Any) -> dict[str, bool]:
    """Font name → bold, from the weight in each font's descriptor where it has one.

    pdfplumber's characters carry only the font name; the page's font resources carry the
    descriptor that pypdfium2 reads the weight from, so both backends decide alike.
    """
    result: dict[str, bool] = {}
    try:
        fonts = _resolve(_resolve(page.page_obj.resources).get("Font", {}))
        for ref in fonts.values():
            font = _resolve(ref)
            name = _name(font.get("BaseFont"))
            descriptor = _resolve(font.get("FontDescriptor")) or {}
            if not descriptor and "DescendantFonts" in font:
                descendants = _resolve(font["DescendantFonts"])
                descriptor = _resolve(_resolve(descendants[0]).get("FontDescriptor")) or {}
            weight = _resolve(descriptor.get("FontWeight"))
            result[name] = is_bold_font(name, float(weight) if weight is not None else None)
    except Exception:  # odd resource dictionaries: fall back to the font names
        return {}
    return result


def _resolve(obj: Any) -> Any:
    resolve = getattr(obj, "resolve", None)
    return resolve() if callable(resolve) else obj


def _name(obj: Any) -> str:
    name = getattr(_resolve(obj), "name", obj)
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)
