"""Main content on real pages: ikz-extract's record text against ``trafilatura.extract()``.

Reads ``../shared/data/maintext-dev`` (real German pages with gold snippets) and scores both
tools in one run the way trafilatura's own evaluation does: each ``with`` snippet found in
the extracted text is a true positive, each one missing a false negative, each ``without``
snippet found a false positive; text and snippets are compared with whitespace collapsed
and soft hyphens removed; precision, recall and F1 over all snippets of all pages.

*Record text* is what a user of a record reads: the title, then every section's heading and
text, in order (``record_text``). It also prints how many records have no section text at
all, and the HTML loader's time against ``trafilatura.extract()`` on the same bytes.

    .venv/bin/python scripts/eval_maintext.py [--data DIR] [--limit N] [--dump FILE]

``--dump`` writes one JSON line per page (scores, missed and leaked snippets, both texts)
for error analysis.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

import trafilatura

from ikz_extract.discover import SourceFile
from ikz_extract.loaders.html import load_html
from ikz_extract.models import RecordBase
from ikz_extract.nlp.evaluate import Counts
from ikz_extract.options import Options
from ikz_extract.pipeline import extract_or_error

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "maintext-dev"

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def line(name: str, counts: Counts) -> str:
    return (
        f"{name:<14} precision {counts.precision:.3f}  recall {counts.recall:.3f}"
        f"  F1 {counts.f1:.3f}  (tp {counts.tp}, fn {counts.fn}, fp {counts.fp})"
    )


def flat(text: str) -> str:
    """As trafilatura's evaluation compares: soft hyphens gone, whitespace collapsed."""
    return " ".join(text.replace("\u00ad", "").split())


def score(text: str, with_: list[str], without: list[str]) -> tuple[Counts, list[str], list[str]]:
    """Counts, the ``with`` snippets missed and the ``without`` snippets leaked."""
    hay = flat(text)
    missed = [s for s in with_ if flat(s) not in hay]
    leaked = [s for s in without if flat(s) in hay]
    return Counts(tp=len(with_) - len(missed), fn=len(missed), fp=len(leaked)), missed, leaked


def record_text(record: RecordBase) -> str:
    """The title, then each section's heading and text: what a record gives its reader."""
    parts = [record.title or ""]
    for section in record.sections:
        parts += [section.heading or "", section.text]
    return "\n".join(p for p in parts if p)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--dump", type=Path, default=None, help="per-page JSON lines")
    args = ap.parse_args()
    gold: dict[str, dict[str, object]] = json.loads((args.data / "gold.json").read_text("utf-8"))
    items = sorted(gold.items(), key=lambda kv: str(kv[1]["file"]))[: args.limit]
    options = Options(annotate=False)
    ours, theirs = Counts(), Counts()
    empty = 0
    t_loader = t_traf = 0.0
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for url, entry in items:
        path = args.data / "html" / str(entry["file"])
        data = path.read_bytes()
        with_ = [str(s) for s in entry.get("with", [])]  # type: ignore[attr-defined]
        without = [str(s) for s in entry.get("without", [])]  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        ref = trafilatura.extract(data, include_comments=False, include_tables=True) or ""
        t1 = time.perf_counter()
        load_html(data)
        t2 = time.perf_counter()
        t_traf += t1 - t0
        t_loader += t2 - t1
        record = extract_or_error(SourceFile(path, path.name), options)
        text = record_text(record) if isinstance(record, RecordBase) else ""
        if not isinstance(record, RecordBase) or not any(s.text for s in record.sections):
            empty += 1  # an error line, or a record with a title at most
        mine, missed, leaked = score(text, with_, without)
        base, _, _ = score(ref, with_, without)
        ours.add(mine)
        theirs.add(base)
        if dump is not None:
            row = {
                "file": entry["file"],
                "url": url,
                "record_type": getattr(record, "record_type", "error"),
                "ours": [mine.tp, mine.fn, mine.fp],
                "trafilatura": [base.tp, base.fn, base.fp],
                "missed": missed,
                "leaked": leaked,
                "text": text,
                "reference": ref,
            }
            dump.write(json.dumps(row, ensure_ascii=False) + "\n")
    if dump is not None:
        dump.close()
    print(f"maintext-dev: {len(items)} pages")
    print(line("ikz-extract", ours))
    print(line("trafilatura", theirs))
    print(f"records with empty text: {empty} of {len(items)}")
    ratio = t_loader / t_traf if t_traf else 0.0
    print(
        f"HTML loader {t_loader:.1f} s, trafilatura.extract() {t_traf:.1f} s:"
        f" loader/trafilatura = {ratio:.2f}"
    )


if __name__ == "__main__":
    main()
