"""Decide the format from the bytes, never from the file name."""

from __future__ import annotations

import re
from typing import Literal

MediaType = Literal["application/pdf", "text/html", "text/markdown", "text/plain"]

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|div|p|h[1-6])\b[^>]*>", re.IGNORECASE)
_MARKDOWN = re.compile(r"^(#{1,6} |\*\*[^*\n]+\*\*\s*$|---\s*$)", re.MULTILINE)


def sniff(data: bytes) -> MediaType | None:
    """The media type of ``data``, or None for bytes that are no text we can read."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00")
    if data[:1024].find(b"%PDF-") != -1:
        return "application/pdf"
    if _HTML_START.match(head) or (_HTML_ANYWHERE.search(head) and b"</" in head):
        return "text/html"
    if _looks_binary(data[:8192]):
        return None
    sample = data[:8192].decode("utf-8", errors="replace")
    if len(_MARKDOWN.findall(sample)) >= 2:
        return "text/markdown"
    return "text/plain"


def _looks_binary(chunk: bytes) -> bool:
    """Control bytes other than whitespace are rare in any text encoding we accept."""
    if not chunk:
        return False
    if chunk.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text with BOM
        return False
    control = sum(1 for b in chunk if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in chunk or control / len(chunk) > 0.02
