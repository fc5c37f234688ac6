"""The run's journal: every finished document appended as it arrives, in any order.

Records do not wait in memory for the end of the run: each result is one spool line
(``<header JSON>\\t<record or error JSON>\\n``) and the commit merges the spool, sorted by
record id, with the previous records.jsonl. A run killed half-way leaves its spool behind;
the next run reuses every entry whose source is still byte-identical, so finished work is
not done twice. A torn last line (the process died mid-write) is ignored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from ikz_extract.store.jsonl import dumps

SPOOL_PREFIX = "spool-"
SPOOL_SUFFIX = ".jsonl"


@dataclass(frozen=True, slots=True)
class Entry:
    """What the batch needs to know about a finished document, without its record."""

    key: str
    path: str
    record_id: str
    status: Literal["ok", "failed"]
    sha256: str | None
    size: int | None
    mtime_ns: int | None
    fingerprint: str
    media_type: str | None = None
    record_type: str | None = None
    pages: int = 0
    warnings: int = 0
    error_type: str | None = None


@dataclass(frozen=True, slots=True)
class Ref:
    """Where an entry's payload lies: the spool file, byte offset and length."""

    entry: Entry
    file: Path
    offset: int
    length: int


class SpoolWriter:
    """Appends entries; each is flushed to the OS at once, so a killed process keeps it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: BinaryIO = path.open("ab")
        self._offset = self._handle.tell()

    def append(self, entry: Entry, payload: str) -> Ref:
        header = dumps(asdict(entry))
        head = header.encode("utf-8") + b"\t"
        body = payload.encode("utf-8")
        self._handle.write(head + body + b"\n")
        self._handle.flush()
        ref = Ref(entry, self.path, self._offset + len(head), len(body))
        self._offset += len(head) + len(body) + 1
        return ref

    def sync(self) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()


def scan(path: Path) -> Iterator[Ref]:
    """Every complete entry of a spool file; stops at the first torn or garbled line."""
    offset = 0
    with path.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                return
            tab = line.find(b"\t")
            if tab < 0:
                return
            try:
                entry = Entry(**json.loads(line[:tab]))
            except (ValueError, TypeError):
                return
            yield Ref(entry, path, offset + tab + 1, len(line) - tab - 2)
            offset += len(line)


def spool_files(folder: Path) -> list[Path]:
    """The spool files in ``folder``, oldest run first (a later entry overrides an earlier)."""
    if not folder.is_dir():
        return []

    def run_number(path: Path) -> tuple[int, str]:
        digits = path.name[len(SPOOL_PREFIX) : -len(SPOOL_SUFFIX)]
        return (int(digits) if digits.isdigit() else -1, path.name)

    found = folder.glob(f"{SPOOL_PREFIX}*{SPOOL_SUFFIX}")
    # a link could lead outside OUT: never read (nor followed when deleted)
    return sorted((p for p in found if not p.is_symlink()), key=run_number)


class PayloadReader:
    """Reads payloads by reference, keeping one open handle per spool file."""

    def __init__(self) -> None:
        self._handles: dict[Path, BinaryIO] = {}

    def read(self, ref: Ref) -> str:
        handle = self._handles.get(ref.file)
        if handle is None:
            handle = self._handles[ref.file] = ref.file.open("rb")
        handle.seek(ref.offset)
        return handle.read(ref.length).decode("utf-8")

    def close(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()
