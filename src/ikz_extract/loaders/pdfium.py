"""The fast PDF backend: characters of each page with PDFium through pypdfium2's raw API.

Gives the same ``Char`` records as the pdfplumber backend (``pdf.py``), so ``pdf_layout``
makes the same blocks from either. Speed comes from calling PDFium directly with
``ctypes`` prototypes that take plain addresses (no per-call pointer type checks), reading
a page's text in one call, and asking for font size, weight and baseline once per text
object instead of once per character.

Two differences from pdfplumber that do not change the blocks: PDFium splits a ligature
glyph into its letters (pdfplumber gives "ﬁ", which the layout repairs to "fi"), and it
reports a hyphen at a line end as U+0002 (U+FFFE in bulk text), read here as "-" (so a
soft hyphen at a line end cannot be told from a hard one with this backend).
"""

from __future__ import annotations

import ctypes
import math
from functools import cache
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ikz_extract.loaders.errors import LoadError
from ikz_extract.loaders.limits import MAX_PAGE_CHARS
from ikz_extract.loaders.pdf import corrupt_error, encrypted_error, is_bold_font, is_level
from ikz_extract.loaders.pdf_layout import Char, PageText

_VOID = ctypes.c_void_p
_INT = ctypes.c_int
_LINE_END_HYPHENS = ("\x02", "\ufffe")  # GetUnicode / GetText spelling


class _Api:
    """The few PDFium functions of the per-character loop, as address-taking prototypes.

    Built from the addresses of pypdfium2's own bindings, so its prototypes stay untouched.
    """

    def __init__(self) -> None:
        def fn(name: str, restype: Any, *argtypes: Any) -> Any:
            address = ctypes.cast(getattr(pdfium_c, name), _VOID).value
            if address is None:
                raise RuntimeError(f"PDFium lacks {name}")
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        self.count_chars = fn("FPDFText_CountChars", _INT, _VOID)
        self.get_text = fn("FPDFText_GetText", _INT, _VOID, _INT, _INT, _VOID)
        self.get_unicode = fn("FPDFText_GetUnicode", ctypes.c_uint, _VOID, _INT)
        self.loose_box = fn("FPDFText_GetLooseCharBox", _INT, _VOID, _INT, _VOID)
        self.text_object = fn("FPDFText_GetTextObject", _VOID, _VOID, _INT)
        self.font_size = fn("FPDFText_GetFontSize", ctypes.c_double, _VOID, _INT)
        self.matrix = fn("FPDFText_GetMatrix", _INT, _VOID, _INT, _VOID)
        self.object_font = fn("FPDFTextObj_GetFont", _VOID, _VOID)
        self.font_weight = fn("FPDFFont_GetWeight", _INT, _VOID)
        self.font_name = fn("FPDFFont_GetBaseFontName", ctypes.c_size_t, _VOID, _VOID, _INT)


@cache
def _api() -> _Api:
    return _Api()


def read_pdfium(data: bytes, max_pages: int | None) -> tuple[int, list[PageText], list[int]]:
    """Characters of each page; the empty password is tried by PDFium itself. Also the
    numbers of pages left empty because they show more than ``MAX_PAGE_CHARS``."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise encrypted_error() from exc
        raise corrupt_error(exc) from exc
    try:
        total = len(pdf)
        count = total if max_pages is None else min(total, max_pages)
        pages: list[PageText] = []
        overfull: list[int] = []
        for i in range(count):
            page, complete = _read_page(pdf, i)
            pages.append(page)
            if not complete:
                overfull.append(page.number)
    except LoadError:
        raise
    except Exception as exc:
        raise corrupt_error(exc) from exc
    finally:
        pdf.close()
    return total, pages, overfull


def _address(handle: Any) -> int:
    value = ctypes.cast(handle, _VOID).value
    return int(value or 0)


def _read_page(pdf: Any, index: int) -> tuple[PageText, bool]:
    """The page, and False when it shows more than ``MAX_PAGE_CHARS`` (left empty)."""
    api = _api()
    page = pdfium_c.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise RuntimeError(f"page {index + 1} cannot be loaded")
    try:
        width = pdfium_c.FPDF_GetPageWidthF(page)
        height = pdfium_c.FPDF_GetPageHeightF(page)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        try:
            complete = not textpage or api.count_chars(_address(textpage)) <= MAX_PAGE_CHARS
            chars = _chars(api, _address(textpage), height) if textpage and complete else []
        finally:
            if textpage:
                pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    if not complete:
        return PageText(index + 1, float(width), float(height), []), False
    has_images = not chars and _has_images(pdf[index])
    return PageText(index + 1, float(width), float(height), chars, has_images), True


Style = tuple[float, bool, float]  # size, bold, baseline


def _chars(api: _Api, tp: int, height: float) -> list[Char]:
    """Every visible, upright, non-space character with its box and style.

    Style (size, weight, baseline) belongs to the text object; it is looked up only where
    a character does not continue the previous one seamlessly (same box height, touching),
    which is where a new object can begin: about one character in six.
    """
    n = api.count_chars(tp)
    if n <= 0:
        return []
    buffer = ctypes.create_string_buffer((n + 1) * 2)
    api.get_text(tp, 0, n, buffer)
    text = buffer.raw[: n * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # characters beyond the BMP: fall back to one call per character
        text = "".join(chr(api.get_unicode(tp, i)) for i in range(n))
    rect = pdfium_c.FS_RECTF()
    rect_at = ctypes.addressof(rect)
    styles: dict[int, Style | None] = {}
    fonts: dict[int, bool] = {}
    loose_box, text_object = api.loose_box, api.text_object
    chars: list[Char] = []
    append = chars.append
    style: Style | None = None
    last = -1  # index of the previous character kept
    right = top = bottom = 0.0
    for i, ch in enumerate(text):
        if ch.isspace():
            continue  # spaces come from gaps, as in the other backend
        loose_box(tp, i, rect_at)
        left = rect.left
        seamless = (
            last == i - 1
            and rect.top == top
            and rect.bottom == bottom
            and -0.5 < left - right < 0.5
        )
        right, top, bottom, last = rect.right, rect.top, rect.bottom, i
        if not seamless:
            obj = text_object(tp, i)
            if not obj:
                style = None  # generated by PDFium, not in the page
            elif obj in styles:
                style = styles[obj]
            else:
                style = styles[obj] = _style(api, tp, i, obj, height, fonts)
        if style is None:
            continue  # rotated or generated text, as the pdfplumber backend has none
        append(("-" if ch in _LINE_END_HYPHENS else ch, left, right, style[2], style[0], style[1]))
    return chars


def _style(
    api: _Api, tp: int, index: int, obj: int, height: float, fonts: dict[int, bool]
) -> Style | None:
    """Size (scaled by the text matrix), weight and baseline of a text object; None when
    the text is rotated or slanted (``is_level``, the same test in both backends)."""
    matrix = pdfium_c.FS_MATRIX()
    api.matrix(tp, index, ctypes.addressof(matrix))
    if not is_level(matrix.a, matrix.b, matrix.c, matrix.d):
        return None
    size = api.font_size(tp, index) * math.hypot(matrix.c, matrix.d)
    font = api.object_font(obj) or 0
    if font not in fonts:
        fonts[font] = _bold(api, font)
    return round(size, 2), fonts[font], round(height - matrix.f, 2)


def _bold(api: _Api, font: int) -> bool:
    if not font:
        return False
    weight = api.font_weight(font)
    size = api.font_name(font, None, 0)
    name = ""
    if size > 0:
        buffer = ctypes.create_string_buffer(size)
        api.font_name(font, buffer, size)
        name = buffer.value.decode("utf-8", errors="replace")
    return is_bold_font(name, weight if weight > 0 else None)


def _has_images(page: Any) -> bool:
    try:
        objects = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1)
        return any(True for _ in objects)
    finally:
        page.close()
