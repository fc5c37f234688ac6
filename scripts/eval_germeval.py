"""GermEval 2014 baseline: strict span P/R/F1 for PER and LOC on the outer layer.

Our PERSON is scored as PER; MUNICIPALITY, DISTRICT and GOV_REGION as LOC. GermEval has no
dates, counts foreign places, countries, rivers and regions as LOC, and tags derived
adjectives (LOCderiv) and parts (LOCpart) separately, so this is a baseline for the
recognisers, not a measure of the linked output (see docs/ner.md).

Each sentence is one document: its tokens are joined with single spaces and annotated; a
predicted entity counts when its characters start and end exactly on GermEval token
boundaries and its label and tokens equal a gold entity's.

Then the seeds' gold (``tests/gold/seeds.gold.jsonl``, the samples 000-004 extracted through
the whole pipeline): span and linked F1 per label, as ``tests/test_records_ner.py`` asserts.

Usage: ``.venv/bin/python scripts/eval_germeval.py [TSV] [--limit N] [--no-seeds]``
(``make eval-ner``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ikz_extract.discover import SourceFile
from ikz_extract.nlp import Annotator, TextUnit
from ikz_extract.nlp.evaluate import Counts, evaluate, per_label_f1
from ikz_extract.nlp.resources import load_gazetteer
from ikz_extract.options import Options
from ikz_extract.pipeline import extract
from ikz_extract.store import atomic_write_lines

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TSV = ROOT.parent / "shared" / "data" / "germeval2014" / "NER-de-test.tsv"
SEEDS_GOLD = ROOT / "tests" / "gold" / "seeds.gold.jsonl"
LABEL_MAP = {"PERSON": "PER", "MUNICIPALITY": "LOC", "DISTRICT": "LOC", "GOV_REGION": "LOC"}


def sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    """(token, outer tag) per sentence."""
    sent: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            parts = line.split("\t")
            sent.append((parts[1], parts[2]))
    if sent:
        yield sent


def gold_spans(tags: list[str]) -> set[tuple[str, int, int]]:
    """(label, first token, last token + 1) for maximal B/I runs of PER and LOC."""
    out: set[tuple[str, int, int]] = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
        if start >= 0 and (tag.startswith("B-") or kind != label):
            if label in ("PER", "LOC"):
                out.add((label, start, i))
            start, label = -1, ""
        if tag.startswith("B-") or (kind and start < 0):
            start, label = i, kind
    return out


def seeds_report() -> None:
    """Span and linked F1 per label on the seeds' gold, through the whole pipeline."""
    lines = []
    for path in sorted((ROOT / "samples").glob("00[0-4]_*.txt")):
        source = SourceFile(path, path.name)
        record = extract(source, path.read_bytes(), Options(annotate=True)).record
        lines.append(record.model_dump_json())
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records.jsonl"
        atomic_write_lines(records, lines)
        report = evaluate(SEEDS_GOLD, records)
    print(f"Seeds' gold ({report.documents} documents), F1 per label:")
    span, linked = per_label_f1(report, "span"), per_label_f1(report, "linked")
    for label in span:
        c = report.span[label]
        print(f"  {label}: span {span[label]:.3f} linked {linked[label]:.3f} (gold {c.tp + c.fn})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--no-seeds", action="store_true")
    args = parser.parse_args()

    annotator = Annotator()
    gaz = load_gazetteer()
    counts = {"PER": Counts(), "LOC": Counts()}
    # LOC restricted to gold spans that name a German Gemeinde/Kreis/RB (the comparable part)
    german = Counts()
    n_tokens = 0
    elapsed = 0.0
    for n, sent in enumerate(sentences(args.tsv)):
        if args.limit and n >= args.limit:
            break
        tokens = [t for t, _ in sent]
        starts, pos = [], 0
        for tok in tokens:
            starts.append(pos)
            pos += len(tok) + 1
        text = " ".join(tokens)
        begin = {s: i for i, s in enumerate(starts)}
        end = {s + len(t): i + 1 for i, (s, t) in enumerate(zip(starts, tokens, strict=True))}
        t0 = time.process_time()
        result = annotator.annotate([TextUnit(text, 0, None)])
        elapsed += time.process_time() - t0
        n_tokens += len(tokens)
        pred: set[tuple[str, int, int]] = set()
        for e in result.entities:
            label = LABEL_MAP.get(e.label)
            if label and e.start in begin and e.end in end:
                pred.add((label, begin[e.start], end[e.end]))
            elif label:
                pred.add((label, -1 - e.start, -1 - e.end))  # misaligned: a false positive
        gold = gold_spans([tag for _, tag in sent])
        for label, c in counts.items():
            g = {s for s in gold if s[0] == label}
            p = {s for s in pred if s[0] == label}
            c.tp += len(g & p)
            c.fp += len(p - g)
            c.fn += len(g - p)
        for s in gold:
            if s[0] == "LOC" and " ".join(tokens[s[1] : s[2]]) in gaz.by_form:
                if s in pred:
                    german.tp += 1
                else:
                    german.fn += 1
    print(f"GermEval 2014 outer layer, {args.tsv.name}: {n_tokens} tokens")
    for label, c in counts.items():
        print(
            f"{label}: P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} "
            f"(tp {c.tp}, fp {c.fp}, fn {c.fn})"
        )
    print(
        f"LOC whose text names a German Gemeinde/Kreis/RB: recall {german.recall:.3f} "
        f"({german.tp} of {german.tp + german.fn})"
    )
    print(f"annotate: {n_tokens / elapsed:,.0f} tokens/s (CPU time, one sentence per call)")
    if not args.no_seeds:
        seeds_report()


if __name__ == "__main__":
    main()
