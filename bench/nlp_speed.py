"""Speed of the annotate step in tokens per second on one core (a benchmark, not a test).

``python bench/nlp_speed.py [TEXT_FILES…] [--repeat N]``: annotates the texts (default:
../shared/seeds) split into paragraph units, and prints tokens/s of ``Annotator.annotate``
next to tokens/s of the bare tokenizer, both in CPU time of this process (so other load on
the machine distorts it less than wall time would). The pipeline is built before timing.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from ikz_extract.nlp.annotator import Annotator, TextUnit
from ikz_extract.nlp.evaluate import paragraph_units

# ../shared beside the checkout, as the tests find it
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@dataclass(frozen=True, slots=True)
class BenchResult:
    tokens: int
    annotate_tokens_per_s: float
    tokenizer_tokens_per_s: float

    @property
    def ratio(self) -> float:
        """annotate speed as a share of the bare tokenizer's."""
        return self.annotate_tokens_per_s / self.tokenizer_tokens_per_s


def run(texts: list[str], repeat: int = 20, annotator: Annotator | None = None) -> BenchResult:
    annotator = annotator or Annotator()
    docs: list[list[TextUnit]] = [paragraph_units(t) for t in texts] * repeat
    annotator.annotate(docs[0])  # warm caches
    tokens = sum(len(annotator.nlp.make_doc(u.text)) for d in docs for u in d)
    t0 = time.process_time()
    for units in docs:
        annotator.annotate(units)
    t_annotate = time.process_time() - t0
    t0 = time.process_time()
    for units in docs:
        for u in units:
            annotator.nlp.make_doc(u.text)
    t_tokenize = time.process_time() - t0
    return BenchResult(tokens, tokens / t_annotate, tokens / t_tokenize)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files: list[Path] = args.files or sorted(DEFAULT_DIR.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    result = run(texts, args.repeat)
    print(
        f"{result.tokens} tokens: annotate {result.annotate_tokens_per_s:,.0f} tokens/s, "
        f"tokenizer alone {result.tokenizer_tokens_per_s:,.0f} tokens/s "
        f"(annotate at {result.ratio:.0%} of the tokenizer's speed)"
    )


if __name__ == "__main__":
    main()
