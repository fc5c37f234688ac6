"""Record type: strategy document (Strategie, Konzept, Leitbild, Bericht; mostly PDF).

Works from blocks alone, so a PDF and a text dump of the same brochure give the same
fields where the dump holds the information:

- the table of contents comes from blocks the PDF loader marked (kind ``table``, group
  ``toc``, text ``"Titel\\tSeite"``) or from a paragraph of such lines in a dump;
- chapters nest by their numbering (A. → I. → 1 → 1.1 → 1.1.1); an unnumbered heading
  under a numbered chapter is a sub-chapter when it ends in a colon ("WIRTSCHAFT:") or
  its level is deeper; other unnumbered headings (Vorwort, Impressum) are chapters;
- what precedes the first chapter (cover) and a repetition of the title before part A
  are front matter: they give the title, the adoption ("beschlossen vom Kreistag am …")
  and the publisher; the contents page is no chapter;
- a dump keeps the page breaks of its PDF as blank lines: text split by them is joined
  again here (a block that goes on in lower case, or whose predecessor stops mid-sentence)
  with the loader's de-hyphenation;
- contents and body are compared: entries without a chapter, chapters without an entry,
  differing titles and page numbers off the usual offset become warnings; nothing is
  invented.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from ikz_extract.document import Block, Document
from ikz_extract.german.dates import parse_date, parse_numeric_date
from ikz_extract.loaders.pdf_layout import join_hyphenated
from ikz_extract.models import Kontakt, Section
from ikz_extract.models.strategy import Kapitel, StrategyFields, TocEntry
from ikz_extract.parsers.base import Evidence, Parsed
from ikz_extract.parsers.profile import parse_kontakt

RECORD_TYPE = "strategy_document"

# --------------------------------------------------------------------------- numbering

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_NUMBERED = re.compile(
    r"^(?P<label>§\s*\d+[a-z]?|[IVXLC]{1,6}\.|[A-Z]\.|[A-Z]\d{1,2}(?:\.\d{1,2}){0,3}"
    r"|\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}\.?)"
    r"(?:\s+|(?<=\.)(?=[A-ZÄÖÜ][a-zäöüß]))(?P<title>\S.*)$",  # "2.1.Gesetzliche …" too
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Label:
    """A heading's number: its printed form, its kind and how deep that kind nests."""

    text: str  # "B", "VIII", "3.1", "§ 4"
    kind: str  # letter | roman | para | arabic
    rank: int  # letter 1, roman/§ 2, arabic 3 + dots

    @property
    def self_contained(self) -> bool:
        """Dotted numbers carry their parents ("3.1"); "VIII" needs its part ("B.VIII")."""
        return "." in self.text or self.kind == "para"


def _roman_value(text: str) -> int | None:
    values = [_ROMAN[c] for c in text]
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
    )
    return total if total > 0 else None


def split_label(text: str) -> tuple[Label | None, str]:
    """``"VIII. KLIMASCHUTZ"`` → (Label VIII, "KLIMASCHUTZ"); unnumbered text → (None, text)."""
    match = _NUMBERED.match(text.strip())
    if match is None:
        return None, text.strip()
    raw, title = match.group("label"), match.group("title").strip()
    core = raw.rstrip(".")
    if raw.startswith("§"):
        return Label(re.sub(r"\s+", " ", raw), "para", 2), title
    if re.fullmatch(r"[IVXLC]+", core) and _roman_value(core) and (len(core) > 1 or core in "IVX"):
        return Label(core, "roman", 2), title
    if re.fullmatch(r"[A-Z]", core):
        return Label(core, "letter", 1), title
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", core):
        return Label(core, "arabic", 3 + core.count(".")), title
    if re.fullmatch(r"[A-Z]\d{1,2}(?:\.\d{1,2})*", core):  # "C1.1": measure 1 of C1
        return Label(core, "arabic", 3 + core.count(".")), title
    return None, text.strip()


def _sequence_value(label: Label) -> int | None:
    last = label.text.split(".")[-1]
    if label.kind == "roman":
        return _roman_value(last)
    if label.kind == "letter":
        return ord(last) - ord("A") + 1
    return int(last) if last.isdigit() else None


# --------------------------------------------------------------------------- text helpers

_TERMINAL = re.compile(r"[.!?:]['\"“”’)]*$")
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _norm(text: str) -> str:
    """Compare titles: case, ß/ss, punctuation and spacing aside."""
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


class _Casing:
    """Restores the case of words printed in capitals from their spelling elsewhere."""

    def __init__(self, text: str) -> None:
        seen: dict[str, Counter[str]] = {}
        for word in _LETTERS.findall(text):
            if not _is_caps(word) or len(word) == 1:
                seen.setdefault(word.casefold(), Counter())[word] += 1
        self._best = {key: counts.most_common(1)[0][0] for key, counts in seen.items()}

    def restore(self, text: str) -> str:
        if not _is_caps(text):
            return text
        restored = _LETTERS.sub(
            lambda m: self._best.get(m.group().casefold(), m.group().capitalize()), text
        )
        return restored[:1].upper() + restored[1:]


def _block_prose(block: Block) -> str:
    """A block as prose: wrapped lines folded, short deliberate lines (signatures) kept."""
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    if lines and max(len(line) for line in lines) < 60:
        return "\n".join(lines)
    return " ".join(lines)


def _continues(previous: str, block: Block) -> bool:
    """Does ``block`` go on with the text before it (a page break in a dump)?"""
    first = block.text.lstrip()[:1]
    if first.islower():
        return True
    if previous.endswith("-") and len(previous) >= 2 and previous[-2].isalpha():
        return True
    last_line = previous.rsplit("\n", 1)[-1]  # an address ends in a short line, prose does not
    return len(last_line) >= 60 and not _TERMINAL.search(previous)


# --------------------------------------------------------------------------- contents

_TOC_LINE = re.compile(
    r"^(?P<title>\S.*?\S)\s*(?:\t+|(?:\.\s?){3,}|…+|\s{3,})\s*(?P<page>\d{1,4})$"
)
_TOC_HEADINGS = frozenset({"inhalt", "inhaltsverzeichnis", "inhaltsübersicht", "gliederung"})


def _toc_lines(block: Block) -> list[tuple[str, int]] | None:
    """The entries a block holds when it is (part of) a table of contents."""
    if block.group == "toc":
        title, _, page = block.text.rpartition("\t")
        return [(title.strip(), int(page))] if page.isdigit() else None
    if block.kind not in ("paragraph", "table"):
        return None
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    matches = [_TOC_LINE.match(line) for line in lines]
    hits = [m for m in matches if m]
    if len(hits) < 3 or len(hits) < 0.6 * len(lines):
        return None
    return [(re.sub(r"\s+", " ", m.group("title")), int(m.group("page"))) for m in hits]


def _contents(doc: Document, blocks: list[Block]) -> tuple[list[tuple[str, int]], set[int]]:
    """Entries of the table of contents and the indices of the blocks holding them.

    What only looks like contents is none: an entry needs words (the digits of a chart
    or a grave list's numbers are no titles), and contents point into the document (a
    list whose page numbers mostly exceed its pages is a table of something else).
    """
    raw: list[tuple[str, int]] = []
    at: set[int] = set()
    for i, block in enumerate(blocks):
        entries = _toc_lines(block) or []
        found = [e for e in entries if sum(map(len, _LETTERS.findall(e[0]))) >= 3]
        if found:
            raw.extend(found)
            at.add(i)
    pages = doc.pages if doc.media_type == "application/pdf" else None
    if pages and sum(1 for _, page in raw if page > pages + 1) > 0.2 * len(raw):
        return [], set()
    return raw, at


def _toc_entries(raw: list[tuple[str, int]]) -> list[TocEntry]:
    """Number each entry the way chapters are numbered ("I." under "B." → "B.I")."""
    stack: list[tuple[Label, str]] = []
    entries: list[TocEntry] = []
    for text, page in raw:
        label, title = split_label(text)
        if label is None:
            stack.clear()
            entries.append(TocEntry(nummer=None, titel=text, seite=page))
            continue
        while stack and stack[-1][0].rank >= label.rank:
            stack.pop()
        nummer = _nummer(label, stack[-1][1] if stack else None)
        stack.append((label, nummer))
        entries.append(TocEntry(nummer=nummer, titel=title, seite=page))
    return entries


def _nummer(label: Label, parent: str | None) -> str:
    if label.self_contained or parent is None:
        return label.text
    return f"{parent}.{label.text}"


# --------------------------------------------------------------------------- chapters


@dataclass(slots=True)
class _Node:
    heading: Block
    label: Label | None
    nummer: str | None
    title: str
    level: int  # the loader's heading level, 6 when unknown
    content: list[Block] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    subheading: bool = False  # an unnumbered heading inside a numbered chapter
    listed: bool = False  # the table of contents names it


_DOTTED_LABEL = re.compile(
    r"^(?:[IVXLC]{1,6}\.|[A-Z]\.|\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}(?:\.\d{1,2})+)\s+\S"
)


def _is_heading(block: Block) -> bool:
    """A heading block, or a short numbered line a text dump left as a paragraph."""
    if block.kind == "heading":
        return True
    text = block.text.strip()
    return (
        block.kind == "paragraph"
        and "\n" not in text
        and len(text) <= 100
        and _DOTTED_LABEL.match(text) is not None
        and not re.search(r"[.,;]$", text)
    )


def _place(node: _Node, stack: list[_Node], roots: list[_Node]) -> None:
    """Put a heading into the tree: numbering decides, else colon or level."""
    if node.label is not None:
        while stack and (stack[-1].label is None or stack[-1].label.rank >= node.label.rank):
            stack.pop()
    else:
        while stack and stack[-1].subheading:
            stack.pop()
        parent = stack[-1] if stack else None
        deeper = parent is not None and node.level > parent.level
        if parent is not None and parent.label is not None:
            node.subheading = node.title.endswith(":") or deeper
        elif parent is not None and deeper:
            node.subheading = True
        if not node.subheading:
            stack.clear()
    parent = stack[-1] if stack else None
    if node.label is not None:
        node.nummer = _nummer(node.label, parent.nummer if parent else None)
    (parent.children if parent else roots).append(node)
    stack.append(node)


@dataclass(slots=True)
class _Outline:
    front: list[Block]  # cover and other text outside any chapter, in document order
    title_blocks: list[Block]  # a repeated title before the first part, and its lines
    toc: list[TocEntry]
    roots: list[_Node]
    contents: list[Block] = field(default_factory=list)  # the contents page's blocks
    cover: Block | None = None  # the cover title's heading


def _outline(doc: Document) -> _Outline:
    """Contents, front matter and the chapter tree, in one pass over the blocks."""
    blocks = [b for b in doc.blocks if b.group != "table"]  # data tables go to tabellen
    toc_raw, toc_at = _contents(doc, blocks)
    if toc_at:  # "INHALT" right above the entries, and what stands between ("IM ÜBERBLICK")
        above = range(min(toc_at) - 1, max(-1, min(toc_at) - 4), -1)
        for i in above:
            if blocks[i].kind != "heading":
                break
            if _norm(blocks[i].text) in _TOC_HEADINGS:
                toc_at.update(range(i, min(toc_at)))
                break
    for i, block in enumerate(blocks):
        if block.kind == "heading" and _norm(block.text) in _TOC_HEADINGS:
            toc_at.add(i)
    toc = _toc_entries(toc_raw)
    toc_titles = {_norm(e.titel) for e in toc} | {_norm(f"{e.nummer} {e.titel}") for e in toc}

    start = _body_start(blocks, toc_at, toc_titles)
    front = [b for i, b in enumerate(blocks[:start]) if i not in toc_at]
    cover_title = _cover_title(doc, front)
    roots: list[_Node] = []
    stack: list[_Node] = []
    title_blocks: list[Block] = []
    in_title = False
    numbered_seen = False
    for i in range(start, len(blocks)):
        block = blocks[i]
        if i in toc_at:
            in_title = False
            if stack and stack[-1].label is None:
                stack.clear()  # the contents page ends an unnumbered chapter (Vorwort)
            continue
        if _is_heading(block):
            label, title = split_label(block.text)
            numbered_seen = numbered_seen or label is not None
            if (
                label is None
                and not numbered_seen
                and cover_title
                and _norm(block.text).startswith(_norm(cover_title))
            ):
                in_title = True
                title_blocks.append(block)
                continue
            in_title = False
            node = _Node(block, label, None, title, block.level or 6)
            node.listed = _norm(block.text) in toc_titles
            _place(node, stack, roots)
            continue
        if in_title:
            title_blocks.append(block)
        elif stack:
            stack[-1].content.append(block)
        else:
            front.append(block)
    contents = [blocks[i] for i in sorted(toc_at)]
    cover = next((b for b in front if b.kind == "heading" and b.text == cover_title), None)
    return _Outline(front, title_blocks, toc, roots, contents, cover)


def _body_start(blocks: list[Block], toc_at: set[int], toc_titles: set[str]) -> int:
    """Index of the first chapter heading: numbered, listed in the contents, or past page 1.

    An unnumbered first heading is the cover title, even when the contents repeat its
    words ("STRATEGISCHE ZIELE." on the cover, "B. Strategische Ziele" inside).
    """
    first_heading: int | None = None
    for i, block in enumerate(blocks):
        if i in toc_at or not _is_heading(block):
            continue
        numbered = split_label(block.text)[0] is not None
        if first_heading is None:
            first_heading = i
            if not numbered:
                continue
        if (
            numbered
            or _norm(block.text) in toc_titles
            or (block.page is not None and block.page > 1)
        ):
            return i
    if first_heading is None:
        return len(blocks)
    later = [
        i for i, b in enumerate(blocks) if i > first_heading and i not in toc_at and _is_heading(b)
    ]
    return later[0] if later else len(blocks)


def _cover_title(doc: Document, front: list[Block]) -> str | None:
    headings = [b for b in front if b.kind == "heading"]
    if doc.title and any(b.text == doc.title for b in headings):
        return doc.title
    return headings[0].text if headings else doc.title


# --------------------------------------------------------------------------- fields

_ADOPTED = [
    re.compile(
        r"(?:beschlossen|verabschiedet)\s+(?:vo[mn]|durch)\s+(?:de[mnr]\s+)?"
        r"(?P<von>[A-ZÄÖÜ][\w-]+)[^.]{0,80}?\s(?:am|vom)\s+(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4})",
        re.IGNORECASE,
    ),
    re.compile(
        r"Beschluss\s+(?:durch\s+(?:den|die|das)|des|der|vom)\s+(?P<von>[A-ZÄÖÜ][\w-]+)"
        r"[^.]{0,80}?\s(?:am|vom)\s+(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4})",
    ),
    re.compile(  # "vom Rat der Stadt Musterhausen am 05.11.2023 beschlossen"
        r"(?:vom|von\s+der|durch\s+den)\s+(?P<von>[A-ZÄÖÜ][\w-]+)"
        r"(?:\s+(?:der|des)\s+[\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?)?\s+am\s+"
        r"(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\s+(?:beschlossen|verabschiedet)",
        re.IGNORECASE,
    ),
]
_HERAUSGEBER = re.compile(r"Herausgeber(?:in)?\s*:\s*(?P<rest>[^\n]+)", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^©\s*(?P<org>[^,\n]+?)\s*(?:,\s*(?P<date>[^\n]+))?$", re.MULTILINE)
_STAND = re.compile(r"\bStand\s*:\s*(?P<date>[^\n]{1,40})", re.IGNORECASE)
_IMPRINT = frozenset({"impressum", "herausgeber", "kontakt", "herausgeberin"})


def _adoption(texts: list[str]) -> tuple[str | None, dt.date | None]:
    for text in texts:
        flat = re.sub(r"\s+", " ", text)
        for pattern in _ADOPTED:
            match = pattern.search(flat)
            if match:
                return match.group("von"), parse_numeric_date(match.group("date"))
    return None, None


def _stand(texts: list[str]) -> tuple[str | None, str | None]:
    for text in texts:
        for pattern in (_STAND, _COPYRIGHT):
            for match in pattern.finditer(text):
                printed = (match.group("date") or "").strip(" .")
                value = parse_date(printed) if printed else None
                if value is not None:
                    return value.value, printed
    return None, None


def _find(roots: list[_Node], names: frozenset[str]) -> _Node | None:
    for node in _walk(roots):
        if _norm(node.title) in names:
            return node
    return None


def _walk(nodes: list[_Node]) -> list[_Node]:
    result: list[_Node] = []
    for node in nodes:
        result.append(node)
        result.extend(_walk(node.children))
    return result


def _walk_depth(nodes: list[_Node], depth: int = 1) -> list[tuple[_Node, int]]:
    result: list[tuple[_Node, int]] = []
    for node in nodes:
        result.append((node, depth))
        result.extend(_walk_depth(node.children, depth + 1))
    return result


def _publisher_and_contact(outline: _Outline, casing: _Casing) -> tuple[str | None, Kontakt]:
    imprint = _find(outline.roots, _IMPRINT)
    imprint_text = "\n".join(b.text for b in imprint.content) if imprint else ""
    everything = [b.text for b in outline.front + outline.title_blocks] + [imprint_text]
    everything += [b.text for node in _walk(outline.roots) for b in node.content]
    kontakt = Kontakt()
    publisher: str | None = None
    for text in everything:
        match = _HERAUSGEBER.search(text)
        if match:
            rest = re.split(r"\s*\bStand\b", match.group("rest"))[0].strip(" .")
            parts = [p.strip() for p in rest.split(",") if p.strip()]
            publisher = parts[0] if parts else None
            kontakt = parse_kontakt("\n".join(parts))
            break
    if imprint_text.strip():
        kontakt = parse_kontakt(imprint_text)
    elif not kontakt.plz:
        with_plz = next(
            (b.text for b in outline.front if re.search(r"\b\d{5}\s+[A-ZÄÖÜ]", b.text)), ""
        )
        kontakt = parse_kontakt(with_plz) if with_plz else kontakt
    if kontakt.organisation:
        kontakt.organisation = casing.restore(kontakt.organisation)
    if kontakt.ort:
        kontakt.ort = kontakt.ort.rstrip(" .")
    if publisher is None:
        copyright_ = next(
            (m.group("org") for t in everything for m in _COPYRIGHT.finditer(t)), None
        )
        publisher = copyright_ or kontakt.organisation
    return (casing.restore(publisher.strip()) if publisher else None), kontakt


# --------------------------------------------------------------------------- assembly


def _content(node: _Node) -> tuple[str | None, list[str]]:
    """A chapter's own prose and goals, with a dump's page breaks joined again."""
    paragraphs: list[str] = []
    goals: list[str] = []
    last: list[str] | None = None  # the list the previous block went to
    for block in node.content:
        text = _block_prose(block)
        if block.kind == "list_item":
            goals.append(" ".join(text.split("\n")))
            last = goals
        elif block.kind in ("paragraph", "caption", "heading") and block.group != "toc":
            if last is not None and last and _continues(last[-1], block):
                last[-1] = join_hyphenated(last[-1], " ".join(text.split("\n")), " ")
            else:
                paragraphs.append(text)
                last = paragraphs
    return ("\n\n".join(paragraphs) or None), goals


def _span(node: _Node) -> tuple[int, int]:
    if node.content:
        return node.content[0].start, node.content[-1].end
    return node.heading.end, node.heading.end


def _kept(node: _Node) -> bool:
    """Numbered chapters and those the contents list always count; an unnumbered heading
    in capitals needs content of its own or below it (an empty "SOCIAL MEDIA" or a photo
    caption in capitals is no chapter)."""
    if node.label is not None or node.listed or any(_kept(c) for c in node.children):
        return True
    if any(b.kind in ("paragraph", "list_item", "caption", "table") for b in node.content):
        return True
    return not _is_caps(node.title)  # "Wer?" right above its sub-heading is a heading


def _abschnitt(node: _Node, casing: _Casing, toc: dict[str, TocEntry]) -> Kapitel | None:
    if not _kept(node):
        return None
    text, goals = _content(node)
    children = [a for c in node.children if (a := _abschnitt(c, casing, toc)) is not None]
    title = node.title.strip().rstrip(":").strip()
    entry = toc.get(node.nummer or "")
    if entry is not None and _norm(entry.titel) == _norm(title):
        title = entry.titel
    else:
        title = casing.restore(title)
    return Kapitel(
        nummer=node.nummer,
        titel=title,
        text=text,
        ziele=goals,
        unterabschnitte=children,
        seite=node.heading.page,
        span=_span(node),
    )


def _plain(doc: Document, run: list[Block]) -> Section:
    start, end = run[0].start, run[-1].end
    return Section(
        heading=None, key=None, text=doc.text[start:end], span=(start, end), page=run[0].page
    )


def _headed(doc: Document, head: Block, content: list[Block], level: int) -> Section:
    start, end = (content[0].start, content[-1].end) if content else (head.end, head.end)
    return Section(
        heading=head.text,
        key=None,
        text=doc.text[start:end],
        span=(start, end),
        heading_span=(head.start, head.end),
        page=head.page,
        level=level,
    )


def _sections(doc: Document, outline: _Outline) -> list[Section]:
    """One section per chapter heading (its own content only), after the front matter."""
    sections: list[Section] = []
    position = {id(b): i for i, b in enumerate(doc.blocks)}
    runs: list[list[Block]] = []
    for block in outline.front:  # one section per stretch of consecutive front blocks
        if runs and position[id(block)] == position[id(runs[-1][-1])] + 1:
            runs[-1].append(block)
        else:
            runs.append([block])
    for run in runs:
        if outline.cover in run:  # the cover title heads the rest of its stretch
            at = run.index(outline.cover)
            if at:
                sections.append(_plain(doc, run[:at]))
            sections.append(_headed(doc, run[at], run[at + 1 :], 0))
        else:
            sections.append(_plain(doc, run))
    heads = [b for b in outline.contents if b.kind == "heading" and _norm(b.text) in _TOC_HEADINGS]
    if heads:  # "Inhaltsverzeichnis" is a heading; its entries are fields, not text
        sections.append(_headed(doc, heads[0], [], 1))
    if outline.title_blocks:
        head, rest = outline.title_blocks[0], outline.title_blocks[1:]
        start, end = (rest[0].start, rest[-1].end) if rest else (head.end, head.end)
        sections.append(
            Section(
                heading=head.text,
                key=None,
                text=doc.text[start:end],
                span=(start, end),
                heading_span=(head.start, head.end),
                page=head.page,
                level=0,
            )
        )
    for node, depth in _walk_depth(outline.roots):
        if not _kept(node):
            continue
        start, end = _span(node)
        sections.append(
            Section(
                heading=node.heading.text,
                key=None,
                text=doc.text[start:end],
                span=(start, end),
                heading_span=(node.heading.start, node.heading.end),
                page=node.heading.page,
                level=depth,
            )
        )
    sections.sort(key=lambda s: s.span[0])
    return sections


def _compare(outline: _Outline, has_pages: bool) -> list[str]:
    """Where the table of contents and the body disagree; nothing is invented."""
    warnings: list[str] = []
    nodes = [n for n in _walk(outline.roots) if n.nummer]
    by_nummer = {n.nummer: n for n in nodes}
    listed = {e.nummer for e in outline.toc if e.nummer}
    if not outline.toc:
        return _gaps(outline.roots)
    offsets: Counter[int] = Counter()
    for entry in outline.toc:
        node = by_nummer.get(entry.nummer) if entry.nummer else None
        if entry.nummer and node is None:
            warnings.append(
                f"the table of contents lists {entry.nummer} {entry.titel!r} "
                f"(page {entry.seite}) but the body has no such chapter"
            )
        elif node is not None:
            if _norm(node.title.rstrip(":")) != _norm(entry.titel):
                warnings.append(
                    f"chapter {entry.nummer} is titled {node.title!r} in the body "
                    f"but {entry.titel!r} in the table of contents"
                )
            if has_pages and node.heading.page is not None and entry.seite is not None:
                offsets[node.heading.page - entry.seite] += 1
    unnumbered = {_norm(n.title) for n in _walk(outline.roots) if n.label is None}
    for entry in outline.toc:
        if entry.nummer is None and _norm(entry.titel) not in unnumbered:
            warnings.append(
                f"the table of contents lists {entry.titel!r} (page {entry.seite}) "
                "but the body has no such chapter"
            )
    # Contents that list only the parts (I., II.) do not "miss" their sub-chapters.
    ranks = {
        node.label.rank
        for e in outline.toc
        if e.nummer and (node := by_nummer.get(e.nummer)) is not None and node.label is not None
    }
    for node in nodes:
        if node.nummer not in listed and node.label is not None and node.label.rank in ranks:
            warnings.append(
                f"chapter {node.nummer} {node.title!r} is missing from the table of contents"
            )
    if offsets:
        usual = offsets.most_common(1)[0][0]
        for entry in outline.toc:
            node = by_nummer.get(entry.nummer) if entry.nummer else None
            if node is None or node.heading.page is None or entry.seite is None:
                continue
            if node.heading.page - entry.seite != usual:
                warnings.append(
                    f"chapter {entry.nummer} starts on page {node.heading.page - usual} "
                    f"(as printed) but the table of contents says page {entry.seite}"
                )
    return warnings


def _gaps(roots: list[_Node]) -> list[str]:
    """Without contents, a jump in the numbering (B.VIII → B.X) is the hint of a gap."""
    warnings: list[str] = []

    def visit(nodes: list[_Node]) -> None:
        numbered = [n for n in nodes if n.label is not None]
        for a, b in pairwise(numbered):
            va = _sequence_value(a.label) if a.label else None
            vb = _sequence_value(b.label) if b.label else None
            same_kind = a.label is not None and b.label is not None and a.label.kind == b.label.kind
            if same_kind and va is not None and vb is not None and vb > va + 1:
                warnings.append(f"the numbering jumps from {a.nummer} to {b.nummer}")
        for n in nodes:
            visit(n.children)

    visit(roots)
    return warnings


def parse(doc: Document) -> Parsed:
    outline = _outline(doc)
    casing = _Casing(doc.text)
    toc_by_nummer = {e.nummer: e for e in outline.toc if e.nummer}
    abschnitte = [a for n in outline.roots if (a := _abschnitt(n, casing, toc_by_nummer))]
    front_texts = [b.text for b in outline.front + outline.title_blocks]
    von, am = _adoption([*front_texts, doc.text])
    imprint = _find(outline.roots, _IMPRINT)
    imprint_texts = ["\n".join(b.text for b in imprint.content)] if imprint else []
    stand, stand_text = _stand([*imprint_texts, *front_texts, doc.text])
    publisher, kontakt = _publisher_and_contact(outline, casing)
    titel = _titel(doc, outline, casing)
    warnings = _compare(outline, has_pages=doc.media_type == "application/pdf")
    if not abschnitte:
        warnings.append("no chapters found")
    fields = StrategyFields(
        titel=titel,
        herausgeber=publisher,
        beschlossen_von=von,
        beschlossen_am=am,
        stand=stand,
        stand_text=stand_text,
        inhaltsverzeichnis=outline.toc,
        abschnitte=abschnitte,
        kontakt=kontakt,
    )
    return Parsed(RECORD_TYPE, titel, _sections(doc, outline), fields, warnings, am)


def _titel(doc: Document, outline: _Outline, casing: _Casing) -> str | None:
    """The cover title, or its longer repetition above part A ("… DES KREISES COESFELD")."""
    title = _cover_title(doc, outline.front)
    if outline.title_blocks:
        title = outline.title_blocks[0].text
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip().rstrip(".").strip()
    return casing.restore(title)


# --------------------------------------------------------------------------- detection

_TITLE_WORDS = re.compile(
    r"strateg|\bziele\b|konzept|leitbild|masterplan|handlungsprogramm|entwicklungsplan"
    r"|agenda\s*20\d\d|aktionsplan|\bbericht\b|programm\b",
    re.IGNORECASE,
)
_ADOPTION_WORDS = re.compile(r"\b(?:beschlossen|verabschiedet|Beschluss)\b", re.IGNORECASE)


def detect(doc: Document) -> Evidence:
    """A contents page, numbered chapters, an adoption note, a programmatic title, pages."""
    score = 0.0
    reasons: list[str] = []
    toc = len(_contents(doc, doc.blocks)[0])
    if toc >= 3:
        score += 0.3
        reasons.append(f"table of contents with {toc} entries")
    numbered = [b for b in doc.blocks if b.kind == "heading" and split_label(b.text)[0] is not None]
    if len(numbered) >= 3:
        score += 0.3 if len(numbered) >= 6 else 0.2
        reasons.append(f"{len(numbered)} numbered chapter headings")
    if _ADOPTION_WORDS.search(doc.text[:20000]):
        von, _ = _adoption([doc.text[:20000]])
        score += 0.15 if von else 0.05
        reasons.append(f"adopted by the {von}" if von else "mentions a resolution")
    first_headings = [b.text for b in doc.blocks[:8] if b.kind == "heading"]
    title = " ".join(filter(None, [doc.title, *first_headings]))
    if _TITLE_WORDS.search(title):
        score += 0.2
        reasons.append("title names a strategy, goals or a concept")
    if doc.media_type == "application/pdf" and (doc.pages or 0) >= 3:
        score += 0.1 if (doc.pages or 0) >= 8 else 0.05
        reasons.append(f"PDF of {doc.pages} pages")
    return Evidence(min(1.0, round(score, 2)), tuple(reasons))
