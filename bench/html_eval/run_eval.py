"""Main-content evaluation: our HTML loader against trafilatura, snippet by snippet.

Like trafilatura's own benchmark: every page in ``pages/`` has a sidecar ``.json`` with
snippets that must appear in the extracted text (``with``) and snippets that must not
(``without``). A snippet counts as found when it is a substring of the text. Precision,
recall and F1 are computed over all snippets of all pages (micro average), and per page.

    .venv/bin/python bench/html_eval/run_eval.py [--pages DIR] [--only NAME] [--show NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from ikz_extract.loaders.html import load_html

PAGES = Path(__file__).resolve().parent / "pages"
Extractor = Callable[[bytes], str]


@dataclass(slots=True)
class Page:
    name: str
    html: bytes
    with_: list[str]
    without: list[str]


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Result:
    total: Counts = field(default_factory=Counts)
    pages: dict[str, Counts] = field(default_factory=dict)
    seconds: float = 0.0
    misses: dict[str, list[str]] = field(default_factory=dict)


def _trafilatura(**options: bool) -> Extractor:
    def extract(data: bytes) -> str:
        text = trafilatura.extract(data, include_comments=False, include_tables=True, **options)
        return text or ""

    return extract


EXTRACTORS: dict[str, Extractor] = {
    "ikz": lambda data: load_html(data).text,
    "ikz (own choice only)": lambda data: load_html(data, reference=False).text,
    "trafilatura": _trafilatura(),
    "trafilatura precision": _trafilatura(favor_precision=True),
    "trafilatura recall": _trafilatura(favor_recall=True),
}


def load_pages(folder: Path = PAGES) -> list[Page]:
    pages = []
    for path in sorted(folder.glob("*.html")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        pages.append(Page(path.stem, path.read_bytes(), gold["with"], gold["without"]))
    return pages


def score(text: str, page: Page) -> tuple[Counts, list[str]]:
    counts = Counts()
    misses = []
    for snippet in page.with_:
        if snippet in text:
            counts.tp += 1
        else:
            counts.fn += 1
            misses.append(f"missing: {snippet}")
    for snippet in page.without:
        if snippet in text:
            counts.fp += 1
            misses.append(f"leaked:  {snippet}")
        else:
            counts.tn += 1
    return counts, misses


def evaluate(pages: list[Page], extractors: dict[str, Extractor]) -> dict[str, Result]:
    results: dict[str, Result] = {}
    for name, extractor in extractors.items():
        result = Result()
        for page in pages:
            start = time.perf_counter()
            text = extractor(page.html)
            result.seconds += time.perf_counter() - start
            counts, misses = score(text, page)
            result.pages[page.name] = counts
            result.total.add(counts)
            if misses:
                result.misses[page.name] = misses
        results[name] = result
    return results


def report(results: dict[str, Result], pages: list[Page]) -> str:
    names = list(results)
    short = [n.replace("trafilatura", "traf.")[:12] for n in names]
    lines = ["per page F1", f"{'page':34}" + "".join(f"{s:>13}" for s in short)]
    for page in pages:
        row = "".join(f"{results[n].pages[page.name].f1:>13.2f}" for n in names)
        lines.append(f"{page.name[:34]:34}{row}")
    lines.append("")
    lines.append(f"{'overall':28}{'P':>8}{'R':>8}{'F1':>8}{'ms/page':>10}")
    for n in names:
        t = results[n].total
        ms = results[n].seconds / max(1, len(pages)) * 1000
        lines.append(f"{n:28}{t.precision:>8.3f}{t.recall:>8.3f}{t.f1:>8.3f}{ms:>10.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--only", help="evaluate pages whose name contains this")
    parser.add_argument("--misses", action="store_true", help="list missed/leaked snippets")
    parser.add_argument("--show", help="print our extracted text of this page")
    args = parser.parse_args(argv)
    pages = load_pages(args.pages)
    if args.only:
        pages = [p for p in pages if args.only in p.name]
    if args.show:
        page = next(p for p in pages if args.show in p.name)
        for name, extractor in EXTRACTORS.items():
            print(f"===== {name}\n{extractor(page.html)}\n")
        return 0
    results = evaluate(pages, EXTRACTORS)
    print(report(results, pages))
    if args.misses:
        for n, result in results.items():
            print(f"\n== {n}")
            for page_name, misses in result.misses.items():
                for miss in misses:
                    print(f"  {page_name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
