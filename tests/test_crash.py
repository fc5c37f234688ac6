"""kill -9 at any moment (issue 5, item 4): the next run finishes without duplicates or losses.

Two kinds of kill:

- a real ``ikz-extract run`` subprocess, SIGKILLed from outside after a number of documents
  has been journalled (three runs at different points, side by side);
- a forked run that SIGKILLs itself at a named step of the commit protocol
  (``IKZ_EXTRACT_CRASH_AT``), so every window between two writes is hit exactly, including
  the ones a timed kill would almost never land in.

After each kill: what is on disk is a complete earlier or later state (never a mix within
a file), and a re-run produces exactly what an uninterrupted run produces, byte for byte.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikz_extract.batch import RunSettings, Summary, run_batch
from ikz_extract.cli import app
from ikz_extract.discover import discover
from ikz_extract.models import ErrorRecord, record_adapter, record_id_for
from ikz_extract.options import Options
from ikz_extract.store.commit import CRASH_ENV
from ikz_extract.store.spool import Entry, PayloadReader, SpoolWriter, scan, spool_files
from tests.fixtures.bad_input import random_bytes
from tests.fixtures.corpus import profile_text, write_profiles

FAST = Options(annotate=False)
IKZ_EXTRACT = Path(sys.executable).parent / "ikz-extract"
runner = CliRunner()


def check_output(out: Path, folder: Path) -> None:
    """Every record valid, ids unique and sorted, each source exactly once (record or error)."""
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    records = [record_adapter.validate_json(line) for line in lines]
    ids = [r.record_id for r in records]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    errors = [
        ErrorRecord.model_validate_json(line)
        for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    sources, _ = discover([str(folder)])
    keys = [r.source.key for r in records] + [Path(e.source).name for e in errors]
    assert sorted(keys) == sorted(s.key for s in sources)
    for record in records:
        assert record.record_id == record_id_for(record.source.key)


def check_partial(out: Path) -> None:
    """Right after a kill: each output file is absent or complete (valid, no torn line)."""
    for name, model in (("records.jsonl", record_adapter), ("errors.jsonl", None)):
        path = out / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            assert text == "" or text.endswith("\n")
            for line in text.splitlines():
                if model is None:
                    ErrorRecord.model_validate_json(line)
                else:
                    model.validate_json(line)


def spooled_lines(out: Path) -> int:
    return sum(
        path.read_bytes().count(b"\n") for path in (out / ".ikz-extract").glob("spool-*.jsonl")
    )


# ---------------------------------------------------------------- real subprocess, kill -9


def test_ikz_extract_run_killed_mid_run_then_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_profiles(folder, 60)
    (folder / "noise.html").write_bytes(random_bytes())
    reference = tmp_path / "reference"
    args = ["--no-nlp", "--workers", "1", "--quiet"]
    assert runner.invoke(app, ["run", str(folder), "-o", str(reference), *args]).exit_code == 1

    kill_after = {tmp_path / f"out_{n}": n for n in (2, 20, 45)}
    procs = {
        out: subprocess.Popen(
            [str(IKZ_EXTRACT), "run", str(folder), "-o", str(out), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for out in kill_after
    }
    deadline = time.monotonic() + 120
    while any(p.poll() is None and p.returncode is None for p in procs.values()):
        for out, proc in procs.items():
            if proc.poll() is None and spooled_lines(out) >= kill_after[out]:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    for out, proc in procs.items():
        assert proc.returncode == -signal.SIGKILL, f"{out.name} finished before the kill"
        check_partial(out)
        assert not (out / "records.jsonl").exists()  # a first run commits all or nothing
        rerun = runner.invoke(app, ["run", str(folder), "-o", str(out), *args])
        assert rerun.exit_code == 1  # noise.html fails, everything else is a record
        assert "reused" in rerun.output  # the killed run's finished documents were kept
        check_output(out, folder)
        for name in ("records.jsonl", "errors.jsonl"):
            assert (out / name).read_bytes() == (reference / name).read_bytes(), name
        assert len((out / "records.jsonl").read_text().splitlines()) == 60


# ---------------------------------------------------------------- every step of the commit


@dataclass
class Scenario:
    """Corpus v1 committed (state A); the folder then changed to v2; B: v2 from scratch."""

    folder: Path
    state_a: Path
    fresh_b: Path  # v2 extracted from scratch
    incremental_b: Path  # A, then v2: the expected changes and manifest


def run(folder: Path, out: Path, workers: int = 1) -> Summary:
    sources, _ = discover([str(folder)])
    timeout = None if workers == 1 else 60.0
    return run_batch(sources, out, FAST, settings=RunSettings(workers=workers, timeout=timeout))


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    root = tmp_path_factory.mktemp("crash")
    folder = root / "in"
    paths = write_profiles(folder, 12)
    (folder / "empty.txt").write_bytes(b"")
    state_a = root / "state_a"
    run(folder, state_a)
    # v2: three changed, three removed, three added, one more broken file.
    for index in (0, 1, 2):
        paths[index].write_text(profile_text(index, einwohner=999_000 + index), encoding="utf-8")
    for index in (3, 4, 5):
        paths[index].unlink()
    write_profiles(folder, 3, start=20)
    (folder / "noise.html").write_bytes(random_bytes())
    fresh_b = root / "fresh_b"
    run(folder, fresh_b)
    incremental_b = root / "incremental_b"
    shutil.copytree(state_a, incremental_b, symlinks=True)
    summary = run(folder, incremental_b)
    assert (summary.changed, summary.removed, summary.added, summary.failed) == (3, 3, 3, 2)
    return Scenario(folder, state_a, fresh_b, incremental_b)


def manifest_state(out: Path) -> list[tuple[str, ...]]:
    db = sqlite3.connect(out / "manifest.sqlite")
    try:
        rows = db.execute(
            "SELECT key, sha256, status, record_sha256, fingerprint FROM sources ORDER BY key"
        )
        return [tuple(row) for row in rows]
    finally:
        db.close()


def crash_run(folder: Path, out: Path, point: str, workers: int = 1) -> None:
    """Run in a forked child that SIGKILLs itself at ``point``."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            os.environ[CRASH_ENV] = point
            run(folder, out, workers)
        finally:
            os._exit(0)  # only reached if the crash point was never hit
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, point


# Which state each file shows right after a kill at that point: A (before) or B (after).
POINTS = {
    "after-document-1": ("A", "A"),
    "after-document-5": ("A", "A"),
    "before-commit": ("A", "A"),
    "after-commit": ("A", "A"),
    "after-switch": ("B", "B"),  # one switch: never B's records beside A's errors
    "before-cleanup": ("B", "B"),
}


@pytest.mark.parametrize("point", list(POINTS))
def test_killed_at_each_step_then_rerun(scenario: Scenario, tmp_path: Path, point: str) -> None:
    out = tmp_path / "out"
    shutil.copytree(scenario.state_a, out, symlinks=True)
    workers = 2 if point == "after-document-5" else 1  # one case with the process pool
    crash_run(scenario.folder, out, point, workers)
    check_partial(out)
    expected = dict(zip(("records.jsonl", "errors.jsonl"), POINTS[point], strict=True))
    for name, state in expected.items():
        source = scenario.state_a if state == "A" else scenario.fresh_b
        assert (out / name).read_bytes() == (source / name).read_bytes(), (name, state)

    summary = run(scenario.folder, out)
    committed = point not in ("after-document-1", "after-document-5", "before-commit")
    assert summary.recovered is committed
    if point.startswith("after-document-"):
        assert summary.reused == int(point.rsplit("-", 1)[1])
    check_output(out, scenario.folder)
    for name in ("records.jsonl", "errors.jsonl"):
        assert (out / name).read_bytes() == (scenario.fresh_b / name).read_bytes(), name
    changes = sorted((out / "changes.jsonl").read_text(encoding="utf-8").splitlines())
    expected_changes = (scenario.incremental_b / "changes.jsonl").read_text(encoding="utf-8")
    assert changes == sorted(expected_changes.splitlines())  # reported once, not lost
    assert manifest_state(out) == manifest_state(scenario.incremental_b)
    assert not list((out / ".ikz-extract").glob("spool-*")), "journal cleaned up"
    generations = sorted(p.name for p in (out / ".ikz-extract").glob("commit-*"))
    assert len(generations) == 2, "staging cleaned up: the new generation and the one before"
    assert os.path.realpath(out / "records.jsonl").endswith(f"/{generations[-1]}/records.jsonl")


def test_killed_twice_then_rerun(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(scenario.state_a, out, symlinks=True)
    crash_run(scenario.folder, out, "after-document-2")
    crash_run(scenario.folder, out, "after-commit")
    summary = run(scenario.folder, out)
    assert summary.recovered
    check_output(out, scenario.folder)
    assert (out / "records.jsonl").read_bytes() == (scenario.fresh_b / "records.jsonl").read_bytes()
    changed = [json.loads(line) for line in (out / "changes.jsonl").read_text().splitlines()]
    assert sorted(c["change"] for c in changed) == ["added"] * 3 + ["changed"] * 3 + ["removed"] * 3


def test_the_journal_ignores_a_torn_last_line(tmp_path: Path) -> None:
    """A kill in the middle of a spool write leaves half a line: it is not an entry."""
    path = tmp_path / "spool-1.jsonl"
    writer = SpoolWriter(path)
    entry = Entry("a.txt", "in/a.txt", "id", "ok", "00", 1, None, "fp")
    writer.append(entry, '{"record_id":"id"}')
    writer.append(dataclasses.replace(entry, key="b.txt"), '{"record_id":"id2"}')
    writer.close()
    whole = path.read_bytes()
    path.write_bytes(whole[:-5])  # the second line torn
    (ref,) = scan(path)
    assert ref.entry == entry
    reader = PayloadReader()
    assert reader.read(ref) == '{"record_id":"id"}'
    reader.close()
    later = tmp_path / "spool-10.jsonl"
    later.write_bytes(b"")
    assert spool_files(tmp_path) == [path, later]  # run 10 after run 1, not before


# ---------------------------------------------------------------- an older layout: plain files

LEGACY_POINTS = ("after-adopt", "after-link-errors.jsonl", "after-switch", None)


@pytest.mark.parametrize("point", LEGACY_POINTS)
def test_plain_output_files_are_adopted_consistently(
    scenario: Scenario, tmp_path: Path, point: str | None
) -> None:
    """An OUT with plain files (an older version, or copied with links followed) moves to
    generations; a kill at any step shows A's complete set, and the re-run gives B."""
    out = tmp_path / "out"
    shutil.copytree(scenario.state_a, out)  # links followed: plain files, `current` a folder
    assert not (out / "records.jsonl").is_symlink()
    if point is not None:
        crash_run(scenario.folder, out, point)
        state = "B" if point == "after-switch" else "A"
        source = scenario.state_a if state == "A" else scenario.fresh_b
        for name in ("records.jsonl", "errors.jsonl"):
            assert (out / name).read_bytes() == (source / name).read_bytes(), (name, point)
    run(scenario.folder, out)
    check_output(out, scenario.folder)
    for name in ("records.jsonl", "errors.jsonl"):
        assert (out / name).is_symlink()
        assert (out / name).read_bytes() == (scenario.fresh_b / name).read_bytes(), name
    assert manifest_state(out) == manifest_state(scenario.incremental_b)
