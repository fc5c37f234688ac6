"""The committed samples/ must be what scripts/make_samples.py makes from the seeds.

If someone edits a sample by hand, or the generator stops being deterministic, the
loader tests would silently run against documents nobody can regenerate.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pdfplumber
import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
VARIANTS = REPO / "tests" / "fixtures" / "variants"
SEEDS = REPO.parent / "shared" / "seeds"
PDF = SAMPLES / "003_strategische_ziele_kreis_coesfeld.pdf"
PRESS = SAMPLES / "004_pressemitteilung_zukunftsmesse.html"


def _need_seeds() -> None:
    """The seeds live outside the repo (../shared/seeds); without them nothing to compare."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} not present (../shared is not checked out here)")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the generator once into a temp dir, exactly as `make samples` would."""
    _need_seeds()
    out = tmp_path_factory.mktemp("regen")
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "make_samples.py"),
            "--seeds",
            str(SEEDS),
            "--out",
            str(out / "samples"),
            "--variants-out",
            str(out / "variants"),
        ],
        check=True,
        capture_output=True,
    )
    return out


def _pdf_producer(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return str(pdf.metadata.get("Producer", ""))


def test_seed_copies_are_byte_identical() -> None:
    _need_seeds()
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 5
    for seed in seeds:
        copy = SAMPLES / seed.name
        assert copy.is_file(), f"{copy} missing"
        assert copy.read_bytes() == seed.read_bytes(), f"{copy.name} differs from the seed"


def test_regenerating_reproduces_text_and_html(regenerated: Path) -> None:
    made = [p for p in sorted((regenerated / "samples").iterdir()) if p.suffix != ".pdf"]
    made += [p for p in sorted((regenerated / "variants").iterdir()) if p.suffix != ".pdf"]
    assert len(made) == 12
    for path in made:
        committed = (SAMPLES if path.parent.name == "samples" else VARIANTS) / path.name
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is stale"


def test_regenerating_reproduces_pdfs(regenerated: Path) -> None:
    # fpdf2 releases change PDF bytes; the committed files name the version that made them.
    made_by = _pdf_producer(PDF)
    installed = f"fpdf2 {version('fpdf2')}"
    if made_by != installed:
        pytest.skip(f"samples were made with {made_by!r}, installed is {installed!r}")
    pairs = [
        (regenerated / "samples" / PDF.name, PDF),
        (regenerated / "variants" / "strategy_variant.pdf", VARIANTS / "strategy_variant.pdf"),
    ]
    for fresh, committed in pairs:
        assert committed.read_bytes() == fresh.read_bytes(), f"{committed} is stale"


def test_strategy_pdf_is_a_long_hyphenated_brochure() -> None:
    with pdfplumber.open(PDF) as pdf:
        assert len(pdf.pages) >= 15
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert re.search(r"\bmen-\nschenwürdiges\b", text)
    assert re.search(r"IX\. Umwelt- und Ressourcenschutz \.+ 14", text)


def test_press_release_is_windows_1252() -> None:
    raw = PRESS.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    page = raw.decode("cp1252")
    assert '<meta charset="windows-1252">' in page
    assert "„Gemeinsam kommt man weiter“" in page
