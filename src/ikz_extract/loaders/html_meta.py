"""A page's own date and address: what the page states about itself, never its body text.

The date a reader sees next to the headline comes first (it is what the page says, and it
has a place in the text); then ``<time datetime>``, ``<meta>`` tags and JSON-LD
``datePublished``, each recorded with where it came from. The address is the canonical
link, else ``og:url``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

from lxml.html import HtmlElement  # type: ignore[import-untyped]

from ikz_extract.document import Block, PageDate
from ikz_extract.german.dates import find_dates
from ikz_extract.loaders.furniture import is_meta_line

# Publication dates first; a page's "modified" date is a date too, but a later one.
_DATE_META = (
    "article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "publishdate",
    "pubdate",
    "og:published_time",
    "article:modified_time",
    "dcterms.modified",
    "last-modified",
)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_NEAR_HEADLINE = 4  # blocks before or after the headline a date line may stand
_MAX_JSONLD = 200_000


def page_url(root: HtmlElement) -> str | None:
    """The canonical address (``<link rel=canonical>``), else ``og:url``; absolute only."""
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href.startswith(("http://", "https://")):
            return href
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or "").lower()
        content = (el.get("content") or "").strip()
        if key == "og:url" and content.startswith(("http://", "https://")):
            return content
    return None


def markup_date(root: HtmlElement) -> PageDate | None:
    """The date the markup states: ``<time datetime>``, then meta tags, then JSON-LD."""
    for el in root.iter("time"):
        found = iso_date(el.get("datetime") or "")
        if found is not None:
            return PageDate(found[0], found[1], "time")
    metas: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        content = el.get("content")
        if key and content:
            metas.setdefault(key, content)
    for key in _DATE_META:
        found = iso_date(metas.get(key, "")) or _german_date(metas.get(key, ""))
        if found is not None:
            return PageDate(found[0], found[1], f"meta:{key}")
    for value in _jsonld_dates(root):
        found = iso_date(value)
        if found is not None:
            return PageDate(found[0], found[1], "jsonld")
    return None


def visible_date(blocks: list[Block]) -> PageDate | None:
    """A date line ("Veröffentlicht am 21.02.2024", "12.03.2024 | Pressestelle") next to
    the page's headline, with its span in the document text."""
    heads = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level]
    if not heads:
        return None
    top = min(blocks[i].level or 6 for i in heads)
    head = next(i for i in heads if blocks[i].level == top)
    for block in blocks[max(0, head - _NEAR_HEADLINE) : head + _NEAR_HEADLINE + 1]:
        if block.kind == "heading" or not is_meta_line(block.text):
            continue
        for match in find_dates(block.text):
            if match.precision in ("day", "month") and match.range_start is None:
                if not _valid(match.value):
                    continue
                span = (block.start + match.start, block.start + match.end)
                return PageDate(match.value, match.precision, "visible", span)
    return None


def iso_date(value: str) -> tuple[str, str] | None:
    """("2024-02-21", "day") from "2024-02-21T10:00:00+01:00"; None when it is no date."""
    match = _ISO.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    if day is not None:
        text, precision = f"{year}-{month}-{day}", "day"
    elif month is not None:
        text, precision = f"{year}-{month}", "month"
    else:
        text, precision = year, "year"
    return (text, precision) if _valid(text) else None


def _german_date(value: str) -> tuple[str, str] | None:
    for match in find_dates(value):
        if match.precision == "day" and match.range_start is None and _valid(match.value):
            return match.value, "day"
    return None


def _valid(value: str) -> bool:
    parts = value.split("-")
    if not parts[0].isdigit() or not 1900 <= int(parts[0]) <= 2100:
        return False
    try:
        dt.date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except ValueError:
        return False
    return True


def _jsonld_dates(root: HtmlElement) -> Iterator[str]:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > _MAX_JSONLD:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # broken or absurdly nested: no date from it
            continue
        yield from _find_key(data, "datePublished")


def _find_key(data: object, key: str) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get(key)
            if isinstance(value, str):
                yield value
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(reversed(item))
