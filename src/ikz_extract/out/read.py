"""Read the records of an output folder back as models, for exports, reports and notebooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from ikz_extract.batch.merge import RECORDS
from ikz_extract.models import AnyRecord, record_adapter


class RecordsError(ValueError):
    """A records file that cannot be read: missing, or a line that is not a record."""


def records_path(out: str | Path) -> Path:
    """``OUT`` (a run's output folder) or the path of a records.jsonl itself."""
    path = Path(out)
    if path.is_dir():
        path = path / RECORDS
    if not path.is_file():
        raise RecordsError(f"{path}: no such file (run `ikz-extract run INPUTS --out OUT` first)")
    return path


def read_records(out: str | Path) -> Iterator[AnyRecord]:
    """Every record of ``OUT/records.jsonl`` (or of a records file), validated, one at a time."""
    path = records_path(out)
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield record_adapter.validate_json(line)
            except ValidationError as exc:
                raise RecordsError(
                    f"{path}:{number}: not a valid record ({exc.error_count()} errors: "
                    f"{exc.errors()[0]['msg']}); run `ikz-extract run` again to rewrite it"
                ) from exc
