"""Every warning kind the PDF path emits, checked on the real PDFs of ``../shared/data/pdf-dev``.

A warning is a claim to a person: each test states what the claim says and checks it
against the PDF itself (read with pdfplumber here, independently of the loader), or
checks that a layout which used to provoke a false claim provokes none. The PDFs are read
from ../shared, never copied into the repository.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pdfplumber

from ikz_extract.models import RecordBase, StrategyRecord
from tests.conftest import ROOT, extract_file

DEV = ROOT.parent / "shared" / "data" / "pdf-dev" / "pdf"


@cache
def record(name: str) -> RecordBase:
    return extract_file(DEV / name)


def _undecodable_on(path: Path, page: int) -> int:
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[page - 1].chars
    return sum(1 for c in chars if c["text"] == "\ufffd" or c["text"].startswith("(cid:"))


def test_undecodable_characters_are_named_with_their_true_count_and_page() -> None:
    for name in ("kreis_borken_bericht_ambulante_dienste_2004.pdf",
                 "nrw_dienstbesprechung_apo_bk_handout_2011.pdf"):  # fmt: skip
        claims = [w for w in record(name).warnings if "could not be decoded" in w]
        assert len(claims) == 1, name
        match = re.match(r"(\d+) character\(s\) .* on page\(s\) (\d+);", claims[0])
        assert match is not None
        count, page = int(match.group(1)), int(match.group(2))
        assert _undecodable_on(DEV / name, page) == count


def test_contents_and_body_that_agree_give_no_contents_warning() -> None:
    """Karlsruhe: ten dot-leader entries, every one a chapter on its page."""
    r = record("karlsruhe_klimaschutzkonzept_hf_c.pdf")
    assert isinstance(r, StrategyRecord)
    assert len(r.fields.inhaltsverzeichnis) == 10
    assert not [w for w in r.warnings if "table of contents" in w or "page" in w]


def test_contents_of_parts_only_do_not_miss_their_sub_chapters() -> None:
    """Borken's contents list the parts I.-III.; their numbered sub-chapters are fine."""
    r = record("kreis_borken_bericht_ambulante_dienste_2004.pdf")
    assert isinstance(r, StrategyRecord)
    assert r.fields.inhaltsverzeichnis
    assert not [w for w in r.warnings if "table of contents" in w]


def test_a_list_of_numbers_is_no_table_of_contents() -> None:
    """Langenfeld's grave list ("14 R⇥003⇥004") read as contents gave seven entries, 'missing
    chapters' for every notice and the strategy type."""
    r = record("langenfeld_amtsblatt_2010_01.pdf")
    assert r.record_type == "pdf_document"
    assert r.warnings == []


def test_the_dev_pdfs_warn_only_where_a_person_finds_the_claim_true() -> None:
    """Without the NER pass the PDF path claims only undecodable glyphs on this set."""
    kinds: list[str] = []
    for path in sorted(DEV.glob("*.pdf")):
        kinds += [re.sub(r"\d+", "N", w)[:40] for w in record(path.name).warnings]
    assert set(kinds) <= {"N character(s) could not be decoded (sho"}
    assert len(kinds) == 2


def test_both_backends_give_the_same_headings_on_the_dev_pdfs_without_tables() -> None:
    """pdfium finds no tables; elsewhere its headings equal pdfplumber's and its text
    differs in a few characters only (README: missing spaces, the ﬀ ligature, glyphs
    without a Unicode mapping)."""
    from collections import Counter

    from ikz_extract.loaders.pdf import load_pdf

    for path in sorted(DEV.glob("*.pdf")):
        plumber = load_pdf(path.read_bytes())
        if any(b.group == "table" for b in plumber.blocks):
            continue
        pdfium = load_pdf(path.read_bytes(), backend="pdfium")
        assert [(b.text, b.page, b.level) for b in pdfium.blocks if b.kind == "heading"] == [
            (b.text, b.page, b.level) for b in plumber.blocks if b.kind == "heading"
        ], path.name
        undecodable = {"\ufffd", *map(chr, range(1, 9))}  # each backend shows them its way
        ours, theirs = Counter(plumber.text), Counter(pdfium.text)
        differ = (ours - theirs) + (theirs - ours)
        for glyph in undecodable:
            differ.pop(glyph, None)
        assert sum(differ.values()) <= 8, path.name
