"""A batch run: decide what changed, extract only that (in parallel), commit atomically.

Re-run rules, per source key, against the manifest row the last committed run left:

- no row: **added** (extracted);
- same content and same fingerprint (pipeline version + the options that shape this kind of
  document): **unchanged**, its line copied from records.jsonl byte for byte. "Same content"
  means same size and mtime (the file is not even read) or, when those differ or with
  ``--verify``, the same sha256;
- otherwise re-extracted: **changed** when its record line differs, unchanged when not;
- row but no source any more: **removed** from records.jsonl (``--keep-removed`` keeps the
  record, with a warning saying its source is gone);
- ``--force``: everything is extracted again.

A failed source whose bytes are unchanged keeps its error line without a retry, unless the
failure came from the machine rather than the bytes (unreadable, timeout, crashed worker).

Memory does not grow with the corpus: results go to the run's spool file as they arrive
(``store.spool``); the commit merges spool and old records.jsonl by record id, holding only
per-document metadata. The commit protocol, and what a ``kill -9`` at any point leaves, is
described in ``store.commit``.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import stat
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from ikz_extract import PIPELINE_VERSION
from ikz_extract.discover import SourceFile
from ikz_extract.models import ErrorRecord, record_id_for
from ikz_extract.options import Options
from ikz_extract.pool import Failure, WorkerPool, WorkerStartError
from ikz_extract.progress import NullProgress, Progress
from ikz_extract.store.changes import Change, change_line
from ikz_extract.store.commit import (
    PENDING,
    crash_point,
    output_lock,
    publish,
    recover,
    staging_dir,
    state_dir,
)
from ikz_extract.store.jsonl import finish, fsync_dir, open_new
from ikz_extract.store.manifest import Manifest, Row, now
from ikz_extract.store.spool import (
    SPOOL_PREFIX,
    Entry,
    PayloadReader,
    Ref,
    SpoolWriter,
    scan,
    spool_files,
)

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"
CHANGES = "changes.jsonl"

# Failures caused by the machine or the moment, not by the bytes: retried on every run.
RETRY_ERRORS = frozenset({"unreadable", "timeout", "worker_crashed"})
# Options that only shape PDFs: changing them does not re-extract HTML or text.
PDF_ONLY_OPTIONS = ("max_pages", "pdf_backend")
RACY_NS = 3_000_000_000  # see _trusted_mtime
REMOVED_WARNING = "source removed: no longer among the inputs; record kept by --keep-removed"


@dataclass(frozen=True, slots=True)
class RunSettings:
    """How to run a batch; unlike ``Options`` none of this changes a record."""

    workers: int | None = None  # None: one per CPU
    force: bool = False
    verify: bool = False
    keep_removed: bool = False
    timeout: float | None = 120.0  # seconds per document; None or 0: no limit


@dataclass(slots=True)
class Summary:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0  # lines in errors.jsonl
    kept: int = 0  # records of gone sources still in records.jsonl (--keep-removed)
    records: int = 0  # lines in records.jsonl
    extracted: int = 0  # documents run through the pipeline in this run
    reused: int = 0  # results taken over from a run that was killed
    ignored: int = 0  # inputs inside the output folder (our own files), left out
    pages: int = 0
    warnings: int = 0
    recovered: bool = False  # a killed run's commit was completed first
    by_type: Counter[str] = field(default_factory=Counter)
    errors: list[ErrorRecord] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "failed": self.failed,
        }


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fingerprint_for(options: Options, media_type: str | None) -> str:
    """The fingerprint that decides whether a document of ``media_type`` is stale."""
    if media_type in (None, "application/pdf"):
        return options.fingerprint()
    neutral = {
        f.name: f.default
        for f in dataclasses.fields(options)
        if f.name in PDF_ONLY_OPTIONS and f.default is not dataclasses.MISSING
    }
    return dataclasses.replace(options, **neutral).fingerprint()


# ---------------------------------------------------------------- worker side


@dataclass(frozen=True, slots=True)
class _Task:
    source: SourceFile
    size: int | None
    mtime_ns: int | None
    options: Options


def _init_worker(options: Options) -> None:
    """Build the spaCy pipeline once per worker, before its first document."""
    from ikz_extract.pipeline import annotator_for

    if options.annotate:
        annotator_for(options.spacy_model)


def _run_task(task: _Task) -> tuple[Entry, str]:
    """One document → its spool entry and payload (record or error JSON)."""
    from ikz_extract import pipeline

    source, options = task.source, task.options
    result = pipeline.extract_or_error(source, options)
    if isinstance(result, ErrorRecord):
        entry = Entry(
            key=source.key,
            path=source.path.as_posix(),
            record_id=result.record_id,
            status="failed",
            sha256=result.sha256,
            size=task.size,
            mtime_ns=task.mtime_ns,
            fingerprint=fingerprint_for(options, None),
            error_type=result.error_type,
        )
        return entry, result.model_dump_json()
    entry = Entry(
        key=source.key,
        path=source.path.as_posix(),
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
    return entry, result.model_dump_json()


# ---------------------------------------------------------------- planning


@dataclass(frozen=True, slots=True)
class _Old:
    """A line of the previous records.jsonl; ``valid`` when its hash is the manifest's."""

    offset: int
    length: int
    valid: bool


Kind = Literal["keep", "keep_error", "new", "gone"]


@dataclass(slots=True)
class _Item:
    """What the commit does with one record id."""

    record_id: str
    kind: Kind
    row: Row | None = None
    ref: Ref | None = None
    old: _Old | None = None


def _sha256_file(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _index_records(path: Path, rows: dict[str, Row]) -> dict[str, _Old]:
    """Record id → where its line lies in records.jsonl, and whether the manifest vouches for it."""
    expected = {row.record_sha256: row.record_id for row in rows.values() if row.record_sha256}
    index: dict[str, _Old] = {}
    if not path.exists():
        return index
    offset = 0
    with path.open("rb") as handle:
        for raw in handle:
            line = raw.rstrip(b"\n")
            record_id = expected.get(hashlib.sha256(line).hexdigest())
            if record_id is None:
                record_id = _record_id_of(line)
                valid = False
            else:
                valid = True
            if record_id is not None and record_id not in index:
                index[record_id] = _Old(offset, len(line), valid)
            offset += len(raw)
    return index


def _record_id_of(line: bytes) -> str | None:
    try:
        value = json.loads(line).get("record_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _error_type(row: Row) -> str | None:
    if row.error is None:
        return None
    try:
        value = json.loads(row.error).get("error_type")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


@dataclass(slots=True)
class _Plan:
    items: list[_Item] = field(default_factory=list)
    tasks: list[_Task] = field(default_factory=list)
    touched: dict[str, Row] = field(default_factory=dict)  # unchanged rows, size/mtime refreshed
    committed: dict[str, Row] = field(default_factory=dict)  # the manifest before this run
    seen: list[str] = field(default_factory=list)  # unchanged keys: only last_seen moves
    skipped: int = 0


class _Planner:
    def __init__(
        self,
        rows: dict[str, Row],
        old: dict[str, _Old],
        spooled: dict[str, Ref],
        options: Options,
        settings: RunSettings,
        spool: SpoolWriter,
        reader: PayloadReader,
    ) -> None:
        self.rows, self.old, self.spooled = rows, old, spooled
        self.options, self.settings = options, settings
        self.spool, self.reader = spool, reader
        self.plan = _Plan()
        self.reused = 0
        self._fingerprints: dict[str | None, str] = {}

    def fingerprint(self, media_type: str | None) -> str:
        found = self._fingerprints.get(media_type)
        if found is None:
            found = self._fingerprints[media_type] = fingerprint_for(self.options, media_type)
        return found

    def add(self, source: SourceFile) -> None:
        record_id = record_id_for(source.key)
        old = self.old.get(record_id)
        try:
            st = source.path.stat()
        except OSError as exc:
            self._fail_now(source, _stat_error(source.path, exc), old)
            return
        if not stat.S_ISREG(st.st_mode):
            self._fail_now(source, _not_regular(st), old)
            return
        row = self.rows.get(source.key)
        if row is not None and self._unchanged(source, st, row, old):
            kind: Kind = "keep" if row.status == "ok" else "keep_error"
            self.plan.items.append(_Item(record_id, kind, row=row, old=old))
            self.plan.skipped += 1
            return
        ref = self._reusable(source, st)
        if ref is not None:
            self.plan.items.append(_Item(record_id, "new", ref=ref, old=old))
            self.reused += 1
            return
        self.plan.tasks.append(_Task(source, st.st_size, _trusted_mtime(st), self.options))

    def _same_bytes(
        self, path: Path, st: os.stat_result, size: int | None, mtime: int | None, sha: str | None
    ) -> tuple[bool, str | None]:
        """(same content?, sha256 if the file had to be read)."""
        if not self.settings.verify and size == st.st_size and mtime == st.st_mtime_ns:
            return True, None
        current = _sha256_file(path)
        return current is not None and current == sha, current

    def _unchanged(
        self, source: SourceFile, st: os.stat_result, row: Row, old: _Old | None
    ) -> bool:
        if self.settings.force or row.path != source.path.as_posix():
            return False
        if row.fingerprint != self.fingerprint(row.media_type):
            return False
        if row.status == "ok":
            if old is None or not old.valid:
                return False
        elif row.status != "failed" or _error_type(row) in RETRY_ERRORS:
            return False
        same, sha = self._same_bytes(source.path, st, row.size, row.mtime_ns, row.sha256)
        if same and sha is not None:
            self.plan.touched[row.key] = dataclasses.replace(
                row, size=st.st_size, mtime_ns=_trusted_mtime(st)
            )
        return same

    def _reusable(self, source: SourceFile, st: os.stat_result) -> Ref | None:
        """A killed run's result for these very bytes, copied into this run's spool."""
        ref = self.spooled.get(source.key)
        if ref is None or self.settings.force:
            return None
        entry = ref.entry
        if entry.path != source.path.as_posix() or entry.sha256 is None:
            return None
        if entry.fingerprint != self.fingerprint(entry.media_type):
            return None
        if entry.status == "failed" and entry.error_type in RETRY_ERRORS:
            return None
        same, _ = self._same_bytes(source.path, st, entry.size, entry.mtime_ns, entry.sha256)
        if not same:
            return None
        return self.spool.append(
            dataclasses.replace(entry, size=st.st_size, mtime_ns=_trusted_mtime(st)),
            self.reader.read(ref),
        )

    def _fail_now(self, source: SourceFile, problem: tuple[str, str], old: _Old | None) -> None:
        message, hint = problem
        error = ErrorRecord(
            source=source.path.as_posix(),
            record_id=record_id_for(source.key),
            error_type="unreadable",
            message=message,
            hint=hint,
        )
        entry = Entry(
            key=source.key,
            path=source.path.as_posix(),
            record_id=error.record_id,
            status="failed",
            sha256=None,
            size=None,
            mtime_ns=None,
            fingerprint=fingerprint_for(self.options, None),
            error_type=error.error_type,
        )
        ref = self.spool.append(entry, error.model_dump_json())
        self.plan.items.append(_Item(error.record_id, "new", ref=ref, old=old))


def _trusted_mtime(st: os.stat_result) -> int | None:
    """The mtime to remember, or None when it is too fresh to vouch for the content.

    Timestamps are coarse (a few ms on ext4, 2 s on FAT): a file written again within the
    same tick keeps its mtime, and if the size stays too ("371.898" → "380.796") size+mtime
    would miss the change. So a file younger than ``RACY_NS`` is hashed on the next run
    (git's "racily clean" rule); it is old enough by then to be trusted.
    """
    if time.time_ns() - st.st_mtime_ns < RACY_NS:
        return None
    return st.st_mtime_ns


def _stat_error(path: Path, exc: OSError) -> tuple[str, str]:
    """(message, hint) for a path that cannot even be stat'ed."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop", "fix or delete the link"
    if path.is_symlink():
        return "broken symbolic link: its target does not exist", "fix or delete the link"
    return (
        f"cannot read the file: {exc.strerror or exc}",
        "check that the file exists and is readable",
    )


def _not_regular(st: os.stat_result) -> tuple[str, str]:
    if stat.S_ISDIR(st.st_mode):
        return "a folder, not a file", "name files or folders"
    return (
        "not a regular file (a FIFO, socket or device); reading it could block forever",
        "copy the content into a regular file",
    )


def _failure_payload(task: _Task, failure: Failure, timeout: float | None) -> tuple[Entry, str]:
    source = task.source
    if failure.kind == "timeout":
        error = ErrorRecord(
            source=source.path.as_posix(),
            record_id=record_id_for(source.key),
            error_type="timeout",
            message=f"timeout: extraction took longer than {timeout:g} s and was stopped",
            hint="the document may be pathological (huge, deeply nested); check it, or "
            "raise --timeout",
        )
    else:
        error = ErrorRecord(
            source=source.path.as_posix(),
            record_id=record_id_for(source.key),
            error_type="worker_crashed",
            message=f"the extraction crashed: {failure.detail}",
            hint="often memory exhaustion on a very large document; check it, or run it alone",
        )
    entry = Entry(
        key=source.key,
        path=source.path.as_posix(),
        record_id=error.record_id,
        status="failed",
        sha256=None,
        size=task.size,
        mtime_ns=task.mtime_ns,
        fingerprint=fingerprint_for(task.options, None),
        error_type=error.error_type,
    )
    return entry, error.model_dump_json()


# ---------------------------------------------------------------- the run


def run_batch(
    sources: list[SourceFile],
    out_dir: Path,
    options: Options,
    *,
    settings: RunSettings | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Bring OUT/records.jsonl, errors.jsonl, changes.jsonl and the manifest up to date."""
    settings = settings or RunSettings()
    progress = progress or NullProgress()
    out_dir.mkdir(parents=True, exist_ok=True)
    with output_lock(out_dir):
        manifest = Manifest.open(out_dir)
        try:
            return _run_locked(sources, out_dir, options, settings, progress, manifest)
        finally:
            manifest.close()


def _run_locked(
    sources: list[SourceFile],
    out_dir: Path,
    options: Options,
    settings: RunSettings,
    progress: Progress,
    manifest: Manifest,
) -> Summary:
    summary = Summary(recovered=recover(out_dir, manifest))
    inputs = _outside(out_dir, sources)
    summary.ignored = len(sources) - len(inputs)
    sources = inputs
    folder = state_dir(out_dir)
    spooled: dict[str, Ref] = {}
    for path in spool_files(folder):
        for ref in scan(path):
            spooled[ref.entry.key] = ref
    rows = manifest.rows()
    old = _index_records(out_dir / RECORDS, rows)
    run_id = manifest.start_run(options.fingerprint())
    spool = SpoolWriter(folder / f"{SPOOL_PREFIX}{run_id}.jsonl")
    reader = PayloadReader()
    try:
        planner = _Planner(rows, old, spooled, options, settings, spool, reader)
        for source in sources:
            planner.add(source)
        plan = planner.plan
        plan.committed = rows
        summary.reused = planner.reused
        _extract(plan, settings, progress, spool, summary)
        current = {source.key for source in sources}
        for key, row in rows.items():
            if key not in current:
                plan.items.append(_Item(row.record_id, "gone", row=row, old=old.get(row.record_id)))
        spool.sync()
        _commit(out_dir, manifest, run_id, plan, old, settings, reader, summary)
    finally:
        spool.close()
        reader.close()
    publish(out_dir, manifest)
    return summary


def _outside(out_dir: Path, sources: list[SourceFile]) -> list[SourceFile]:
    """Inputs not inside the output folder: ``run . -o out`` must not read its own output."""
    out = os.path.abspath(out_dir)
    return [s for s in sources if os.path.commonpath([out, os.path.abspath(s.path)]) != out]


def _extract(
    plan: _Plan, settings: RunSettings, progress: Progress, spool: SpoolWriter, summary: Summary
) -> None:
    tasks = plan.tasks
    if tasks:  # import before the workers fork, so each starts with it loaded
        from ikz_extract import pipeline  # noqa: F401
    workers = min(settings.workers or default_workers(), len(tasks)) if tasks else 0
    pool: WorkerPool[_Task, tuple[Entry, str]] = WorkerPool(
        workers,
        _run_task,
        initializer=_init_worker,
        initargs=(tasks[0].options,) if tasks else (),
        timeout=settings.timeout,
        on_tick=progress.tick,
    )
    if tasks and pool.shares_parent_memory:
        # Build the spaCy pipeline once, here: forked workers inherit it instead of each
        # building their own (and a missing model fails before any worker starts).
        try:
            _init_worker(tasks[0].options)
        except Exception as exc:
            raise WorkerStartError(f"{type(exc).__name__}: {exc}") from exc
    progress.start(len(tasks), plan.skipped + summary.reused)
    try:
        for done, (task, result) in enumerate(pool.run(tasks), start=1):
            if isinstance(result, Failure):
                entry, payload = _failure_payload(task, result, settings.timeout)
            else:
                entry, payload = result
            ref = spool.append(entry, payload)
            plan.items.append(_Item(entry.record_id, "new", ref=ref))
            summary.extracted += 1
            progress.advance(entry.pages)
            crash_point(f"after-document-{done}")
    finally:
        progress.stop()


class _Writers:
    """The three staged output files of a commit."""

    def __init__(self, folder: Path) -> None:
        self.records: IO[str] = open_new(folder / RECORDS)
        self.errors: IO[str] = open_new(folder / ERRORS)
        self.changes: IO[str] = open_new(folder / CHANGES)

    def finish(self) -> None:
        for handle in (self.records, self.errors, self.changes):
            finish(handle)

    def close(self) -> None:
        for handle in (self.records, self.errors, self.changes):
            handle.close()


def _commit(
    out_dir: Path,
    manifest: Manifest,
    run_id: int,
    plan: _Plan,
    old: dict[str, _Old],
    settings: RunSettings,
    reader: PayloadReader,
    summary: Summary,
) -> None:
    """Stage the merged files and update the manifest in one transaction (store.commit 2–3)."""
    folder = staging_dir(out_dir, run_id)
    writers = _Writers(folder)
    seen = now()
    old_records = (out_dir / RECORDS).open("rb") if (out_dir / RECORDS).exists() else None

    def old_line(item: _Item) -> str | None:
        found = item.old or old.get(item.record_id)
        if found is None or old_records is None:
            return None
        old_records.seek(found.offset)
        return old_records.read(found.length).decode("utf-8")

    try:
        if summary.recovered:
            _carry_over_changes(out_dir / CHANGES, writers.changes)
        with manifest.transaction():
            for item in sorted(plan.items, key=lambda i: i.record_id):
                _merge(
                    item, old_line(item), writers, manifest, plan, settings, reader, summary, seen
                )
            manifest.mark_seen(plan.seen, seen)
            writers.finish()
            fsync_dir(folder)
            crash_point("before-commit")
            manifest.set_state(PENDING, folder.name)
            manifest.finish_run(run_id, summary.counts())
        crash_point("after-commit")
    finally:
        writers.close()
        if old_records is not None:
            old_records.close()


def _carry_over_changes(path: Path, out: IO[str]) -> None:
    """A killed run's commit that this run completed was never reported: keep its changes.

    They come first; a record changed by both runs has two lines, oldest first.
    """
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                out.write(line)


def _merge(
    item: _Item,
    old_line: str | None,
    out: _Writers,
    manifest: Manifest,
    plan: _Plan,
    settings: RunSettings,
    reader: PayloadReader,
    summary: Summary,
    seen: str,
) -> None:
    """Write one record id's outcome and its manifest row."""
    if item.kind in ("keep", "keep_error"):
        row = item.row
        assert row is not None
        if item.kind == "keep":
            assert old_line is not None
            _write_record(out, old_line, summary)
            summary.unchanged += 1
        else:
            assert row.error is not None
            _write_error(out, row.error, summary)
        touched = plan.touched.get(row.key)
        if touched is not None:
            manifest.upsert(dataclasses.replace(touched, last_seen=seen))
        else:
            plan.seen.append(row.key)
    elif item.kind == "new":
        assert item.ref is not None
        entry = item.ref.entry
        committed = plan.committed.get(entry.key)
        _merge_new(entry, reader.read(item.ref), old_line, committed, out, manifest, summary, seen)
    else:
        _merge_gone(item, old_line, out, manifest, settings, summary)


def _merge_new(
    entry: Entry,
    payload: str,
    old_line: str | None,
    committed: Row | None,
    out: _Writers,
    manifest: Manifest,
    summary: Summary,
    seen: str,
) -> None:
    row = Row(
        key=entry.key,
        path=entry.path,
        record_id=entry.record_id,
        sha256=entry.sha256,
        size=entry.size,
        mtime_ns=entry.mtime_ns,
        media_type=entry.media_type,
        pipeline_version=PIPELINE_VERSION,
        fingerprint=entry.fingerprint,
        status=entry.status,
        error=None,
        record_sha256=None,
        first_seen=seen,
        last_seen=seen,
    )
    summary.pages += entry.pages
    if entry.status == "failed":
        _write_error(out, payload, summary)
        manifest.upsert(dataclasses.replace(row, error=payload))
        if old_line is not None:
            reason = f"the document now fails ({entry.error_type})"
            out.changes.write(change_line(entry.record_id, entry.path, "removed", reason=reason))
            out.changes.write("\n")
            summary.removed += 1
        return
    _write_record(out, payload, summary, entry.record_type)
    summary.warnings += entry.warnings
    line_sha = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    manifest.upsert(dataclasses.replace(row, record_sha256=line_sha))
    # Unchanged against the last committed state, even if records.jsonl was edited since.
    same = (
        committed is not None and committed.status == "ok" and committed.record_sha256 == line_sha
    )
    if old_line == payload or same:
        summary.unchanged += 1
        return
    # A kept record whose source is back counts as added: it was reported removed.
    back = committed is not None and committed.status == "removed"
    change: Change = "added" if old_line is None or back else "changed"
    out.changes.write(change_line(entry.record_id, entry.path, change, old_line, payload))
    out.changes.write("\n")
    if change == "added":
        summary.added += 1
    else:
        summary.changed += 1


def _merge_gone(
    item: _Item,
    old_line: str | None,
    out: _Writers,
    manifest: Manifest,
    settings: RunSettings,
    summary: Summary,
) -> None:
    row = item.row
    assert row is not None
    valid = item.old is not None and item.old.valid
    had_record = valid and old_line is not None and row.status in ("ok", "removed")
    if had_record and settings.keep_removed:
        assert old_line is not None
        line = old_line if row.status == "removed" else _mark_removed(old_line)
        _write_record(out, line, summary)
        summary.kept += 1
        line_sha = hashlib.sha256(line.encode("utf-8")).hexdigest()
        manifest.upsert(dataclasses.replace(row, status="removed", record_sha256=line_sha))
        if row.status == "ok":
            reason = "its source is gone; kept, marked, by --keep-removed"
            out.changes.write(change_line(row.record_id, row.path, "removed", reason=reason))
            out.changes.write("\n")
            summary.removed += 1
        return
    manifest.delete(row.key)
    if had_record:
        out.changes.write(
            change_line(row.record_id, row.path, "removed", reason="its source is gone")
        )
        out.changes.write("\n")
        summary.removed += 1


def _mark_removed(line: str) -> str:
    """The record with a warning that its source is gone (kept by --keep-removed)."""
    record = json.loads(line)
    warnings = record.setdefault("warnings", [])
    if REMOVED_WARNING not in warnings:
        warnings.append(REMOVED_WARNING)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _write_record(
    out: _Writers, line: str, summary: Summary, record_type: str | None = None
) -> None:
    out.records.write(line)
    out.records.write("\n")
    summary.records += 1
    summary.by_type[record_type or _record_type_of(line)] += 1


def _record_type_of(line: str) -> str:
    start = line.find('"record_type":"')
    if start < 0:
        return "unknown"
    start += len('"record_type":"')
    return line[start : line.find('"', start)]


def _write_error(out: _Writers, line: str, summary: Summary) -> None:
    out.errors.write(line)
    out.errors.write("\n")
    summary.failed += 1
    summary.errors.append(ErrorRecord.model_validate_json(line))


__all__ = [
    "CHANGES",
    "ERRORS",
    "RECORDS",
    "RunSettings",
    "Summary",
    "default_workers",
    "fingerprint_for",
    "run_batch",
]
