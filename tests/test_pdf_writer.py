"""A small PDF writer for tests (fpdf2), and checks that it lays out what tests ask for.

Tests build the PDFs they need instead of committing binaries: each call places lines at
known positions, so a test states exactly which layout the loader must understand.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pdfplumber
from fpdf import FPDF
from PIL import Image

FONTS = Path(__file__).resolve().parents[1] / "scripts" / "fonts"
LEFT = 57.0  # pt; A4 is 595 x 842
WIDTH = 481.0
TOP = 90.0
BOTTOM = 770.0


class Writer:
    """Lines, paragraphs and bullets top to bottom; new pages with header and footer."""

    def __init__(
        self,
        *,
        header: str | None = None,
        footer: Callable[[int], str] | None = None,
        font: str = "dejavu",
        size: float = 10.0,
        leading: float = 1.4,
    ) -> None:
        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        if font == "dejavu":
            self.pdf.add_font("dejavu", "", str(FONTS / "DejaVuSans.ttf"))
            self.pdf.add_font("dejavu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        else:  # a core font: WinAnsi, which has – and • but no ligatures
            self.pdf.core_fonts_encoding = "windows-1252"
        self.font = font
        self.size = size
        self.leading = leading
        self.header = header
        self.footer = footer
        self.y = TOP

    def _use(self, size: float, bold: bool) -> None:
        self.pdf.set_font(self.font, "B" if bold else "", size)

    def page(self) -> None:
        self.pdf.add_page()
        number = self.pdf.page
        if self.header:
            self._use(7.5, False)
            self.pdf.text(LEFT, 40, self.header)
        if self.footer:
            label = self.footer(number)
            self._use(8.5, False)
            self.pdf.text((595 - self.pdf.get_string_width(label)) / 2, 812, label)
        self.y = TOP

    def space(self, pt: float) -> None:
        self.y += pt

    def text(
        self, line: str, *, x: float = LEFT, size: float | None = None, bold: bool = False
    ) -> None:
        """One line at the cursor; a new page first when it would not fit."""
        size = size or self.size
        if self.pdf.page == 0 or self.y + size * self.leading > BOTTOM:
            self.page()
        self._use(size, bold)
        self.pdf.text(x, self.y, line)
        self.y += size * self.leading

    def wrap(
        self, text: str, *, width: float = WIDTH, size: float | None = None, bold: bool = False
    ) -> list[str]:
        """Greedy line filling, as word processors do without hyphenation."""
        self._use(size or self.size, bold)
        lines: list[str] = []
        current = ""
        for word in text.split():
            candidate = f"{current} {word}" if current else word
            if current and self.pdf.get_string_width(candidate) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        return lines

    def lines(
        self, lines: list[str], *, x: float = LEFT, size: float | None = None, bold: bool = False
    ) -> None:
        for line in lines:
            self.text(line, x=x, size=size, bold=bold)

    def para(self, text: str, *, size: float | None = None, bold: bool = False) -> None:
        self.lines(self.wrap(text, size=size, bold=bold), size=size, bold=bold)
        self.space(6)

    def heading(self, text: str, *, size: float = 14.0) -> None:
        if self.pdf.page and self.y > TOP:
            self.space(10)
        self.text(text, size=size, bold=True)
        self.space(4)

    def bullet(self, text: str | list[str], *, marker: str = "•", indent: float = 16.0) -> None:
        """A list item: the marker hangs left of the text, wrapped lines align with the text."""
        lines = self.wrap(text, width=WIDTH - indent) if isinstance(text, str) else text
        for n, line in enumerate(lines):
            if self.pdf.page == 0 or self.y + self.size * self.leading > BOTTOM:
                self.page()
            if n == 0:  # the marker ends 4 pt before the text, as a tab stop puts it
                self._use(self.size, False)
                x = LEFT + indent - 4 - self.pdf.get_string_width(marker)
                self.pdf.text(x, self.y, marker)
            self.text(line, x=LEFT + indent)

    def scan(self) -> None:
        """A page that is only a picture of text (no text layer)."""
        self.page()
        image = Image.new("L", (210, 297), 235)
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        self.pdf.image(buffer, 0, 0, 595, 842)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def test_writer_wraps_within_the_column_and_breaks_pages() -> None:
    w = Writer(footer=lambda n: f"Seite {n}")
    text = "Der Kreis fördert die interkommunale Zusammenarbeit seiner Städte. " * 100
    w.para(text)
    with pdfplumber.open(io.BytesIO(w.output())) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            assert max(c["x1"] for c in page.chars) <= LEFT + WIDTH + 1
            assert page.extract_text().rstrip().endswith(f"Seite {page.page_number}")


def test_writer_bullet_hangs_its_marker_left_of_the_text() -> None:
    w = Writer()
    w.bullet(["erste Zeile", "zweite Zeile"])
    with pdfplumber.open(io.BytesIO(w.output())) as pdf:
        chars = pdf.pages[0].chars
    marker = next(c for c in chars if c["text"] == "•")
    starts: dict[int, float] = {}
    for c in chars:
        if c["text"] != "•":
            line = round(c["top"])
            starts[line] = min(starts.get(line, 1e9), c["x0"])
    assert len(starts) == 2
    assert all(abs(x - (LEFT + 16)) < 0.5 for x in starts.values())
    assert marker["x1"] < LEFT + 16
