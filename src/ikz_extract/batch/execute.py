"""Executing a plan: the planned documents through the pipeline, on an executor.

Each finished document (record, or error line) goes to the run's spool as it arrives
(``store.spool``), so memory does not grow with the corpus; a document that overruns the
time limit or crashes its worker gets an error line of its own. Where the documents run
(this machine's pool, or a Dask cluster) is ``batch.executors``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from ikz_extract.batch.executors import Executor, LocalExecutor, failed_entry
from ikz_extract.batch.model import RunSettings, Summary
from ikz_extract.batch.plan import Item, Plan, Task
from ikz_extract.models import ErrorRecord, record_id_for
from ikz_extract.pool import Failure, WorkerStartError
from ikz_extract.progress import Progress
from ikz_extract.store.commit import crash_point
from ikz_extract.store.spool import Entry, SpoolWriter

log = logging.getLogger(__name__)


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def extract(
    plan: Plan, settings: RunSettings, progress: Progress, spool: SpoolWriter, summary: Summary
) -> None:
    """Run ``plan.tasks``; each result goes to the spool and becomes a ``new`` item."""
    tasks = plan.tasks
    executor = executor_for(settings, len(tasks), progress.tick)
    progress.start(len(tasks), plan.skipped + summary.reused)
    try:
        for done, (task, result) in enumerate(executor.run(tasks), start=1):
            if isinstance(result, Failure):
                entry, payload = _failure_payload(task, result, settings.timeout)
            else:
                entry, payload = result
            log.info(
                "%s: %s",
                entry.path,
                entry.error_type if entry.status == "failed" else entry.record_type,
                extra={
                    "key": entry.key,
                    "record_id": entry.record_id,
                    "status": entry.status,
                    "record_type": entry.record_type,
                    "error_type": entry.error_type,
                    "pages": entry.pages,
                    "warnings": entry.warnings,
                },
            )
            ref = spool.append(entry, payload)
            plan.items.append(Item(entry.record_id, "new", ref=ref))
            summary.extracted += 1
            progress.advance(entry.pages)
            crash_point(f"after-document-{done}")
    finally:
        progress.stop()


def executor_for(settings: RunSettings, tasks: int, on_tick: Callable[[], None]) -> Executor:
    """The executor ``settings`` ask for; Dask is imported only when it is asked for."""
    workers = min(settings.workers or default_workers(), max(1, tasks))
    if settings.executor == "dask":
        try:
            from ikz_extract.batch.dask_executor import DaskExecutor
        except ImportError as exc:
            raise WorkerStartError(
                f"--executor dask needs dask ({exc}): pip install 'ikz-extract[dask]'"
            ) from exc
        return DaskExecutor(settings.scheduler, workers, settings.timeout, on_tick)
    return LocalExecutor(workers, settings.timeout, on_tick, settings.max_memory)


# ---------------------------------------------------------------- parent side


def _failure_payload(task: Task, failure: Failure, timeout: float | None) -> tuple[Entry, str]:
    """The error line of a document its worker did not finish: (type, message, hint)."""
    if failure.kind == "timeout":
        error_type, message, hint = (
            "timeout",
            f"timeout: extraction took longer than {timeout:g} s and was stopped",
            "the document may be pathological (huge, deeply nested); check it, or raise --timeout",
        )
    elif failure.kind == "too_large":
        error_type, message, hint = (
            "too_large",
            f"the document needs more memory than a worker may use: {failure.detail}",
            "check the document; raise --max-memory to try again",
        )
    else:
        error_type, message, hint = (
            "worker_crashed",
            f"the extraction crashed: {failure.detail}",
            "often memory exhaustion on a very large document; check it, or run it alone",
        )
    source = task.source
    error = ErrorRecord(
        source=source.origin,
        record_id=record_id_for(source.key),
        error_type=error_type,
        message=message,
        hint=hint,
    )
    return failed_entry(task, error)
