"""The manifest: what the last committed run knew about every source (SQLite, WAL).

One row per source key: the content hash, size and mtime it had, the pipeline version and
options fingerprint that produced its output, its record id, status (ok | failed | removed,
the last for a record kept by ``--keep-removed``), the error line of a failed source, the
sha256 of its line in records.jsonl, and when it was first and last seen.

Only the commit protocol (``store.commit``) writes rows, inside one transaction per run,
so the manifest always describes one complete run. See ``store.commit`` for the order.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

MANIFEST = "manifest.sqlite"
SCHEMA_VERSION = 1

Status = Literal["ok", "failed", "removed"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    key              TEXT PRIMARY KEY,
    path             TEXT NOT NULL,
    record_id        TEXT NOT NULL,
    sha256           TEXT,
    size             INTEGER,
    mtime_ns         INTEGER,
    media_type       TEXT,
    pipeline_version TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'removed')),
    error            TEXT,
    record_sha256    TEXT,
    first_seen       TEXT NOT NULL,
    last_seen        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started     TEXT NOT NULL,
    finished    TEXT,
    fingerprint TEXT NOT NULL,
    added       INTEGER,
    changed     INTEGER,
    unchanged   INTEGER,
    removed     INTEGER,
    failed      INTEGER
);
CREATE TABLE IF NOT EXISTS state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(slots=True)
class Row:
    """One source as the last committed run left it."""

    key: str
    path: str
    record_id: str
    sha256: str | None
    size: int | None
    mtime_ns: int | None
    media_type: str | None
    pipeline_version: str
    fingerprint: str
    status: Status
    error: str | None  # the errors.jsonl line of a failed source
    record_sha256: str | None  # sha256 of its records.jsonl line (without the newline)
    first_seen: str
    last_seen: str


_COLUMNS = tuple(f.name for f in fields(Row))
_UPSERT = (
    f"INSERT INTO sources ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    "ON CONFLICT(key) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c not in ("key", "first_seen"))
)


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def _to_db(value: object) -> object:
    """A path that is not UTF-8 (lone surrogates) is stored as its bytes: a BLOB."""
    if isinstance(value, str) and not _encodable(value):
        return value.encode("utf-8", "surrogateescape")
    return value


def _from_db(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class ManifestError(RuntimeError):
    """The manifest cannot be opened or is from a newer ikz-extract."""


_TABLES = {
    "sources": set(_COLUMNS),
    "runs": {
        "id",
        "started",
        "finished",
        "fingerprint",
        "added",
        "changed",
        "unchanged",
        "removed",
        "failed",
    },
    "state": {"name", "value"},
}


def _check(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file, or a database that is not ours, before anything is written to it.

    ``quick_check`` reads every page (a damaged one would otherwise surface mid-run); the
    tables must be ours, with our columns: a foreign database is never altered.
    """
    problems = [str(row[0]) for row in db.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise ManifestError(
            f"{path} is damaged ({problems[0]}); move it away to start afresh "
            "(every document is then extracted again)"
        )
    tables = [
        str(row[0])
        for row in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        if not str(row[0]).startswith("sqlite_")
    ]
    for table in tables:
        columns = {
            str(row[0]) for row in db.execute("SELECT name FROM pragma_table_info(?)", (table,))
        }
        if _TABLES.get(table) != columns:
            raise ManifestError(
                f"{path} is not an ikz-extract manifest (table {table!r} is not ours); "
                "move it away or use a new output folder"
            )


class Manifest:
    """A connection to ``OUT/manifest.sqlite``; explicit transactions, nothing implicit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(path, isolation_level=None, timeout=30)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise ManifestError(
                    f"{path} was written by a newer ikz-extract (manifest schema {version}); "
                    "update ikz-extract or use a new output folder"
                )
            _check(self._db, path)  # before the first write
            self._db.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed run survives a power cut too, not only a killed process.
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise ManifestError(
                f"{path}: not a usable manifest ({exc}); move it away to start afresh "
                "(every document is then extracted again)"
            ) from exc

    @classmethod
    def open(cls, out_dir: Path) -> Manifest:
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / MANIFEST
        if path.is_symlink():  # SQLite would write wherever it leads
            raise ManifestError(f"{path} is a symbolic link; move it away or use a new folder")
        return cls(path)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT; any exception (or a killed process) rolls it back."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def rows(self) -> dict[str, Row]:
        """Every source row by key. Metadata only (no records), so this stays small."""
        cursor = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM sources")
        found: dict[str, Row] = {}
        for values in cursor:
            row = Row(*(_from_db(value) for value in values))
            found[row.key] = row
        return found

    def upsert(self, row: Row) -> None:
        """Insert or replace ``row``; ``first_seen`` of an existing key is kept."""
        self._db.execute(_UPSERT, [_to_db(getattr(row, name)) for name in _COLUMNS])

    def mark_seen(self, keys: list[str], when: str) -> None:
        """Unchanged sources: only ``last_seen`` moves (one statement for all of them)."""
        self._db.executemany(
            "UPDATE sources SET last_seen = ? WHERE key = ?", ((when, _to_db(k)) for k in keys)
        )

    def delete(self, key: str) -> None:
        self._db.execute("DELETE FROM sources WHERE key = ?", (_to_db(key),))

    def get_state(self, name: str) -> str | None:
        found = self._db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return None if found is None else str(found[0])

    def set_state(self, name: str, value: str | None) -> None:
        if value is None:
            self._db.execute("DELETE FROM state WHERE name = ?", (name,))
        else:
            self._db.execute(
                "INSERT INTO state (name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def start_run(self, fingerprint: str) -> int:
        """A new run id (committed at once, so staging folders never share a name)."""
        with self.transaction():
            cursor = self._db.execute(
                "INSERT INTO runs (started, fingerprint) VALUES (?, ?)", (now(), fingerprint)
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        """Record a run's counts; call inside the commit transaction."""
        self._db.execute(
            "UPDATE runs SET finished = ?, added = ?, changed = ?, unchanged = ?, removed = ?, "
            "failed = ? WHERE id = ?",
            (
                now(),
                counts["added"],
                counts["changed"],
                counts["unchanged"],
                counts["removed"],
                counts["failed"],
                run_id,
            ),
        )
