"""Split a Document into sections by headings; serves every record type."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikz_extract.document import Block, Document
from ikz_extract.models import Section
from ikz_extract.parsers.headings import heading_key, inline_heading


@dataclass(slots=True)
class SectionDraft:
    heading: str | None
    key: str | None
    level: int
    start: int  # of the content in Document.text
    page: int | None
    blocks: list[Block] = field(default_factory=list)
    content_start: int | None = None
    end: int | None = None
    heading_span: tuple[int, int] | None = None

    def to_model(self, text: str) -> Section:
        start = self.content_start if self.content_start is not None else self.start
        end = self.end if self.end is not None else start
        return Section(
            heading=self.heading,
            key=self.key,
            text=text[start:end],
            span=(start, end),
            heading_span=self.heading_span,
            page=self.page,
        )


def _add(draft: SectionDraft, block: Block, start: int | None = None) -> None:
    draft.blocks.append(block)
    if draft.content_start is None:
        draft.content_start = block.start if start is None else start
    draft.end = block.end


def split_sections(doc: Document, *, known_only: bool = False) -> list[SectionDraft]:
    """Sections in document order; the first (heading None) holds what precedes any heading.

    A block is a heading for this purpose when its whole text is a known heading (any block
    kind: text dumps have no markup) or it is a heading block. Inside a known section,
    an unknown heading of a deeper level stays part of it. ``known_only`` ignores unknown
    headings altogether.
    """
    drafts = [SectionDraft(None, None, 0, 0, doc.blocks[0].page if doc.blocks else None)]
    for block in doc.blocks:
        key = heading_key(block.text) if block.kind != "list_item" else None
        current = drafts[-1]
        if key is not None:
            heading = block.text.strip(" :*#")
            drafts.append(
                SectionDraft(
                    heading,
                    key,
                    block.level or 6,
                    block.end,
                    block.page,
                    heading_span=(block.start, block.end),
                )
            )
            continue
        inline = inline_heading(block.text) if block.kind in ("paragraph", "heading") else None
        if inline is not None:
            ikey, heading, offset = inline
            draft = SectionDraft(
                heading,
                ikey,
                block.level or 6,
                block.start,
                block.page,
                heading_span=_inline_span(block, heading),
            )
            _add(draft, block, block.start + offset)
            drafts.append(draft)
            continue
        if block.kind == "heading" and not known_only:
            inside_known = current.key is not None and (block.level or 6) > current.level
            if not inside_known:
                drafts.append(
                    SectionDraft(
                        block.text,
                        None,
                        block.level or 6,
                        block.end,
                        block.page,
                        heading_span=(block.start, block.end),
                    )
                )
                continue
        _add(current, block)
    if len(drafts) > 1 and not drafts[0].blocks:
        drafts.pop(0)
    return drafts


def _inline_span(block: Block, heading: str) -> tuple[int, int]:
    start = block.start + max(0, block.text.find(heading))
    return start, start + len(heading)


def section_models(doc: Document, drafts: list[SectionDraft]) -> list[Section]:
    return [draft.to_model(doc.text) for draft in drafts]
