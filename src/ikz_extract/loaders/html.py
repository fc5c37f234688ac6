"""HTML → Document: the page's main content with its headings, paragraphs, lists and links.

Steps, each in its own module: bytes → text (``encoding``: BOM, valid UTF-8, ``<meta>``,
cp1252, detection); text → lxml tree (``html_tree``, robust to absurd nesting); page
metadata (here); trafilatura's reference text (``html_reference``); furniture removal
(``html_clean``: navigation, cookie notices, breadcrumbs, sidebars, footers, hidden text);
the iterative walk to blocks (``html_walk``); the main-content choice (``html_select``).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement  # type: ignore[import-untyped]

from ikz_extract.document import BLOCK_SEPARATOR, Document, DocumentBuilder
from ikz_extract.loaders.encoding import decode
from ikz_extract.loaders.furniture import is_meta_line
from ikz_extract.loaders.html_clean import clean, strip_noise
from ikz_extract.loaders.html_meta import markup_date, page_url, visible_date
from ikz_extract.loaders.html_reference import reference_text
from ikz_extract.loaders.html_select import select
from ikz_extract.loaders.html_tree import parse_tree
from ikz_extract.loaders.html_walk import Candidate, walk
from ikz_extract.loaders.limits import MAX_HTML_TEXT_CHARS

_META_NAMES = frozenset(
    {
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "dcterms.created",
        "article:published_time",
        "description",
        "og:title",
        "og:site_name",
        "application-name",
        "author",
        "publisher",
        "dc.publisher",
        "dc.creator",
    }
)
_SPACE = re.compile(r"\s+")
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+")


def load_html(data: bytes, *, reference: bool = True) -> Document:
    """``reference=False`` skips trafilatura and chooses the main content on our own."""
    text, encoding = decode(data, html=True)
    root = parse_tree(text)
    builder = DocumentBuilder("text/html", "html")
    builder.meta["encoding"] = encoding
    _read_meta(root, builder.meta)
    stated = markup_date(root)
    url = page_url(root)
    strip_noise(root)
    ref = reference_text(root) if reference else None
    clean(root)
    body = root.find("body")
    if body is None:
        body = root
    cands = walk(body)
    kept = _with_date_line(cands, select(cands, body, ref))
    kept, warning = _within_text_limit(kept)
    if warning:
        builder.warnings.append(warning)
    for c in kept:
        builder.add(c.kind, c.text, level=c.level, links=c.links, group=c.group)
        if c.kind == "paragraph" and is_meta_line(c.text) and any(ch.isdigit() for ch in c.text):
            builder.meta.setdefault("date_text", c.text)
    doc = builder.build()
    doc.published = visible_date(doc.blocks) or stated
    doc.url = url
    h1 = next((b.text for b in doc.blocks if b.kind == "heading" and b.level == 1), None)
    doc.title = (
        h1
        or builder.meta.get("title")
        or next((b.text for b in doc.blocks if b.kind == "heading"), None)
    )
    return doc


def _with_date_line(cands: list[Candidate], kept: list[Candidate]) -> list[Candidate]:
    """Put back the visible date next to the headline ("Pressemitteilung vom 21.02.2024").

    Main-content selection drops bylines and dates as furniture, but a record needs the
    date traceable in the text like any other value, so it stays where the page has it.
    """
    ids = {id(c) for c in kept}
    head = next((i for i, c in enumerate(cands) if id(c) in ids and c.kind == "heading"), None)
    if head is None:
        return kept
    for c in cands[max(0, head - 4) : head + 5]:
        if id(c) not in ids and any(ch.isdigit() for ch in c.text) and is_meta_line(c.text):
            ids.add(id(c))
            return [c for c in cands if id(c) in ids]
    return kept


def _within_text_limit(kept: list[Candidate]) -> tuple[list[Candidate], str | None]:
    """The blocks whose text fits ``MAX_HTML_TEXT_CHARS``, and a warning when some did not."""
    size = -len(BLOCK_SEPARATOR)
    for i, c in enumerate(kept):
        size += len(BLOCK_SEPARATOR) + len(c.text)
        if size > MAX_HTML_TEXT_CHARS:
            fits = size - len(BLOCK_SEPARATOR) - len(c.text)
            total = size + sum(len(BLOCK_SEPARATOR) + len(d.text) for d in kept[i + 1 :])
            return kept[:i], (
                f"the page's main text has {total:,} characters; only its first {fits:,} were"
                " kept (a page this large is rarely one article: check the source)"
            )
    return kept, None


def _clean_text(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _read_meta(root: HtmlElement, meta: dict[str, str]) -> None:
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        meta["title"] = _clean_text(title.text_content())
    if root.get("lang"):
        meta["lang"] = str(root.get("lang"))
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or el.get("itemprop") or "").lower()
        content = el.get("content")
        if name in _META_NAMES and content and content.strip():
            meta.setdefault(name, _clean_text(content))
    for el in root.iter("time"):
        if el.get("datetime"):
            meta.setdefault("date", str(el.get("datetime")).strip())
            break
    site = meta.get("og:site_name") or meta.get("application-name") or _home_link_name(root)
    if not site and "title" in meta:
        parts = _TITLE_PARTS.split(meta["title"])
        if len(parts) >= 2 and len(parts[-1]) <= 60:
            site = parts[-1]
    if site:
        meta["site_name"] = site


def _home_link_name(root: HtmlElement) -> str | None:
    """The site's name as its logo link says it (``<a href="/">Bezirksregierung …</a>``)."""
    for link in root.iter("a"):
        if link.get("href") in ("/", "./") or link.get("rel") == "home":
            label = _clean_text(link.text_content())
            if not label:
                label = next((_clean_text(img.get("alt") or "") for img in link.iter("img")), "")
            if label and len(label) <= 60:
                return label
    return None
