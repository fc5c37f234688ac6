"""The one intermediate form every loader returns and every parser reads.

Loaders know formats, not German administration; parsers the reverse. This module is the
seam between them: an ordered list of blocks whose spans index into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "caption", "table", "boilerplate"]

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    start: int
    end: int
    page: int | None = None
    level: int | None = None  # headings: 1 = top
    links: tuple[Link, ...] = ()
    font_size: float | None = None
    bold: bool = False
    # A block that was a separate element in the source (HTML tag list item, table cell)
    # keeps that grouping so parsers need not guess it from whitespace.
    group: str | None = None


@dataclass(frozen=True, slots=True)
class PageDate:
    """When the page says it was published, and where it says so.

    ``source`` is "visible" (a date line near the headline; ``span`` indexes the document
    text), "time" (a ``<time datetime>``), "meta:<name>" or "jsonld". ``value`` is ISO
    8601 to ``precision`` ("day", "month" or "year").
    """

    value: str
    precision: str
    source: str
    span: tuple[int, int] | None = None


@dataclass(slots=True)
class Document:
    text: str
    blocks: list[Block]
    media_type: str
    loader: str
    title: str | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    published: PageDate | None = None
    url: str | None = None  # the page's own address: canonical link or og:url


class DocumentBuilder:
    """Appends blocks and keeps their spans consistent with the joined text."""

    def __init__(self, media_type: str, loader: str) -> None:
        self.media_type = media_type
        self.loader = loader
        self._parts: list[str] = []
        self._blocks: list[Block] = []
        self._length = 0
        self.title: str | None = None
        self.pages: int | None = None
        self.warnings: list[str] = []
        self.meta: dict[str, str] = {}

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        page: int | None = None,
        level: int | None = None,
        links: tuple[Link, ...] = (),
        font_size: float | None = None,
        bold: bool = False,
        group: str | None = None,
    ) -> Block | None:
        text = text.strip()
        if not text:
            return None
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        block = Block(kind, text, start, self._length, page, level, links, font_size, bold, group)
        self._blocks.append(block)
        return block

    @property
    def blocks(self) -> list[Block]:
        return self._blocks

    def build(self) -> Document:
        return Document(
            text="".join(self._parts),
            blocks=self._blocks,
            media_type=self.media_type,
            loader=self.loader,
            title=self.title,
            pages=self.pages,
            warnings=self.warnings,
            meta=self.meta,
        )
