"""Train the person finder (``ikz_extract.nlp.person_model``) on GermEval 2014.

Reads ``../shared/data/germeval2014/NER-de-train.tsv`` (CC BY 4.0), keeps the outer PER tags
(other classes become O), trains a linear-chain CRF with L-BFGS and elastic-net
regularisation, picks the regularisation on the dev split (never the test split) and exports
the best model's weights to ``src/ikz_extract/data/ner/per.json.gz``, which
``person_model.LinearChain`` decodes without CRFsuite (the export is checked to tag the dev
split as CRFsuite does). L-BFGS is deterministic, so a run on the same data gives the same
model.

Usage: ``.venv/bin/python scripts/train_ner.py [--max-iter N] [--grid c1:c2 …] [--limit N]``.
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pycrfsuite

from ikz_extract.nlp.person_model import MODEL_FILE, LinearChain, bio_spans, features

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "germeval2014"
OUT = ROOT / "src" / "ikz_extract" / "data" / Path(*MODEL_FILE)


def sentences(path: Path, classes: str = "PER") -> Iterator[tuple[list[str], list[str]]]:
    """(tokens, outer tags) per sentence; ``classes`` "PER" keeps only PER, "all" keeps the
    four main classes (deriv/part folded into OTH) as alternatives the model may choose."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            parts = line.split("\t")
            words.append(parts[1])
            tags.append(_tag(parts[2], classes))
    if words:
        yield words, tags


def _tag(tag: str, classes: str) -> str:
    if tag in ("B-PER", "I-PER") or tag == "O":
        return tag
    if classes == "PER":
        return "O"
    kind = tag[2:]
    return tag[:2] + (kind if kind in ("LOC", "ORG", "OTH") else "OTH")


def score(model: Path, dev: list[tuple[list[str], list[str]]]) -> tuple[float, float, float]:
    """Strict span P/R/F1 of PER on ``dev``."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    tp = fp = fn = 0
    for words, tags in dev:
        gold = set(bio_spans(tags))
        pred = set(bio_spans(tagger.tag(features(words))))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def export(model: Path) -> LinearChain:
    """The CRFsuite model's weights as a ``LinearChain`` (rounded to 4 decimals)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    info = tagger.info()
    labels = tuple(sorted(info.labels, key=info.labels.__getitem__))
    index = {label: k for k, label in enumerate(labels)}
    weights: dict[str, list[float]] = {}
    for (attr, label), w in info.state_features.items():
        weights.setdefault(attr, [0.0] * len(labels))[index[label]] = round(w, 4)
    trans = [[0.0] * len(labels) for _ in labels]
    for (a, b), w in info.transitions.items():
        trans[index[a]][index[b]] = round(w, 4)
    return LinearChain(
        labels,
        {f: tuple(w) for f, w in sorted(weights.items())},
        tuple(tuple(row) for row in trans),
    )


def agreement(model: Path, chain: LinearChain, dev: list[tuple[list[str], list[str]]]) -> float:
    """Share of dev tokens the exported chain tags as CRFsuite does."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    same = total = 0
    for words, _ in dev:
        a, b = tagger.tag(features(words)), chain.tag(words)
        same += sum(x == y for x, y in zip(a, b, strict=True))
        total += len(words)
    return same / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-iter", type=int, default=150)
    parser.add_argument("--grid", nargs="*", default=["0.1:0.01", "0.3:0.01"])
    parser.add_argument("--limit", type=int, default=0, help="train sentences (0 = all)")
    parser.add_argument("--classes", choices=["PER", "all"], default="PER")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    train = list(sentences(DATA / "NER-de-train.tsv", args.classes))
    if args.limit:
        train = train[: args.limit]
    dev = list(sentences(DATA / "NER-de-dev.tsv"))
    best: tuple[float, Path] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for setting in args.grid:
            c1, c2 = (float(x) for x in setting.split(":"))
            t0 = time.process_time()
            trainer = pycrfsuite.Trainer(verbose=False)
            for words, tags in train:
                trainer.append(features(words), tags)
            trainer.set_params(
                {
                    "c1": c1,
                    "c2": c2,
                    "max_iterations": args.max_iter,
                    "feature.possible_transitions": True,
                }
            )
            model = Path(tmp) / f"per-{c1}-{c2}.crfsuite"
            trainer.train(str(model))
            p, r, f = score(model, dev)
            print(
                f"c1={c1} c2={c2}: dev PER P {p:.3f} R {r:.3f} F1 {f:.3f} "
                f"({time.process_time() - t0:.0f} s CPU, {model.stat().st_size / 1e6:.1f} MB)",
                flush=True,
            )
            if best is None or f > best[0]:
                best = (f, model)
        assert best is not None
        chain = export(best[1])
        share = agreement(best[1], chain, dev)
        assert share > 0.999, f"the export tags {share:.4f} of dev tokens as CRFsuite does"
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(gzip.compress(chain.to_json().encode("utf-8"), mtime=0))
    print(f"wrote {args.out} (dev F1 {best[0]:.3f}, {len(chain.weights)} features)")


if __name__ == "__main__":
    main()
