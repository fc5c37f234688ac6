"""The HTML path stays linear in page size (bench/html_scaling.py has the times).

No test here takes a time: the lookups of candidate blocks in trafilatura's text count the
work they do (places checked, characters scanned), and that work must grow with the page,
not with its square. The word index must answer exactly what a scan answers, and the
limits that remain (tags, main text) cut with a warning.
"""

from __future__ import annotations

import pytest
from bench.html_scaling import build_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikz_extract.loaders import html_match, html_select
from ikz_extract.loaders.html import load_html
from ikz_extract.loaders.html_match import ReferenceIndex, scan_find
from ikz_extract.loaders.html_walk import Candidate
from ikz_extract.loaders.limits import cap_html

# ------------------------------------------------------------------ exact like a scan

# Few distinct pieces: words repeat, occur inside longer words ("ab" in "ab-ba"), next to
# invisible and typographic characters, so every rule of ``bounded`` gets exercised.
_PIECES = ["a", "b", "ab", "ba", "-", "_", " ", " ", ".", "ä", "1", "x-y", "Straße", "\u00ad"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@pytest.fixture(params=["defaults", "spans everywhere", "scans everywhere"])
def index_settings(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the property tests through every lookup path: word, span, and plain scan."""
    if request.param == "spans everywhere":  # every word common, never a scan
        monkeypatch.setattr(html_match, "_COMMON", 0)
        monkeypatch.setattr(html_match, "_SPAN", 3)
        monkeypatch.setattr(html_match, "_SCAN_RATIO", 0)
    elif request.param == "scans everywhere":  # a scan wherever the word occurs
        monkeypatch.setattr(html_match, "_SCAN_RATIO", 10**9)
    return str(request.param)


# The fixture only sets module constants, the same for every example.
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ref=_TEXT, needle=_TEXT, cut=st.tuples(st.integers(0, 50), st.integers(0, 50)))
def test_index_finds_what_a_scan_finds(
    index_settings: str, ref: str, needle: str, cut: tuple[int, int]
) -> None:
    index = ReferenceIndex(ref)
    needles = [needle or "a", ref[cut[0] : cut[0] + cut[1] // 4 + 1] or "a"]
    for s in needles:
        for start, end in [(0, len(ref)), (min(cut), max(cut)), cut]:
            assert index.find(s, start, end) == scan_find(ref, s, start, end), (s, start, end)
        assert index.contains(s) == (s in ref), s


class _ScanningIndex(ReferenceIndex):
    """The lookups as they were: one scan of the reference text per block."""

    def find(self, s: str, start: int, end: int) -> int:
        return scan_find(self.ref, s, start, end)

    def contains(self, s: str) -> bool:
        return s in self.ref


def _alignments(monkeypatch: pytest.MonkeyPatch, page: bytes) -> list[list[bool]]:
    """What ``_aligned`` keeps on ``page``: with the word index, then with scans."""
    seen: list[list[bool]] = []
    aligned = html_select._aligned

    def spy(cands: list[Candidate], ref: str) -> list[bool]:
        keep = aligned(cands, ref)
        seen.append(keep)
        return keep

    monkeypatch.setattr(html_select, "_aligned", spy)
    for index in (ReferenceIndex, _ScanningIndex):
        monkeypatch.setattr(html_select, "ReferenceIndex", index)
        load_html(page)
    return seen


@pytest.mark.parametrize("small", [False, True], ids=["realistic words", "120 words"])
def test_alignment_is_the_one_a_scan_gives(monkeypatch: pytest.MonkeyPatch, small: bool) -> None:
    by_index, by_scan = _alignments(monkeypatch, build_page(150_000, seed=7, small=small))
    assert by_index == by_scan and sum(by_index) > 100


# ------------------------------------------------------------------ linear work


def _lookup_work(monkeypatch: pytest.MonkeyPatch, size: int, small: bool) -> tuple[float, int]:
    """(lookup work, words in the reference) of the page of ``size`` bytes."""
    made: list[ReferenceIndex] = []

    class Counting(ReferenceIndex):
        def __init__(self, ref: str) -> None:
            super().__init__(ref)
            made.append(self)

    monkeypatch.setattr(html_select, "ReferenceIndex", Counting)
    load_html(build_page(size, small=small))
    (index,) = made
    work = index.probes + index.scanned / html_match._SCAN_RATIO
    return work, sum(len(places) for places in index.words.values())


@pytest.mark.parametrize("small", [False, True], ids=["realistic words", "120 words"])
def test_lookup_work_grows_linearly_with_the_page(
    monkeypatch: pytest.MonkeyPatch, small: bool
) -> None:
    """One scan per block made the work quadratic: four times the page, sixteen times the
    characters scanned. Now every lookup checks a handful of places."""
    work, words = _lookup_work(monkeypatch, 150_000, small)
    work4, words4 = _lookup_work(monkeypatch, 600_000, small)
    assert words4 > 3.5 * words
    assert work4 <= 6 * max(work, 100)  # linear: about 4; one scan per block: about 16
    assert work4 <= 0.5 * words4  # less than a check per two words of the reference


# ------------------------------------------------------------------ what stays limited


def test_a_page_of_tiny_elements_is_cut_by_its_tags() -> None:
    rows = b"<tr><td>1</td><td>2</td></tr>" * 20_000  # 120 000 tags in 600 kB
    page = b"<html><body><table>" + rows + b"</table></body></html>"
    kept, warnings = cap_html(page, limit=10_000_000, max_tags=60_000)
    assert kept.count(b"<") == 60_000 and page.startswith(kept)
    assert page[len(kept) :].startswith(b"<")
    assert len(warnings) == 1 and "(60,000 tags)" in warnings[0]
    assert cap_html(page, limit=10_000_000, max_tags=120_006) == (page, [])
