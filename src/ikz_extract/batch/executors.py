"""Where the planned documents run: this machine's process pool, or a Dask cluster.

An executor takes the plan's tasks and yields ``(task, outcome)`` as each document
finishes, in any order; the outcome is the spool entry and payload, or a ``Failure``
(timeout, crashed worker) that ``batch.execute`` turns into an error line. Planning,
the spool, merging and the commit stay in the one process that calls it, whatever runs
the documents.

The worker side (``init_worker``, ``run_task``) lives here too: both executors ship the
same two functions to their workers, so a record cannot depend on where it was made.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterator, Sequence
from typing import Literal, Protocol

from ikz_extract.batch.plan import Task, fingerprint_for
from ikz_extract.discover import SourceFile
from ikz_extract.models import ErrorRecord
from ikz_extract.options import Options
from ikz_extract.pool import Failure, WorkerPool, WorkerStartError
from ikz_extract.store.jsonl import to_json
from ikz_extract.store.spool import Entry

ExecutorName = Literal["local", "dask"]
EXECUTORS: tuple[ExecutorName, ...] = ("local", "dask")

Result = tuple[Entry, str]
Outcome = Result | Failure


class Executor(Protocol):
    """Runs tasks somewhere; results come back as they finish, one at a time."""

    def run(self, tasks: Sequence[Task]) -> Iterator[tuple[Task, Outcome]]: ...


class LocalExecutor:
    """Worker processes on this machine (``pool.WorkerPool``), forked from the parent."""

    def __init__(
        self,
        workers: int,
        timeout: float | None,
        on_tick: Callable[[], None] | None,
        memory_limit: int | None = None,
    ) -> None:
        self.workers, self.timeout, self.on_tick = workers, timeout, on_tick
        self.memory_limit = memory_limit  # bytes of address space per worker; None: none

    def run(self, tasks: Sequence[Task]) -> Iterator[tuple[Task, Outcome]]:
        if not tasks:
            return
        from ikz_extract import pipeline  # noqa: F401  # before the fork: workers inherit it

        pool: WorkerPool[Task, Result] = WorkerPool(
            min(self.workers, len(tasks)),
            run_task,
            initializer=init_worker,
            initargs=(tasks[0].options,),
            timeout=self.timeout,
            memory_limit=self.memory_limit,
            on_tick=self.on_tick,
        )
        if pool.shares_parent_memory:
            # Build the spaCy pipeline once, here: forked workers inherit it instead of each
            # building their own (and a missing model fails before any worker starts).
            try:
                init_worker(tasks[0].options)
            except Exception as exc:
                raise WorkerStartError(f"{type(exc).__name__}: {exc}") from exc
            # Move what exists now out of the collector's reach: its reference-count and GC
            # writes would otherwise copy the shared pages into every worker (−18 % memory
            # over all processes on 1,000 profiles).
            gc.freeze()
        try:
            yield from pool.run(tasks)
        finally:
            gc.unfreeze()  # a caller running many batches in one process must not keep them


# ---------------------------------------------------------------- worker side


def init_worker(options: Options) -> None:
    """Build the spaCy pipeline once per worker process, before its first document."""
    from ikz_extract.pipeline import annotator_for

    if options.annotate:
        annotator_for(options.spacy_model)


def run_task(task: Task, data: bytes | None = None) -> Result:
    """One document → its spool entry and payload (record or error JSON).

    ``data``: the bytes, read by the parent (Dask); None: the worker reads the path.
    """
    from ikz_extract import pipeline

    source, options = task.source, task.options
    if data is None:
        result = pipeline.extract_or_error(source, options)
    else:
        result = pipeline.extract_or_error(source, options, data)
    if isinstance(result, ErrorRecord):
        return failed_entry(task, result)
    entry = Entry(
        key=source.key,
        path=source.origin,
        record_id=result.record_id,
        status="ok",
        sha256=result.source.sha256,
        size=task.size,
        mtime_ns=task.mtime_ns,
        fingerprint=fingerprint_for(options, result.source.media_type),
        media_type=result.source.media_type,
        record_type=result.record_type,
        pages=result.source.pages or 0,
        warnings=len(result.warnings),
    )
    return _with_fetch(entry, source), to_json(result)


def failed_entry(task: Task, error: ErrorRecord) -> Result:
    """The spool entry and payload of a task that gave an error line instead of a record."""
    entry = Entry(
        key=task.source.key,
        path=task.source.origin,
        record_id=error.record_id,
        status="failed",
        sha256=error.sha256,
        size=task.size,
        mtime_ns=task.mtime_ns,
        fingerprint=fingerprint_for(task.options, None),
        error_type=error.error_type,
    )
    return _with_fetch(entry, task.source), to_json(error)


def _with_fetch(entry: Entry, source: SourceFile) -> Entry:
    """A web page's URL after redirects, validators and fetch time, for its manifest row."""
    if source.url is None:
        return entry
    return dataclasses.replace(
        entry,
        final_url=source.final_url,
        etag=source.etag,
        last_modified=source.last_modified,
        fetched_at=source.fetched_at,
        listed_by=source.listed_by,
    )
