"""How cheap is the HTML path? Ratios measured in one run, never a pass/fail.

Compares ``load_html`` with a bare ``BeautifulSoup(html, "lxml")`` on a ~15 KB profile page
(sample 000 with its own prose repeated), shows what the trafilatura reference costs, and
the end-to-end pipeline rate on the profile samples.

    .venv/bin/python bench/html_eval/speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import trafilatura
from bs4 import BeautifulSoup

from ikz_extract.discover import SourceFile
from ikz_extract.loaders.html import load_html
from ikz_extract.pipeline import Options, extract

ROOT = Path(__file__).resolve().parents[2]
PROFILES = [
    ROOT / "samples" / "000_profile_regionalentwicklung.html",
    ROOT / "samples" / "002_profile_klimakreis_borken.html",
]


def page_of_size(path: Path, size: int = 15_000) -> bytes:
    """The profile page with its own paragraphs repeated until it is ``size`` bytes."""
    html = path.read_text(encoding="utf-8")
    paragraphs = re.findall(r"<p>[^<]{80,}</p>", html)
    extra = ""
    while len((html + extra).encode()) < size and paragraphs:
        extra += paragraphs[len(extra) % len(paragraphs)]
    return html.replace("</article>", extra + "</article>", 1).encode()


def best_ms(work: Callable[[], object], rounds: int, repeat: int = 20) -> float:
    """Best of ``rounds`` runs of ``repeat`` calls: the least disturbed by other processes."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            work()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    data = page_of_size(PROFILES[0])
    text = data.decode("utf-8")
    bs4 = best_ms(lambda: BeautifulSoup(text, "lxml"), args.rounds)
    ours = best_ms(lambda: load_html(data), args.rounds)
    own = best_ms(lambda: load_html(data, reference=False), args.rounds)
    traf = best_ms(
        lambda: trafilatura.extract(text, include_comments=False, include_tables=True),
        args.rounds,
    )
    print(f"page: {len(data)} bytes")
    print(f"BeautifulSoup(html, 'lxml')           {bs4:7.2f} ms   1.00x")
    print(f"load_html (with trafilatura reference) {ours:7.2f} ms   {ours / bs4:.2f}x")
    print(f"load_html (own choice only)            {own:7.2f} ms   {own / bs4:.2f}x")
    print(f"trafilatura.extract alone              {traf:7.2f} ms   {traf / bs4:.2f}x")
    for annotate in (False, True):
        for path in PROFILES:
            run = partial(
                extract, SourceFile(path, path.name), path.read_bytes(), Options(annotate)
            )
            ms = best_ms(run, args.rounds, repeat=10)
            print(f"end to end, annotate={annotate!s:5} {path.name:38} {1000 / ms:6.0f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
