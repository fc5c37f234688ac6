"""Characters of PDF pages → blocks of a Document; shared by every PDF backend.

A backend (pdfplumber in ``pdf.py``, pypdfium2 in ``pdfium.py``) only reads characters:
``Char`` = (text, x0, x1, baseline, size, bold) in points, y growing downwards from the
page top. Everything a reader sees as structure is decided here, once, so both backends
give the same blocks:

- lines from characters (words from gaps; a gap wider than two ems becomes a tab), read
  column by column where a gutter runs through the lines (``_columns``);
- data tables a backend found (``PageText.tables``) become ``table`` blocks of group
  ``"table"`` with rows and caption, after all running text, continued over pages as one;
- repairs: ligatures (ﬁ → fi) and soft hyphens are repaired, U+FFFD and undecodable
  glyphs are reported in a warning;
- page furniture: page numbers ("7", "– 7 –", "-3-", "Seite 7", "Seite 3 von 18") at the
  top or bottom of a page and lines repeating at the same place on several pages are
  dropped, never emitted;
- the table of contents: a page with three or more lines "Titel ..... 5" (dot leaders or
  a wide gap before a trailing page number) gives one Block per entry with kind
  ``"table"``, group ``"toc"`` and text ``"Titel\\t5"`` — so parsers can rebuild
  ``inhaltsverzeichnis`` and never mistake it for body text;
- headings from size, weight, numbering (A., I., 1, 4.1, 4.1.2, §), capitals and short
  isolated lines; levels from the relative font size, then the numbering depth;
- list items (•, –, -, ▪, 1., a)) with their wrapped continuation lines;
- paragraphs and list items rejoined across page breaks; words split at a line end
  rejoined (see ``join_hyphenated``).

Every block keeps the page it starts on.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter

from ikz_extract.document import BlockKind, DocumentBuilder
from ikz_extract.german.dates import MONTH_NAMES

# (text, x0, x1, baseline, size, bold); a tuple because a page holds thousands of them.
# Backends leave whitespace out: word breaks come from the gaps, the same for both.
Char = tuple[str, float, float, float, float, bool]

SCANNED_WARNING = "no text layer — scanned document, OCR not supported"


@dataclass(slots=True)
class TableRegion:
    """A data table a backend found on a page: its box (x0, top, x1, bottom) and cells."""

    bbox: tuple[float, float, float, float]
    rows: list[list[str]]


@dataclass(slots=True)
class PageText:
    """What a backend read from one page."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    has_images: bool = False
    tables: list[TableRegion] = field(default_factory=list)


@dataclass(slots=True)
class _Table:
    """A logical table: regions continued over page breaks, the caption above it."""

    page: int
    rows: list[list[str]]
    caption: Line | None = None
    caption_text: str | None = None


@dataclass(slots=True)
class Line:
    text: str
    page: int
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool
    words: tuple[tuple[float, float], ...]  # (x0, x1) of each word

    @property
    def first_word_width(self) -> float:
        return self.words[0][1] - self.words[0][0]


@dataclass(slots=True)
class _Draft:
    """A block being assembled from lines."""

    kind: BlockKind
    lines: list[Line]
    text: str
    marker_x: float = 0.0  # list items: where the bullet stands
    text_x: float = 0.0  # list items: where the item's text starts (hanging indent)
    group: str | None = None
    level: int | None = None
    gap_before: float = 0.0  # extra vertical space above, in ems
    gap_after: float = 0.0

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]


@dataclass(slots=True)
class _Repairs:
    ligatures: int = 0
    soft_hyphens: int = 0
    undecodable: int = 0
    undecodable_pages: set[int] = field(default_factory=set)


# --------------------------------------------------------------------------- words


_LIGATURES = {
    "ﬀ": "ff",
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
    "ﬅ": "st",
    "ﬆ": "st",
}
_LIGATURE_RE = re.compile("[" + "".join(_LIGATURES) + "]")
_CID = re.compile(r"\(cid:\d+\)")
# Words after which a line-end hyphen is a suspended compound ("Aus- und Weiterbildung").
_SUSPENSION_WORDS = frozenset({"und", "oder", "bzw.", "bzw", "sowie", "beziehungsweise", "u."})
_TERMINAL = re.compile(r"[.!?:]['\"“”’)]*$")


def join_hyphenated(left: str, right: str, sep: str = " ") -> str:
    """Join two lines, undoing the hyphenation of a word split at the line end.

    A soft hyphen always joins. A hard hyphen after a letter joins when the next line goes
    on in lower case ("Wirtschafts-" + "förderung"), but stays before a capital or digit
    ("Rhein-" + "Sieg-Kreis") and before und/oder/bzw./sowie ("Aus- und Weiterbildung").
    """
    if not left:
        return right
    if not right:
        return left
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if len(left) >= 2 and left[-1] in "-\u2010" and left[-2].isdigit():
        return left + right  # a range or compound split after its hyphen: "2020-" + "2025"
    if len(left) >= 2 and left[-1] in "-\u2010" and left[-2].isalpha():
        word = right.split(maxsplit=1)[0]
        if word in _SUSPENSION_WORDS:
            return f"{left} {right}"
        if right[0].islower():
            return left[:-1] + right
        return left + right
    return left + sep + right


def _line_from_chars(chars: list[Char], page: int, repairs: _Repairs) -> Line | None:
    """One visual line: characters sorted left to right, words from the gaps between them.

    The hottest loop of the PDF path (every character passes here once), hence plain locals.
    """
    chars.sort(key=_X0)
    parts: list[str] = []
    words: list[tuple[float, float]] = []
    prev_text, prev_x0, prev_x1, prev_size = "", -1e9, -1e9, 0.0
    word_x0 = chars[0][1]
    right = -1e9
    for text, x0, x1, _, size, _ in chars:
        if text == prev_text and -0.5 < x0 - prev_x0 < 0.5:
            continue  # the same glyph printed twice ("fake bold")
        if parts:
            gap = x0 - prev_x1
            em = size if size < prev_size else prev_size
            if gap > 0.15 * em:
                parts.append("\t" if gap > 2.0 * em else " ")
                words.append((word_x0, prev_x1))
                word_x0 = x0
        parts.append(text)
        prev_text, prev_x0, prev_x1, prev_size = text, x0, x1, size
        if x1 > right:
            right = x1
    words.append((word_x0, prev_x1))
    line_text = _repair("".join(parts), page, repairs)
    if not line_text.strip():
        return None
    sizes = Counter(map(_SIZE, chars))
    size = max(sizes.items(), key=_most_then_largest)[0]
    bold = sum(map(_BOLD, chars)) * 2 > len(chars)
    return Line(line_text, page, chars[0][1], right, chars[0][3], size, bold, tuple(words))


_X0 = itemgetter(1)
_BASELINE = itemgetter(3)
_SIZE = itemgetter(4)
_BOLD = itemgetter(5)


def _most_then_largest(item: tuple[float, int]) -> tuple[int, float]:
    return item[1], item[0]


def _repair(text: str, page: int, repairs: _Repairs) -> str:
    if _LIGATURE_RE.search(text):
        repairs.ligatures += len(_LIGATURE_RE.findall(text))
        text = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group()], text)
    if "\u00ad" in text:
        inner = text[:-1].count("\u00ad")
        repairs.soft_hyphens += inner + (1 if text.endswith("\u00ad") else 0)
        text = text[:-1].replace("\u00ad", "") + text[-1]
    bad = text.count("\ufffd") + len(_CID.findall(text))
    if bad:
        repairs.undecodable += bad
        repairs.undecodable_pages.add(page)
        text = _CID.sub("\ufffd", text)
    return text


def clean_cell(text: str | None) -> str:
    """A table cell's text on one line, words split at the cell's line ends joined."""
    result = ""
    for line in (text or "").split("\n"):
        result = join_hyphenated(result, line.strip())
    return _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group()], result).strip()


def _in_table(c: Char, boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (c[1] + c[2]) / 2, c[3] - 0.3 * c[4]
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def page_lines(page: PageText, repairs: _Repairs) -> list[Line]:
    """Characters of one page → lines top to bottom (single-column reading order).

    Characters inside a data table are the table's, not running text."""
    boxes = [t.bbox for t in page.tables]
    chars = sorted(  # backends leave out whitespace
        (c for c in page.chars if not (boxes and _in_table(c, boxes))), key=_BASELINE
    )
    groups: list[list[Char]] = []
    base = -1e9
    group: list[Char] = []
    for c in chars:
        if c[3] - base > 1.0 and c[3] - base > 0.25 * c[4]:
            group = []
            groups.append(group)
            base = c[3]
        group.append(c)
    ordered = _columns([sorted(g, key=_X0) for g in _attach_raised(groups)], page.height)
    lines = (_line_from_chars(g, page.number, repairs) for g in ordered)
    return [line for line in lines if line is not None]


def _words(chars: list[Char]) -> int:
    return 1 + sum(1 for a, b in pairwise(chars) if b[1] - a[2] > 0.15 * min(a[4], b[4]))


def _free_around(chars: list[Char], lo: float, hi: float) -> tuple[float, float] | None:
    """The part of (lo, hi) that no character of a line covers, if it is one interval."""
    left, right = lo, hi
    for c in chars:
        if c[2] <= left or c[1] >= right:
            continue
        if c[1] <= left and c[2] >= right:
            return None
        # a character reaching into the gap narrows it from the side it stands on
        if (c[1] + c[2]) / 2 < (left + right) / 2:
            left = c[2]
        else:
            right = c[1]
        if right - left < 2.0:
            return None
    return left, right


def _gutter_run(groups: list[list[Char]], start: int, height: float) -> tuple[int, float] | None:
    """A vertical gutter through a wide gap of line ``start``: (end of the run, its x).

    The run goes on while no line crosses the gap. It is a gutter when three or more lines
    stand on each side (side by side or, in columns of their own leading, staggered) and
    each side reads as text: two and a half words a line on average — a table's cells
    are shorter, and a number column is no column of its own.
    """
    first = groups[start]
    for a, b in pairwise(first):
        em = min(a[4], b[4])
        if b[1] - a[2] < max(1.0 * em, 5.0):
            continue
        lo, hi = a[2], b[1]
        end = start
        for j in range(start, len(groups)):
            above, below = groups[j - 1][0][3], groups[j][0][3]
            in_band = above < _BAND * height or below > (1 - _BAND) * height
            if j > start and in_band and below - above > 2.5 * groups[j][0][4]:
                break  # a gutter does not run from a running header or footer into the body
            free = _free_around(groups[j], lo, hi)
            if free is None:
                break
            lo, hi = free
            end = j + 1
        x = (lo + hi) / 2
        left: list[int] = []
        right: list[int] = []
        for g in groups[start:end]:
            on_left = [c for c in g if c[2] <= x]
            on_right = [c for c in g if c[1] >= x]
            if on_left:
                left.append(_words(on_left))
            if on_right:
                right.append(_words(on_right))
        if (
            len(left) >= 3
            and len(right) >= 3
            and sum(left) / len(left) >= 2.5
            and sum(right) / len(right) >= 2.5
        ):
            return end, x
    return None


def _columns(groups: list[list[Char]], height: float) -> list[list[Char]]:
    """Reading order by columns: where a gutter runs through consecutive lines, the left
    column's lines come before the right one's (a form's two columns, a letterhead's
    sidebar, a sheet's four columns), so neighbouring text is not glued into one line."""
    result: list[list[Char]] = []
    i = 0
    while i < len(groups):
        found = _gutter_run(groups, i, height)
        if found is None:
            result.append(groups[i])
            i += 1
            continue
        end, x = found
        run = groups[i:end]
        left = [[c for c in g if (c[1] + c[2]) / 2 < x] for g in run]
        right = [[c for c in g if (c[1] + c[2]) / 2 >= x] for g in run]
        result.extend(_columns([g for g in left if g], height))
        result.extend(_columns([g for g in right if g], height))
        i = end
    return result


def _attach_raised(groups: list[list[Char]]) -> list[list[Char]]:
    """Footnote marks and indices sit a little above or below their line in smaller type:
    give them to that line instead of making lines of their own."""
    result: list[list[Char]] = []
    for i, group in enumerate(groups):
        small = len(group) <= 3
        size = max(map(_SIZE, group)) if small else 0.0
        after = groups[i + 1] if i + 1 < len(groups) else None
        before = result[-1] if result else None
        if (
            small
            and after
            and size < 0.8 * after[0][4]
            and after[0][3] - group[0][3] < 0.6 * after[0][4]
        ):
            after.extend(group)  # raised above the next line
        elif (
            small
            and before
            and size < 0.8 * before[0][4]
            and group[0][3] - before[0][3] < 0.4 * before[0][4]
        ):
            before.extend(group)  # lowered below the previous line
        else:
            result.append(group)
    return result


# --------------------------------------------------------------------------- furniture

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:Seite|S\.|Page)\s*)?\d{1,4}(?:\s*(?:von|/|of)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_BAND = 0.12  # top and bottom share of the page where furniture lives


def _furniture_key(line: Line, height: float) -> tuple[str, str] | None:
    top = line.baseline < height * _BAND
    bottom = line.baseline > height * (1 - _BAND)
    if not (top or bottom):
        return None
    text = re.sub(r"\d+", "#", line.text.casefold())
    return ("top" if top else "bottom", re.sub(r"\s+", " ", text).strip())


def _digits_aside(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.casefold())).strip()


def _small_repeats(lines: list[list[Line]]) -> set[str]:
    """Texts (digits aside) of lines in small type that repeat on three or more pages.

    A slide footer printed two slides to a page stands in the middle of the page, outside
    the bands; its tiny type and its repetition give it away wherever it is.
    """
    weights: Counter[float] = Counter()
    for page_lines_ in lines:
        for line in page_lines_:
            weights[line.size] += len(line.text)
    if not weights:
        return set()
    body = max(weights, key=lambda s: (weights[s], -s))
    pages: dict[str, set[int]] = {}
    for page_lines_ in lines:
        for line in page_lines_:
            if line.size < 0.7 * body and len(line.text) >= 8:
                pages.setdefault(_digits_aside(line.text), set()).add(line.page)
    return {text for text, seen in pages.items() if len(seen) >= 3}


def remove_furniture(pages: list[PageText], lines: list[list[Line]]) -> int:
    """Drop page numbers and running headers/footers in place; return how many lines went.

    A line is furniture when it sits in the top or bottom band of its page and either looks
    like a page number, or repeats (digits aside) at about the same height on other pages;
    or when it is in small type and repeats on three or more pages (``_small_repeats``).
    """
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for page, page_lines_ in zip(pages, lines, strict=True):
        for line in page_lines_:
            key = _furniture_key(line, page.height)
            if key is not None:
                seen.setdefault(key, []).append((page.number, line.baseline))

    def repeats(key: tuple[str, str], line: Line) -> bool:
        return any(
            number != line.page and abs(baseline - line.baseline) < 6.0
            for number, baseline in seen[key]
        )

    small = _small_repeats(lines)
    removed = 0
    for page, page_lines_ in zip(pages, lines, strict=True):
        keep: list[Line] = []
        for line in page_lines_:
            key = _furniture_key(line, page.height)
            if _digits_aside(line.text) in small or (
                key is not None and (_PAGE_NUMBER.match(line.text.strip()) or repeats(key, line))
            ):
                removed += 1
                continue
            keep.append(line)
        page_lines_[:] = keep
    return removed


# --------------------------------------------------------------------------- TOC

_TOC_LINE = re.compile(
    r"^(?P<title>\S.*?\S)\s*(?:(?:\.\s?){3,}|…+|\t+|\s{3,})\s*(?P<page>\d{1,4})$"
)


def _toc_entries(lines: list[Line]) -> dict[int, tuple[str, str]]:
    """Index of each table-of-contents line on a page → (title, page number).

    Three or more leader lines make a contents page. Between two entries, a line without a
    page number of its own is the first half of a wrapped title and is kept with the next.
    """
    hits = {i: m for i, line in enumerate(lines) if (m := _TOC_LINE.match(line.text))}
    if len(hits) < 3:
        return {}
    numbers = [int(m.group("page")) for m in hits.values()]
    falls = sum(1 for a, b in pairwise(numbers) if b < a)
    if falls > len(numbers) // 10:
        return {}  # a table with a number column, not contents: those pages only go up
    entries: dict[int, tuple[str, str]] = {}
    first, last = min(hits), max(hits)
    for i, m in hits.items():
        title = m.group("title")
        before = i - 1
        if first < before < last and before not in hits and before - 1 in hits:
            title = f"{lines[before].text} {title}"
            entries[before] = ("", "")  # absorbed: emitted with the entry below
        entries[i] = (re.sub(r"\s+", " ", title).strip(), m.group("page"))
    return entries


# --------------------------------------------------------------------------- blocks

# \uf0b7, \uf0a7, \uf0d8 …: bullets of the Symbol and Wingdings fonts, as Word exports them
_BULLET = re.compile(r"^([•▪■●◦‣∙·○□➢►✓–—\-*\uf0a7\uf0b7\uf0d8\uf0fc\uf076])\s+(?=\S)")
_ENUMERATOR = re.compile(r"^(\(?(?:\d{1,2}|[a-z])[.)])\s+(?=\S)")
_DASHES = "–—-"
_NUMBERING = (
    (re.compile(r"^§\s*\d+[a-z]?\b"), 2),
    (re.compile(r"^[IVX]{1,5}\.\s"), 2),
    (re.compile(r"^[A-Z]\.\s"), 1),
    (re.compile(r"^\d{1,2}(?:\.\d{1,2}){2}\.?\s"), 5),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.?\s"), 4),
    (re.compile(r"^\d{1,2}\.?\s(?=\D)"), 3),
    (re.compile(r"^[A-Z]\d{1,2}\.\d{1,2}\s"), 4),  # "C1.1 …": a measure of field C
    (re.compile(r"^[A-Z]\d{1,2}\s"), 3),
    (re.compile(r"^\d{3}\s(?=\D)"), 6),  # a code one digit longer nests: "11 …" > "111 …"
)


def numbering_depth(text: str) -> int | None:
    """How deep a heading's numbering nests: A. → 1, I. or § → 2, 1 → 3, 4.1 → 4, 4.1.2 → 5."""
    for pattern, depth in _NUMBERING:
        if pattern.match(text):
            return depth
    return None


@dataclass(slots=True)
class _Metrics:
    body_size: float
    leading: float  # baseline distance of body lines, in ems
    left: dict[int, float]  # page → left margin of body text
    right: dict[int, float]  # page → right edge of body text
    bold_body: bool = False  # most body-size text is bold: bold marks nothing out


def _metrics(lines: list[Line]) -> _Metrics:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    body = max(weights, key=lambda s: (weights[s], -s)) if weights else 10.0
    steps = [
        (b.baseline - a.baseline) / body
        for a, b in pairwise(lines)
        if a.page == b.page and a.size == body == b.size and 0 < b.baseline - a.baseline < 3 * body
    ]
    # The lower quartile: short paragraphs make many steps include a paragraph gap.
    leading = statistics.quantiles(steps, n=4)[0] if len(steps) >= 3 else 1.25
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if abs(line.size - body) < 0.6:
            by_page.setdefault(line.page, []).append(line)
    for page, body_lines in by_page.items():
        plain = [
            x.x0 for x in body_lines if not (_BULLET.match(x.text) or _ENUMERATOR.match(x.text))
        ]
        if len(plain) >= 3:  # fewer may all be indented (an item's continuation)
            left[page] = min(plain)
        right[page] = max(x.x1 for x in body_lines)
    margin = statistics.median(left.values()) if left else 0.0
    for line in lines:
        left.setdefault(line.page, margin or line.x0)
    typical = statistics.median(right.values()) if right else 0.0
    right = {page: max(edge, typical) for page, edge in right.items()}
    for line in lines:  # pages without body text (cover, back) use the typical edge
        right.setdefault(line.page, typical or line.x1)
    at_body = [line for line in lines if abs(line.size - body) < 0.6]
    bold_share = sum(len(x.text) for x in at_body if x.bold) / max(
        1, sum(len(x.text) for x in at_body)
    )
    return _Metrics(body, leading, left, right, bold_share > 0.5)


def _would_fit(prev: Line, nxt: Line, right: float) -> bool:
    """Would the next line's first word have fitted on the previous line?

    Greedy line filling puts a word on the next line only when it does not fit, so a
    "yes" means the previous line ended on purpose (paragraph end, hard break).
    """
    space = 0.25 * prev.size
    return prev.x1 + space + nxt.first_word_width < right - 0.5 * prev.size


def _marker(line: Line, prev: Line | None, in_list: bool, m: _Metrics) -> tuple[str, float] | None:
    """The list marker a line starts with and where the item's text begins, if any.

    A dash or a number at a line start may also be a wrapped sentence going on ("… unseres
    Handelns" / "– heute und in Zukunft", "… ab dem" / "1. Januar 2025"): outside a list,
    right below an unfinished line of the same style at the usual distance, it is not an
    item. A bullet sign always is.
    """
    match = _BULLET.match(line.text) or _ENUMERATOR.match(line.text)
    if match is None or len(line.words) < 2:
        return None
    symbol = match.group(1)
    rest = line.text[match.end() :]
    ambiguous = symbol in _DASHES or _ENUMERATOR.match(line.text) is not None
    if ambiguous and not in_list and prev is not None:
        continues = (
            prev.page == line.page
            and abs(prev.size - line.size) <= 0.6
            and prev.bold == line.bold
            and 0 < line.baseline - prev.baseline <= (m.leading + 0.45) * line.size
            and not re.search(r"[.:;!?]$", prev.text)
        )
        if continues:
            return None
    if symbol in _DASHES and not (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in '„"('):
        return None
    if symbol in _DASHES and rest.rstrip().endswith(symbol):
        return None  # "- Ausgangslage -": a title between dashes, no item
    if _ENUMERATOR.match(line.text) and (line.bold or line.size >= m.body_size * 1.12):
        return None  # "1. Einleitung" in bold or large type is a heading, not an item
    return rest, line.words[1][0]


def _break_before(draft: _Draft, prev: Line, line: Line, m: _Metrics, right: float) -> bool:
    """Does ``line`` start a new block rather than continue ``draft``?"""
    step = line.baseline - prev.baseline
    size = max(line.size, prev.size)
    split_word = len(prev.text) >= 2 and prev.text[-1] in "-\u00ad" and prev.text[-2].isalpha()
    if split_word and line.text[:1].islower() and 0 < step <= (m.leading + 0.6) * size:
        return False  # "einbezo-" / "gen werden?": a word split at the line end goes on
    if abs(line.size - prev.size) > 0.6 or line.bold != prev.bold:
        return True
    left = m.left.get(line.page, prev.x0)
    if draft.kind == "list_item" and line.x0 >= draft.text_x - 1.5 and line.x0 > left + 2.0:
        # At the item's hanging indent: its next line, or a further paragraph of it.
        return step <= 0 or step > (m.leading + 1.5) * size
    if step > (m.leading + 0.45) * size or step <= 0:
        return True
    if draft.kind == "list_item":
        if line.x0 >= draft.text_x - 1.5:
            return bool(_TERMINAL.search(prev.text)) and _would_fit(prev, line, right)
        return line.x0 < draft.marker_x - 1.5 or bool(re.search(r"[.:;!?]$", prev.text))
    if abs(prev.x0 - left) < 2.0 and 1.2 * line.size < line.x0 - prev.x0 < 4 * line.size:
        return True  # first-line indent of a new paragraph
    return bool(_TERMINAL.search(prev.text)) and _would_fit(prev, line, right)


def _separator(prev: Line, line: Line, right: float) -> str:
    """A wrapped line joins with a space, a deliberately short one with a line break."""
    return "\n" if _would_fit(prev, line, right) else " "


def _page_drafts(lines: list[Line], m: _Metrics) -> list[_Draft]:
    """Group the lines of one page into drafts."""
    toc = _toc_entries(lines)
    edges: dict[int, list[float]] = {}
    for line in lines:
        edges.setdefault(round(line.x0), []).append(line.x1)

    def right(prev: Line) -> float:
        """The right edge of the column ``prev`` stands in: of three or more lines starting
        where it starts, else the page's body text."""
        page = m.right.get(prev.page, prev.x1)
        column = [x for k in (-1, 0, 1) for x in edges.get(round(prev.x0) + k, [])]
        return min(page, max(column)) if len(column) >= 3 else page

    drafts: list[_Draft] = []
    current: _Draft | None = None
    prev: Line | None = None
    for i, line in enumerate(lines):
        if i in toc:
            title, number = toc[i]
            if not title:
                continue
            draft = _Draft("table", [line], f"{title}\t{number}")
            draft.group = "toc"
            drafts.append(draft)
            current, prev = None, line
            continue
        in_list = current is not None and current.kind == "list_item"
        marker = _marker(line, prev, in_list, m)
        if marker is not None:
            rest, text_x = marker
            draft = _Draft("list_item", [line], rest)
            draft.marker_x, draft.text_x = line.x0, text_x
            drafts.append(draft)
            current = draft
        elif current is None or prev is None or _break_before(current, prev, line, m, right(prev)):
            current = _Draft("paragraph", [line], line.text)
            drafts.append(current)
        else:
            current.text = join_hyphenated(
                current.text, line.text, _separator(prev, line, right(prev))
            )
            current.lines.append(line)
        prev = line
    for a, b in pairwise(drafts):
        gap = (b.first.baseline - a.last.baseline) / max(a.last.size, b.first.size) - m.leading
        a.gap_after = b.gap_before = max(0.0, gap)
    if drafts:
        drafts[0].gap_before = drafts[-1].gap_after = 9.0  # page edges count as space
    return drafts


_HEADING_END = re.compile(r"[,;]$")


_PLACE_DATE = re.compile(
    r"^[A-ZÄÖÜ][\w. /()-]{1,40},\s*(?:den\s+)?\d{1,2}\.\s?(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)\s?\d{2,4}"
)


_DAY_DATE = re.compile(rf"^\d{{1,2}}\.\s?(?:{'|'.join(MONTH_NAMES)})\b")  # "18. Januar bis …"


def _is_heading(draft: _Draft, m: _Metrics) -> bool:
    """Larger type; bold set apart; or a short isolated line numbered or in capitals."""
    if draft.kind != "paragraph":
        return False
    text = draft.text
    n_lines = len(draft.lines)
    size = draft.first.size
    if len(re.findall(r"[^\W_]|§", text)) < 2:
        return False  # a variable of a formula, a lone letter: no title
    if _PLACE_DATE.match(text) or _DAY_DATE.match(text):
        return False  # "Linsengericht, 07.10.1999", "18. Januar bis …": dates head nothing
    if size >= m.body_size * 1.12 and len(text) <= 200 and n_lines <= 4:
        return True
    if (
        draft.first.bold
        and not m.bold_body
        and len(text) <= 160
        and n_lines <= 3
        and not _HEADING_END.search(text)
    ):
        # Bold at body size with no space below ("Dr. …" above "Landrat …", the first
        # line of an address, a label "Antwort:" over its text) is emphasis, unless
        # numbered. Where the body itself is bold, bold says nothing.
        run_in = draft.gap_after <= 0.1 and numbering_depth(text) is None
        return size >= m.body_size * 0.9 and not run_in
    isolated = draft.gap_before > 0.3 and draft.gap_after > 0.3 and n_lines == 1
    if not isolated or len(text) > 90 or re.search(r"[.,;]$", text):
        return False
    if numbering_depth(text) is not None:  # a number with words, or a bare "§ 3"
        return bool(re.search(r"[^\W\d_]{3,}", text) or _LABEL_ONLY.match(text))
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return len(letters) >= 4 and upper / len(letters) > 0.8 and len(text) <= 60


_LABEL_ONLY = re.compile(
    r"^(?:(?:Teil|Kapitel|Abschnitt|Artikel|Anlage|Anhang|Titel|Buch)\s+(?:\d{1,3}|[IVXLC]{1,6})"
    r"|§\s*\d{1,3}[a-z]?|[IVXLC]{1,6}\.|\d{1,2}\.?)$"
)


def _style(d: _Draft) -> Line:
    """The line that gives a heading its type: the largest (a joined "Teil 1" above the
    part's title in larger type is ranked by the title)."""
    return max(d.lines, key=lambda line: (line.size, line.bold))


def _join_wrapped_headings(drafts: list[_Draft], m: _Metrics) -> list[_Draft]:
    """A heading broken over lines by hand ("2. Analyse: … bei Abiturzulassung" / "und
    Berechnung der …") arrives as two headings: the same type, one line apart, the second
    unnumbered and the first not ended by a full stop or colon, make one."""
    result: list[_Draft] = []
    for d in drafts:
        prev = result[-1] if result else None
        if prev is None or not prev.kind == d.kind == "heading":
            result.append(d)
            continue
        step = d.first.baseline - prev.last.baseline
        wrapped = (
            abs(prev.last.size - d.first.size) <= 0.6
            and prev.last.bold == d.first.bold
            and 0 < step <= (m.leading + 0.6) * d.first.size
            and numbering_depth(d.text) is None
            and not re.search(r"[.:!?]$", prev.text)
        )
        # "Teil 1" above "ALLGEMEINE BESTIMMUNGEN", "§ 3" above its title, and a title's
        # "(Kurzbezeichnung)" below it belong together whatever their type.
        label = _LABEL_ONLY.match(prev.text) is not None and numbering_depth(d.text) is None
        short_name = d.text.startswith("(") and d.text.endswith(")") and len(d.lines) == 1
        near = 0 < step <= (m.leading + 2.5) * max(d.first.size, prev.last.size)
        if wrapped or ((label or short_name) and near):
            prev.text = join_hyphenated(prev.text, d.text, " ")
            prev.lines.extend(d.lines)
            prev.gap_after = d.gap_after
            continue
        result.append(d)
    return result


def _contents_lists(drafts: list[_Draft]) -> None:
    """A contents list without page numbers (an Amtsblatt's cover listing its notices, an
    "Inhaltsübersicht" of § titles): three or more headings in a row on one page whose
    texts all come again as headings on later pages list what follows; they are no
    headings themselves."""

    def key(d: _Draft) -> str:
        return re.sub(r"\W+", " ", d.text.casefold()).strip()

    def flush(run: list[_Draft]) -> None:
        if len(run) >= 3:
            for item in run:
                item.kind, item.group = "paragraph", "contents"

    headings = [d for d in drafts if d.kind == "heading"]
    run: list[_Draft] = []
    for i, d in enumerate(headings):
        again = any(key(e) == key(d) and e.first.page > d.first.page for e in headings[i + 1 :])
        position = drafts.index(d)
        follows = (
            bool(run) and drafts[position - 1] is run[-1] and run[-1].first.page == d.first.page
        )
        if again and (not run or follows):
            run.append(d)
            continue
        flush(run)
        run = [d] if again else []
    flush(run)


def _cover_page(drafts: list[_Draft]) -> int | None:
    """The first page, when it is a cover: a document of three or more pages whose first
    page has headings but no paragraph of running text."""
    pages = {d.first.page for d in drafts}
    if len(pages) < 3:
        return None
    first = min(pages)
    on_first = [d for d in drafts if d.first.page == first]
    prose = any(d.kind in ("paragraph", "list_item") and len(d.text) > 200 for d in on_first)
    has_heading = any(d.kind == "heading" for d in on_first)
    return first if has_heading and not prose else None


def _heading_levels(drafts: list[_Draft]) -> None:
    """Levels from the font size (larger = higher), then weight, then numbering.

    Sizes within 10 % of each other form one tier, so a 14 pt and a 13.5 pt heading do not
    make two levels. Within a tier, bold goes before regular and shallower numbering before
    deeper (A. → I. → 1 → 1.1). A cover's display lines are all level 1 and take no part:
    their one-off sizes would push every real heading down.
    """
    cover = _cover_page(drafts)
    headings = [d for d in drafts if d.kind == "heading" and d.first.page != cover]
    for d in drafts:
        if d.kind == "heading" and d.first.page == cover:
            d.level = 1
    if not headings:
        return
    tiers: dict[float, int] = {}
    top = 0.0
    for size in sorted({_style(d).size for d in headings}, reverse=True):
        if not tiers or size < top / 1.1:
            top = size
            tiers[size] = len(set(tiers.values()))
        else:
            tiers[size] = tiers[top]
    depths: dict[int, set[int]] = {}
    for d in headings:
        depth = numbering_depth(d.text)
        if depth is not None:
            depths.setdefault(tiers[_style(d).size], set()).add(depth)
    keys: list[tuple[int, bool, int]] = []
    for d in headings:
        tier = tiers[_style(d).size]
        known = sorted(depths.get(tier, ()))
        depth = numbering_depth(d.text)
        keys.append((tier, not _style(d).bold, known.index(depth) if depth in known else 0))
    order = sorted(set(keys))
    for d, key in zip(headings, keys, strict=True):
        d.level = min(6, order.index(key) + 1)


def _continues(a: _Draft, b: _Draft, m: _Metrics) -> bool:
    """Does the first block of a page go on with the last block of the page before?"""
    if b.kind != "paragraph" or a.kind not in ("paragraph", "list_item"):
        return False
    prev, first = a.last, b.first
    if abs(prev.size - first.size) > 0.6 or prev.bold != first.bold:
        return False
    left = m.left.get(first.page, first.x0)
    if a.kind == "list_item" and first.x0 >= a.text_x - 1.5 and first.x0 > left + 2.0:
        return True  # at the item's hanging indent: nothing else would stand there
    if _TERMINAL.search(prev.text):
        return False
    hyphenated = len(prev.text) >= 2 and prev.text[-1] in "-\u00ad" and prev.text[-2].isalpha()
    if not hyphenated and _would_fit(prev, first, m.right.get(prev.page, prev.x1)):
        return False  # the last line stopped short on purpose: a paragraph ends there
    return first.x0 - left < 1.2 * first.size


_CAPTION_WORD = re.compile(r"^(?:Tabelle|Tab\.|Übersicht|Aufstellung)\b")


def _is_caption(line: Line) -> bool:
    """A line right above a table that names it: "Tabelle 3: …", or a short bold line
    that is no numbered heading (a numbered one heads the chapter the table is in)."""
    if len(line.text) > 120:
        return False
    return bool(_CAPTION_WORD.match(line.text)) or (
        line.bold and numbering_depth(line.text) is None
    )


def _logical_tables(pages: list[PageText], lines: list[list[Line]]) -> list[_Table]:
    """Table regions → logical tables.

    A region continues the table before it when no text stands between them (below the
    one, above the other, across a page break or on one page); a repeated header row is
    dropped. The caption is a short line right above a table's first region.
    """
    tables: list[_Table] = []
    last_bottom: tuple[int, float] | None = None  # page index, bottom of the last region
    for index, (page, page_lines_) in enumerate(zip(pages, lines, strict=True)):
        for region in sorted(page.tables, key=lambda t: t.bbox[1]):
            top, bottom = region.bbox[1], region.bbox[3]
            if last_bottom is None or not tables:
                between = True
            elif last_bottom[0] == index:
                between = any(last_bottom[1] < ln.baseline < top for ln in page_lines_)
            else:
                before = lines[last_bottom[0]]
                between = (
                    last_bottom[0] != index - 1
                    or any(ln.baseline > last_bottom[1] for ln in before)
                    or any(ln.baseline < top for ln in page_lines_)
                )
            last_bottom = (index, bottom)
            if not between:
                rows = region.rows
                if rows and tables[-1].rows and rows[0] == tables[-1].rows[0]:
                    rows = rows[1:]
                tables[-1].rows.extend(rows)
                continue
            above = [ln for ln in page_lines_ if top - 3 * ln.size < ln.baseline < top]
            caption = above[-1] if above and _is_caption(above[-1]) else None
            tables.append(_Table(page.number, [list(r) for r in region.rows], caption))
    return tables


def build_blocks(pages: list[PageText], builder: DocumentBuilder) -> None:
    """Lay out the pages' characters and add the resulting blocks to ``builder``.

    Data tables come last, after the running text, so no section's text holds them."""
    repairs = _Repairs()
    lines = [page_lines(page, repairs) for page in pages]
    removed = remove_furniture(pages, lines) if len(pages) > 1 else _single_page(pages, lines)
    tables = _logical_tables(pages, lines)
    captions = {id(t.caption): t for t in tables if t.caption is not None}
    flat = [line for page_lines_ in lines for line in page_lines_]
    m = _metrics(flat)
    drafts: list[_Draft] = []
    for page_lines_ in lines:
        page_drafts = []
        for d in _page_drafts(page_lines_, m):
            table = captions.get(id(d.last))
            if table is not None and len(d.lines) <= 3 and len(d.text) <= 160:
                table.caption_text = re.sub(r"\s+", " ", d.text)  # its lines name the table
                continue
            page_drafts.append(d)
        for d in page_drafts:
            if _is_heading(d, m):
                d.kind = "heading"
                d.text = re.sub(r"\s*\n\s*", " ", d.text)
        page_drafts = _join_wrapped_headings(page_drafts, m)
        if (
            drafts
            and page_drafts
            and drafts[-1].kind == page_drafts[0].kind == "heading"
            and _LABEL_ONLY.match(drafts[-1].text)
            and numbering_depth(page_drafts[0].text) is None
        ):  # "§ 3" the last line of a page, its title the first of the next
            head, first = drafts[-1], page_drafts.pop(0)
            head.text = f"{head.text} {first.text}"
            head.lines.extend(first.lines)
        if drafts and page_drafts and _continues(drafts[-1], page_drafts[0], m):
            head, first = drafts[-1], page_drafts.pop(0)
            head.text = join_hyphenated(head.text, first.text, " ")
            head.lines.extend(first.lines)
        drafts.extend(page_drafts)
    _contents_lists(drafts)
    _heading_levels(drafts)
    for d in drafts:
        builder.add(
            d.kind,
            d.text.replace("\u00ad", ""),
            page=d.first.page,
            level=d.level,
            font_size=_style(d).size if d.kind == "heading" else d.first.size,
            bold=_style(d).bold if d.kind == "heading" else d.first.bold,
            group=d.group,
        )
    for table in tables:
        builder.add(
            "table",
            "\n".join("\t".join(row) for row in table.rows),
            page=table.page,
            group="table",
            rows=tuple(tuple(row) for row in table.rows),
            caption=table.caption_text,
        )
    _report(pages, builder, repairs, removed)
    builder.title = _title(drafts)


def _single_page(pages: list[PageText], lines: list[list[Line]]) -> int:
    """A one-page document has no repetition to learn from: drop only page numbers."""
    removed = 0
    for page, page_lines_ in zip(pages, lines, strict=True):
        keep = [
            line
            for line in page_lines_
            if not (
                _furniture_key(line, page.height) is not None
                and _PAGE_NUMBER.match(line.text.strip())
            )
        ]
        removed += len(page_lines_) - len(keep)
        page_lines_[:] = keep
    return removed


def _title(drafts: list[_Draft]) -> str | None:
    """The largest heading on the first page that has one."""
    headings = [d for d in drafts if d.kind == "heading"]
    if not headings:
        return None
    first_page = headings[0].first.page
    on_page = [d for d in headings if d.first.page == first_page]
    best = max(on_page, key=lambda d: (_style(d).size, -on_page.index(d)))
    return best.text


def _report(
    pages: list[PageText], builder: DocumentBuilder, repairs: _Repairs, removed: int
) -> None:
    """Warnings a person should see, and counts of what was repaired silently."""
    empty = [p.number for p in pages if not p.chars]
    if pages and len(empty) == len(pages):
        builder.warnings.append(SCANNED_WARNING)
    elif empty:
        images = {p.number for p in pages if p.has_images}
        scanned = [n for n in empty if n in images]
        if scanned:
            builder.warnings.append(
                f"pages {', '.join(map(str, scanned))} have no text layer (scanned images?) "
                "— OCR not supported, their content is missing"
            )
    if repairs.undecodable:
        where = ", ".join(map(str, sorted(repairs.undecodable_pages)))
        builder.warnings.append(
            f"{repairs.undecodable} character(s) could not be decoded (shown as U+FFFD) "
            f"on page(s) {where}; the PDF's fonts lack a Unicode mapping"
        )
    builder.meta["pdf_ligatures_repaired"] = str(repairs.ligatures)
    builder.meta["pdf_soft_hyphens_repaired"] = str(repairs.soft_hyphens)
    builder.meta["pdf_furniture_lines_removed"] = str(removed)
    builder.meta["pdf_landscape_pages"] = str(sum(1 for p in pages if p.width > p.height))
