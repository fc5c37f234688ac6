"""Cost that grows with the change, not the corpus: a 1 %-changed re-run of many small files.

Writes ``--documents`` small generated text documents (a few lines of an IKZ profile, each
with its own numbers), extracts them once through ``ikz-extract run``, changes
``--changed`` of them (new bytes, same size class) and runs again. Prints wall time and
peak memory (largest process, wait4's ru_maxrss) of both runs, and the ratio (target:
re-run ≤ 5 % of the first run, peak memory flat). ``--profile`` adds a cProfile of the
re-run in this process (top functions by cumulative time): where a re-run spends its time.

A figure, not a test: it never fails on a timing.
Usage: .venv/bin/python bench/scale_bench.py [--documents 20000] [--changed 0.01]
       [--workers 2] [--nlp] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

KREISE = ("Borken", "Coesfeld", "Warendorf", "Steinfurt", "Kleve", "Wesel", "Soest", "Unna")
CLI = Path(sys.executable).parent / "ikz-extract"


@dataclass(frozen=True, slots=True)
class Timed:
    wall: float
    cpu: float  # user + system of the CLI and the workers it waited for
    peak_mb: float
    exit_code: int


def small_document(index: int, version: int, rng: random.Random) -> str:
    """A short IKZ profile in plain text; ``version`` changes its bytes."""
    a, b = rng.sample(KREISE, 2)
    return (
        f"Interkommunale Zusammenarbeit Nr. {index} (Fassung {version})\n\n"
        f"Beteiligte: Kreis {a}, Kreis {b}\n\n"
        f"Aufgabenbereich: Gemeinsame Rechnungsprüfung der Kreise {a} und {b}.\n\n"
        f"Einwohner: {rng.randint(20_000, 900_000):,}".replace(",", ".")
        + f"\n\nKooperation seit: {rng.randint(1995, 2025)}\n"
    )


def write_documents(folder: Path, count: int, version: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        rng = random.Random(index * 1000 + version)
        (folder / f"doc_{index:05d}.txt").write_text(
            small_document(index, version, rng), encoding="utf-8"
        )


def change(folder: Path, count: int, share: float, seed: int = 3) -> int:
    """Rewrite ``share`` of the documents with new content; how many were changed."""
    picked = random.Random(seed).sample(range(count), max(1, round(count * share)))
    for index in picked:
        rng = random.Random(index * 1000 + 1)
        (folder / f"doc_{index:05d}.txt").write_text(
            small_document(index, 1, rng), encoding="utf-8"
        )
    return len(picked)


def run_cli(folder: Path, out: Path, args: list[str]) -> Timed:
    command = [str(CLI), "run", str(folder), "--out", str(out), "--quiet", *args]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return Timed(wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def profile_rerun(folder: Path, out: Path, annotate: bool, workers: int) -> str:
    """cProfile of a re-run in this process: top 20 by cumulative time."""
    from ikz_extract.batch import RunSettings, run_batch
    from ikz_extract.discover import discover
    from ikz_extract.options import Options

    profiler = cProfile.Profile()
    profiler.enable()
    sources, _ = discover([str(folder)])
    run_batch(sources, out, Options(annotate=annotate), settings=RunSettings(workers=workers))
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(20)
    return text.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--documents", type=int, default=20_000)
    ap.add_argument("--changed", type=float, default=0.01)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--nlp", action="store_true", help="with the NER pass (slower first run)")
    ap.add_argument("--profile", action="store_true", help="cProfile a second changed re-run")
    args = ap.parse_args(argv)
    extra = ["--workers", str(args.workers)] + ([] if args.nlp else ["--no-nlp"])
    with tempfile.TemporaryDirectory(prefix="ikz-scale-") as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        write_documents(folder, args.documents)
        time.sleep(3.1)  # older than the racy-mtime window: the re-run trusts size + mtime
        print(
            f"{args.documents} small documents, NER {'on' if args.nlp else 'off'}, "
            f"workers {args.workers}, load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        first = run_cli(folder, out, extra)
        changed = change(folder, args.documents, args.changed)
        time.sleep(3.1)
        rerun = run_cli(folder, out, extra)
        share = rerun.wall / first.wall
        print(
            f"first run     {first.wall:8.2f} s   {first.cpu:7.2f} CPU-s   "
            f"peak {first.peak_mb:4.0f} MB"
        )
        print(
            f"re-run {changed:>5} changed {rerun.wall:6.2f} s   {rerun.cpu:7.2f} CPU-s   "
            f"peak {rerun.peak_mb:4.0f} MB"
        )
        verdict = "PASS" if share <= 0.05 else "MISS"
        print(
            f"re-run / first run: {share:.1%} wall (target ≤ 5 %: {verdict}), "
            f"{rerun.cpu / first.cpu:.1%} CPU; peak memory {rerun.peak_mb / first.peak_mb:.2f}×; "
            f"load average {os.getloadavg()[0]:.1f} (on a busy machine the wall time of the "
            "mostly serial re-run suffers more than the parallel first run's)"
        )
        if args.profile:
            change(folder, args.documents, args.changed, seed=4)
            time.sleep(3.1)
            print(profile_rerun(folder, out, args.nlp, args.workers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
