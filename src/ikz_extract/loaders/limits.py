"""Size limits that keep one absurd input from costing minutes and gigabytes.

An IKZ web page carries a few kilobytes of text; a 50 MB "page" is a data dump, a log or an
endless generated listing. Its scripts, styles and inline images go first (they hold no
content), then the markup is cut at a tag boundary, and the record says so in a warning:

- at ``MAX_HTML_BYTES``: the HTML path costs about a second per megabyte of prose, half
  of it trafilatura's reference, in proportion to the size (``bench/html_scaling.py``), so
  5 MB stay within about five seconds;
- at ``MAX_HTML_TAGS`` tags (``<`` counted): a page of tiny elements (a table of a hundred
  thousand cells, an endless link list) costs five to ten times more per megabyte, in
  trafilatura and in our walk alike; 60 000 tags cost about as much as 5 MB of prose,
  which has some 50 000.

``MAX_STREAM_BYTES`` bounds what one compressed PDF stream may inflate to: page content
of a few megabytes is already extreme, and a "decompression bomb" (2.4 MB that inflate to
2.5 GB) would take the PDF readers gigabytes and minutes. Image streams, which may be
large, are not checked (the readers never inflate them).

``MAX_PAGE_CHARS`` bounds the characters of one PDF page: a dense A4 page shows about
5,000, a poster perhaps 30,000; pdfminer needs about a kilobyte per character, so a page
of millions would take gigabytes. The bytes in a page's string operands bound its
characters from above (``shown_bytes``) and are counted before pdfminer reads the page.

``MAX_INPUT_BYTES`` bounds a file before it is read at all: the largest IKZ publications
(scanned strategy papers) weigh tens of megabytes, and a file of hundreds of megabytes,
held whole in memory and parsed, would not fit a worker's memory limit anyway.
"""

from __future__ import annotations

import re
import zlib

from ikz_extract.loaders.errors import LoadError

MAX_INPUT_BYTES = 512 << 20
MAX_STREAM_BYTES = 64 << 20
MAX_PAGE_CHARS = 200_000
MAX_HTML_BYTES = 5_000_000
MAX_HTML_TAGS = 60_000

# Searched in the lower-cased bytes: three times faster than re.IGNORECASE on a 50 MB page.
_NO_CONTENT_START = re.compile(rb"<(script|style|svg|noscript|template)\b")

# Inline images (``src="data:image/png;base64,…"``) can outweigh the whole article.
_DATA_URI = re.compile(rb"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{200,}")
_TAG = re.compile(rb"<")


def cap_html(
    data: bytes, limit: int = MAX_HTML_BYTES, max_tags: int = MAX_HTML_TAGS
) -> tuple[bytes, list[str]]:
    """``data`` within ``limit`` bytes and ``max_tags`` tags, and the warnings that say
    what was dropped."""
    if len(data) <= limit and data.count(b"<") <= max_tags:
        return data, []
    stripped = _DATA_URI.sub(b"data:,", _without_scripts(data))
    tags = stripped.count(b"<")
    if len(stripped) <= limit and tags <= max_tags:
        return stripped, []
    cut = _cut_point(stripped, limit)
    by_tags = ""
    if tags > max_tags:  # the first tag beyond the limit, when it comes before ``cut``
        for n, tag in enumerate(_TAG.finditer(stripped)):
            if n == max_tags:
                if tag.start() < cut:
                    cut, by_tags = tag.start(), f" ({max_tags:,} tags)"
                break
    kept = stripped[:cut]
    return kept, [
        f"the HTML page is {len(data) / 1e6:.1f} MB; only its first {len(kept) / 1e6:.1f} MB"
        f"{by_tags} were read (a page this large is rarely one article: check the source)"
    ]


def _cut_point(data: bytes, limit: int) -> int:
    """Where to cut ``data`` at most ``limit`` bytes in: before the tag that ``limit`` falls
    inside, or, when it falls in text (a page whose text is one long node), at ``limit``
    itself, moved back to a character boundary, so the text up to the limit is kept."""
    if limit >= len(data):
        return len(data)
    tag = data.rfind(b"<", 0, limit)
    if tag >= 0 and data.find(b">", tag, limit) < 0:
        return tag  # inside a tag
    cut = limit
    while cut > 0 and data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte
        cut -= 1
    entity = data.rfind(b"&", max(0, cut - 10), cut)
    if entity >= 0 and b";" not in data[entity:cut]:
        cut = entity  # inside "&auml;"
    return cut


def _without_scripts(data: bytes) -> bytes:
    """``data`` without script, style, svg, noscript and template elements; linear time.

    An element left open swallows the rest of the page, as in a browser.
    """
    lower = data.lower()
    kept: list[bytes] = []
    position = 0
    while (start := _NO_CONTENT_START.search(lower, position)) is not None:
        kept.append(data[position : start.start()])
        end = lower.find(b"</" + start.group(1), start.end())
        if end < 0:
            return b"".join(kept)
        close = lower.find(b">", end)
        position = len(data) if close < 0 else close + 1
    kept.append(data[position:])
    return b"".join(kept)


_STREAM = re.compile(rb"<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[0-9A-Fa-f\s]*>)*)>>\s*stream\r?\n")


def check_pdf_streams(data: bytes, limit: int = MAX_STREAM_BYTES) -> None:
    """Raise ``too_large`` when a Flate stream that is no image inflates beyond ``limit``.

    Inflates at most ``limit`` bytes of each stream, so the check itself stays small;
    encrypted or damaged streams are left to the readers.
    """
    for match in _STREAM.finditer(data):
        head = match.group(1)
        if b"/FlateDecode" not in head or b"/Image" in head:
            continue
        end = data.find(b"endstream", match.end())
        stream = memoryview(data)[match.end() : end if end >= 0 else len(data)]
        try:
            inflated = len(zlib.decompressobj().decompress(stream, limit + 1))
        except zlib.error:
            continue
        if inflated > limit:
            raise LoadError(
                "too_large",
                f"a stream of the PDF inflates to more than {limit >> 20} MB "
                "(a decompression bomb, or a page far beyond any real one)",
                "check the file; it cannot be read within bounded memory",
            )


_SHOWN = re.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>")


def shown_bytes(content: bytes) -> int:
    """Bytes inside the string operands of a content stream (literal and hex strings): at
    least as many as the characters the page shows, for one- and two-byte fonts alike."""
    return sum(len(m) - 2 if m[:1] == b"(" else (len(m) - 2) // 2 for m in _SHOWN.findall(content))
