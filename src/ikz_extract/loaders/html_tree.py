"""Decoded HTML → an lxml tree, fast, and without losing text on absurdly deep pages.

lxml builds a tree ten times faster than BeautifulSoup, but libxml2 silently drops everything
nested deeper than 256 elements (2048 with ``huge_tree``). When it reports that, the page
is parsed again through a streaming target that flattens elements beyond a fixed depth
into their ancestor, so their text survives and no later step meets a deep tree.
"""

from __future__ import annotations

from typing import Any

from lxml import etree, html  # type: ignore[import-untyped]

_DEPTH_LIMIT_MESSAGE = "Excessive depth"
# Deeper elements are dissolved into their ancestor; real pages stay far below this.
FLATTEN_DEPTH = 200


def _parser() -> html.HTMLParser:
    return html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )


def parse_tree(text: str) -> html.HtmlElement:
    """The ``<html>`` root of ``text``; never raises on markup, however broken or deep."""
    data = text.encode("utf-8", errors="replace")
    parser = _parser()
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):  # empty or whitespace-only document
        return html.document_fromstring(b"<html><body></body></html>", parser=_parser())
    if any(_DEPTH_LIMIT_MESSAGE in entry.message for entry in parser.error_log):
        return _parse_flattened(data)
    return root


class _FlatteningTarget:
    """Parser target: builds the tree but dissolves elements deeper than FLATTEN_DEPTH."""

    def __init__(self) -> None:
        self.builder = etree.TreeBuilder(parser=html.HTMLParser())
        self.depth = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth <= FLATTEN_DEPTH:
            self.builder.start(tag, dict(attrib))

    def end(self, tag: str) -> None:
        if self.depth <= FLATTEN_DEPTH:
            self.builder.end(tag)
        self.depth -= 1

    def data(self, data: str) -> None:
        self.builder.data(data)

    def comment(self, text: str) -> None:  # comments are dropped
        return None

    def close(self) -> Any:
        return self.builder.close()


def _parse_flattened(data: bytes) -> html.HtmlElement:
    parser = etree.HTMLParser(target=_FlatteningTarget(), encoding="utf-8", remove_comments=True)
    parser.feed(data)
    root = parser.close()
    if not isinstance(root, html.HtmlElement) or root.tag != "html":
        wrapper = html.HtmlElement("html")
        wrapper.append(root)
        root = wrapper
    return root
