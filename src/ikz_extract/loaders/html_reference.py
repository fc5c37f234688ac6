"""trafilatura's verdict on a page's main content, as plain text to align blocks against.

trafilatura is tuned on thousands of real pages; its flat text tells which stretches of a
page are content, while our own walk keeps the structure (headings, lists, links) the
parsers need. Called on the tree already parsed, so the page is not parsed twice.
"""

from __future__ import annotations

import logging

import trafilatura
from lxml.html import HtmlElement  # type: ignore[import-untyped]

# trafilatura logs "discarding data" for short pages; that is no news to our users.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


def reference_text(root: HtmlElement) -> str | None:
    """trafilatura's main text of the page ``root``, None without a verdict.

    trafilatura copies the tree before it prunes it, so ``root`` stays as it was. Its
    readability/jusText fallbacks (``fast=False``) cost more than everything else the
    loader does; ``html_select`` falls back on its own readability-style region instead.
    """
    try:
        text = trafilatura.extract(root, include_comments=False, include_tables=True, fast=True)
    except Exception:  # a bug in a component must not cost the page; we fall back
        return None
    return text if isinstance(text, str) else None
