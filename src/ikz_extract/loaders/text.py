"""Plain text and Markdown → Document. The seed dumps are valid inputs as they are."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ikz_extract.document import Document, DocumentBuilder, Link
from ikz_extract.loaders.encoding import decode

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-z]\))\s+(.*)$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BARE_URL = re.compile(r"https?://[^\s<>\"]+")
_SUP = {"<sup>2</sup>": "²", "<sup>3</sup>": "³"}
_INLINE_TAG = re.compile(r"</?(?:sup|sub|b|strong|i|em|span|u)\b[^>]*>", re.IGNORECASE)
_INLINE_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
# A line per paragraph (web dumps) rather than hard-wrapped prose: some line is this long.
_LONG_LINE = 120


def load_text(data: bytes, media_type: str) -> Document:
    text, encoding = decode(data)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    builder = DocumentBuilder(media_type, "text")
    builder.meta["encoding"] = encoding
    for group in re.split(r"\n[ \t\u00a0]*\n", text):
        _add_group(builder, group.split("\n"))
    _mark_plain_headings(builder)
    if not text.strip():
        builder.warnings.append("the file holds only whitespace: the record is empty")
    doc = builder.build()
    doc.title = next((b.text for b in doc.blocks if b.kind == "heading"), None)
    return doc


def _inline(line: str) -> tuple[str, tuple[Link, ...]]:
    """Markdown inline syntax → plain text plus the links it held."""
    links: list[Link] = []
    for sup, char in _SUP.items():
        line = line.replace(sup, char)
    line = _INLINE_TAG.sub("", line)

    def md_link(m: re.Match[str]) -> str:
        links.append(Link(m.group(1), m.group(2)))
        return m.group(1)

    line = _MD_LINK.sub(md_link, line)
    line = _AUTOLINK.sub(lambda m: m.group(1), line)
    known = {link.url for link in links}
    links.extend(Link(u, u) for u in _BARE_URL.findall(line) if u not in known)
    line = _INLINE_BOLD.sub(lambda m: m.group(2), line)
    return line.strip(), tuple(links)


def _add_group(builder: DocumentBuilder, lines: list[str]) -> None:
    paragraph: list[str] = []
    links: list[Link] = []
    item: list[str] | None = None

    def flush() -> None:
        nonlocal item
        if item is not None:
            builder.add("list_item", " ".join(item))
            item = None
        if paragraph:
            if max(len(p) for p in paragraph) > _LONG_LINE:
                for line in paragraph:
                    builder.add("paragraph", line, links=_links_in(line, links))
            else:
                builder.add("paragraph", "\n".join(paragraph), links=tuple(links))
            paragraph.clear()
            links.clear()

    for raw in lines:
        if not raw.strip() or _RULE.match(raw):
            flush()
            continue
        heading = _MD_HEADING.match(raw)
        bold = _BOLD_LINE.match(raw)
        listed = _LIST_ITEM.match(raw)
        if heading or bold:
            flush()
            text, found = _inline(heading.group(2) if heading else bold.group(1))  # type: ignore[union-attr]
            level = len(heading.group(1)) if heading else 4
            builder.add("heading", text, level=level, links=found)
        elif listed:
            flush()
            text, found = _inline(listed.group(1))
            item = [text]
            links.extend(found)
        elif item is not None and raw[:1].isspace():
            item.append(_inline(raw)[0])  # indented continuation of a list item
        else:
            if item is not None:
                flush()
            text, found = _inline(raw)
            paragraph.append(text)
            links.extend(found)
    flush()


def _links_in(line: str, links: list[Link]) -> tuple[Link, ...]:
    return tuple(link for link in links if link.text in line)


def _mark_plain_headings(builder: DocumentBuilder) -> None:
    """Guess headings in text without markup: short standalone lines that introduce prose.

    Which headings are *known* (Anlass, Ziel …) is the parsers' business; this only uses
    layout: a short line ending in a colon, a short line in capitals, or a short line
    without closing punctuation followed by a paragraph of prose.
    """
    blocks = builder.blocks
    for i, block in enumerate(blocks):
        if block.kind != "paragraph" or "\n" in block.text or len(block.text) > 80:
            continue
        words = block.text.split()
        text = block.text
        letters = [c for c in text if c.isalpha()]
        upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        prose_follows = following is not None and (
            following.kind == "list_item"
            or (following.kind == "paragraph" and len(following.text) > 80)
        )
        is_heading = (
            (text.endswith(":") and len(words) <= 4)
            or (upper and len(letters) >= 4 and len(words) <= 10 and not text.endswith(","))
            or (
                prose_follows
                and len(words) <= 10
                and text[0].isupper()
                and not re.search(r"[.,;!?“\"]$", text)
            )
        )
        if is_heading:
            blocks[i] = replace(block, kind="heading", level=2)
