"""trafilatura's verdict on a page's main content, as plain text to align blocks against.

trafilatura is tuned on thousands of real pages; its flat text tells which stretches of a
page are content, while our own walk keeps the structure (headings, lists, links) the
parsers need. Called on the tree already parsed, so the page is not parsed twice.
"""

from __future__ import annotations

import logging
from copy import deepcopy

import trafilatura
from lxml import html  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]

# trafilatura logs "discarding data" for short pages; that is no news to our users.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


def reference_text(scope: HtmlElement) -> str | None:
    """trafilatura's main text of ``scope`` (a page or one container), None without verdict."""
    if scope.tag == "body" and scope.getparent() is not None:
        tree = scope.getparent()
    else:  # one container: a page of its own, so trafilatura reads no more than that
        tree = html.Element("html")
        body = html.Element("body")
        body.append(deepcopy(scope))
        tree.append(body)
    try:
        text = trafilatura.extract(tree, include_comments=False, include_tables=True)
    except Exception:  # a bug in a component must not cost the page; we fall back
        return None
    return text if isinstance(text, str) else None
