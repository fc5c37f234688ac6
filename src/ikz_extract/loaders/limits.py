"""Size limits that keep one absurd input from costing minutes and gigabytes.

An IKZ web page carries a few kilobytes of text; a 50 MB "page" is a data dump, a log or an
endless generated listing. Its scripts, styles and inline images go first (they hold no
content), then the markup is cut at ``MAX_HTML_BYTES``, at a tag boundary, and the record
says so in a warning.
"""

from __future__ import annotations

import re

MAX_HTML_BYTES = 1_000_000

_NO_CONTENT_START = re.compile(rb"<(script|style|svg|noscript|template)\b", re.IGNORECASE)

# Inline images (``src="data:image/png;base64,…"``) can outweigh the whole article.
_DATA_URI = re.compile(rb"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{200,}")


def cap_html(data: bytes, limit: int = MAX_HTML_BYTES) -> tuple[bytes, list[str]]:
    """``data`` within ``limit`` bytes, and the warnings that say what was dropped."""
    if len(data) <= limit:
        return data, []
    stripped = _DATA_URI.sub(b"data:,", _without_scripts(data))
    if len(stripped) <= limit:
        return stripped, []
    cut = stripped.rfind(b"<", 0, limit)
    kept = stripped[: cut if cut > 0 else limit]
    return kept, [
        f"the HTML page is {len(data) / 1e6:.1f} MB; only its first {len(kept) / 1e6:.1f} MB "
        "were read (a page this large is rarely one article: check the source)"
    ]


def _without_scripts(data: bytes) -> bytes:
    """``data`` without script, style, svg, noscript and template elements; linear time.

    An element left open swallows the rest of the page, as in a browser.
    """
    lower = data.lower()
    kept: list[bytes] = []
    position = 0
    while (start := _NO_CONTENT_START.search(data, position)) is not None:
        kept.append(data[position : start.start()])
        end = lower.find(b"</" + start.group(1).lower(), start.end())
        if end < 0:
            return b"".join(kept)
        close = lower.find(b">", end)
        position = len(data) if close < 0 else close + 1
    kept.append(data[position:])
    return b"".join(kept)
