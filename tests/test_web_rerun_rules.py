"""Gone vs not named for web pages: the rule of files (``batch.plan``), applied to sitemaps.

A page is gone when the sitemap or feed that listed it is named again and no longer lists
it; the pages of an input this run does not name are kept (``--prune`` drops them), and
so are pages ``--include``/``--exclude`` leave out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench.web_bench import Page, Site, profile_page, urlset

from ikz_extract.batch import RunSettings, Summary, run_batch
from ikz_extract.options import Options
from ikz_extract.web.client import FetchSettings
from ikz_extract.web.step import WebInputs

FAST = Options(annotate=False)
LOCAL = FetchSettings(delay=0, timeout=2, backoff=0.01, allowed_networks=("127.0.0.0/8",))


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as server:
        for index in range(7):
            server.pages[f"/profile/{index:03d}.html"] = profile_page(index)
        yield server


def listing(site: Site, name: str, indexes: list[int]) -> str:
    """A sitemap at /``name`` listing the profiles ``indexes``; its URL."""
    pages = [profile(site, i) for i in indexes]
    site.pages[f"/{name}"] = Page(urlset(pages), content_type="application/xml")
    return site.url(f"/{name}")


def profile(site: Site, index: int) -> str:
    return site.url(f"/profile/{index:03d}.html")


def run(out: Path, *urls: str, prune: bool = False, **web: Any) -> Summary:
    """As ``ikz-extract run URL…`` does: the inputs named are the URLs given (no files)."""
    settings = RunSettings(workers=1, timeout=None, prune=prune)
    inputs = WebInputs(tuple(urls), LOCAL, **web)
    return run_batch([], out, FAST, settings=settings, names=[], web=inputs)


def urls_of(out: Path) -> set[str]:
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["source"]["url"] for line in lines}


def changes(out: Path) -> list[dict[str, Any]]:
    lines = (out / "changes.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_a_page_left_a_named_sitemap_is_gone_the_pages_of_one_not_named_stay(
    site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    a = listing(site, "a.xml", [0, 1, 2, 3])
    b = listing(site, "b.xml", [4, 5, 6])
    assert run(out, a, b).added == 7

    listing(site, "a.xml", [0, 1, 2])  # page 3 left sitemap a (it is still on the server)
    site.reset()
    summary = run(out, a)  # b is not named this week
    assert (summary.removed, summary.unchanged, summary.unnamed) == (1, 3, 3)
    (change,) = changes(out)
    assert (change["source"], change["change"]) == (profile(site, 3), "removed")
    assert urls_of(out) == {profile(site, i) for i in (0, 1, 2, 4, 5, 6)}
    # b's pages were not even asked for
    assert not [h for h in site.hits if h.path in ("/b.xml", "/profile/004.html")]

    summary = run(out, a, prune=True)  # --prune: what this run does not name goes
    assert (summary.removed, summary.unchanged) == (3, 3)
    assert urls_of(out) == {profile(site, i) for i in (0, 1, 2)}


def test_pages_left_out_by_include_exclude_are_not_named_so_they_stay(
    site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    a = listing(site, "a.xml", [0, 1, 2, 3])
    assert run(out, a).added == 4
    summary = run(out, a, exclude=("*/profile/001.html",))
    assert (summary.removed, summary.unchanged, summary.unnamed) == (0, 3, 1)
    assert profile(site, 1) in urls_of(out)
    summary = run(out, a, include=("*/profile/00[02].html",), prune=True)
    assert (summary.removed, summary.unchanged) == (2, 2)
    assert urls_of(out) == {profile(site, 0), profile(site, 2)}


def test_a_page_named_itself_is_kept_when_not_named_and_gone_on_404(
    site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run(out, profile(site, 0), profile(site, 1)).added == 2
    summary = run(out, profile(site, 0))
    assert (summary.unchanged, summary.unnamed, summary.removed) == (1, 1, 0)
    del site.pages["/profile/001.html"]
    summary = run(out, profile(site, 1))  # named again, answers 404: gone
    assert (summary.removed, summary.unnamed) == (1, 1)
    assert urls_of(out) == {profile(site, 0)}
