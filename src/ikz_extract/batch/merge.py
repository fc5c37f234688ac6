"""Committing a plan: merge the spool into the new records.jsonl, errors.jsonl, changes.jsonl.

The plan's items (kept lines of the old records.jsonl, new results in the spool, gone
sources) are merged by record id into staged files, holding only per-document metadata, not
the records; the manifest rows are updated in the same SQLite transaction that marks the
staged files as the pending commit. That protocol, and what a ``kill -9`` at any point
leaves, is described in ``store.commit``; ``store.commit.publish`` switches to the new files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import IO

from ikz_extract import PIPELINE_VERSION
from ikz_extract.batch.model import RunSettings, Summary
from ikz_extract.batch.plan import TRANSIENT_ERRORS, Item, Old, Plan, valid_payload
from ikz_extract.models import ErrorRecord
from ikz_extract.store.changes import Change, change_line
from ikz_extract.store.commit import PENDING, crash_point, published_file, staging_dir
from ikz_extract.store.jsonl import dumps, finish, fsync_dir, open_new
from ikz_extract.store.manifest import Manifest, Row, now
from ikz_extract.store.spool import Entry, PayloadReader

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"
CHANGES = "changes.jsonl"

REMOVED_WARNING = "source removed: no longer among the inputs; record kept by --keep-removed"
# A record kept after a transient failure carries one warning that starts so.
STALE_PREFIX = "the last extraction failed"


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
    records_path = published_file(out_dir, RECORDS)
    old_records = records_path.open("rb") if records_path is not None else None

    def old_line(item: Item) -> tuple[str | None, bool]:
        """The record id's line in the old records.jsonl, and whether the manifest vouches."""
        found = item.old or old.get(item.record_id)
        if found is None or old_records is None:
            return None, False
        old_records.seek(found.offset)
        return old_records.read(found.length).decode("utf-8"), found.valid

    try:
        if summary.recovered:
            _carry_over_changes(published_file(out_dir, CHANGES), writers.changes)
        with manifest.transaction():
            for item in sorted(plan.items, key=lambda i: i.record_id):
                line, valid = old_line(item)
                if item.kind == "new":
                    assert item.ref is not None
                    entry = item.ref.entry
                    new = _New(entry, reader.read(item.ref), plan.committed.get(entry.key))
                    _merge_new(new, line, line if valid else None, writers, manifest, summary, seen)
                elif item.kind == "unnamed":
                    _merge_unnamed(item, line if valid else None, writers, manifest, summary)
                else:
                    _merge(item, line, writers, manifest, plan, settings, summary, seen)
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


def _carry_over_changes(path: Path | None, out: IO[str]) -> None:
    """A killed run's commit that this run completed was never reported: keep its changes.

    They come first; a record changed by both runs has two lines, oldest first.
    """
    if path is not None:
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
    summary: Summary,
    seen: str,
) -> None:
    """Write the outcome of an unchanged or gone record id, and its manifest row."""
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
    else:
        _merge_gone(item, old_line, out, manifest, settings, summary)


def _merge_unnamed(
    item: Item, line: str | None, out: _Writers, manifest: Manifest, summary: Summary
) -> None:
    """A source this run does not name: its record and error line stay as they were."""
    row = item.row
    assert row is not None
    summary.unnamed += 1
    if row.status == "failed" and valid_payload("failed", row.error, row.record_id):
        assert row.error is not None
        out.errors.write(row.error)
        out.errors.write("\n")
        summary.unnamed_failed += 1
    if row.record_sha256 is None:
        return
    if line is not None:
        _write_record(out, line, summary)
        return
    # Its line was edited or lost, and this run may not read the source: it cannot be kept.
    manifest.delete(row.key)
    reason = "its line in records.jsonl was edited or lost and this run does not name its source"
    _write_change(out, change_line(row.record_id, row.path, "removed", reason=reason))
    summary.removed += 1


@dataclasses.dataclass(frozen=True, slots=True)
class _New:
    """A result of this run: its spool entry, payload, and the manifest row before the run."""

    entry: Entry
    payload: str
    committed: Row | None


def _merge_new(
    new: _New,
    old_line: str | None,
    kept: str | None,
    out: _Writers,
    manifest: Manifest,
    summary: Summary,
    seen: str,
) -> None:
    """``kept``: the old line if the manifest vouches for it (a transient failure keeps it)."""
    entry, payload, committed = new.entry, new.payload, new.committed
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
        had_record = committed is not None and committed.record_sha256 is not None
        if kept is not None and had_record and entry.error_type in TRANSIENT_ERRORS:
            _keep_stale(entry, payload, kept, row, out, manifest, summary)
            return
        manifest.upsert(dataclasses.replace(row, error=payload))
        if old_line is not None:
            reason = f"the document now fails ({entry.error_type})"
            _write_change(out, change_line(entry.record_id, entry.path, "removed", reason=reason))
            summary.removed += 1
        return
    healed = old_line is not None and STALE_PREFIX in old_line
    if healed:
        assert old_line is not None
        old_line = _without_stale(old_line)
    _write_record(out, payload, summary, entry.record_type)
    summary.warnings += entry.warnings
    line_sha = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    manifest.upsert(dataclasses.replace(row, record_sha256=line_sha))
    # Unchanged against the last committed state, even if records.jsonl was edited since.
    same = (
        committed is not None and committed.status == "ok" and committed.record_sha256 == line_sha
    )
    if (old_line == payload or same) and healed:  # only the warning goes
        reason = "extracted again after a transient failure: the warning is gone"
        _write_change(out, change_line(entry.record_id, entry.path, "changed", reason=reason))
        summary.changed += 1
        return
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
    had_record = valid and old_line is not None and row.record_sha256 is not None
    pruned = item.kind == "pruned"  # not named by this run; --prune drops it, gone or not
    if had_record and settings.keep_removed and not pruned:
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
        reason = "not named by this run; dropped by --prune" if pruned else "its source is gone"
        _write_change(out, change_line(row.record_id, row.path, "removed", reason=reason))
        summary.removed += 1


def _keep_stale(
    entry: Entry,
    payload: str,
    kept: str,
    row: Row,
    out: _Writers,
    manifest: Manifest,
    summary: Summary,
) -> None:
    """A transient failure (timeout, crash, …): keep the last good record, with a warning.

    The row stays ``failed`` (so the next run retries) and vouches for the kept line.
    """
    message = _string_value(payload, "message") or entry.error_type or "failed"
    warning = f"{STALE_PREFIX} ({entry.error_type}: {message}); this record is from an earlier run"
    line = _with_warning(_without_stale(kept), warning)
    _write_record(out, line, summary)
    summary.stale += 1
    line_sha = hashlib.sha256(line.encode("utf-8")).hexdigest()
    manifest.upsert(dataclasses.replace(row, error=payload, record_sha256=line_sha))
    if line != kept:
        reason = f"kept with a warning: the document failed this time ({entry.error_type})"
        _write_change(out, change_line(entry.record_id, entry.path, "changed", kept, line, reason))
        summary.changed += 1


def _string_value(line: str, name: str) -> str | None:
    try:
        value = json.loads(line).get(name)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _with_warning(line: str, warning: str) -> str:
    record = json.loads(line)
    record.setdefault("warnings", []).append(warning)
    return dumps(record)


def _without_stale(line: str) -> str:
    """The record without the warning a transient failure added (the line as extracted)."""
    if STALE_PREFIX not in line:
        return line
    record = json.loads(line)
    warnings = record.get("warnings") or []
    record["warnings"] = [w for w in warnings if not str(w).startswith(STALE_PREFIX)]
    return dumps(record)


def _mark_removed(line: str) -> str:
    """The record with a warning that its source is gone (kept by --keep-removed)."""
    record = json.loads(line)
    warnings = record.setdefault("warnings", [])
    if REMOVED_WARNING not in warnings:
        warnings.append(REMOVED_WARNING)
    return dumps(record)


def _write_record(
    out: _Writers, line: str, summary: Summary, record_type: str | None = None
) -> None:
    out.records.write(line)
    out.records.write("\n")
    summary.records += 1
    summary.by_type[record_type or _record_type_of(line)] += 1
    if '"warnings":[]' not in line:  # compact JSON: the key can only be the record's own
        summary.with_warnings += 1


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
    summary.errors.append(ErrorRecord.model_validate(json.loads(line)))


def _write_change(out: _Writers, line: str) -> None:
    out.changes.write(line)
    out.changes.write("\n")
