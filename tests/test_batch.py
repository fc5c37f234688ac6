"""Parallel batches (issue 5): same output for any worker count, time limits, progress, CLI."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import time
import tracemalloc
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import ikz_extract.cli
import ikz_extract.pipeline
from ikz_extract.batch import RunSettings, run_batch
from ikz_extract.cli import app
from ikz_extract.discover import SourceFile, discover
from ikz_extract.models import ErrorRecord, RecordBase
from ikz_extract.options import Options
from ikz_extract.pool import Failure, WorkerPool, WorkerStartError
from ikz_extract.progress import NullProgress, PlainProgress, RichProgress, make_progress
from ikz_extract.store.commit import output_lock
from tests.fixtures.bad_input import cp1252_html, german_pdf
from tests.fixtures.corpus import PROFILE_000, write_profiles

FAST = Options(annotate=False)
runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def _sleep_or_die(task: float) -> float:
    """Pool test task: sleep ``task`` seconds; a negative task kills its own worker."""
    if task < 0:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(task)
    return task


@pytest.mark.parametrize("size", [1, 2])
def test_pool_stops_an_overrunning_task_and_goes_on(size: int) -> None:
    pool: WorkerPool[float, float] = WorkerPool(size, _sleep_or_die, timeout=0.5)
    results = dict(pool.run([0.0, 30.0, 0.01, 0.02]))
    assert results[0.0] == 0.0 and results[0.01] == 0.01 and results[0.02] == 0.02
    stuck = results[30.0]
    assert isinstance(stuck, Failure) and stuck.kind == "timeout"


def test_pool_reports_a_worker_that_dies_and_replaces_it() -> None:
    pool: WorkerPool[float, float] = WorkerPool(1, _sleep_or_die, timeout=10)
    results = list(pool.run([0.0, -1.0, 0.01]))
    assert [task for task, _ in results] == [0.0, -1.0, 0.01]
    died = results[1][1]
    assert isinstance(died, Failure) and died.kind == "crashed" and "SIGKILL" in died.detail
    assert results[2][1] == 0.01  # a fresh worker took over


def _broken_initializer() -> None:
    raise ValueError("model missing")


def test_pool_reports_a_failing_initializer_with_its_message() -> None:
    pool: WorkerPool[float, float] = WorkerPool(
        2, _sleep_or_die, initializer=_broken_initializer, timeout=5
    )
    with pytest.raises(WorkerStartError, match="ValueError: model missing"):
        list(pool.run([0.0, 0.0]))


def _corpus(folder: Path) -> None:
    write_profiles(folder, 16)
    (folder / "page.html").write_bytes(cp1252_html())
    (folder / "brochure.pdf").write_bytes(german_pdf(pages=2))
    (folder / "empty.txt").write_bytes(b"")


def test_parallel_output_is_identical_to_one_worker(tmp_path: Path) -> None:
    _corpus(tmp_path / "in")
    sources, _ = discover([str(tmp_path / "in")])
    outputs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        summary = run_batch(sources, out, FAST, settings=RunSettings(workers=workers))
        assert (summary.added, summary.failed) == (18, 1)
        outputs.append(
            tuple((out / name).read_bytes() for name in ("records.jsonl", "errors.jsonl"))
        )
    assert outputs[0] == outputs[1]
    ids = [json.loads(line)["record_id"] for line in outputs[0][0].splitlines()]
    assert ids == sorted(ids) and len(ids) == 18


def test_memory_does_not_hold_the_records(tmp_path: Path) -> None:
    """The parent keeps per-document metadata (~2 KB), never the records (~7 KB each)."""
    peaks, sizes = [], []
    for count in (20, 80):
        folder = tmp_path / f"in{count}"
        write_profiles(folder, count)
        sources, _ = discover([str(folder)])
        tracemalloc.start()
        try:
            run_batch(sources, tmp_path / f"out{count}", FAST, settings=RunSettings(workers=2))
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        sizes.append((tmp_path / f"out{count}" / "records.jsonl").stat().st_size)
    growth_per_document = (peaks[1] - peaks[0]) / 60
    record_size = sizes[1] / 80
    assert growth_per_document < record_size / 2, (growth_per_document, record_size)


def _slow_for_one(source: SourceFile, options: Options) -> RecordBase | ErrorRecord:
    if source.key == "stuck.txt":
        time.sleep(60)
    return _real_extract(source, options)


_real_extract = ikz_extract.pipeline.extract_or_error


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_the_time_limit_gets_a_timeout_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # Workers are forked, so they run the patched function: one document "hangs".
    monkeypatch.setattr(ikz_extract.pipeline, "extract_or_error", _slow_for_one)
    folder = tmp_path / "in"
    write_profiles(folder, 4)
    (folder / "stuck.txt").write_text(PROFILE_000.read_text(encoding="utf-8"), encoding="utf-8")
    sources, _ = discover([str(folder)])
    summary = run_batch(
        sources, tmp_path / "out", FAST, settings=RunSettings(workers=workers, timeout=1.0)
    )
    assert (summary.added, summary.failed) == (4, 1)
    (error,) = summary.errors
    assert error.error_type == "timeout" and error.source.endswith("stuck.txt")
    assert "timeout" in error.message and "--timeout" in error.hint
    lines = (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    keys = sorted(json.loads(line)["source"]["key"] for line in lines)
    assert keys == sorted(s.key for s in sources if s.key != "stuck.txt")


def test_plain_progress_logs_documents_pages_rate_and_eta() -> None:
    stream = io.StringIO()
    progress = PlainProgress(stream, interval=0)
    progress.start(total=3, skipped=5)
    progress.advance(pages=4)
    progress.advance(pages=2)
    progress.stop()
    text = stream.getvalue()
    assert "3 documents to extract (5 up to date)" in text
    assert "2/3 documents, 6 pages" in text and "documents/s, ETA" in text
    assert text.rstrip().endswith("in 0s")


def test_rich_progress_draws_a_bar_on_a_terminal() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    progress = make_progress("auto", console)
    assert isinstance(progress, RichProgress)
    progress.start(total=3, skipped=0)
    progress.advance(pages=7)
    time.sleep(0.05)  # the rate needs two samples
    progress.advance(pages=1)
    progress.stop()
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert "2/3" in drawn and "8 pages" in drawn and "docs/s" in drawn


def test_progress_modes() -> None:
    not_a_terminal = Console(file=io.StringIO(), force_terminal=False)
    assert isinstance(make_progress("auto", not_a_terminal), PlainProgress)
    assert isinstance(make_progress("quiet", not_a_terminal), NullProgress)


def test_cli_summary_table_exit_codes_and_quiet(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    paths = write_profiles(folder, 3)
    args = ["run", str(folder), "--out", str(out), "--no-nlp", "--workers", "1"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert re.search(r"│ added +│ +3 │", first.output)
    paths[0].unlink()
    (folder / "empty.txt").write_bytes(b"")
    second = runner.invoke(app, args)
    assert second.exit_code == 1  # something failed; the rest is written
    for label, count in (("added", 0), ("unchanged", 2), ("removed", 1), ("failed", 1)):
        assert re.search(rf"│ {label} +│ +{count} │", second.output), label
    assert "empty.txt" in second.output and "empty_file" in second.output
    quiet = runner.invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == 1
    assert "unchanged" not in quiet.output and "empty_file" in quiet.output


def test_cli_exit_3_when_another_run_holds_the_output_folder(tmp_path: Path) -> None:
    write_profiles(tmp_path / "in", 1)
    out = tmp_path / "out"
    with output_lock(out):
        # A POSIX lock is per process: holding it here and running in-process would not
        # conflict, so the competing run is a forked child.
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(out), "-q"])
            os._exit(result.exit_code)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 3
    assert not (out / "records.jsonl").exists()


def test_cli_exit_130_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ikz_extract.cli, "run_batch", interrupted)
    write_profiles(tmp_path / "in", 1)
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 130 and "interrupted" in result.output


def test_cli_exit_2_when_the_spacy_model_is_not_installed(tmp_path: Path) -> None:
    write_profiles(tmp_path / "in", 1)
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]
    for workers in ("1", "2"):
        result = runner.invoke(
            app, [*args, "--spacy-model", "de_not_installed", "--workers", workers]
        )
        assert result.exit_code == 2, result.output
        assert "de_not_installed" in result.output
