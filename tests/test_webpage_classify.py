"""Record type from content (issue 4.5) for press releases and web pages: every seed and
sample, in every rendition, lands where a person reading it would put it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikz_extract.loaders import load
from ikz_extract.parsers.classify import classify
from tests.conftest import FIXTURES, SAMPLES, SEEDS, extract_file

VARIANTS = FIXTURES / "variants"
PRESS = [
    SEEDS / "004_5cf8645511e83c44.txt",
    SAMPLES / "004_pressemitteilung_zukunftsmesse.html",
    VARIANTS / "press_variant.html",
]
WEB = [
    SEEDS / "001_b1964a88d20788ce.txt",
    SAMPLES / "001_stadtregion_muenster.html",
    VARIANTS / "webpage_variant.html",
]
# Neither type may claim these: the IKZ profiles and the strategy document.
OTHERS = [
    SEEDS / "000_96834933350ee318.txt",
    SAMPLES / "000_profile_regionalentwicklung.html",
    SEEDS / "002_e904c1fb7a28568a.txt",
    SAMPLES / "002_profile_klimakreis_borken.html",
    VARIANTS / "profile_variant.html",
    SEEDS / "003_ad2c3ff7510822b0.txt",
]


def classified(path: Path) -> tuple[str, float, list[str]]:
    if not path.exists():
        pytest.fail(f"missing: {path} (run `make samples`)")
    result = classify(load(path.read_bytes()))
    return result.record_type, result.confidence, result.reasons


@pytest.mark.parametrize("path", PRESS, ids=lambda p: p.name)
def test_press_releases_are_claimed_by_press(path: Path) -> None:
    record_type, confidence, reasons = classified(path)
    assert record_type == "press_release"
    assert confidence >= 0.75
    assert any(r.startswith("dateline") for r in reasons)


@pytest.mark.parametrize("path", WEB, ids=lambda p: p.name)
def test_organisation_pages_are_web_pages(path: Path) -> None:
    record_type, _, reasons = classified(path)
    assert record_type == "web_page"
    assert "enumerates member municipalities" in reasons


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_profiles_and_strategy_are_not_claimed(path: Path) -> None:
    record_type, _, _ = classified(path)
    assert record_type not in ("press_release", "web_page")


def test_file_name_does_not_decide(tmp_path: Path) -> None:
    """A press release saved under a web-page name and extension is still a press release."""
    misleading = tmp_path / "stadtregion_organisation_webseite.txt"
    misleading.write_bytes(PRESS[1].read_bytes())
    assert extract_file(misleading).record_type == "press_release"
