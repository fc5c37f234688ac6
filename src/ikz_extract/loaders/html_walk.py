"""Cleaned lxml tree → candidate blocks in reading order, with the structure a reader sees.

Headings (``<h1>``–``<h6>``, ``<dt>``, ``<th>``, ``<summary>``, paragraphs that are bold
throughout), list items grouped by their list, captions, paragraphs; links keep their href.
The walk is iterative: a page nested thousands of levels deep cannot exhaust the stack.
Each candidate remembers its element and how much of its text is link text, so the
main-content step can judge it without walking the tree again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lxml.html import HtmlElement  # type: ignore[import-untyped]

from ikz_extract.document import BlockKind, Link

HEADING_LEVELS = {f"h{i}": i for i in range(1, 7)}
BLOCK_TAGS = frozenset(
    "p div section article main li ul ol dl dt dd table tr td th thead tbody tfoot caption "
    "figure figcaption blockquote pre address h1 h2 h3 h4 h5 h6 header footer nav aside hr "
    "center details summary body html form fieldset legend".split()
)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2007\u202f]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphen, zero widths
_BREAK = "\n"


@dataclass(slots=True)
class Candidate:
    kind: BlockKind
    text: str
    level: int | None
    links: tuple[Link, ...]
    group: str | None
    element: HtmlElement | None
    link_chars: int

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


class _Inline:
    """The inline text and links gathered between two block boundaries."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.link_chars = 0

    def text(self) -> str:
        if not any(part.strip() for part in self.parts):
            return ""
        joined = _INVISIBLE.sub("", "".join(self.parts))
        lines = (_SPACE.sub(" ", line).strip() for line in joined.split(_BREAK))
        return unicodedata.normalize("NFC", _BREAK.join(line for line in lines if line))

    def clear(self) -> None:
        self.parts.clear()
        self.links.clear()
        self.link_chars = 0


def kind_of(el: HtmlElement) -> tuple[BlockKind, int | None]:
    tag = el.tag
    if tag in HEADING_LEVELS:
        return "heading", HEADING_LEVELS[tag]
    if tag in ("dt", "th", "summary"):
        return "heading", 5
    if tag == "li":
        return "list_item", None
    if tag in ("figcaption", "caption"):
        return "caption", None
    if tag == "p" and only_bold(el):
        return "heading", 4
    return "paragraph", None


def only_bold(el: HtmlElement) -> bool:
    """A paragraph whose whole text is <strong>/<b> is a heading on CMS pages."""
    text = "".join(el.text_content().split())
    if not text or len(text) > 120:
        return False
    bold: list[str] = []
    for b in el.iter("strong", "b"):
        parent = b.getparent()
        while parent is not None and parent is not el and parent.tag not in ("strong", "b"):
            parent = parent.getparent()
        if parent is el:  # outermost bold element of this paragraph
            bold.append("".join(b.text_content().split()))
    return "".join(bold) == text


_TEXT, _OPEN, _CLOSE = 0, 1, 2


def walk(root: HtmlElement) -> list[Candidate]:
    """Depth-first and iterative; every block element flushes the inline text before it."""
    out: list[Candidate] = []
    inline = _Inline()
    open_blocks: list[HtmlElement] = []
    groups: dict[HtmlElement, str] = {}
    pre_depth = 0
    stack: list[tuple[int, object]] = [(_OPEN, root)]

    def flush(el: HtmlElement | None) -> None:
        if not inline.parts:  # most block boundaries have no text before them
            return
        text = inline.text()
        if text:
            kind, level = kind_of(el) if el is not None else ("paragraph", None)
            group = None
            if el is not None and el.tag == "li":
                parent = el.getparent()
                if parent is not None:
                    group = groups.setdefault(parent, f"list{len(groups) + 1}")
            out.append(
                Candidate(
                    kind,
                    text,
                    level,
                    tuple(inline.links),
                    group,
                    el,
                    min(inline.link_chars, len(text)),
                )
            )
        inline.clear()

    while stack:
        op, item = stack.pop()
        if op == _TEXT:
            text = str(item)
            inline.parts.append(text if pre_depth else text.replace("\n", " ").replace("\r", " "))
            continue
        el = item
        assert isinstance(el, HtmlElement)
        if op == _CLOSE:
            flush(el)
            open_blocks.pop()
            if el.tag == "pre":
                pre_depth -= 1
            continue
        tag = el.tag
        if el.tail:
            stack.append((_TEXT, el.tail))
        if not isinstance(tag, str):
            continue
        if tag == "br":
            inline.parts.append(_BREAK)
            continue
        if tag == "sup" and el.text_content() in ("2", "3"):
            inline.parts.append("²" if el.text_content() == "2" else "³")
            continue
        if tag in ("img", "hr"):
            if tag == "hr":
                flush(open_blocks[-1] if open_blocks else None)
            continue
        if tag == "a":
            href = el.get("href")
            label = _SPACE.sub(" ", el.text_content()).strip()
            if label:
                inline.link_chars += len(label)
                if href and not href.startswith(("javascript:", "#")):
                    inline.links.append(Link(label, href.strip()))
        if tag in BLOCK_TAGS:
            flush(open_blocks[-1] if open_blocks else None)
            open_blocks.append(el)
            stack.append((_CLOSE, el))
            if tag == "pre":
                pre_depth += 1
        stack.extend((_OPEN, child) for child in reversed(el))
        if el.text:
            stack.append((_TEXT, el.text))
    flush(None)
    return out
