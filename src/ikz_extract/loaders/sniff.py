"""Decide the format from the bytes, never from the file name."""

from __future__ import annotations

import codecs
import re
from typing import Literal

MediaType = Literal["application/pdf", "text/html", "text/markdown", "text/plain"]

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|div|p|h[1-6])\b[^>]*>", re.IGNORECASE)
_PDF_HEADER = re.compile(rb"%PDF-\d")
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
# UTF-32 first: its little-endian mark begins with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", 4),
    (codecs.BOM_UTF32_BE, "utf-32", 4),
    (codecs.BOM_UTF16_LE, "utf-16", 2),
    (codecs.BOM_UTF16_BE, "utf-16", 2),
)
_MARKDOWN = re.compile(r"^(#{1,6} |\*\*[^*\n]+\*\*\s*$|---\s*$)", re.MULTILINE)


def sniff(data: bytes) -> MediaType | None:
    """The media type of ``data``, or None for bytes that are no text we can read."""
    wide = _wide_text(data[:8192])
    if wide is None and _is_pdf(data):
        return "application/pdf"
    head = wide.encode("utf-8")[:4096] if wide is not None else data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head) or (_HTML_ANYWHERE.search(head) and b"</" in head):
        return "text/html"
    if wide is None and _looks_binary(data[:8192]):
        return None
    sample = wide if wide is not None else data[:8192].decode("utf-8", errors="replace")
    if len(_MARKDOWN.findall(sample)) >= 2:
        return "text/markdown"
    return "text/plain"


def _is_pdf(data: bytes) -> bool:
    """A PDF header opens the file, or follows junk within 1 KB (as readers accept) in a
    file with PDF objects; a text that merely mentions "%PDF-" is text."""
    header = _PDF_HEADER.search(data, 0, 1024)
    if header is None:
        return False
    return not data[: header.start()].strip() or _PDF_OBJECT.search(data, 0, 1 << 20) is not None


def _wide_text(chunk: bytes) -> str | None:
    """The text of a chunk that starts with a UTF-32 or UTF-16 byte order mark."""
    for bom, codec, unit in _WIDE_BOMS:
        if chunk.startswith(bom):
            usable = len(chunk) - len(chunk) % unit
            return chunk[:usable].decode(codec, errors="replace").lstrip("\ufeff")
    return None


def _looks_binary(chunk: bytes) -> bool:
    """Control bytes other than whitespace are rare in any text encoding we accept."""
    if not chunk:
        return False
    control = sum(1 for b in chunk if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in chunk or control / len(chunk) > 0.02
