"""``--executor dask``: the same records as the local pool, timeouts and dead workers as lines.

Each test runs against a Dask LocalCluster on 127.0.0.1 that this module starts and stops
(the ``cluster`` fixture), reached through its address exactly as a remote scheduler is.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle
import dask
import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from ikz_extract.batch import RunSettings, run_batch
from ikz_extract.batch.dask_executor import DaskExecutor
from ikz_extract.batch.executors import LocalExecutor
from ikz_extract.batch.merge import STALE_PREFIX
from ikz_extract.batch.plan import Task
from ikz_extract.discover import SourceFile, discover
from ikz_extract.options import Options
from tests.conftest import SAMPLES

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
OUTPUTS = ("records.jsonl", "errors.jsonl")

# Workers unpickle this module's plugin by value: they need not import the tests package.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    # One death is enough to give up on a task: the crash test must not wait for 3 retries.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            processes=True,
        ) as local,
    ):
        yield local


def _corpus(folder: Path) -> Path:
    """Real documents of every kind (samples, ../shared HTML and PDF) and one broken file."""
    folder.mkdir(parents=True)
    for path in sorted(SAMPLES.iterdir()):
        shutil.copy(path, folder / path.name)
    for path in sorted((SHARED / "maintext-dev" / "html").glob("*.html"))[:4]:
        shutil.copy(path, folder / path.name)
    shutil.copy(SHARED / "pdf-dev" / "pdf" / "muenchen_mucgpt_cheatsheet.pdf", folder / "cs.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage, no objects\n")
    # names that are not UTF-8 or carry control characters (issue 9): a record each
    text = next(SAMPLES.glob("000_*.txt")).read_bytes()
    for name in (b"caf\xe9-latin1.txt", b"tab\there.txt", b"\x1b[31mred.txt"):
        (folder / os.fsdecode(name)).write_bytes(text)
    return folder


def _outputs(out: Path) -> tuple[bytes, ...]:
    return tuple((out / name).read_bytes() for name in OUTPUTS)


def test_dask_records_are_byte_identical_to_the_local_pool(
    tmp_path: Path, cluster: LocalCluster
) -> None:
    sources, _ = discover([str(_corpus(tmp_path / "in"))])
    local = run_batch(sources, tmp_path / "local", Options(), settings=RunSettings(workers=2))
    remote = run_batch(
        sources,
        tmp_path / "dask",
        Options(),
        settings=RunSettings(executor="dask", scheduler=cluster.scheduler_address),
    )
    assert local.counts() == remote.counts()
    assert (remote.added, remote.failed, remote.extracted) == (len(sources) - 1, 1, len(sources))
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    # The manifest behind it is the same too: an unchanged re-run extracts nothing.
    again = run_batch(
        sources,
        tmp_path / "dask",
        Options(),
        settings=RunSettings(executor="dask", scheduler=cluster.scheduler_address),
    )
    assert (again.extracted, again.unchanged) == (0, len(sources) - 1)


class _Misbehave(WorkerPlugin):
    """In the worker: ``stuck.txt`` hangs, ``crash.txt`` kills its worker process."""

    def setup(self, worker: Any = None) -> None:
        import ikz_extract.pipeline as pipeline

        real = self.real = pipeline.extract_or_error

        def misbehaving(source: Any, options: Any, data: Any = None) -> Any:
            if source.key == "stuck.txt":
                time.sleep(120)
            if source.key == "crash.txt":
                os._exit(9)
            return real(source, options, data)

        pipeline.extract_or_error = misbehaving  # type: ignore[assignment]

    def teardown(self, worker: Any = None) -> None:
        import ikz_extract.pipeline as pipeline

        pipeline.extract_or_error = self.real  # type: ignore[method-assign]


def test_timeout_and_dead_worker_become_error_lines_and_the_batch_goes_on(
    tmp_path: Path, cluster: LocalCluster
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt", "stuck.txt", "crash.txt"):
        (folder / name).write_text(text.replace("\n", f" {name}\n", 1), encoding="utf-8")
    sources, _ = discover([str(folder)])
    with Client(cluster.scheduler_address) as client:
        client.register_plugin(_Misbehave(), name="misbehave")
        try:
            summary = run_batch(
                sources,
                tmp_path / "out",
                Options(annotate=False),
                settings=RunSettings(
                    executor="dask", scheduler=cluster.scheduler_address, timeout=3.0
                ),
            )
        finally:
            client.unregister_worker_plugin("misbehave")  # its teardown undoes the patch
    assert (summary.added, summary.failed) == (3, 2)
    kinds = {Path(e.source).name: e.error_type for e in summary.errors}
    assert kinds == {"stuck.txt": "timeout", "crash.txt": "worker_crashed"}
    # Both are failures of the moment, not of the bytes: the next run tries them again.
    again = run_batch(
        sources,
        tmp_path / "out",
        Options(annotate=False),
        settings=RunSettings(executor="dask", scheduler=cluster.scheduler_address),
    )
    assert (again.extracted, again.added) == (2, 2)
    # Failing so again, each keeps the record it has now, with a warning (issue 9's rule).
    with Client(cluster.scheduler_address) as client:
        client.register_plugin(_Misbehave(), name="misbehave")
        try:
            stale = run_batch(
                sources,
                tmp_path / "out",
                Options(annotate=False),
                settings=RunSettings(
                    executor="dask", scheduler=cluster.scheduler_address, timeout=3.0, force=True
                ),
            )
        finally:
            client.unregister_worker_plugin("misbehave")
    assert (stale.stale, stale.failed) == (2, 2)
    lines = (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    warnings = {r["source"]["key"]: r["warnings"] for r in map(json.loads, lines)}
    assert len(warnings) == 5
    for key, kind in (("stuck.txt", "timeout"), ("crash.txt", "worker_crashed")):
        assert any(w.startswith(f"{STALE_PREFIX} ({kind}") for w in warnings[key]), key


def test_a_file_gone_before_its_turn_gets_the_error_line_of_the_local_pool(
    tmp_path: Path, cluster: LocalCluster
) -> None:
    text = next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")
    tasks = []
    for name in ("a.txt", "gone.txt", "b.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        tasks.append(Task(SourceFile(path, name), 1, 1, Options(annotate=False)))
    (tmp_path / "gone.txt").unlink()  # after planning: the read is what fails
    local = dict(LocalExecutor(1, None, None).run(tasks))
    remote = dict(DaskExecutor(cluster.scheduler_address, 1, None, None).run(tasks))
    assert remote == local
    entry, payload = local[tasks[1]]
    assert (entry.status, entry.error_type) == ("failed", "unreadable")
    assert "cannot read the file" in json.loads(payload)["message"]
