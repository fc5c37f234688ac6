"""What a batch run is told (``RunSettings``) and what it reports (``Summary``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from ikz_extract.models import ErrorRecord

# Two workers and the parent within 6 GB: room beside other work on a 2-core, 24 GB machine.
DEFAULT_MAX_MEMORY = 2048 << 20


@dataclass(frozen=True, slots=True)
class RunSettings:
    """How to run a batch; unlike ``Options`` none of this changes a record."""

    workers: int | None = None  # None: one per CPU
    force: bool = False
    verify: bool = False
    keep_removed: bool = False
    prune: bool = False  # drop the records of inputs this run does not name
    timeout: float | None = 120.0  # seconds per document; None or 0: no limit
    max_memory: int | None = DEFAULT_MAX_MEMORY  # bytes of address space per worker; None: none
    executor: Literal["local", "dask"] = "local"  # where documents run (batch.executors)
    scheduler: str | None = None  # dask: tcp://host:8786; None: a LocalCluster of `workers`


@dataclass(slots=True)
class Summary:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0  # lines in errors.jsonl
    kept: int = 0  # records of gone sources still in records.jsonl (--keep-removed)
    unnamed: int = 0  # sources of earlier runs this run does not name, left as they were
    unnamed_failed: int = 0  # their lines in errors.jsonl (not in ``failed``: not this run's)
    stale: int = 0  # records kept after a transient failure (timeout, crash, ...)
    records: int = 0  # lines in records.jsonl
    extracted: int = 0  # documents run through the pipeline in this run
    reused: int = 0  # results taken over from a run that was killed
    ignored: int = 0  # inputs inside the output folder (our own files), left out
    with_warnings: int = 0  # records in records.jsonl with at least one warning
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
