"""A batch run: every source through the pipeline, results written atomically."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ikz_extract.discover import SourceFile
from ikz_extract.models import ErrorRecord, RecordBase
from ikz_extract.pipeline import Options, extract_or_error
from ikz_extract.store import atomic_write_lines

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"


@dataclass(slots=True)
class Summary:
    records: int = 0
    failed: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    errors: list[ErrorRecord] = field(default_factory=list)
    warnings: int = 0


def run_batch(
    sources: list[SourceFile],
    out_dir: Path,
    options: Options,
    on_done: Callable[[SourceFile], None] | None = None,
) -> Summary:
    records: list[RecordBase] = []
    summary = Summary()
    for source in sources:
        result = extract_or_error(source, options)
        if isinstance(result, ErrorRecord):
            summary.errors.append(result)
        else:
            records.append(result)
            summary.by_type[result.record_type] += 1
            summary.warnings += len(result.warnings)
        if on_done is not None:
            on_done(source)
    records.sort(key=lambda r: r.record_id)
    summary.records = len(records)
    summary.failed = len(summary.errors)
    atomic_write_lines(out_dir / RECORDS, (r.model_dump_json() for r in records))
    atomic_write_lines(out_dir / ERRORS, (e.model_dump_json() for e in summary.errors))
    return summary
