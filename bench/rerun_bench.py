"""Re-run benchmark: an unchanged re-run of 1,000 profiles, as a share of the first run.

Builds 1,000 IKZ profiles from the seed dumps ``samples/000_*.txt`` and ``samples/002_*.txt``
(title, Einwohner, Fläche and year varied per document, so every file has its own bytes and
record) in a temp folder, extracts them once, then runs again on the unchanged folder and
prints both times and the ratio (target: under 5 %). Measured twice: in-process (the batch
machinery alone) and through the ``ikz-extract`` command (with interpreter start and imports,
what a user waits for). A figure, not a test: it never fails on a timing.

Usage: .venv/bin/python bench/rerun_bench.py [--documents 1000] [--workers N] [--no-nlp]
The benchmark runner can call ``rerun_ratio(folder, out, options)`` on any corpus.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ikz_extract.batch import RunSettings, Summary, run_batch
from ikz_extract.discover import discover
from ikz_extract.options import Options

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEEDS = ("000_*.txt", "002_*.txt")


@dataclass(frozen=True, slots=True)
class Timing:
    label: str
    first_s: float
    rerun_s: float

    @property
    def ratio(self) -> float:
        return self.rerun_s / self.first_s

    def line(self) -> str:
        return (
            f"{self.label:<12} first run {self.first_s:8.2f} s   unchanged re-run "
            f"{self.rerun_s:6.2f} s   ratio {self.ratio:6.1%}"
        )


def _german(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def profile_variant(template: str, index: int, rng: random.Random) -> str:
    """The seed profile with this document's own title, Einwohner, Fläche and start year."""
    lines = template.splitlines()
    title_at = next(i for i, line in enumerate(lines) if line.strip().lstrip("# ").strip())
    lines[title_at] = f"{lines[title_at].rstrip()} ({index:04d})"
    text = "\n".join(lines) + "\n"
    text = re.sub(
        r"Einwohner: [\d.]+", f"Einwohner: {_german(rng.randint(20_000, 1_100_000))}", text
    )
    text = re.sub(r"Fläche: [\d.,]+", f"Fläche: {_german(rng.uniform(40, 2500), 2)}", text, count=1)
    return re.sub(r"(seit:\**\s*\n(?:\s*\n|---\n)*)\d{4}", rf"\g<1>{rng.randint(1995, 2025)}", text)


def write_corpus(folder: Path, documents: int = 1000, seed: int = 5) -> list[Path]:
    templates = [next(SAMPLES.glob(pattern)).read_text(encoding="utf-8") for pattern in SEEDS]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(documents):
        path = folder / f"profile_{index:04d}.txt"
        path.write_text(profile_variant(templates[index % 2], index, rng), encoding="utf-8")
        paths.append(path)
    return paths


def _timed_run(
    folder: Path, out: Path, options: Options, settings: RunSettings
) -> tuple[float, Summary]:
    started = time.perf_counter()
    sources, _ = discover([str(folder)])
    summary = run_batch(sources, out, options, settings=settings)
    return time.perf_counter() - started, summary


def rerun_ratio(
    folder: Path, out: Path, options: Options, settings: RunSettings | None = None
) -> Timing:
    """First run into an empty ``out``, then an unchanged re-run; in this process."""
    settings = settings or RunSettings()
    first, summary = _timed_run(folder, out, options, settings)
    rerun, again = _timed_run(folder, out, options, settings)
    assert again.extracted == 0 and again.unchanged == summary.added, "re-run was not a no-op"
    return Timing("in-process", first, rerun)


def cli_rerun_ratio(folder: Path, out: Path, args: list[str]) -> Timing:
    """The same through ``ikz-extract run``: interpreter start and imports included."""
    command = [str(Path(sys.executable).parent / "ikz-extract"), "run", str(folder), "-o", str(out)]
    times = []
    for _ in range(2):
        started = time.perf_counter()
        subprocess.run([*command, *args, "--quiet"], check=False)
        times.append(time.perf_counter() - started)
    return Timing("ikz-extract", times[0], times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-nlp", action="store_true", help="skip the NER pass")
    args = parser.parse_args()
    options = Options(annotate=not args.no_nlp)
    settings = RunSettings(workers=args.workers)
    cli_args = ["--no-nlp"] if args.no_nlp else []
    if args.workers:
        cli_args += ["--workers", str(args.workers)]
    with tempfile.TemporaryDirectory(prefix="ikz-rerun-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, args.documents)
        print(
            f"{args.documents} profiles, NER {'off' if args.no_nlp else 'on'}, "
            f"workers {args.workers or 'one per CPU'}"
        )
        for timing in (
            rerun_ratio(folder, Path(tmp) / "out", options, settings),
            cli_rerun_ratio(folder, Path(tmp) / "out-cli", cli_args),
        ):
            print(timing.line())


if __name__ == "__main__":
    main()
