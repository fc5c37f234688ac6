"""Committing a plan: merge the spool into the new records.jsonl, errors.jsonl, changes.jsonl.

The plan's items (kept lines of the old records.jsonl, new results in the spool, gone
sources) are merged by record id into staged files, holding only per-document metadata, not
the records; the manifest rows are updated in the same SQLite transaction that marks the
staged files as the pending commit. That protocol, and what a ``kill -9`` at any point
leaves, is described in ``store.commit``; the rename into place is ``store.commit.publish``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import IO

from ikz_extract import PIPELINE_VERSION
from ikz_extract.batch.model import RunSettings, Summary
from ikz_extract.batch.plan import Item, Old, Plan
from ikz_extract.models import ErrorRecord
from ikz_extract.store.changes import Change, change_line
from ikz_extract.store.commit import PENDING, crash_point, staging_dir
from ikz_extract.store.jsonl import finish, fsync_dir, open_new
from ikz_extract.store.manifest import Manifest, Row, now
from ikz_extract.store.spool import Entry, PayloadReader

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"
CHANGES = "changes.jsonl"

REMOVED_WARNING = "source removed: no longer among the inputs; record kept by --keep-removed"


def commit(
    out_dir: Path,
    manifest: Manifest,
    run_id: int,
    plan: Plan,
    old: dict[str, Old],
    settings: RunSettings,
    reader: PayloadReader,
    summary: Summary,
) -> None:
    """Stage the merged files and update the manifest in one transaction (store.commit 2–3)."""
    folder = staging_dir(out_dir, run_id)
    writers = _Writers(folder)
    seen = now()
    old_records = (out_dir / RECORDS).open("rb") if (out_dir / RECORDS).exists() else None

    def old_line(item: Item) -> str | None:
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


def _carry_over_changes(path: Path, out: IO[str]) -> None:
    """A killed run's commit that this run completed was never reported: keep its changes.

    They come first; a record changed by both runs has two lines, oldest first.
    """
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                out.write(line)


def _merge(
    item: Item,
    old_line: str | None,
    out: _Writers,
    manifest: Manifest,
    plan: Plan,
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
        if item.ref is not None:  # a transient failure (web.step): record kept, error listed
            _write_error(out, reader.read(item.ref), summary)
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
        final_url=entry.final_url,
        etag=entry.etag,
        last_modified=entry.last_modified,
        fetched_at=entry.fetched_at,
    )
    summary.pages += entry.pages
    if entry.status == "failed":
        _write_error(out, payload, summary)
        manifest.upsert(dataclasses.replace(row, error=payload))
        if old_line is not None:
            reason = f"the document now fails ({entry.error_type})"
            _write_change(out, change_line(entry.record_id, entry.path, "removed", reason=reason))
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
    _write_change(out, change_line(entry.record_id, entry.path, change, old_line, payload))
    if change == "added":
        summary.added += 1
    else:
        summary.changed += 1


def _merge_gone(
    item: Item,
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
            _write_change(out, change_line(row.record_id, row.path, "removed", reason=reason))
            summary.removed += 1
        return
    manifest.delete(row.key)
    if had_record:
        _write_change(
            out, change_line(row.record_id, row.path, "removed", reason="its source is gone")
        )
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


def _write_change(out: _Writers, line: str) -> None:
    out.changes.write(line)
    out.changes.write("\n")
