"""Planning a batch run: what changed since the last run, so only that is extracted.

Re-run rules, per source key, against the manifest row the last committed run left:

- no row: **added** (extracted);
- same content and same fingerprint (pipeline version + the options that shape this kind of
  document): **unchanged**, its line copied from records.jsonl byte for byte. "Same content"
  means same size and mtime (the file is not even read) or, when those differ or with
  ``--verify``, the same sha256;
- otherwise re-extracted: **changed** when its record line differs, unchanged when not;
- row but no source any more, and this run names where it was (its folder, the file, a
  glob matching it): **removed** from records.jsonl (``--keep-removed`` keeps the record,
  with a warning saying its source is gone);
- row of an input this run does not name: kept as it is (``--prune`` removes it);
- ``--force``: everything is extracted again.

A failed source whose bytes are unchanged keeps its error line without a retry, unless the
failure came from the machine rather than the bytes (``TRANSIENT_ERRORS``): those are
retried on every run, and a source that had a record keeps it (with a warning) meanwhile.

The plan is a list of ``Task`` (documents for the workers, ``batch.execute``) and of
``Item`` (what the commit does with each record id, ``batch.merge``).
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ikz_extract.batch.model import RunSettings
from ikz_extract.discover import SourceFile, names_path
from ikz_extract.models import ErrorRecord, record_id_for
from ikz_extract.options import Options
from ikz_extract.store.jsonl import dumps
from ikz_extract.store.manifest import Row
from ikz_extract.store.spool import Entry, PayloadReader, Ref, SpoolWriter

# Failures caused by the machine or the moment, not by the bytes: retried on every run, and
# the last good record of the source is kept meanwhile.
TRANSIENT_ERRORS = frozenset(
    {"unreadable", "timeout", "worker_crashed", "too_large", "fetch_failed"}
)
# Options that only shape PDFs: changing them does not re-extract HTML or text.
PDF_ONLY_OPTIONS = ("max_pages", "pdf_backend")
RACY_NS = 3_000_000_000  # see _trusted_mtime


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


@dataclass(frozen=True, slots=True)
class Task:
    """One document for a worker to extract."""

    source: SourceFile
    size: int | None
    mtime_ns: int | None
    options: Options


@dataclass(frozen=True, slots=True)
class Old:
    """A line of the previous records.jsonl; ``valid`` when its hash is the manifest's."""

    offset: int
    length: int
    valid: bool


# keep / keep_error: unchanged; unnamed: not named by this run, left as it is.
# pruned: not named, dropped by --prune.
Kind = Literal["keep", "keep_error", "new", "gone", "unnamed", "pruned"]


@dataclass(slots=True)
class Item:
    """What the commit does with one record id."""

    record_id: str
    kind: Kind
    row: Row | None = None
    ref: Ref | None = None
    old: Old | None = None


@dataclass(slots=True)
class Plan:
    items: list[Item] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    touched: dict[str, Row] = field(default_factory=dict)  # unchanged rows, size/mtime refreshed
    committed: dict[str, Row] = field(default_factory=dict)  # the manifest before this run
    seen: list[str] = field(default_factory=list)  # unchanged keys: only last_seen moves
    skipped: int = 0


def index_records(path: Path | None, rows: dict[str, Row]) -> dict[str, Old]:
    """Record id → where its line lies in records.jsonl, and whether the manifest vouches for it."""
    expected = {row.record_sha256: row.record_id for row in rows.values() if row.record_sha256}
    index: dict[str, Old] = {}
    if path is None:
        return index
    offset = 0
    with path.open("rb") as handle:
        for raw in handle:
            line = raw.rstrip(b"\n")
            record_id = expected.get(hashlib.sha256(line).hexdigest())
            if record_id is None:
                record_id = _string_field(line, "record_id")
                valid = False
            else:
                valid = True
            if record_id is not None and record_id not in index:
                index[record_id] = Old(offset, len(line), valid)
            offset += len(raw)
    return index


class Planner:
    def __init__(
        self,
        rows: dict[str, Row],
        old: dict[str, Old],
        spooled: dict[str, Ref],
        options: Options,
        settings: RunSettings,
        spool: SpoolWriter,
        reader: PayloadReader,
    ) -> None:
        self.rows, self.old, self.spooled = rows, old, spooled
        self.options, self.settings = options, settings
        self.spool, self.reader = spool, reader
        self.plan = Plan()
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
            self.plan.items.append(Item(record_id, kind, row=row, old=old))
            self.plan.skipped += 1
            return
        ref = self._reusable(source, st)
        if ref is not None:
            self.plan.items.append(Item(record_id, "new", ref=ref, old=old))
            self.reused += 1
            return
        self.plan.tasks.append(Task(source, st.st_size, _trusted_mtime(st), self.options))

    def add_absent(self, current: set[str], names: list[str] | None) -> None:
        """Every manifest row whose source key is not among ``current``: gone, or not named.

        A source is gone when this run names where it was (``names``; None: every input)
        and its path no longer exists; ``--prune`` makes every absent source gone.
        """
        for key, row in self.rows.items():
            if key in current:
                continue
            meant = names is None or any(names_path(name, row.path) for name in names)
            kind: Kind = "unnamed"
            if meant and not os.path.lexists(row.path):
                kind = "gone"
            elif self.settings.prune:
                kind = "pruned"
            self.plan.items.append(
                Item(row.record_id, kind, row=row, old=self.old.get(row.record_id))
            )

    @staticmethod
    def unknown(rows: dict[str, Row], missing: list[str]) -> list[str]:
        """The inputs that name nothing now and no source of the last run either."""
        paths = [row.path for row in rows.values()]
        return [name for name in missing if not any(names_path(name, p) for p in paths)]

    def _same_bytes(
        self, path: Path, st: os.stat_result, size: int | None, mtime: int | None, sha: str | None
    ) -> tuple[bool, str | None]:
        """(same content?, sha256 if the file had to be read)."""
        if not self.settings.verify and size == st.st_size and mtime == st.st_mtime_ns:
            return True, None
        current = _sha256_file(path)
        return current is not None and current == sha, current

    def _unchanged(self, source: SourceFile, st: os.stat_result, row: Row, old: Old | None) -> bool:
        if self.settings.force or row.path != source.path.as_posix():
            return False
        if row.fingerprint != self.fingerprint(row.media_type):
            return False
        if row.status == "ok":
            if old is None or not old.valid:
                return False
        elif row.status != "failed" or not self._keeps_error(row):
            return False
        same, sha = self._same_bytes(source.path, st, row.size, row.mtime_ns, row.sha256)
        if same and sha is not None:
            self.plan.touched[row.key] = dataclasses.replace(
                row, size=st.st_size, mtime_ns=_trusted_mtime(st)
            )
        return same

    @staticmethod
    def _keeps_error(row: Row) -> bool:
        """A failure of the bytes, with an error line that was not edited since."""
        if _string_field(row.error, "error_type") in TRANSIENT_ERRORS:
            return False
        return valid_payload("failed", row.error, row.record_id)

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
        if entry.status == "failed" and entry.error_type in TRANSIENT_ERRORS:
            return None
        same, _ = self._same_bytes(source.path, st, entry.size, entry.mtime_ns, entry.sha256)
        if not same:
            return None
        try:
            payload = self.reader.read(ref)
        except (OSError, UnicodeDecodeError):
            return None
        if not valid_payload(entry.status, payload, entry.record_id):
            return None
        return self.spool.append(
            dataclasses.replace(entry, size=st.st_size, mtime_ns=_trusted_mtime(st)), payload
        )

    def _fail_now(self, source: SourceFile, problem: tuple[str, str], old: Old | None) -> None:
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
        ref = self.spool.append(entry, dumps(error.model_dump(mode="json")))
        self.plan.items.append(Item(error.record_id, "new", ref=ref, old=old))


def valid_payload(status: str, payload: str | None, record_id: str) -> bool:
    """A stored result (manifest, journal) that may have been edited: usable only if it is a
    JSON object with the right record id, and for a failure a valid error line."""
    if payload is None:
        return False
    try:
        value = json.loads(payload)
        if status == "failed":
            ErrorRecord.model_validate(value)  # pydantic's ValidationError is a ValueError
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("record_id") == record_id


def _sha256_file(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _string_field(line: str | bytes | None, name: str) -> str | None:
    """The string ``name`` of a JSON object line; None when absent, not a string, or no JSON."""
    if line is None:
        return None
    try:
        value = json.loads(line).get(name)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


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
