"""Bytes → str for text and HTML, robust to wrong or missing charset declarations."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declared Latin-1 is read as cp1252, as every browser does (WHATWG encoding standard).
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
}


def decode(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return the text and the encoding used.

    Order: BOM; valid UTF-8 (a page that declares ISO-8859-1 but is UTF-8 reads right);
    the ``<meta>`` declaration; cp1252, the legacy encoding of German web pages, when the bytes
    are valid in it; statistical detection (charset-normalizer) for the rest.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            name = declared.group(1).decode("ascii", "ignore").lower()
            name = _ALIASES.get(name, name)
            if name not in ("utf-8", "utf8"):
                try:
                    return data.decode(name), name
                except (LookupError, UnicodeDecodeError):
                    pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is not None:
        try:
            return data.decode(best.encoding), best.encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"
