"""Text/Markdown dumps are valid inputs as they are."""

from __future__ import annotations

from ikz_extract.loaders import load
from tests.conftest import SAMPLES


def test_markdown_dump_headings_and_superscript() -> None:
    doc = load((SAMPLES / "000_96834933350ee318.txt").read_bytes())
    assert doc.media_type == "text/markdown"
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings[0] == "Informelle Regionalentwicklung im Münsterland"
    assert "Anlass:" in headings and "Finanzierung:" in headings  # "## Anlass:" and "**…**"
    assert "1.420,98 km²" in doc.text  # km<sup>2</sup>
    assert "---" not in doc.text


def test_plain_dump_one_line_per_paragraph() -> None:
    doc = load((SAMPLES / "001_b1964a88d20788ce.txt").read_bytes())
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    for heading in (
        "Die Räte in der Stadtregion",
        "Bürgermeisterrunde und Lenkungskreis",
        "Ansprechpartnerrunde",
        "Geschäftsstelle Stadtregion",
    ):
        assert heading in headings
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == [
        "Bürgermeister Jörn Möltgen, Havixbeck",
        "Bürgermeisterin Katrin Reuscher, Sendenhorst",
        "Stadtbaurat Robin Denstorff, Münster",
    ]


def test_markdown_links_and_autolinks() -> None:
    doc = load(b"Links:\n\n[Portal](https://example.org/a)\n\n<https://example.org/b.pdf>\n")
    urls = [link.url for b in doc.blocks for link in b.links]
    assert urls == ["https://example.org/a", "https://example.org/b.pdf"]
    assert "](" not in doc.text and "<https" not in doc.text
