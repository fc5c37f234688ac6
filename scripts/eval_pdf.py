"""PDF structure on real documents: ikz-extract's records beside pymupdf4llm, in one run.

Reads ``../shared/data/pdf-dev`` (12 real German public-body PDFs with gold headings,
furniture patterns and table counts) and scores, per PDF and in total, as its README says:

- headings: the record's sections with a heading (text, page, level) against the gold;
  a gold heading is found when a detection on the same page holds ≥ 60 % of its words
  (one-to-one, greedy by coverage). Recall, false headings (share of detections matching
  nothing), level accuracy (raw, and after the best constant offset per document — the
  README's allowance for parsers without a title level; pymupdf4llm has none);
- split words: hyphenated word halves left in the running text ("ei- ner"), outside
  tables, per 100 line-end hyphens of the PDF (pdfplumber lines ending "x-" before a
  line that goes on in lower case, outside pdfplumber's table boxes);
- furniture: output lines matching a gold furniture pattern, beyond the times the
  pattern legitimately occurs (in a gold heading, or in the page body outside the top
  and bottom 12 %);
- tables: tables emitted (our ``tabellen``; pymupdf4llm's Markdown tables) against the
  gold count; "found" is capped at the gold count.

pymupdf4llm (AGPL) is a dev dependency only, imported here and nowhere in ``src/``.

Usage: ``.venv/bin/python scripts/eval_pdf.py [--data DIR] [--only NAME] [--no-peer]
[--backend pdfplumber|pdfium] [--show NAME]``.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "pdf-dev"
_BAND = 0.12
_SUSPENDED = {"und", "oder", "bzw", "sowie", "beziehungsweise", "als", "wie", "bis", "u"}
# A word split at a line end goes on in lower case ("ei- ner"); "Kurt- Georg-…" is printed so.
_SPLIT = re.compile(r"\b([^\W\d_]{2,})[-\u00ad]\s+([^\W\d_A-ZÄÖÜ][^\W\d_]+)\b")


@dataclass(slots=True)
class Heading:
    text: str
    level: int | None
    page: int


@dataclass(slots=True)
class Output:
    """What a parser gave for one PDF, in the terms the scoring needs."""

    headings: list[Heading]
    running_text: str  # outside tables
    lines: list[str]  # every output line, for furniture
    tables: int


@dataclass(slots=True)
class Score:
    gold: int = 0
    detected: int = 0
    matched: int = 0
    level_raw: int = 0
    level_offset: int = 0
    long_matches: int = 0  # detection > 3x the gold's words: a paragraph swallowed
    splits: int = 0
    hyphens: int = 0
    furniture: int = 0
    tables_gold: int = 0
    tables_out: int = 0
    tables_found: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "gold detected matched level_raw level_offset long_matches splits hyphens "
            "furniture tables_gold tables_out tables_found"
        ).split():
            setattr(self, name, getattr(self, name) + getattr(other, name))


def toks(s: str) -> list[str]:
    s = unicodedata.normalize("NFKC", s).replace("\u00ad", "").lower()
    return re.findall(r"[\w§]+", s)


def match(
    gold: list[dict[str, Any]], det: list[Heading], thr: float = 0.6
) -> list[tuple[int, int]]:
    """The pdf-dev README's matcher, verbatim in substance."""
    cand = []
    for gi, g in enumerate(gold):
        gc = collections.Counter(toks(g["text"]))
        n = sum(gc.values()) or 1
        for di, d in enumerate(det):
            if d.page != g["page"]:
                continue
            dc = collections.Counter(toks(d.text))
            cov = sum(min(c, dc[w]) for w, c in gc.items()) / n
            if cov >= thr:
                cand.append((cov, -abs(sum(dc.values()) - n), gi, di))
    used_g: set[int] = set()
    used_d: set[int] = set()
    pairs = []
    for _, _, gi, di in sorted(cand, reverse=True):
        if gi not in used_g and di not in used_d:
            used_g.add(gi)
            used_d.add(di)
            pairs.append((gi, di))
    return pairs


# --------------------------------------------------------------------------- parsers


def ours(path: Path, backend: str) -> tuple[Output, Any]:
    from ikz_extract.discover import SourceFile
    from ikz_extract.options import Options
    from ikz_extract.pipeline import extract

    options = Options(annotate=False, pdf_backend=backend)  # type: ignore[arg-type]
    result = extract(SourceFile(path, path.name), path.read_bytes(), options)
    record = result.record
    doc = result.document
    heads = [
        Heading(s.heading, getattr(s, "level", None), s.page or 0)
        for s in record.sections
        if s.heading and s.page
    ]
    table_spans = [(b.start, b.end) for b in doc.blocks if b.kind == "table" and b.group != "toc"]

    def outside_tables(start: int, end: int) -> str:
        text = doc.text[start:end]
        for a, b in table_spans:
            if a >= start and b <= end:
                text = text.replace(doc.text[a:b], " ")
        return text

    running = "\n\n".join(outside_tables(*s.span) for s in record.sections)
    lines: list[str] = []
    for s in record.sections:
        for chunk in [s.heading or "", s.text]:
            lines.extend(part for line in chunk.split("\n") for part in line.split("\t"))
    tabellen = getattr(record.fields, "tabellen", None)
    if tabellen is None:
        tabellen = getattr(record, "tabellen", None)
    tables = len(tabellen) if tabellen is not None else len(table_spans)
    return Output(heads, running, lines, tables), result


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_MARKUP = re.compile(r"[*_`]+|<[^>]+>")


def peer(path: Path) -> Output:
    import pymupdf4llm

    chunks = pymupdf4llm.to_markdown(str(path), page_chunks=True, show_progress=False)
    heads: list[Heading] = []
    running: list[str] = []
    lines: list[str] = []
    tables = 0
    for chunk in chunks:
        page = int(chunk["metadata"].get("page_number") or chunk["metadata"].get("page") or 0)
        in_table = False
        for raw in str(chunk["text"]).splitlines():
            line = raw.strip()
            is_row = line.startswith("|")
            if is_row and not in_table:
                tables += 1
            in_table = is_row
            clean = _MD_MARKUP.sub("", line).strip()
            m = _MD_HEADING.match(clean)
            if m:
                heads.append(Heading(m.group(2).strip(), len(m.group(1)), page))
                clean = m.group(2)
            if is_row:
                lines.extend(c.strip() for c in clean.strip("|").split("|"))
            else:
                lines.append(clean)
                running.append(clean)
    return Output(heads, "\n".join(running), lines, tables)


# --------------------------------------------------------------------------- PDF facts


@dataclass(slots=True)
class Facts:
    hyphens: int  # line-end hyphens of split words, outside table boxes
    body_lines: list[str]  # lines in the page body (not the top or bottom band)


def pdf_facts(path: Path) -> Facts:
    import pdfplumber

    hyphens = 0
    body: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            boxes = [t.bbox for t in page.find_tables()]

            def in_table(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            text_lines = page.extract_text_lines()
            for a, b in pairwise(text_lines):
                left, right = a["text"].rstrip(), b["text"].lstrip()
                if (
                    len(left) >= 2
                    and left[-1] in "-\u00ad"
                    and left[-2].isalpha()
                    and right[:1].islower()
                    and not in_table(a)
                ):
                    hyphens += 1
            for line in text_lines:
                if _BAND * page.height < line["top"] < (1 - _BAND) * page.height:
                    body.append(line["text"].strip())
    return Facts(hyphens, body)


def split_words(text: str) -> int:
    return sum(1 for m in _SPLIT.finditer(text) if m.group(2).lower() not in _SUSPENDED)


def furniture(lines: Iterable[str], gold: dict[str, Any], facts: Facts) -> int:
    out = [line.strip() for line in lines if line.strip()]
    left = 0
    heading_lines = [h["text"] for h in gold["headings"]]
    for pattern in gold["furniture_regexes"]:
        rx = re.compile(pattern)
        allowed = sum(1 for t in heading_lines if rx.search(t.strip()))
        allowed += sum(1 for t in facts.body_lines if rx.search(t))
        found = sum(1 for t in out if rx.search(t))
        left += max(0, found - allowed)
    return left


def score(gold: dict[str, Any], out: Output, facts: Facts) -> Score:
    s = Score(gold=len(gold["headings"]), detected=len(out.headings))
    pairs = match(gold["headings"], out.headings)
    s.matched = len(pairs)
    offsets = collections.Counter(
        (gold["headings"][g]["level"] - out.headings[d].level)
        for g, d in pairs
        if out.headings[d].level is not None
    )
    best = offsets.most_common(1)[0][0] if offsets else 0
    for g, d in pairs:
        level = out.headings[d].level
        s.level_raw += level == gold["headings"][g]["level"]
        s.level_offset += level is not None and level + best == gold["headings"][g]["level"]
        if len(toks(out.headings[d].text)) > 3 * max(1, len(toks(gold["headings"][g]["text"]))):
            s.long_matches += 1
    hit_g = {g for g, _ in pairs}
    hit_d = {d for _, d in pairs}
    s.misses = [
        f"p{h['page']} L{h['level']} {h['text']}"
        for i, h in enumerate(gold["headings"])
        if i not in hit_g
    ]
    s.false = [
        f"p{h.page} L{h.level} {h.text[:90]}" for i, h in enumerate(out.headings) if i not in hit_d
    ]
    s.splits = split_words(out.running_text)
    s.hyphens = facts.hyphens
    s.furniture = furniture(out.lines, gold, facts)
    s.tables_gold = gold["tables"]
    s.tables_out = out.tables
    s.tables_found = min(out.tables, gold["tables"])
    return s


# --------------------------------------------------------------------------- report


def _row(name: str, s: Score) -> str:
    rec = s.matched / s.gold if s.gold else 1.0
    false = (s.detected - s.matched) / s.detected if s.detected else 0.0
    lev = s.level_raw / s.matched if s.matched else 0.0
    off = s.level_offset / s.matched if s.matched else 0.0
    split = 100 * s.splits / s.hyphens if s.hyphens else float(s.splits)
    return (
        f"{name:<44} {s.matched:>3}/{s.gold:<3} {rec:>5.2f} {s.detected:>4} {false:>6.0%} "
        f"{lev:>5.2f} {off:>5.2f} {s.long_matches:>4} {s.splits:>3}/{s.hyphens:<4}{split:>5.1f} "
        f"{s.furniture:>4} {s.tables_found:>2}/{s.tables_gold:<2}({s.tables_out:>3})"
    )


HEADER = (
    f"{'file':<44} {'found':>7} {'rec':>5} {'det':>4} {'false':>6} {'lvl':>5} {'lvl±':>5} "
    f"{'long':>4} {'split/hyph':>9} {'/100':>4} {'furn':>4} {'tables':>10}"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--only", default=None, help="only files whose name contains this")
    ap.add_argument("--no-peer", action="store_true", help="skip pymupdf4llm")
    ap.add_argument("--backend", default="pdfplumber", choices=["pdfplumber", "pdfium"])
    ap.add_argument("--show", default=None, help="list misses and false headings of files")
    args = ap.parse_args(argv)
    golds = [json.loads(line) for line in (args.data / "gold.jsonl").open(encoding="utf-8")]
    if args.only:
        golds = [g for g in golds if args.only in g["file"]]
    totals = {"ikz-extract": Score(), "pymupdf4llm": Score()}
    rows: dict[str, list[str]] = {"ikz-extract": [], "pymupdf4llm": []}
    for gold in golds:
        path = args.data / "pdf" / gold["file"]
        facts = pdf_facts(path)
        out, result = ours(path, args.backend)
        ours_score = score(gold, out, facts)
        totals["ikz-extract"].add(ours_score)
        name = f"{gold['file'][:34]} [{result.record.record_type[:8]}]"
        rows["ikz-extract"].append(_row(name, ours_score))
        if args.show and args.show in gold["file"]:
            print(f"== {gold['file']}: misses", *ours_score.misses, sep="\n  ")
            print("   false headings", *ours_score.false, sep="\n  ")
        if not args.no_peer:
            peer_score = score(gold, peer(path), facts)
            totals["pymupdf4llm"].add(peer_score)
            rows["pymupdf4llm"].append(_row(gold["file"][:44], peer_score))
    for name, lines in rows.items():
        if not lines:
            continue
        print(f"\n{name}  ({args.backend if name == 'ikz-extract' else 'to_markdown'})")
        print(HEADER)
        print(*lines, sep="\n")
        print(_row("TOTAL", totals[name]))
    print(
        "\nfound = gold headings matched; false = share of detections matching no gold; "
        "lvl = level accuracy, lvl± after the best constant offset per file; long = matches "
        "with > 3x the gold's words; split/hyph = split words left outside tables / line-end "
        "hyphens, /100 per 100 hyphens; furn = furniture lines left; tables = found/gold "
        "(emitted). Targets: recall ≥ 0.90, false ≤ 10 %, level ≥ 0.90, furniture 0, "
        "split ≤ 1/100, every table."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
