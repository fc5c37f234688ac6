"""Sitemaps and feeds → the page URLs they list, sniffed from the bytes, not the URL.

Recognised (by the root element, namespaces ignored): a sitemap ``urlset`` (pages) or
``sitemapindex`` (more sitemaps), RSS 2.0 / 0.9x ``rss`` and RSS 1.0 ``rdf:RDF`` items, and
Atom ``feed`` entries (their ``alternate`` link, else the first link). A gzipped body
(``.xml.gz``, sniffed by its magic bytes) is inflated up to a limit first. Anything else is
not a listing: the caller treats the URL as a page. The XML parser resolves no entities
and loads nothing from the network.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]

GZIP_MAGIC = b"\x1f\x8b"
MAX_INFLATED = 200_000_000  # the sitemap protocol allows 50 MB uncompressed; with margin

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, recover=True
)


@dataclass(slots=True)
class Listing:
    """What a sitemap or feed lists: pages, and (for a sitemap index) more sitemaps."""

    kind: str  # "sitemap", "sitemapindex", "rss", "atom"
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def inflate(data: bytes, limit: int = MAX_INFLATED) -> bytes:
    """``data`` un-gzipped when it starts with the gzip magic; ValueError past ``limit``."""
    if not data.startswith(GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(wbits=31)
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise ValueError(f"the gzipped listing inflates beyond {limit:,} bytes")
    return out


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") or head.startswith(
        (b"<urlset", b"<sitemapindex", b"<rss", b"<feed", b"<rdf:rdf")
    )


def parse_listing(data: bytes) -> Listing | None:
    """The listing in ``data``, or None when it is not a sitemap or feed (then a page)."""
    try:
        data = inflate(data)
    except (ValueError, zlib.error):
        return None
    if not _looks_like_xml(data):
        return None
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    kind = _local(root.tag)
    if kind == "urlset":
        return Listing("sitemap", pages=_texts(root, "url", "loc"))
    if kind == "sitemapindex":
        return Listing("sitemapindex", sitemaps=_texts(root, "sitemap", "loc"))
    if kind in ("rss", "rdf"):
        return Listing("rss", pages=_texts(root, "item", "link"))
    if kind == "feed":
        return Listing("atom", pages=_atom_links(root))
    return None


def _texts(root: etree._Element, parent: str, child: str) -> list[str]:
    """Text of every ``parent/child`` element (any depth for parent, any namespace)."""
    found: list[str] = []
    for element in root.iter():
        if _local(element.tag) != parent:
            continue
        for sub in element:
            if _local(sub.tag) == child and sub.text and sub.text.strip():
                found.append(sub.text.strip())
                break
    return found


def _atom_links(root: etree._Element) -> list[str]:
    found: list[str] = []
    for entry in root.iter():
        if _local(entry.tag) != "entry":
            continue
        links = [el for el in entry if _local(el.tag) == "link" and el.get("href")]
        alternate = [el for el in links if el.get("rel", "alternate") == "alternate"]
        chosen = (alternate or links)[:1]
        found.extend(str(el.get("href")).strip() for el in chosen)
    return found
