"""``make bench``: how fast ikz-extract is, where the time goes, and how close to the libraries.

Builds a corpus in a temporary folder (bench/corpus.py), then measures everything in one
run so every ratio compares the same files under the same machine load:

- end to end: the CLI in a subprocess (documents/s, pages/s, CPU time, peak memory per
  process), a re-run of the unchanged corpus, ``--workers 2`` against ``--workers 1``, the
  pdfium backend, HTML profiles alone, memory at 1× and 10×;
- in process: our PDF path against raw pdfplumber ``extract_text``, our HTML path against
  a bare ``BeautifulSoup(html, "lxml")``, the pdfium backend against pdfplumber, the NER
  pass in tokens/s, and pyinstrument profiles of one run (top 15 functions, and where a
  document's time goes inside ``pipeline.extract``).

Options the CLI does not have yet are left out (and the figure says so), so the script runs
while others change the CLI. Figures with a target get PASS/MISS; a benchmark prints
ratios and never fails on a timing (exit code 0 unless the benchmark itself breaks). The
memory runs shrink to keep the whole run within ``--budget`` seconds. Results: stdout,
bench/results.json, bench/results.md, bench/profile.txt.

Usage: .venv/bin/python bench/run_bench.py [--quick] [--keep] [--budget SECONDS]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import inspect
import io
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web_bench
from corpus import Corpus, build_corpus, pdf_page_count, write_profiles

RECORDS = "records.jsonl"

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
VENV_BIN = Path(sys.executable).parent
CLI = VENV_BIN / "ikz-extract"
TOP = 15


# --------------------------------------------------------------------------- results


@dataclass(slots=True)
class Figure:
    """One row of the table. ``ok`` is None for figures without a target."""

    name: str
    value: float | None
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.value is None:
            return "n/a"
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")

    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        v = self.value
        digits = 3 if abs(v) < 1 else 2 if abs(v) < 10 else 1 if abs(v) < 1000 else 0
        return f"{v:,.{digits}f} {self.unit}".strip()


@dataclass(slots=True)
class Run:
    """One CLI subprocess: wall and CPU seconds, peak RSS, outcome."""

    label: str
    command: list[str]
    wall: float = math.nan
    cpu: float = math.nan
    max_rss_mb: float = math.nan
    exit_code: int = -1
    records: int = 0
    errors: int = 0
    load: float = 0.0  # 1-minute load average when it started: how busy the machine was
    parent_peak_mb: float = math.nan  # VmHWM of the CLI process (sampled from /proc)
    worker_peak_mb: float = math.nan  # the largest VmHWM among its worker processes
    total_peak_mb: float = math.nan  # the largest sum of PSS over CLI + workers at one moment
    log_tail: str = ""

    @property
    def usable(self) -> bool:
        return self.exit_code in (0, 1) and self.records > 0

    @property
    def peak_mb(self) -> float:
        """Peak RSS of the largest process of the run.

        From the /proc samples where there are any: wait4's ru_maxrss also holds the RSS the
        child had between fork and exec, a copy of this (by then large) benchmark process.
        """
        if math.isnan(self.parent_peak_mb):
            return self.max_rss_mb
        return max(self.parent_peak_mb, self.worker_peak_mb)


@dataclass(slots=True)
class Bench:
    """Everything measured; written to results.json."""

    started: float = field(default_factory=time.perf_counter)
    budget: float = 540.0
    figures: list[Figure] = field(default_factory=list)
    runs: dict[str, Run] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def left(self) -> float:
        return self.budget - self.elapsed()

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def say(self, message: str) -> None:
        print(f"[{self.elapsed():6.1f}s] {message}", flush=True)


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or not b or math.isnan(a) or math.isnan(b):
        return None
    return a / b


# --------------------------------------------------------------------------- the CLI


def cli_options() -> set[str]:
    """Options ``ikz-extract run`` has today: others are adding --workers, --quiet, …"""
    env = {**os.environ, "COLUMNS": "240", "NO_COLOR": "1", "TERM": "dumb"}
    proc = subprocess.run(
        [str(CLI), "run", "--help"], capture_output=True, text=True, env=env, check=False
    )
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", proc.stdout + proc.stderr))


def run_cli(
    label: str,
    inputs: Sequence[Path],
    out: Path,
    options: set[str],
    *,
    workers: int = 1,
    inline: bool = False,
    extra: Sequence[str] = (),
) -> Run:
    """Run the CLI in a child process: wall time, CPU and memory of this run alone.

    wait4 gives the CPU time of the child and the workers it waited for (getrusage's
    RUSAGE_CHILDREN would mix in earlier runs); /proc samples give each process's peak RSS.
    ``inline``: no time limit, so one worker runs in the CLI process itself.
    """
    cmd = [str(CLI), "run", *map(str, inputs), "--out", str(out)]
    if "--workers" in options:
        cmd += ["--workers", str(workers)]
    if inline and "--timeout" in options:
        cmd += ["--timeout", "0"]
    if "--quiet" in options:
        cmd.append("--quiet")
    cmd += list(extra)
    run = Run(label, cmd, load=os.getloadavg()[0])
    log_path = out.parent / f"{out.name}.{label}.log"
    out.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        memory = _ProcessTree(proc.pid)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            memory.sample()
            time.sleep(0.2)
        run.wall = time.perf_counter() - start
    if memory.peaks:
        run.parent_peak_mb = memory.peaks.get(proc.pid, 0) / 1024
        others = [kib for pid, kib in memory.peaks.items() if pid != proc.pid]
        run.worker_peak_mb = max(others, default=0) / 1024
        run.total_peak_mb = memory.total / 1024
    proc.returncode = run.exit_code = os.waitstatus_to_exitcode(status)
    run.cpu = usage.ru_utime + usage.ru_stime
    run.max_rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
    run.records = _count_lines(out / RECORDS)
    run.errors = _count_lines(out / "errors.jsonl")
    run.log_tail = log_path.read_text(errors="replace")[-600:]
    return run


class _ProcessTree:
    """Peak RSS of a process and its descendants, sampled from /proc (Linux; else nothing).

    VmHWM is the kernel's own high-water mark per process, so a sample every 0.2 s misses
    no peak of a process that is still alive at the next sample. The total is the sum of
    PSS at one moment: forked workers share pages with the CLI process, and PSS counts a
    shared page once (a sum of RSS would count it in every process).
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peaks: dict[int, int] = {}  # pid → VmHWM in KiB
        self.total = 0

    def sample(self) -> None:
        total = 0
        for pid in self._tree():
            try:
                fields = dict(
                    line.split(":", 1)
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                )
                rss, hwm = int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
            except (OSError, KeyError, ValueError):
                continue  # gone between listing and reading, or a zombie
            total += _pss(pid, default=rss)
            self.peaks[pid] = max(self.peaks.get(pid, 0), hwm)
        self.total = max(self.total, total)

    def _tree(self) -> list[int]:
        parents: dict[int, list[int]] = defaultdict(list)
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents[ppid].append(int(entry.name))
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(parents.get(pid, ()))
        return found


def _pss(pid: int, default: int) -> int:
    """Proportional set size in KiB (Linux ≥ 4.14), else ``default``."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return default


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


# --------------------------------------------------------------------------- in process


def time_variants(
    variants: dict[str, Callable[[bytes], object]], inputs: Sequence[bytes], reps: int
) -> dict[str, float]:
    """CPU seconds per variant: per input the best of ``reps``, summed over the inputs.

    Variants take turns (and reverse order every repetition) so that load from other
    processes hits all of them alike; CPU time (process_time) leaves out the time this
    process waits for a core, the best of N the remaining noise.
    """
    for fn in variants.values():  # warm-up: imports, lazy tables, caches of the library
        fn(inputs[0])
    best = {name: [math.inf] * len(inputs) for name in variants}
    for rep in range(reps):
        names = list(variants) if rep % 2 == 0 else list(reversed(variants))
        for name in names:
            fn = variants[name]
            for i, data in enumerate(inputs):
                start = time.process_time()
                fn(data)
                best[name][i] = min(best[name][i], time.process_time() - start)
    return {name: sum(times) for name, times in best.items()}


def raw_pdfplumber(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def raw_pdfium(data: bytes) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def bare_bs4(data: bytes) -> None:
    from bs4 import BeautifulSoup

    BeautifulSoup(data.decode("utf-8", "replace"), "lxml")


def pdfium_loader() -> tuple[Callable[[bytes], Any] | None, str]:
    """The pdfium backend behind our loader interface, wherever it is exposed (or None)."""
    from ikz_extract import loaders
    from ikz_extract.loaders import pdf as pdf_module

    for owner, name in ((pdf_module, "load_pdf"), (loaders, "load")):
        fn = getattr(owner, name, None)
        if fn is None:
            continue
        for param in inspect.signature(fn).parameters:
            if "backend" in param:
                return _with_backend(fn, param), f"{name}({param}='pdfium')"
    for module_name in ("ikz_extract.loaders.pdfium", "ikz_extract.loaders.pdf_pdfium"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in ("load_pdf", "load_pdfium", "load"):
            fn = getattr(module, name, None)
            if callable(fn):
                return fn, f"{module_name}.{name}"
    return None, "no pdfium backend found in ikz_extract.loaders"


def _with_backend(fn: Callable[..., Any], param: str) -> Callable[[bytes], Any]:
    return lambda data: fn(data, **{param: "pdfium"})


def make_extract(annotate: bool) -> Callable[[bytes], Any]:
    """The whole extract of one document (load, parse, [annotate], validate), in process."""
    from ikz_extract import pipeline
    from ikz_extract.discover import SourceFile

    options = vars(pipeline)["Options"](annotate=annotate)  # wherever it is defined now
    source = SourceFile(Path("bench-doc"), "bench-doc")
    return lambda data: pipeline.extract(source, data, options)


# --------------------------------------------------------------------------- measurements


def measure_end_to_end(
    bench: Bench, corpus: Corpus, work: Path, options: set[str], html_docs: int
) -> None:
    """First run, re-run, workers 2, HTML-only: the CLI as a user runs it."""
    workers_note = "" if "--workers" in options else " (no --workers option yet: CLI default)"
    bench.say(f"end to end, workers 1{workers_note}: {corpus.documents} documents …")
    first = run_cli("first", [corpus.root], work / "out-w1", options)
    bench.runs["first"] = first
    usable = first.usable
    bench.add(
        Figure(
            "end to end: documents/s (workers 1)",
            corpus.documents / first.wall if usable else None,
            "docs/s",
            note=f"{corpus.documents} docs in {first.wall:.1f} s wall, {first.cpu:.1f} s CPU, "
            f"load average {first.load:.1f}",
        )
    )
    bench.add(
        Figure(
            "end to end: pages/s (workers 1)",
            corpus.pages / first.wall if usable else None,
            "pages/s",
            note=f"{corpus.pages} pages; a profile page counts as 1",
        )
    )
    if not usable:
        bench.notes.append(f"first run failed (exit {first.exit_code}): {first.log_tail}")

    bench.say("re-run of the unchanged corpus …")
    rerun = run_cli("rerun", [corpus.root], work / "out-w1", options)
    bench.runs["rerun"] = rerun
    r = ratio(rerun.wall, first.wall) if usable and rerun.exit_code in (0, 1) else None
    bench.add(
        Figure(
            "re-run unchanged / first run",
            None if r is None else r * 100,
            "%",
            "< 5 %",
            None if r is None else r < 0.05,
            f"{rerun.wall:.2f} s vs {first.wall:.1f} s",
        )
    )

    if "--workers" in options:
        bench.say("end to end, workers 2 …")
        two = run_cli("workers2", [corpus.root], work / "out-w2", options, workers=2)
        bench.runs["workers2"] = two
        s = ratio(first.wall, two.wall) if usable and two.usable else None
        bench.add(
            Figure(
                "speed-up workers 2 / workers 1",
                s,
                "×",
                "≥ 1.8×",
                None if s is None else s >= 1.8,
                f"{two.wall:.1f} s vs {first.wall:.1f} s wall; CPU {two.cpu:.0f} vs "
                f"{first.cpu:.0f} s; cores used {two.cpu / two.wall:.2f} vs "
                f"{first.cpu / first.wall:.2f}; load average {two.load:.1f} / {first.load:.1f}",
            )
        )
        if "--executor" in options:
            measure_dask(bench, corpus, work, options, two)
    else:
        bench.add(
            Figure(
                "speed-up workers 2 / workers 1",
                None,
                "×",
                "≥ 1.8×",
                note="`ikz-extract run` has no --workers option yet",
            )
        )

    if "--pdf-backend" in options and corpus.n_pdfs:
        bench.say(f"end to end, {corpus.n_pdfs} PDFs with --pdf-backend pdfium …")
        fast = run_cli(
            "pdfium", [corpus.pdfs], work / "out-pdfium", options, extra=["--pdf-backend", "pdfium"]
        )
        bench.runs["pdfium"] = fast
        pages = corpus.n_pdfs * corpus.pdf_pages
        bench.add(
            Figure(
                "end to end PDFs, --pdf-backend pdfium",
                pages / fast.wall if fast.usable else None,
                "pages/s",
                note=f"{pages} pages, {fast.wall:.1f} s wall, {fast.cpu:.1f} s CPU incl. start-up",
            )
        )

    html_files = sorted(corpus.profiles_html.glob("*.html"))[:html_docs]
    bench.say(f"end to end, HTML profiles only: {len(html_files)} documents …")
    html_dir = work / "html-only"
    html_dir.mkdir()
    for path in html_files:
        shutil.copy(path, html_dir / path.name)
    html = run_cli("html", [html_dir], work / "out-html", options)
    bench.runs["html"] = html
    start = startup(bench, work, options)
    steady = ratio(len(html_files), html.cpu - start.cpu) if html.usable else None
    bench.add(
        Figure(
            "HTML profiles end to end, per core",
            steady,
            "docs/CPU-s",
            "≥ 100",
            None if steady is None else steady >= 100,
            f"CPU minus start-up; with start-up {len(html_files) / html.cpu:.0f}/CPU-s, "
            f"{len(html_files) / html.wall:.0f}/s wall (workers 1)",
        )
    )


def measure_dask(bench: Bench, corpus: Corpus, work: Path, options: set[str], two: Run) -> None:
    """``--executor dask`` (a LocalCluster of 2 workers) against the local pool of 2."""
    bench.say("end to end, --executor dask, LocalCluster of 2 workers …")
    dask = run_cli(
        "dask2", [corpus.root], work / "out-dask2", options, workers=2, extra=["--executor", "dask"]
    )
    bench.runs["dask2"] = dask
    r = ratio(dask.wall, two.wall) if dask.usable and two.usable else None
    same = (work / "out-dask2" / RECORDS).read_bytes() == (work / "out-w2" / RECORDS).read_bytes()
    bench.add(
        Figure(
            "Dask LocalCluster 2 workers / local pool 2 workers, wall",
            r,
            "×",
            "≤ 1.15×",
            None if r is None else r <= 1.15,
            f"{dask.wall:.1f} s vs {two.wall:.1f} s; CPU {dask.cpu:.0f} vs {two.cpu:.0f} s; "
            f"records {'byte-identical' if same else 'DIFFER'}; load average {dask.load:.1f}",
        )
    )
    if not dask.usable:
        bench.notes.append(f"dask run failed (exit {dask.exit_code}): {dask.log_tail}")


def time_script(code: str, files: Sequence[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds of a fresh Python process running ``code`` over ``files``.

    Start-up included, as for the CLI: the peer is a user's one-off script.
    """
    listing = Path(tempfile.mkstemp(suffix=".txt")[1])
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    script = f"import sys\nfiles = open({str(listing)!r}).read().split('\\n')\n{code}"
    try:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    finally:
        listing.unlink()
    if os.waitstatus_to_exitcode(status) != 0:
        return math.nan, math.nan
    return wall, usage.ru_utime + usage.ru_stime


TRAFILATURA = """import trafilatura
for name in files:
    trafilatura.extract(open(name, 'rb').read().decode('utf-8', 'replace'))
"""
PYPDFIUM2 = """import pypdfium2
for name in files:
    pdf = pypdfium2.PdfDocument(name)
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
"""
PDFPLUMBER = """import pdfplumber
for name in files:
    with pdfplumber.open(name) as pdf:
        for page in pdf.pages:
            page.extract_text()
"""


def measure_peers(bench: Bench, corpus: Corpus, work: Path, options: set[str]) -> None:
    """End to end (CLI, one process, start included) against the raw library, same files.

    CPU seconds (user + system, from wait4), not wall: on a shared machine the wall time of
    a one-process run is mostly how long it waited for a core; on an idle one they agree.

    HTML: 300 profile pages against ``trafilatura.extract()``; PDF: the real PDFs of
    ../shared/data/pdf-dev against raw pdfplumber ``extract_text`` (default backend) and
    raw pypdfium2 ``get_text_range`` (``--pdf-backend pdfium``), all with NER.
    """
    pages = sorted(corpus.profiles_html.glob("*.html"))[:300]
    folder = work / "peer-html"
    folder.mkdir()
    for path in pages:
        shutil.copy(path, folder / path.name)
    bench.say(f"peers: {len(pages)} HTML profiles, ikz-extract vs trafilatura.extract …")
    ours = run_cli("peer-html", [folder], work / "out-peer-html", options, inline=True)
    peer_wall, peer_cpu = time_script(TRAFILATURA, pages)
    r = ratio(peer_cpu, ours.cpu) if ours.usable else None
    bench.add(
        Figure(
            "HTML profiles end to end / trafilatura.extract alone, speed",
            r,
            "×",
            "≥ 1×",
            None if r is None else r >= 1,
            f"{len(pages) / ours.cpu:.0f} vs {len(pages) / peer_cpu:.0f} pages/CPU-s, one "
            f"process each, start-up included (wall {ours.wall:.1f} vs {peer_wall:.1f} s)",
        )
    )
    pdf_dir = REPO.parent / "shared" / "data" / "pdf-dev" / "pdf"
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    if not pdfs:
        bench.notes.append(f"no real PDFs at {pdf_dir}: PDF peer ratios not measured")
        return
    n_pages = sum(pdf_page_count(p.read_bytes()) for p in pdfs)
    for backend, code, peer, target in (
        ("pdfplumber", PDFPLUMBER, "raw pdfplumber extract_text", 1.3),
        ("pdfium", PYPDFIUM2, "raw pypdfium2 get_text_range", 3.0),
    ):
        bench.say(f"peers: {len(pdfs)} real PDFs ({n_pages} pages), {backend} vs {peer} …")
        run = run_cli(
            f"peer-{backend}",
            [pdf_dir],
            work / f"out-peer-{backend}",
            options,
            inline=True,
            extra=["--pdf-backend", backend],
        )
        peer_wall, peer_cpu = time_script(code, pdfs)
        r = ratio(run.cpu, peer_cpu) if run.usable else None
        bench.add(
            Figure(
                f"real PDFs end to end ({backend}, NER) / {peer}, time",
                r,
                "×",
                f"≤ {target:g}×",
                None if r is None else r <= target,
                f"{run.cpu:.1f} vs {peer_cpu:.1f} CPU-s for {n_pages} pages, one process "
                f"each, start-up included (wall {run.wall:.1f} vs {peer_wall:.1f} s)",
            )
        )


def startup(bench: Bench, work: Path, options: set[str]) -> Run:
    """A CLI run on one tiny file: imports, NER pipeline, worker start, manifest."""
    if "startup" not in bench.runs:
        one = work / "startup" / "one.txt"
        one.parent.mkdir()
        one.write_text("Anlass:\n\nDer Kreis Borken und die Stadt Münster.\n", encoding="utf-8")
        run = run_cli("startup", [one.parent], work / "out-startup", options)
        bench.runs["startup"] = run
        bench.add(
            Figure(
                "CLI start-up (one tiny document)",
                run.cpu,
                "CPU-s",
                note=f"{run.wall:.2f} s wall, {run.peak_mb:.0f} MB",
            )
        )
    return bench.runs["startup"]


def measure_build(bench: Bench) -> None:
    """Import and NER pipeline build in a fresh process: what every worker pays once."""
    code = (
        "import time; t = time.process_time()\n"
        "from ikz_extract import pipeline\n"
        "i = time.process_time()\n"
        "factory = getattr(pipeline, 'annotator_for', None)\n"
        "a = factory(None) if factory else __import__('ikz_extract.nlp').nlp.Annotator()\n"
        "a.annotate([])\n"
        "print(i - t, time.process_time() - i)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    try:
        imports, build = map(float, proc.stdout.split())
    except ValueError:
        bench.notes.append(f"NER build timing failed: {proc.stderr[-300:]}")
        return
    bench.add(
        Figure(
            "NER pipeline build (fresh process)",
            build,
            "CPU-s",
            note=f"after {imports:.2f} s of imports; paid by every process that builds it",
        )
    )


def measure_pdf(bench: Bench, corpus: Corpus, options: set[str], reps: int, n: int) -> None:
    """Our PDF path against raw pdfplumber text extraction on the same files."""
    from ikz_extract.loaders.pdf import load_pdf

    files = sorted(corpus.pdfs.glob("*.pdf"))[:n]
    if not files:
        bench.add(Figure("PDF path: load_pdf / raw pdfplumber", None, "×", "≤ 1.3×"))
        return
    data = [p.read_bytes() for p in files]
    pages = corpus.pdf_pages * len(data)
    variants: dict[str, Callable[[bytes], object]] = {
        "raw pdfplumber extract_text": raw_pdfplumber,
        "load_pdf (pdfplumber)": load_pdf,
        "extract of a PDF (as run)": make_extract(annotate=True),
        "raw pypdfium2 get_text_range": raw_pdfium,
    }
    pdfium, where = pdfium_loader()
    if pdfium is not None:
        variants["load_pdf (pdfium)"] = pdfium
    bench.say(f"PDF path: {len(data)} PDFs × {corpus.pdf_pages} pages, best of {reps} …")
    secs = time_variants(variants, data, reps)
    bench.details["pdf_cpu_seconds"] = secs
    raw = secs["raw pdfplumber extract_text"]
    r = ratio(secs["load_pdf (pdfplumber)"], raw)
    plumber_rate = pages / secs["load_pdf (pdfplumber)"]
    bench.add(
        Figure(
            "PDF path: load_pdf / raw pdfplumber",
            r,
            "×",
            "≤ 1.3×",
            None if r is None else r <= 1.3,
            f"{plumber_rate:.1f} vs {pages / raw:.1f} pages/CPU-s",
        )
    )
    r = ratio(secs["extract of a PDF (as run)"], raw)
    bench.add(
        Figure(
            "PDF whole extract (with NER) / raw pdfplumber",
            r,
            "×",
            "≤ 1.3×",
            None if r is None else r <= 1.3,
            "load + parse + annotate + validate, in process",
        )
    )
    if pdfium is not None:
        rate = pages / secs["load_pdf (pdfium)"]
        s = rate / plumber_rate
        bench.add(
            Figure(
                "pdfium backend / pdfplumber backend, pages/s",
                s,
                "×",
                "≥ 10×",
                s >= 10,
                f"{rate:.0f} vs {plumber_rate:.1f} pages/CPU-s via {where}",
            )
        )
    elif "--pdf-backend" in options:
        _pdfium_by_cli(bench, corpus, plumber_rate)
    else:
        bench.add(
            Figure(
                "pdfium backend / pdfplumber backend, pages/s",
                None,
                "×",
                "≥ 10×",
                note="no --pdf-backend option yet",
            )
        )
    floor = pages / secs["raw pypdfium2 get_text_range"]
    bench.add(
        Figure(
            "raw pypdfium2 text / raw pdfplumber text, pages/s",
            floor / (pages / raw),
            "×",
            note=f"{floor:.0f} pages/CPU-s: the floor",
        )
    )


def _pdfium_by_cli(bench: Bench, corpus: Corpus, plumber_rate: float) -> None:
    """No in-process entry point found: compare the backends through the CLI on a few PDFs."""
    with tempfile.TemporaryDirectory() as tmp:
        few = Path(tmp) / "pdfs"
        few.mkdir()
        for path in sorted(corpus.pdfs.glob("*.pdf"))[:4]:
            shutil.copy(path, few / path.name)
        pages = corpus.pdf_pages * 4
        runs = {
            backend: run_cli(
                f"pdf-{backend}",
                [few],
                Path(tmp) / f"out-{backend}",
                set(),
                extra=["--pdf-backend", backend],
            )
            for backend in ("pdfplumber", "pdfium")
        }
    a, b = runs["pdfium"], runs["pdfplumber"]
    s = ratio(pages / a.cpu, pages / b.cpu) if a.usable and b.usable else None
    bench.add(
        Figure(
            "pdfium backend / pdfplumber backend, pages/s",
            s,
            "×",
            "≥ 10×",
            None if s is None else s >= 10,
            f"CLI on 4 PDFs, CPU incl. start-up; in process {plumber_rate:.1f} "
            "pages/CPU-s for pdfplumber",
        )
    )


def measure_html(bench: Bench, corpus: Corpus, reps: int, n: int) -> None:
    """Our HTML path against a bare BeautifulSoup(html, "lxml") parse, same files."""
    from ikz_extract.loaders.html import load_html

    data = [p.read_bytes() for p in sorted(corpus.profiles_html.glob("*.html"))[:n]]
    bench.say(f"HTML path: {len(data)} profiles, best of {reps} …")
    secs = time_variants(
        {
            "bare BeautifulSoup(html, 'lxml')": bare_bs4,
            "load_html": load_html,
            "extract without NER": make_extract(annotate=False),
        },
        data,
        reps,
    )
    bench.details["html_cpu_seconds"] = secs
    bare = secs["bare BeautifulSoup(html, 'lxml')"]
    bench.add(
        Figure(
            "HTML path: load_html / bare BeautifulSoup",
            ratio(secs["load_html"], bare),
            "×",
            note=f"{1000 * bare / len(data):.1f} ms per bare parse",
        )
    )
    bench.add(
        Figure(
            "HTML whole extract (no NER) / bare BeautifulSoup",
            ratio(secs["extract without NER"], bare),
            "×",
            note=f"{len(data) / secs['extract without NER']:.0f} docs/CPU-s",
        )
    )


def measure_annotate(bench: Bench, records: Path, budget: float) -> None:
    """Annotator.annotate (as the pipeline builds it) over the corpus's section texts."""
    import spacy

    from ikz_extract import pipeline
    from ikz_extract.nlp import Annotator, TextUnit

    docs: list[list[Any]] = []
    seen: set[tuple[str, ...]] = set()
    if records.exists():
        with records.open(encoding="utf-8") as handle:
            for line in handle:
                sections = json.loads(line).get("sections") or []
                texts = tuple(s.get("text") or "" for s in sections)
                if texts in seen or not any(texts):
                    continue  # the PDF copies share their text: count it once
                seen.add(texts)
                docs.append(
                    [
                        TextUnit(s["text"], s["span"][0], i)
                        for i, s in enumerate(sections)
                        if s.get("text")
                    ]
                )
    if not docs:
        bench.add(
            Figure(
                "annotate tokens/s per core",
                None,
                "tokens/s",
                "≥ 50,000",
                note="no records to take section texts from",
            )
        )
        return
    bench.say(f"annotate: up to {len(docs)} distinct documents' sections, {budget:.0f} s …")
    factory = getattr(pipeline, "annotator_for", None)  # the instance the pipeline uses
    annotator = factory(None) if factory is not None else Annotator()
    annotator.annotate(docs[0])  # warm-up
    used: list[list[Any]] = []
    seconds = 0.0
    entities = 0
    for units in docs:
        start = time.process_time()
        result = annotator.annotate(units)
        seconds += time.process_time() - start
        entities += len(result.entities)
        used.append(units)
        if seconds > budget:
            break
    unit_texts = [u.text for units in used for u in units]
    tokenizer = spacy.blank("de").tokenizer
    tokens = sum(len(tokenizer(text)) for text in unit_texts)
    rate = tokens / seconds if seconds > 0 else None
    floors: dict[str, float] = {}
    own = getattr(getattr(annotator, "nlp", None), "tokenizer", None)
    for name, tok in (("bare", spacy.blank("de").tokenizer), ("pipeline's own", own)):
        if tok is None:
            continue
        for text in unit_texts[:50]:  # warm the cache as annotate's run did
            tok(text)
        start = time.process_time()
        for text in unit_texts:
            tok(text)
        floors[name] = tokens / max(time.process_time() - start, 1e-9)
    stub = " — NER is still a stub (no entities)" if entities == 0 else ""
    bench.details["annotate"] = {
        "documents": len(used),
        "tokens": tokens,
        "cpu_s": seconds,
        "entities": entities,
        "tokenizer_tokens_per_cpu_s": floors,
    }
    bench.add(
        Figure(
            "annotate tokens/s per core",
            rate,
            "tokens/CPU-s",
            "≥ 50,000",
            None if rate is None else rate >= 50_000,
            f"{tokens:,} tokens, {len(used)} docs, {entities:,} entities{stub}",
        )
    )
    if "bare" in floors:
        own_rate = floors.get("pipeline's own")
        note = "" if own_rate is None else f"the pipeline's own tokenizer: {own_rate:,.0f}"
        bench.add(
            Figure("spaCy tokenizer alone (blank de)", floors["bare"], "tokens/CPU-s", note=note)
        )


def measure_memory(bench: Bench, work: Path, options: set[str], seed: int, nominal: int) -> None:
    """Peak memory of a run on N profiles and on 10 N: per-document state must not pile up.

    Run as users run it (two workers). The figure is the peak RSS of the largest process;
    the note adds each kind of process (the CLI process holds the run's bookkeeping, the
    workers the NER pipeline) and the sum of PSS, what the machine must hold. N is the
    corpus's profile count, or less when 11 N documents would not fit in the time left
    (estimated from the HTML-only run; HTML costs more than text).
    """
    html = bench.runs.get("html")
    start = bench.runs.get("startup")
    start_wall = start.wall if start is not None else 5.0
    per_doc = 0.05
    if html is not None and html.usable:  # no credit for the second worker: a busy machine
        per_doc = max(0.005, (html.wall - start_wall) / html.records)  # may not give it
    fits = int((bench.left() - 25 - 2 * start_wall) / (11 * per_doc * 1.2))
    base = max(min(150, nominal), min(nominal, fits))  # 10× always; N may shrink, to 150
    runs: dict[str, Run] = {}
    factor = 10
    for label in ("mem1x", "mem10x"):
        count = base * (factor if label == "mem10x" else 1)
        folder = work / label
        write_profiles(folder / "html", folder / "text", count, seed + count)
        bench.say(f"memory: {count} profiles, workers 2 …")
        runs[label] = run_cli(label, [folder], work / f"out-{label}", options, workers=2)
        bench.runs[label] = runs[label]
        shutil.rmtree(folder, ignore_errors=True)
    if base < nominal:
        bench.notes.append(
            f"memory runs on {base} and {base * factor} profiles (the plan: {nominal} and "
            f"{nominal * 10}) to stay in the time budget (~{per_doc * 1000:.0f} ms per "
            "document); `--budget 900` gives the full runs"
        )
    big = f"{factor}×"
    for label, run, count in (("1×", runs["mem1x"], base), (big, runs["mem10x"], base * factor)):
        note = f"{count} profiles in {run.wall:.0f} s"
        if not math.isnan(run.total_peak_mb):
            note += (
                f"; CLI process {run.parent_peak_mb:.0f} MB, largest worker "
                f"{run.worker_peak_mb:.0f} MB, all processes {run.total_peak_mb:.0f} MB PSS"
            )
        value = run.peak_mb if run.usable else None
        bench.add(Figure(f"peak memory {label} (largest process)", value, "MB", note=note))
    one, ten = runs["mem1x"], runs["mem10x"]
    r = ratio(ten.peak_mb, one.peak_mb) if one.usable and ten.usable else None
    note = ""
    if r is not None and not math.isnan(one.total_peak_mb + ten.total_peak_mb):
        note = (
            f"all processes together (PSS) {ten.total_peak_mb / one.total_peak_mb:.2f}×: "
            "forked workers share fewer pages the longer they run"
        )
    bench.add(
        Figure(f"peak memory {big} / 1×", r, "×", "≤ 1.2×", None if r is None else r <= 1.2, note)
    )


# --------------------------------------------------------------------------- profile


@dataclass(frozen=True, slots=True)
class Entry:
    function: str
    where: str
    self_s: float
    total_s: float


@dataclass(slots=True)
class Profile:
    label: str
    entries: list[Entry]
    total: float
    tree: str
    stages: list[tuple[int, str, float]] = field(default_factory=list)  # depth, name, seconds


def _key(frame: Any) -> tuple[str, str]:
    return str(frame.function), f"{frame.file_path_short}:{frame.line_no}"


def stages_of(root: Any, depth: int = 3) -> list[tuple[int, str, float]]:
    """Where a document's time goes: the calls inside ``pipeline.extract``, ``depth`` deep.

    Calls are merged by function along their path, so 1,000 documents read as one tree;
    a branch under 2 % of the run is left out. Everything outside ``extract`` (CLI,
    discovery, manifest, spool, commit) is one line, the NER pipeline's build another.
    """
    tree: dict[tuple[tuple[str, str], ...], float] = defaultdict(float)
    inside = build = 0.0
    cython = root.total_self_time  # samples with no Python frame at all
    stack = [root]
    while stack:
        frame = stack.pop()
        if frame.function == "annotator_for":  # outside extract: the worker's initializer
            build += frame.time
            continue
        if str(frame.file_path_short).endswith((".pyx", ".pxd")):
            cython += frame.time  # spaCy's Cython calls lose their callers in the profile
            continue
        if frame.function == "extract" and frame.file_path_short.endswith("pipeline.py"):
            inside += frame.time
            below: list[tuple[Any, tuple[tuple[str, str], ...]]] = [(frame, ())]
            while below:
                node, path = below.pop()
                for child in node.children:
                    if child.is_synthetic or len(path) >= depth:
                        continue
                    tree[(*path, _key(child))] += child.time
                    below.append((child, (*path, _key(child))))
            continue
        stack.extend(frame.children)
    if not inside:
        return []
    rows = [
        (
            0,
            "outside pipeline.extract (CLI, discover, manifest, spool, commit)",
            root.time - inside - cython,
        ),
        (1, "of which NER pipeline build (annotator_for, once per process)", build),
        (0, "C/Cython code the profiler cannot place (mostly spaCy's tokenizer)", cython),
        (0, "pipeline.extract (one document at a time)", inside),
    ]

    def emit(prefix: tuple[tuple[str, str], ...]) -> None:
        children = [
            (k, v) for k, v in tree.items() if len(k) == len(prefix) + 1 and k[:-1] == prefix
        ]
        for path, seconds in sorted(children, key=lambda kv: -kv[1]):
            if seconds >= 0.02 * root.time:
                rows.append((len(path), f"{path[-1][0]}  ({path[-1][1]})", seconds))
                emit(path)

    emit(())
    return rows


def profile_run(
    bench: Bench, label: str, work: Path, options: set[str], parts: Sequence[tuple[Path, int]]
) -> Profile:
    """One in-process CLI run (no worker process) on a slice: (folder, files) per part."""
    from ikz_extract.cli import app

    slice_dir = work / f"slice-{label}"
    for folder, count in parts:
        target = slice_dir / folder.name
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(folder.iterdir())[:count]:
            shutil.copy(path, target / path.name)
    args = ["run", str(slice_dir), "--out", str(work / f"out-profile-{label}")]
    args += ["--workers", "1"] if "--workers" in options else []
    args += ["--timeout", "0"] if "--timeout" in options else []  # no worker process
    args += ["--quiet"] if "--quiet" in options else []
    shown = ", ".join(f"{count} {folder.name}" for folder, count in parts)
    bench.say(f"profile ({label}): one in-process run on {shown} …")

    def call() -> None:
        quiet = io.StringIO()
        with (
            contextlib.redirect_stdout(quiet),
            contextlib.redirect_stderr(quiet),
            contextlib.suppress(SystemExit),
        ):
            app(args, standalone_mode=False)

    try:
        from pyinstrument import Profiler
    except ImportError:
        return Profile(label, *_cprofile(call))
    profiler = Profiler(interval=0.001)
    profiler.start()
    try:
        call()
    finally:
        profiler.stop()
    session = profiler.last_session
    assert session is not None
    root = session.root_frame()
    if root is None:
        return Profile(label, [], 0.0, "empty profile")
    selfs: dict[tuple[str, str], float] = defaultdict(float)
    totals: dict[tuple[str, str], float] = defaultdict(float)
    stack: list[tuple[Any, frozenset[tuple[str, str]]]] = [(root, frozenset())]
    while stack:
        frame, above = stack.pop()
        if frame.is_synthetic:  # "[self]" leaves: already in their parent's total_self_time
            continue
        key = _key(frame)
        selfs[key] += frame.total_self_time
        if key not in above:  # recursion: count a function's time once per call chain
            totals[key] += frame.time
        stack.extend((child, above | {key}) for child in frame.children)
    entries = [Entry(k[0], k[1], selfs[k], totals[k]) for k in totals]
    tree = profiler.output_text(unicode=True, color=False)
    return Profile(label, entries, float(root.time), tree, stages_of(root))


def _cprofile(call: Callable[[], None]) -> tuple[list[Entry], float, str]:
    """Fallback when pyinstrument is not installed: cProfile's tottime/cumtime."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(call)
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    entries = [
        Entry(func[2], f"{Path(func[0]).name}:{func[1]}", tt, ct)
        for func, (_cc, _nc, tt, ct, _callers) in raw.items()
    ]
    total = sum(e.self_s for e in entries)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(60)
    return entries, total, text.getvalue()


def profile_tables(profile: Profile, *, own: bool, ours: int) -> str:
    """Top entries by own time, and the pipeline's own functions by inclusive time."""
    total = profile.total or 1.0

    def table(title: str, rows: list[Entry]) -> list[str]:
        lines = [title, f"{'self s':>8} {'self %':>7} {'total s':>8} {'total %':>8}  function"]
        for e in rows:
            lines.append(
                f"{e.self_s:8.3f} {100 * e.self_s / total:6.1f}% {e.total_s:8.3f} "
                f"{100 * e.total_s / total:7.1f}%  {e.function}  ({e.where})"
            )
        return lines

    head = f"profile ({profile.label}): one in-process run, {profile.total:.2f} s"
    by_self = sorted(profile.entries, key=lambda e: -e.self_s)[:TOP]
    lines = [head]
    if own:
        lines += [*table(f"top {TOP} functions by own time", by_self), ""]
    if profile.stages:
        lines.append(f"{'total s':>8} {'total %':>8}  where the time goes")
        for depth, name, seconds in profile.stages:
            indent = "  " * depth
            lines.append(f"{seconds:8.3f} {100 * seconds / total:7.1f}%  {indent}{name}")
    else:
        mine = [e for e in profile.entries if "ikz_extract" in e.where]
        stages = sorted(mine, key=lambda e: -e.total_s)[:ours]
        lines += table(f"top {ours} ikz_extract functions by inclusive time", stages)
    return "\n".join(lines)


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cores": cores,
        "load_average_start": os.getloadavg(),
    }


def markdown_table(figures: Sequence[Figure]) -> str:
    rows = ["| figure | value | target | status | note |", "|---|---:|---|---|---|"]
    rows += [f"| {f.name} | {f.shown()} | {f.target} | {f.status} | {f.note} |" for f in figures]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="a small corpus: check the script")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument(
        "--budget",
        type=float,
        default=540.0,
        help="seconds the whole benchmark may take (the 10× run shrinks to fit)",
    )
    args = ap.parse_args(argv)
    quick = args.quick
    n_profiles, n_pdfs = (100, 4) if quick else (1000, 50)
    reps = 2 if quick else 3  # best of N, variants interleaved

    bench = Bench(budget=args.budget)
    info = machine()
    profiles: list[Profile] = []
    tmp = Path(tempfile.mkdtemp(prefix="ikz-bench-"))
    try:
        bench.say(f"building the corpus in {tmp} …")
        corpus = build_corpus(tmp / "corpus", profiles=n_profiles, pdfs=n_pdfs)
        bench.say(
            f"corpus: {corpus.n_html} HTML + {corpus.n_text} text profiles, "
            f"{corpus.n_pdfs} PDFs × {corpus.pdf_pages} pages ({corpus.pdf_origin})"
        )
        options = cli_options()
        bench.details["cli_options"] = sorted(options)
        # the corpus's mix (profiles : PDFs) at 1/25 of its size, and HTML profiles alone
        mixed = [
            (corpus.profiles_html, n_profiles // 50),
            (corpus.profiles_text, n_profiles // 50),
            (corpus.pdfs, max(1, n_pdfs // 25)),
        ]
        html_only = [(corpus.profiles_html, 30 if quick else 100)]
        steps: list[tuple[str, Callable[[], object]]] = [
            ("end to end", lambda: measure_end_to_end(bench, corpus, tmp, options, 500)),
            ("peers", lambda: measure_peers(bench, corpus, tmp, options)),
            ("NER build", lambda: measure_build(bench)),
            ("PDF path", lambda: measure_pdf(bench, corpus, options, reps=2, n=1)),
            ("HTML path", lambda: measure_html(bench, corpus, reps=reps, n=30 if quick else 100)),
            (
                "annotate",
                lambda: measure_annotate(bench, tmp / "out-w1" / RECORDS, 3 if quick else 8),
            ),
            ("profile", lambda: profiles.append(profile_run(bench, "mixed", tmp, options, mixed))),
            (
                "profile",
                lambda: profiles.append(profile_run(bench, "html", tmp, options, html_only)),
            ),
            ("memory", lambda: measure_memory(bench, tmp, options, 11, nominal=n_profiles)),
            ("web", lambda: web_bench.add_figures(bench, Figure, tmp, 40 if quick else 200)),
        ]
        for name, step in steps:
            try:
                step()
            except Exception as exc:  # a module mid-change must not cost the other figures
                bench.notes.append(f"{name} failed: {type(exc).__name__}: {exc}")
                bench.say(f"{name} failed: {type(exc).__name__}: {exc}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    report(bench, info, corpus, profiles, write=not quick)
    return 0


def report(
    bench: Bench, info: dict[str, Any], corpus: Corpus, profiles: list[Profile], write: bool
) -> None:
    """Print the table and the profiles; write results.json/.md and profile.txt."""
    info["load_average_end"] = os.getloadavg()
    info["elapsed_s"] = round(bench.elapsed(), 1)
    header = (
        f"ikz-extract benchmark — {info['date']}, Python {info['python']}, "
        f"{info['cores']} cores, load average {info['load_average_start'][0]:.1f} → "
        f"{info['load_average_end'][0]:.1f}, {info['elapsed_s']:.0f} s"
    )
    table = markdown_table(bench.figures)
    shown = [
        profile_tables(p, own=p.label == "mixed", ours=TOP if p.label == "mixed" else 10)
        for p in profiles
    ]
    print(f"\n{header}\n\n{table}\n")
    for note in bench.notes:
        print(f"note: {note}")
    missing = [f.name for f in bench.figures if f.value is None and f.target]
    if missing:
        print(f"not measured: {', '.join(missing)}")
    print("\n" + "\n\n".join(shown) + "\n")
    print(f"elapsed: {bench.elapsed():.0f} s (budget {bench.budget:.0f} s)")
    if not write:  # --quick checks the script; it must not overwrite the last real results
        return
    full = [profile_tables(p, own=True, ours=TOP) + "\n\n" + p.tree for p in profiles]
    (BENCH / "profile.txt").write_text("\n\n".join(full) + "\n", encoding="utf-8")
    (BENCH / "results.md").write_text(f"{header}\n\n{table}\n", encoding="utf-8")
    result = {
        "machine": info,
        "corpus": {
            "profiles_html": corpus.n_html,
            "profiles_text": corpus.n_text,
            "pdfs": corpus.n_pdfs,
            "pages_per_pdf": corpus.pdf_pages,
            "pdf_origin": corpus.pdf_origin,
            "documents": corpus.documents,
            "pages": corpus.pages,
        },
        "figures": [{**asdict(f), "status": f.status} for f in bench.figures],
        "runs": {k: asdict(v) for k, v in bench.runs.items()},
        "details": bench.details,
        "notes": bench.notes,
        "profiles": {
            p.label: {
                "total_s": p.total,
                "top_own": [asdict(e) for e in sorted(p.entries, key=lambda e: -e.self_s)[:TOP]],
            }
            for p in profiles
        },
    }
    text = json.dumps(result, indent=2, ensure_ascii=False)
    (BENCH / "results.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
